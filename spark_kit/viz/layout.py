"""A fixed layout for the kit's charts, computed once when the chart is built.

Constrained layout finds the margins of a figure by laying out all of its text, twice, at
every draw, and saving a figure that has a layout engine draws it twice more (once to lay it
out, once to export it). ``tight_layout`` lays the text out once but leaves a placeholder
engine behind, so saving still draws twice. The apps redraw a chart after every edit, and on a
small machine that was most of a chart's time.

:func:`fit` does the same arithmetic once, when the chart is built: it measures the axes'
decorations (tick labels, axis labels, titles, legends, texts) with a renderer kept for the
process, whose text measurements are cached and shared by every chart (the same tick labels,
titles and legends come back at every redraw), places the axes so that everything fits with
the chosen padding, and removes the layout engine, so that exporting draws the figure once.

* ``fit(figure, ax)`` with the default :data:`CONSTRAINED_PAD` places the axes as constrained
  layout does (3 points between the figure's edge and the outermost text; a figure legend or
  a ``suptitle`` given its own band with 3 points on each side; several axes in a grid keep
  their width and height ratios and the grid's spacing);
* ``fit(figure, ax, pad=TIGHT_PAD, passes=1)`` places it as ``figure.tight_layout()`` does
  (1.08 times the font size from the edge, measured once).

The places are those constrained layout and ``tight_layout`` compute, to a fraction of a
pixel, with one exception: constrained layout always measures twice, :func:`fit` measures
again only when the ticks have changed, so a tick label that sticks out past the end of an
axis can leave a margin a few pixels wider than constrained layout's.
"""

from __future__ import annotations

import threading

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from spark_kit.viz.theme import BASE_FONT_SIZE

CONSTRAINED_PAD = mpl.rcParamsDefault["figure.constrained_layout.w_pad"]  # inches (3 pt)
TIGHT_PAD = 1.08 * BASE_FONT_SIZE / 72  # inches: tight_layout's default pad (1.08 font sizes)

_renderers: dict[float, RendererAgg] = {}
_lock = threading.RLock()


def measuring_renderer(dpi: float) -> RendererAgg:
    """A renderer kept for the process, used only to measure text at ``dpi``.

    matplotlib caches text measurements per renderer; keeping one renderer means that a
    tick label or a title measured for one chart is not measured again for the next."""
    with _lock:
        renderer = _renderers.get(dpi)
        if renderer is None:
            renderer = _renderers[dpi] = RendererAgg(1, 1, dpi)
        return renderer


def fit(
    figure: Figure,
    axes=None,
    *,
    pad: float = CONSTRAINED_PAD,
    above: tuple[Artist, ...] = (),
    below: tuple[Artist, ...] = (),
    passes: int = 2,
) -> None:
    """Place the axes so that their decorations (tick labels, axis labels, titles, legends,
    texts) fit in the figure, and remove the figure's layout engine.

    ``axes``: one axes, or a list of axes each in one cell of the same grid (as from
    ``figure.subplots(rows, columns, width_ratios=..., height_ratios=...)``); default: all of
    the figure's axes. The cells keep their width and height ratios, and neighbouring cells
    keep the grid's ``wspace``/``hspace`` (constrained layout's 0.02 when the grid has none).
    ``pad`` (inches) is left between the figure's edge and the outermost text, and between
    neighbours. ``above`` and ``below`` are figure-level artists (a ``suptitle``, a figure
    legend at the bottom) that keep their own band at the top or bottom, ``pad`` on each
    side, as in constrained layout. With ``passes`` = 2 it measures again after the first
    placement, as constrained layout does, if the ticks have changed: their number can
    depend on the axes' size. The figure is then drawn once when exported.
    """
    if axes is None:
        axes = list(figure.axes)
    elif not isinstance(axes, list | tuple):
        axes = [axes]
    with _lock:
        renderer = measuring_renderer(figure.dpi)
        pad_px = pad * figure.dpi
        bands = (
            sum(_band(a, renderer) + 2 * pad_px for a in above),
            sum(_band(a, renderer) + 2 * pad_px for a in below),
        )
        ticks = None
        for _ in range(max(passes, 1)):
            if ticks is not None and _tick_locations(axes) == ticks:
                break  # the same ticks at the new size: the margins would not change
            ticks = _tick_locations(axes)
            boxes = _grid_boxes(figure, axes, renderer, pad_px, bands)
            if boxes is None:
                return  # the text does not fit at all: keep matplotlib's default places
            for ax, box in zip(axes, boxes, strict=True):
                ax.set_position(box)
    figure.set_layout_engine(None)


def _grid_boxes(figure, axes, renderer, pad_px, bands) -> list[Bbox] | None:
    """Each axes' place (figure fractions), from its decorations as they are now."""
    width, height = figure.bbox.width, figure.bbox.height
    specs = [ax.get_subplotspec() for ax in axes]
    grid = specs[0].get_gridspec() if specs[0] is not None else None
    rows, columns = grid.get_geometry() if grid is not None else (1, 1)
    cells = [(s.rowspan.start, s.colspan.start) if s is not None else (0, 0) for s in specs]
    # the decorations of each column and row: the widest of its axes (pixels)
    left, right, top, bottom = [0.0] * columns, [0.0] * columns, [0.0] * rows, [0.0] * rows
    for ax, (row, column) in zip(axes, cells, strict=True):
        position = ax.get_window_extent(renderer)
        tight = ax.get_tightbbox(renderer, for_layout_only=True)
        left[column] = max(left[column], position.x0 - tight.x0)
        right[column] = max(right[column], tight.x1 - position.x1)
        top[row] = max(top[row], tight.y1 - position.y1)
        bottom[row] = max(bottom[row], position.y0 - tight.y0)
    # the space around each cell: the pad at the figure's edge, between cells half the
    # grid's wspace/hspace per side if that is more (as constrained layout does)
    wspace, hspace = _spacing(grid)
    between_x = max(pad_px, wspace / 2 / columns * width)
    between_y = max(pad_px, hspace / 2 / rows * height)
    for column in range(columns):
        left[column] += pad_px if column == 0 else between_x
        right[column] += pad_px if column == columns - 1 else between_x
    for row in range(rows):
        top[row] += (pad_px + bands[0]) if row == 0 else between_y
        bottom[row] += (pad_px + bands[1]) if row == rows - 1 else between_y
    width_ratios = grid.get_width_ratios() if grid is not None else [1]
    height_ratios = grid.get_height_ratios() if grid is not None else [1]
    inner_width = width - sum(left) - sum(right)
    inner_height = height - sum(top) - sum(bottom)
    if inner_width <= 0 or inner_height <= 0:
        return None
    xs, x = [], 0.0
    for column in range(columns):
        x += left[column]
        cell = inner_width * width_ratios[column] / sum(width_ratios)
        xs.append((x, x + cell))
        x += cell + right[column]
    ys, y = [], height
    for row in range(rows):  # rows run from the top
        y -= top[row]
        cell = inner_height * height_ratios[row] / sum(height_ratios)
        ys.append((y - cell, y))
        y -= cell + bottom[row]
    return [
        Bbox.from_extents(
            xs[column][0] / width, ys[row][0] / height, xs[column][1] / width, ys[row][1] / height
        )
        for row, column in cells
    ]


def _spacing(grid) -> tuple[float, float]:
    """The grid's wspace and hspace (fractions), or constrained layout's defaults."""
    wspace = getattr(grid, "wspace", None)
    hspace = getattr(grid, "hspace", None)
    wspace = mpl.rcParamsDefault["figure.constrained_layout.wspace"] if wspace is None else wspace
    hspace = mpl.rcParamsDefault["figure.constrained_layout.hspace"] if hspace is None else hspace
    return wspace, hspace


def fits_across(figure: Figure, artist: Artist, pad: float = CONSTRAINED_PAD) -> bool:
    """Is ``artist`` (a legend, say) no wider than the figure less ``pad`` on each side?"""
    with _lock:
        width = artist.get_window_extent(measuring_renderer(figure.dpi)).width
    return width <= figure.bbox.width - 2 * pad * figure.dpi


def _tick_locations(axes) -> list[tuple[float, ...]]:
    """Where the ticks fall: their number can depend on the axes' size."""
    return [tuple(axis.get_majorticklocs()) for ax in axes for axis in (ax.xaxis, ax.yaxis)]


def _band(artist: Artist, renderer: RendererAgg) -> float:
    """The height (pixels) of a figure-level artist's band."""
    return artist.get_window_extent(renderer).height


def top_y(figure: Figure, pad: float = CONSTRAINED_PAD) -> float:
    """The figure coordinate ``pad`` inches below the top: where constrained layout puts a
    ``suptitle`` (``va="top"``)."""
    return 1 - pad / figure.get_figheight()


def bottom_y(figure: Figure, pad: float = CONSTRAINED_PAD) -> float:
    """The figure coordinate ``pad`` inches above the bottom (for a ``supxlabel``)."""
    return pad / figure.get_figheight()


__all__ = [
    "CONSTRAINED_PAD",
    "TIGHT_PAD",
    "bottom_y",
    "fit",
    "fits_across",
    "measuring_renderer",
    "top_y",
]
