"""The kit's chart theme: colour-blind-safe colours and type sizes readable on a projector.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
stays distinguishable with the common forms of colour blindness.
"""

from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
PALETTE = [
    OKABE_ITO[k]
    for k in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "sky_blue",
        "reddish_purple",
        "yellow",
    )
]

FONT_FAMILY = ["DejaVu Sans"]  # ships with matplotlib: same look everywhere, offline
BASE_FONT_SIZE = 12
TITLE_FONT_SIZE = 16
TEXT_COLOUR = "#1a1a1a"


def tint(hex_colour: str, amount: float) -> str:
    """Mix a colour with white: ``amount`` 0 gives the colour, 1 gives white."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


RC_PARAMS = {
    "font.family": FONT_FAMILY,
    "font.size": BASE_FONT_SIZE,
    "axes.titlesize": TITLE_FONT_SIZE,
    "axes.labelsize": BASE_FONT_SIZE,
    "axes.prop_cycle": None,  # filled in below
    "svg.fonttype": "none",  # text as text in SVG: smaller, searchable, and tests read it
    "figure.autolayout": False,  # the charts are laid out when built (viz.layout.fit)
    "figure.constrained_layout.use": False,
}


def rc_params() -> dict:
    from cycler import cycler

    return {**RC_PARAMS, "axes.prop_cycle": cycler(color=PALETTE)}
