"""A chart: a matplotlib figure with its alt text, exportable as PNG and SVG.

Shown in a notebook or the book, a chart renders as an ``<img>`` with its alt text, so
every figure is described for screen readers without extra work.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from spark_kit.viz import svg_export
from spark_kit.viz.theme import rc_params


@dataclass
class Chart:
    figure: Figure
    alt_text: str
    title: str = ""

    def to_bytes(self, fmt: str = "png", dpi: int = 150) -> bytes:
        """The chart as ``png`` or ``svg`` bytes (SVG carries the alt text as its description)."""
        if fmt not in ("png", "svg"):
            raise ValueError(f"format must be png or svg, not {fmt!r}")
        FigureCanvasAgg(self.figure)
        buffer = io.BytesIO()
        metadata = {"Title": self.title, "Description": self.alt_text}
        with mpl.rc_context(rc_params()):  # SVG keeps text as text: small, fast, searchable
            self._settle_layout()
            if fmt == "svg":  # matplotlib's SVG canvas, remembering text measurements
                svg_export.FigureCanvas(self.figure)
            self.figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
        return buffer.getvalue()

    def _settle_layout(self) -> None:
        """Lay the figure out once and drop its layout engine, so that saving draws it once.

        With a layout engine, ``savefig`` draws the figure twice (once to lay it out, once
        to export it), and constrained layout lays it out again at each draw. The kit's own
        charts are placed when built (:func:`spark_kit.viz.layout.fit`); this covers the
        rest: a figure with constrained layout gets that layout once, here (a layout in
        figure fractions, the same at any dpi), and the placeholder engine that
        ``tight_layout`` leaves behind, which does nothing, is removed."""
        engine = self.figure.get_layout_engine()
        if engine is None:
            return
        if not isinstance(engine, PlaceHolderLayoutEngine):
            engine.execute(self.figure)
        self.figure.set_layout_engine(None)

    def svg_html(self, min_width: str = "760px") -> str:
        """Inline SVG, scaled to its container, with the alt text as its accessible name.

        Fast to redraw live (text stays text). Narrow screens scroll it sideways.
        """
        svg = self.to_bytes("svg").decode("utf-8")
        svg = svg[svg.index("<svg") :]
        opening, rest = svg.split(">", 1)
        opening = re.sub(r'\s(width|height)="[^"]*"', "", opening)
        label = html.escape(self.alt_text, quote=True)
        style = f"width:100%;min-width:{min_width};height:auto"
        return f'{opening} role="img" aria-label="{label}" style="{style}">{rest}'

    def html(self, dpi: int = 110, min_width: str = "900px") -> str:
        """An ``<img>`` with the PNG embedded and the alt text, in a container that scrolls
        sideways on narrow pages, so that a wide diagram keeps readable text."""
        data = base64.b64encode(self.to_bytes("png", dpi=dpi)).decode("ascii")
        return (
            '<div style="overflow-x:auto">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt_text)}" '
            f'style="width:100%;min-width:{min_width};max-width:none;height:auto" /></div>'
        )

    def _repr_html_(self) -> str:
        return self.html()
