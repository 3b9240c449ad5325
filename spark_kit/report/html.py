"""The report as one self-contained HTML page, printable on A4.

Everything is in the page: the CSS is inline, the charts are inline SVG (text stays text,
so the page is searchable and prints sharp), and nothing is loaded from elsewhere — no
stylesheet, script, font or image link. Sources are plain ``<a href>`` links. Every text
from the assessment is escaped (Jinja2 with autoescape); every chart carries its alt text
as ``aria-label`` and ``<title>``, and the same text under the chart.
"""

from __future__ import annotations

import html
import math
import re
from functools import cache
from pathlib import Path

import matplotlib as mpl
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from spark_kit import __version__
from spark_kit.i18n import format_date, format_money, format_number, format_percent, t
from spark_kit.report.content import ReportContent, Value
from spark_kit.viz.chart import Chart
from spark_kit.workbook.cells import share_decimals

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE = "report.html"
#: Fonts tried for chart text when DejaVu Sans (matplotlib's font) is not installed: Verdana
#: has nearly the same widths, so labels keep their places.
CHART_FONTS = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, sans-serif"


def format_value(value: Value, lang: str) -> str:
    """A :class:`Value` as text in ``lang``: money, numbers and percentages through Babel."""
    raw = value.raw
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return value.missing
    kind = value.kind
    if kind == "text":
        return str(raw)
    if kind == "money":
        decimals = 2 if value.decimals is None else value.decimals
        amount = round(raw) if decimals == 0 else raw
        return format_money(amount, lang, currency=value.currency, decimals=decimals)
    if kind == "ratio":
        return format_number(raw, lang, 2) + value.suffix
    if kind == "share":
        return format_percent(raw, lang, share_decimals(raw))
    if kind == "percent":
        return format_percent(raw, lang, value.decimals or 0)
    if kind == "integer":
        return format_number(raw, lang, 0) + value.suffix
    if kind == "year":
        return str(raw)
    if kind == "date":
        return format_date(raw, lang)
    return format_number(raw, lang, value.decimals) + value.suffix


def inline_svg(chart: Chart, uid: str) -> str:
    """The chart as inline SVG for the page: ids made unique with ``uid`` (several charts
    share one document), no metadata, a font list that falls back gracefully, and the alt
    text as the accessible name (``role="img"``, ``aria-label`` and ``<title>``)."""
    with mpl.rc_context({"svg.hashsalt": uid}):  # the same page for the same content
        svg = chart.to_bytes("svg").decode("utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<title\s*/>|<title>.*?</title>", "", svg, count=1, flags=re.S)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{uid}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{uid}-\1)", svg)
    svg = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{uid}-\2"', svg)
    svg = svg.replace("font-family: 'DejaVu Sans'", f"font-family: {CHART_FONTS}")
    opening, rest = svg.split(">", 1)
    opening = re.sub(r'\s(width|height)="[^"]*"', "", opening)
    label = html.escape(chart.alt_text, quote=True)
    return (
        f'{opening} role="img" aria-label="{label}" class="chart">'
        f"<title>{html.escape(chart.alt_text, quote=False)}</title>{rest}"
    )


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment


def render_html(content: ReportContent) -> str:
    """The page for ``content`` (charts drawn now)."""
    lang = content.lang
    charts: dict[str, dict[str, str]] = {}
    for section in content.sections:
        for block in section.blocks:
            if block.kind == "figure":
                chart = block.draw()
                charts[block.key] = {
                    "svg": Markup(inline_svg(chart, f"c-{block.key.replace('_', '-')}")),
                    "title": chart.title,
                    "alt": chart.alt_text,
                }
    profile = content.assessment.profile
    template = _environment().get_template(TEMPLATE)
    return template.render(
        lang=lang,
        t=lambda key, **params: t(key, lang, **params),
        fmt=lambda value: format_value(value, lang),
        profile=profile,
        content=content,
        cover=content.cover,
        sections=content.sections,
        charts=charts,
        version=__version__,
        generated=format_date(content.generated, lang),
        generated_iso=content.generated.isoformat(),
        title=t("report.title", lang),
        fictional_mark=Markup(_css_string(t("report.fictional_short", lang))),
    )


def _css_string(text: str) -> str:
    """Text safe inside a CSS string in a ``<style>`` element."""
    return "".join(c if c.isalnum() or c in " –-.,:;()" else f"\\{ord(c):x} " for c in text)


__all__ = ["format_value", "inline_svg", "render_html"]
