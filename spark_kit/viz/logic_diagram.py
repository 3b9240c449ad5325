"""The chain diagram of a logic model: one column per level, left to right.

Drawn with matplotlib alone (no Graphviz or other system binaries). Labels are wrapped,
each level has its own colour (Okabe–Ito) and a heading, and boxes within a column are
ordered by where their predecessors sit, to keep arrows short and crossings few.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from spark_kit.i18n import resolve_lang, t
from spark_kit.impact.logic_model import Element, Level, LogicModel
from spark_kit.viz.chart import Chart
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params, tint

LEVEL_COLOURS = {
    Level.NEED: OKABE_ITO["vermillion"],
    Level.INPUT: OKABE_ITO["sky_blue"],
    Level.ACTIVITY: OKABE_ITO["orange"],
    Level.OUTPUT: OKABE_ITO["yellow"],
    Level.OUTCOME: OKABE_ITO["bluish_green"],
    Level.IMPACT: OKABE_ITO["blue"],
}

COLUMN_WIDTH = 2.7  # inches
BOX_WIDTH = 2.25
LINE_HEIGHT = 0.2
BOX_PADDING = 0.22
GAP = 0.28
HEADER_HEIGHT = 0.75
WRAP = 24
FONT_SIZE = 10.5
ARROW_GAP = 2 / 72  # inches: arrows stop 2 points short of the boxes


@dataclass
class _Box:
    element: Element
    lines: list[str]
    x: float = 0.0
    y: float = 0.0  # centre

    @property
    def height(self) -> float:
        return len(self.lines) * LINE_HEIGHT + BOX_PADDING


def _label(element: Element, lang: str) -> list[str]:
    text = element.text
    if element.horizon is not None:
        text += f" ({t(f'horizon.{element.horizon.value}', lang)})"
    return textwrap.wrap(f"{element.id}: {text}", WRAP, break_long_words=True) or [element.id]


def _layout(model: LogicModel, lang: str) -> tuple[dict[str, _Box], float]:
    columns: list[list[_Box]] = []
    rank: dict[str, float] = {}
    for level in Level:
        boxes = [_Box(e, _label(e, lang)) for e in model.by_level(level)]

        def barycentre(box: _Box, index: int) -> tuple[float, int]:
            before = [rank[p] for p in model.predecessors(box.element.id) if p in rank]
            return (sum(before) / len(before) if before else float("inf"), index)

        order = sorted(range(len(boxes)), key=lambda i: barycentre(boxes[i], i))
        boxes = [boxes[i] for i in order]
        for position, box in enumerate(boxes):
            rank[box.element.id] = position
        columns.append(boxes)
    heights = [sum(b.height for b in col) + GAP * max(len(col) - 1, 0) for col in columns]
    total = max([*heights, 1.0]) + HEADER_HEIGHT + GAP
    boxes_by_id: dict[str, _Box] = {}
    for index, (col, height) in enumerate(zip(columns, heights, strict=True)):
        top = total - HEADER_HEIGHT - (total - HEADER_HEIGHT - height) / 2
        for box in col:
            box.x = index * COLUMN_WIDTH + COLUMN_WIDTH / 2
            box.y = top - box.height / 2
            top -= box.height + GAP
            boxes_by_id[box.element.id] = box
    return boxes_by_id, total


def draw_logic_model(model: LogicModel, lang: str | None = None, title: str = "") -> Chart:
    """The chain diagram of ``model`` as a :class:`~spark_kit.viz.Chart` with alt text."""
    lang = resolve_lang(lang)
    with mpl.rc_context(rc_params()):
        boxes, height = _layout(model, lang)
        width = COLUMN_WIDTH * len(Level)
        figure = Figure(figsize=(width, height + (0.5 if title else 0)))
        ax = figure.add_axes((0, 0, 1, height / (height + (0.5 if title else 0))))
        ax.set_xlim(0, width)
        ax.set_ylim(0, height)
        ax.set_axis_off()
        if title:
            figure.suptitle(title, fontsize=15, y=0.995, color=TEXT_COLOUR)
        _draw_headers(ax, height, lang, model)
        for link in model.links:
            _draw_arrow(ax, boxes[link.source], boxes[link.target])
        for box in boxes.values():
            _draw_box(ax, box)
    return Chart(figure, logic_model_alt_text(model, lang, title), title)


def _draw_headers(ax, height: float, lang: str, model: LogicModel) -> None:
    for index, level in enumerate(Level):
        x = index * COLUMN_WIDTH + COLUMN_WIDTH / 2
        label = "\n".join(textwrap.wrap(level.label(lang), 20))
        ax.text(
            x,
            height - HEADER_HEIGHT / 2,
            label,
            ha="center",
            va="center",
            fontsize=FONT_SIZE + 1.5,
            fontweight="bold",
            color=TEXT_COLOUR,
        )
        ax.plot(
            [x - BOX_WIDTH / 2, x + BOX_WIDTH / 2],
            [height - HEADER_HEIGHT + 0.05] * 2,
            color=LEVEL_COLOURS[level],
            linewidth=4,
            solid_capstyle="butt",
        )
        if not model.by_level(level):
            ax.text(
                x,
                (height - HEADER_HEIGHT) / 2,
                t("diagram.empty", lang),
                ha="center",
                va="center",
                fontsize=FONT_SIZE,
                color="#555555",
                style="italic",
            )


def _draw_box(ax, box: _Box) -> None:
    colour = LEVEL_COLOURS[box.element.level]
    ax.add_artist(
        FancyBboxPatch(
            (box.x - BOX_WIDTH / 2, box.y - box.height / 2),
            BOX_WIDTH,
            box.height,
            boxstyle="round,pad=0,rounding_size=0.08",
            facecolor=tint(colour, 0.78),
            edgecolor=colour,
            linewidth=1.8,
            zorder=3,
        )
    )
    ax.text(
        box.x,
        box.y,
        "\n".join(box.lines),
        ha="center",
        va="center",
        fontsize=FONT_SIZE,
        color=TEXT_COLOUR,
        zorder=4,
        linespacing=1.25,
    )


def _draw_arrow(ax, source: _Box, target: _Box) -> None:
    if source.x == target.x:  # within a level: curve round the right-hand side
        start = (source.x + BOX_WIDTH / 2, source.y)
        end = (target.x + BOX_WIDTH / 2, target.y)
        rad = -0.5 if source.y > target.y else 0.5
    else:
        start = (source.x + BOX_WIDTH / 2, source.y)
        end = (target.x - BOX_WIDTH / 2, target.y)
        rad = 0.12 * (round((target.x - source.x) / COLUMN_WIDTH) - 1)
    start, end = _shrink(start, end, rad, ARROW_GAP)
    ax.add_artist(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=14,
            linewidth=1.3,
            color="#444444",
            connectionstyle=f"arc3,rad={rad}",
            zorder=2,
            shrinkA=0,  # shortened above: matplotlib would search the curve for the cut
            shrinkB=0,
        )
    )


def _shrink(start, end, rad: float, gap: float):
    """Both ends of an ``arc3`` arrow moved ``gap`` (inches, the axes' data unit) towards
    the curve's control point: the arrow stops short of the boxes by ``gap``, as
    matplotlib's ``shrinkA``/``shrinkB`` do, without searching the curve for the cut."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    control = ((x1 + x2) / 2 + rad * dy, (y1 + y2) / 2 - rad * dx)  # as ConnectionStyle.Arc3

    def towards(x: float, y: float) -> tuple[float, float]:
        ux, uy = control[0] - x, control[1] - y
        length = math.hypot(ux, uy)
        if length <= gap:
            return x, y
        return x + gap * ux / length, y + gap * uy / length

    return towards(x1, y1), towards(x2, y2)


def logic_model_alt_text(model: LogicModel, lang: str | None = None, title: str = "") -> str:
    """A text description of the diagram: each level's elements, then where arrows go."""
    lang = resolve_lang(lang)
    parts = [t("diagram.alt_intro", lang, title=title or t("diagram.default_title", lang))]
    for level in Level:
        elements = model.by_level(level)
        names = "; ".join(f"{e.id} {e.text}" for e in elements) or t("diagram.empty", lang)
        parts.append(f"{level.label(lang)} ({len(elements)}): {names}.")
    if model.links:
        arrows = ", ".join(f"{lk.source} → {lk.target}" for lk in model.links)
        parts.append(t("diagram.alt_arrows", lang, arrows=arrows))
    return " ".join(parts)
