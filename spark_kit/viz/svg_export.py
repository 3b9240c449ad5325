"""SVG export that remembers how large each piece of text is, from one chart to the next.

To place text (centred labels, tick labels, the lines of a wrapped box label), matplotlib
measures every string with FreeType while it draws, and forgets the result when the drawing
is done. The apps redraw the same chart after every edit, with nearly all of its text
unchanged, so the measuring was repeated each time; for a chart with a lot of text, such as
the logic model diagram, it was about half of the export. :class:`FigureCanvas` is
matplotlib's SVG canvas with one change: its renderer keeps the measurements (width, height
and descent of a string in a font at a size) for the process. The SVG written is the same.
"""

from __future__ import annotations

import codecs

from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.font_manager import findfont

MAX_MEASUREMENTS = 20_000  # a few MB at most; the cache starts afresh when it is full

_measurements: dict[tuple, tuple[float, float, float]] = {}


class CachedTextRendererSVG(RendererSVG):
    """matplotlib's SVG renderer, measuring each plain string once per font and size."""

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:  # mathtext and TeX: as matplotlib does it
            return super().get_text_width_height_descent(s, prop, ismath)
        key = (s, findfont(prop), tuple(prop.get_family()), prop.get_size_in_points())
        found = _measurements.get(key)
        if found is None:
            found = super().get_text_width_height_descent(s, prop, ismath)
            if len(_measurements) >= MAX_MEASUREMENTS:
                _measurements.clear()
            _measurements[key] = found
        return found


class FigureCanvas(FigureCanvasSVG):
    """matplotlib's SVG canvas, drawing with :class:`CachedTextRendererSVG`."""

    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_ignored):
        # As FigureCanvasSVG.print_svg, with the renderer above. ``savefig`` also passes dpi,
        # facecolor, edgecolor and orientation, which matplotlib drops for its own SVG canvas
        # (it has already applied them to the figure).
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as fh:
            if not cbook.file_requires_unicode(fh):
                fh = codecs.getwriter("utf-8")(fh)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            renderer = MixedModeRenderer(
                self.figure,
                width,
                height,
                dpi,
                CachedTextRendererSVG(
                    width * 72, height * 72, fh, image_dpi=dpi, metadata=metadata
                ),
                bbox_inches_restore=bbox_inches_restore,
            )
            self.figure.draw(renderer)
            renderer.finalize()


__all__ = ["MAX_MEASUREMENTS", "CachedTextRendererSVG", "FigureCanvas"]
