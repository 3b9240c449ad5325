"""The gallery server as started by ``spark-kit start``: where it listens, the access token
of ``--lan`` (link, QR code, cookie), and Voilà's refusal of code sent by a browser.
"""

from __future__ import annotations

import json
import re
import socket
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timezone

import psutil
import pytest
import websocket
from playwright.sync_api import expect

from spark_kit.lan import lan_addresses, qr_text

pytestmark = pytest.mark.browser

APP_PATH = "/voila/render/effektlogik.ipynb"
# What a browser (or a bot on the meetup's network) might ask for; all are behind the gate.
GATED_PATHS = [
    "/",
    APP_PATH,
    "/voila/static/voila.js",
    "/voila/templates/lab/static/index.css",
    "/spark-kit/health",
]
DENIED = "Åtkomst nekad"
QR_BLOCKS = set("█▀▄")


def http_get(url: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def listening_addresses(pid: int, port: int) -> set[str]:
    process = psutil.Process(pid)
    connections = getattr(process, "net_connections", process.connections)(kind="inet")
    return {
        c.laddr.ip for c in connections if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    }


def connects(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except OSError:
        return False


def kernel_message(msg_type: str, content: dict, session: str) -> str:
    header = {
        "msg_id": uuid.uuid4().hex, "username": "probe", "session": session,
        "msg_type": msg_type, "version": "5.3", "date": datetime.now(timezone.utc).isoformat(),
    }  # fmt: skip
    return json.dumps({"header": header, "parent_header": {}, "metadata": {},
                       "content": content, "channel": "shell", "buffers": []})  # fmt: skip


def replies(ws, seconds: float) -> list[dict]:
    """Every message the kernel websocket sends within ``seconds``."""
    received = []
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ws.settimeout(left)
        try:
            received.append(json.loads(ws.recv()))
        except (websocket.WebSocketTimeoutException, TimeoutError):
            break
    return received


# --- on the trainer's laptop --------------------------------------------------------------


def test_listens_on_localhost_only(gallery_server):
    port = gallery_server.port
    assert f"http://localhost:{port}/" in gallery_server.output()
    assert "token=" not in gallery_server.output()
    assert listening_addresses(gallery_server.process.pid, port) == {"127.0.0.1"}
    assert connects("127.0.0.1", port)
    status, body = http_get(f"http://127.0.0.1:{port}/")
    assert status == 200 and "Effektlogik" in body
    for address in lan_addresses():
        assert not connects(address, port), f"reachable from the network at {address}"


def test_code_sent_by_a_browser_is_not_run(app, gallery_server, tmp_path):
    target = tmp_path / "intrang.txt"
    session = uuid.uuid4().hex
    url = f"ws://127.0.0.1:{gallery_server.port}/api/kernels/{app.kernel_id()}/channels"
    ws = websocket.create_connection(f"{url}?session_id={session}", timeout=10)
    try:
        # The channel works: the kernel answers what Voilà allows.
        ws.send(kernel_message("kernel_info_request", {}, session))
        types = [message["msg_type"] for message in replies(ws, 10)]
        assert "kernel_info_reply" in types

        code = f"open({str(target)!r}, 'w').write('kod från webbläsaren')"
        content = {"code": code, "silent": False, "store_history": False,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}  # fmt: skip
        ws.send(kernel_message("execute_request", content, session))
        types = [message["msg_type"] for message in replies(ws, 2.5)]
    finally:
        ws.close()
    assert not target.exists(), "an execute_request from the browser ran"
    assert "execute_reply" not in types and "execute_input" not in types
    log = gallery_server.output()
    assert 'Received message of type "execute_request", which is not allowed' in log

    # The app itself still works.
    app.add_element("Aktiviteter", "Efter försöket")
    expect(app.findings).to_contain_text("A5")


# --- at the meetup: --lan -----------------------------------------------------------------

# The same gated server for a machine without a network: a token, on localhost.
GATED_ON_LOCALHOST = """
import sys
from spark_kit.serve import ServeOptions, new_token, serve
options = ServeOptions(port=int(sys.argv[1]), token=new_token(), open_browser=False)
print(f"http://127.0.0.1:{options.port}/?token={options.token}", flush=True)
serve(options)
"""


@pytest.fixture(scope="module")
def gated_server(launch):
    """``spark-kit start --lan``; where the machine has no network (so the command refuses,
    see below), the server it would start, with a token, on localhost."""
    addresses = lan_addresses()
    if addresses:
        return launch("--lan", host=addresses[0])
    return launch(command=[sys.executable, "-c", GATED_ON_LOCALHOST, "{port}"])


def printed_address(server) -> re.Match:
    found = re.search(r"http://([0-9.]+):(\d+)/\?token=([A-Za-z0-9_\-]+)", server.output())
    assert found, server.output()
    return found


def test_lan_prints_a_token_address_and_a_qr_code(gated_server, spark_kit, unused_port):
    if not lan_addresses():
        # No network to open to: the command says so, in Swedish, and stops with status 2.
        result = spark_kit("start", "--no-browser", "--port", str(unused_port), "--lan")
        assert result.returncode == 2, result
        assert "Hittade inget lokalt nätverk" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert not connects("127.0.0.1", unused_port)
        return
    output = gated_server.output()
    found = printed_address(gated_server)
    address, port, token = found.group(1), int(found.group(2)), found.group(3)
    assert address == lan_addresses()[0]
    assert port == gated_server.port
    assert token == gated_server.token and len(token) >= 16
    assert "lokala nätverket" in output and "QR-koden" in output
    qr_lines = [line for line in output.splitlines() if line and set(line) <= QR_BLOCKS | {" "}]
    assert len(qr_lines) >= 15, output
    assert len({len(line) for line in qr_lines}) == 1, "the QR code is not a rectangle"
    assert qr_text(found.group(0)) in output, "the QR code is not the printed address"
    assert listening_addresses(gated_server.process.pid, port) == {"0.0.0.0"}


def test_lan_refuses_every_request_without_the_token(gated_server):
    for path in GATED_PATHS:
        status, body = http_get(gated_server.url(path))
        assert status == 403, f"{path} without the token: {status}"
        assert DENIED in body and "Traceback" not in body
        status, _ = http_get(f"{gated_server.url(path)}?token=wrong-{gated_server.token}")
        assert status == 403, f"{path} with a wrong token: {status}"
        status, _ = http_get(gated_server.url(path), {"Cookie": "spark_kit_access=forged"})
        assert status == 403, f"{path} with a forged cookie: {status}"
    for path in GATED_PATHS:
        status, body = http_get(gated_server.url(path, token=True))
        assert status == 200, f"{path} with the token: {status}"
        assert DENIED not in body


def test_lan_token_link_lets_the_browser_in(gated_server, make_page, effektlogik, no_traceback):
    link = printed_address(gated_server).group(0)

    # A participant scans the QR code: the gallery opens and leaves a cookie behind.
    participant = make_page()
    reply = participant.goto(link)
    assert reply.status == 200
    expect(participant.get_by_role("link", name="Effektlogik", exact=True)).to_be_visible()
    cookies = {c["name"]: c for c in participant.context.cookies()}
    assert cookies["spark_kit_access"]["httpOnly"]
    assert gated_server.token not in cookies["spark_kit_access"]["value"]

    # The app's own address, without the token, now works, websocket and all.
    reply = participant.goto(gated_server.url(APP_PATH))
    assert reply.status == 200
    app = effektlogik(participant).wait_until_interactive()
    app.add_element("Aktiviteter", "Via nätverket")
    expect(app.findings).to_contain_text("Aktiviteten A5 ”Via nätverket”")
    no_traceback(participant)

    # Without the cookie, the kernel's websocket is closed to others on the network.
    channels = (
        f"ws://{gated_server.host}:{gated_server.port}/api/kernels/{app.kernel_id()}/channels"
    )
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(channels, timeout=10)
    assert refused.value.status_code == 403

    # Someone who only guesses the address gets the refusal, not the app.
    stranger = make_page()
    reply = stranger.goto(gated_server.url(APP_PATH))
    assert reply.status == 403
    expect(stranger.locator("body")).to_contain_text(DENIED)
    assert stranger.locator(".spark-app").count() == 0
