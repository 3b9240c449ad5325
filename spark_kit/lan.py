"""The meetup's local-network address and a QR code for it, for participants' phones.

The address is read from the network interfaces (psutil); nothing is sent anywhere.
"""

from __future__ import annotations

import io
import ipaddress

import psutil
import segno


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine on a local network, private ranges first."""
    found = []
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family.name != "AF_INET":
                continue
            ip = ipaddress.ip_address(address.address)
            if ip.is_loopback or ip.is_link_local:
                continue
            found.append(ip)
    found.sort(key=lambda ip: (not ip.is_private, str(ip)))
    return [str(ip) for ip in found]


def qr_text(url: str) -> str:
    """The QR code of ``url`` drawn with block characters, for a terminal."""
    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()
