"""De minimis usage over time: the aid counted over a rolling three years against the ceiling.

A :class:`~spark_kit.viz.Chart` with alt text that states the ceiling, the peak and the last
value; euro on the axis through Babel; Okabe–Ito colours, and the ceiling also differs in
dash, so the chart reads without colour.
"""

from __future__ import annotations

import datetime as dt

import matplotlib as mpl
from matplotlib.figure import Figure

from spark_kit.finance.de_minimis import usage_over_time
from spark_kit.finance.sources import load_catalogue
from spark_kit.i18n import format_date, format_money, number_formatter, resolve_lang, t
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import TIGHT_PAD, fit
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params

USED_COLOUR = OKABE_ITO["blue"]
CEILING_COLOUR = OKABE_ITO["vermillion"]


def _eur(value: float, lang: str) -> str:
    return format_money(round(value), lang, "EUR", decimals=0)


def de_minimis_chart(
    entries,
    start: dt.date,
    end: dt.date,
    *,
    sek_per_eur: float | None = None,
    count_start_day: bool = True,
    lang: str | None = None,
    title: str = "",
    fictional: bool = False,
) -> Chart:
    """Steps of the de minimis aid counted on each day from ``start`` to ``end``, with the
    ceiling as a dashed line. ``fictional=True`` says so in the title."""
    lang = resolve_lang(lang)
    rule = load_catalogue().de_minimis
    points = usage_over_time(
        entries, start, end, sek_per_eur=sek_per_eur, count_start_day=count_start_day, rule=rule
    )
    title = title or t("deminimis.chart.title", lang)
    if fictional:
        title += f" ({t('deminimis.chart.fictional', lang)})"
    days = [d for d, _ in points]
    used = [v for _, v in points]
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 4.8))
        ax = figure.add_subplot()
        ax.step(days, used, where="post", color=USED_COLOUR, linewidth=2.5,
                label=t("deminimis.chart.used", lang))  # fmt: skip
        ax.fill_between(days, used, step="post", color=USED_COLOUR, alpha=0.15)
        ax.axhline(rule.ceiling_eur, color=CEILING_COLOUR, linestyle="--", linewidth=2,
                   label=t("deminimis.chart.ceiling", lang))  # fmt: skip
        ax.set_ylim(0, max(rule.ceiling_eur, max(used)) * 1.35)
        ax.yaxis.set_major_formatter(number_formatter(lang, suffix="\u00a0€"))
        ax.set_ylabel(t("deminimis.chart.ylabel", lang), color=TEXT_COLOUR)
        ax.set_title(title)
        ax.legend(loc="upper left", frameon=False)
        figure.autofmt_xdate()
        fit(figure, ax, pad=TIGHT_PAD, passes=1)
    return Chart(figure, de_minimis_alt_text(points, rule.ceiling_eur, lang), title)


def de_minimis_alt_text(points: list[tuple[dt.date, float]], ceiling: float, lang: str) -> str:
    """The alt text: period, ceiling, the peak (first day it is reached) and the last value."""
    peak_day, peak = max(points, key=lambda p: (p[1], -p[0].toordinal()))
    last_day, last = points[-1]
    return t(
        "deminimis.chart.alt", lang,
        start=format_date(points[0][0], lang), end=format_date(last_day, lang),
        ceiling=_eur(ceiling, lang), peak=_eur(peak, lang),
        peak_date=format_date(peak_day, lang), last=_eur(last, lang),
        headroom=_eur(ceiling - last, lang),
    )  # fmt: skip
