"""Small pieces of HTML for the panels' ``w.HTML`` widgets: headings, paragraphs, a badge,
tables and charts in a sideways-scrolling box (readable at 390 px), folded sections.

Every piece escapes the text it is given (a table's cells too, unless told they are
already safe HTML); the classes are those of ``style.css``.
"""

from __future__ import annotations

import html

TABLE_STYLE = "border-collapse:collapse;margin:0.3em 0 0.6em"
CELL_STYLE = "padding:0.25em 0.6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top"
NUMBER_STYLE = CELL_STYLE.replace("text-align:left", "text-align:right") + ";white-space:nowrap"


def esc(text: object) -> str:
    """``text`` as HTML text (``str`` of it, escaped)."""
    return html.escape(str(text))


def heading(text: str, level: int = 3) -> str:
    """A heading; level 3 by default, under the frame's title (h1) and step (h2)."""
    return f'<h{level} class="spark-h{level}">{esc(text)}</h{level}>'


def paragraph(text: str, css: str = "") -> str:
    """A paragraph of plain text, with the CSS class ``css`` if given."""
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{esc(text)}</p>"


def badge(text: str) -> str:
    """A small marker after a text, such as "fiktivt exempel" (with a space before it)."""
    return f' <span class="spark-badge">{esc(text)}</span>'


def html_table(
    headers: list[str],
    rows: list[list[str]],
    numeric: set[int] | frozenset[int] = frozenset(),
    caption: str = "",
    escape: bool = True,
) -> str:
    """A table in a box that scrolls sideways on a phone; columns in ``numeric`` align right.
    Cells are escaped unless ``escape`` is False (then they must be safe HTML); headers and
    the caption are always escaped."""
    cell = esc if escape else str

    def style(index: int) -> str:
        return NUMBER_STYLE if index in numeric else CELL_STYLE

    head = "".join(
        f'<th scope="col" style="{style(i)}">{esc(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{style(i)}">{cell(v)}</td>' for i, v in enumerate(r))
        + "</tr>"
        for r in rows
    )
    cap = f"<caption style='text-align:left;font-weight:600'>{esc(caption)}</caption>"
    return (
        f'<div class="spark-scroll"><table class="spark-table" style="{TABLE_STYLE}">'
        f"{cap if caption else ''}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def chart_html(chart, min_width: str | None = None) -> str:
    """A :class:`~spark_kit.viz.chart.Chart` as inline SVG (named by its alt text) in a
    sideways-scrolling box; ``min_width`` replaces the chart's own smallest width."""
    svg = chart.svg_html() if min_width is None else chart.svg_html(min_width)
    return f'<div class="spark-scroll">{svg}</div>'


def folded(summary: str, body: str, open_: bool = False) -> str:
    """A ``<details>`` section: ``summary`` (plain text) shown, ``body`` (HTML) folded."""
    opened = " open" if open_ else ""
    return (
        f'<details class="spark-details"{opened}><summary style="cursor:pointer;font-weight:600">'
        f"{esc(summary)}</summary>{body}</details>"
    )
