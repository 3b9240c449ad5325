"""SROI charts: the value by year, the tornado chart and the Monte Carlo histogram.

Each function returns a :class:`~spark_kit.viz.Chart` whose alt text states what the
chart shows in words and numbers (the parameters and their ranges, the values by year,
the percentiles), so a reader who cannot see it misses nothing. Numbers and money are
formatted with Babel in the chosen language; colours are Okabe–Ito.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from spark_kit.i18n import format_money, format_number, format_percent, money_axis, resolve_lang, t
from spark_kit.impact.sroi.calculate import SroiResult
from spark_kit.impact.sroi.sensitivity import MonteCarloResult, OneWay
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import fit
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params

BASE_COLOUR = OKABE_ITO["black"]
ONE_TO_ONE_COLOUR = OKABE_ITO["vermillion"]
MINUS_COLOUR = OKABE_ITO["sky_blue"]
PLUS_COLOUR = OKABE_ITO["blue"]


def _ratio(value: float, lang: str) -> str:
    return format_number(value, lang, decimals=2)


def _money(value: float, lang: str) -> str:
    return format_money(value, lang, decimals=0)


def _reference_lines(ax, base_ratio: float | None, lang: str, vertical: bool = True) -> None:
    """The 1:1 line (dashed) and, if given, the base ratio (solid), with legend labels."""
    line = ax.axvline if vertical else ax.axhline
    line(
        1.0,
        color=ONE_TO_ONE_COLOUR,
        linestyle="--",
        linewidth=2,
        label=t("sroi.chart.one_to_one", lang),
    )
    if base_ratio is not None:
        line(
            base_ratio,
            color=BASE_COLOUR,
            linewidth=1.8,
            label=t("sroi.chart.base", lang, ratio=_ratio(base_ratio, lang)),
        )


# --- value by year ---------------------------------------------------------------------------


def value_by_year_chart(result: SroiResult, lang: str | None = None, title: str = "") -> Chart:
    """Grouped bars per year: the value V_t and its present value, on a money axis."""
    lang = resolve_lang(lang)
    title = title or t("sroi.chart.by_year.title", lang)
    years = np.arange(1, len(result.values_by_year) + 1)
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(8, 4.8))
        ax = figure.add_subplot()
        width = 0.38
        ax.bar(
            years - width / 2,
            result.values_by_year,
            width,
            color=OKABE_ITO["sky_blue"],
            label=t("sroi.chart.by_year.value", lang),
        )
        ax.bar(
            years + width / 2,
            result.pv_by_year,
            width,
            color=OKABE_ITO["blue"],
            label=t("sroi.chart.by_year.present_value", lang),
        )
        ax.set_xticks(years, [t("sroi.chart.year", lang, year=int(y)) for y in years])
        money_axis(ax.yaxis, lang)
        ax.set_ylabel(t("sroi.chart.by_year.axis", lang, currency=result.conventions.currency))
        ax.set_title(title, color=TEXT_COLOUR)
        ax.grid(axis="y", alpha=0.3)
        ax.set_axisbelow(True)
        ax.legend(frameon=False)
        fit(figure, ax)
    return Chart(figure, value_by_year_alt_text(result, lang, title), title)


def value_by_year_alt_text(result: SroiResult, lang: str | None = None, title: str = "") -> str:
    lang = resolve_lang(lang)
    years = [
        t(
            "sroi.chart.by_year.alt_year",
            lang,
            year=year,
            value=_money(value, lang),
            present_value=_money(pv, lang),
        )
        for year, (value, pv) in enumerate(
            zip(result.values_by_year, result.pv_by_year, strict=True), start=1
        )
    ]
    return " ".join(
        [
            t(
                "sroi.chart.by_year.alt_intro",
                lang,
                title=title or t("sroi.chart.by_year.title", lang),
            ),
            "; ".join(years) + ".",
            t(
                "sroi.chart.by_year.alt_total",
                lang,
                present_value=_money(result.present_value, lang),
            ),
        ]
    )


# --- tornado ---------------------------------------------------------------------------------


def tornado_chart(results: list[OneWay], lang: str | None = None, title: str = "") -> Chart:
    """One bar per result of :func:`~spark_kit.impact.sroi.sensitivity.one_at_a_time`:
    from the base ratio to the ratio with the parameter lowered (light) and raised (dark),
    largest swing at the top; lines at the base ratio and at 1:1."""
    if not results:
        raise ValueError("the tornado chart needs at least one sensitivity result")
    lang = resolve_lang(lang)
    title = title or t("sroi.chart.tornado.title", lang)
    ordered = sorted(results, key=lambda r: r.swing, reverse=True)
    base = ordered[0].base_ratio
    change = format_percent(ordered[0].change, lang)
    positions = np.arange(len(ordered))[::-1]
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 1.8 + 0.55 * len(ordered)))
        ax = figure.add_subplot()
        for sign, colour, attribute in (
            ("−", MINUS_COLOUR, "ratio_minus"),
            ("+", PLUS_COLOUR, "ratio_plus"),
        ):
            ends = np.array([getattr(r, attribute) for r in ordered])
            ax.barh(
                positions,
                ends - base,
                left=base,
                height=0.6,
                color=colour,
                label=t("sroi.chart.tornado.change", lang, sign=sign, change=change),
            )
            for y, end in zip(positions, ends, strict=True):
                ax.annotate(
                    _ratio(end, lang),
                    (end, y),
                    xytext=(4 if end >= base else -4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=10,
                    ha="left" if end >= base else "right",
                    color=TEXT_COLOUR,
                )
        _reference_lines(ax, base, lang)
        ax.set_yticks(positions, [r.label(lang) for r in ordered])
        ax.set_xlabel(t("sroi.chart.ratio_axis", lang))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: _ratio(v, lang)))
        low = min(1.0, *(r.low for r in ordered))
        high = max(1.0, *(r.high for r in ordered))
        margin = 0.12 * (high - low or 1.0)
        ax.set_xlim(low - margin, high + margin)
        ax.set_title(title, color=TEXT_COLOUR)
        legend = figure.legend(frameon=False, loc="outside lower center", ncol=2)
        fit(figure, ax, below=(legend,))
    return Chart(figure, tornado_alt_text(ordered, lang, title), title)


def tornado_alt_text(results: list[OneWay], lang: str | None = None, title: str = "") -> str:
    """Names every parameter with its ratio at −x % and +x %, largest swing first."""
    lang = resolve_lang(lang)
    ordered = sorted(results, key=lambda r: r.swing, reverse=True)
    change = format_percent(ordered[0].change, lang)
    scope = "per_row" if any(r.row is not None for r in ordered) else "all_rows"
    items = [
        t(
            "sroi.chart.tornado.alt_item_years"
            if r.parameter == "duration_years"
            else "sroi.chart.tornado.alt_item",
            lang,
            parameter=r.label(lang),
            minus=_ratio(r.ratio_minus, lang),
            plus=_ratio(r.ratio_plus, lang),
            change=change,
        )
        for r in ordered
    ]
    return " ".join(
        [
            t(
                "sroi.chart.tornado.alt_intro",
                lang,
                title=title or t("sroi.chart.tornado.title", lang),
                change=change,
                base=_ratio(ordered[0].base_ratio, lang),
            ),
            t(f"sroi.chart.tornado.alt_{scope}", lang),
            "; ".join(items) + ".",
        ]
    )


# --- Monte Carlo -----------------------------------------------------------------------------


def monte_carlo_chart(result: MonteCarloResult, lang: str | None = None, title: str = "") -> Chart:
    """Histogram of the simulated ratios; the middle half shaded, the 5th, 50th and 95th
    percentiles dotted, the base ratio solid and the 1:1 line dashed."""
    lang = resolve_lang(lang)
    title = title or t("sroi.chart.monte_carlo.title", lang)
    p = result.percentiles
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(8, 5.4))
        ax = figure.add_subplot()
        ax.axvspan(
            p[25],
            p[75],
            color=OKABE_ITO["sky_blue"],
            alpha=0.25,
            label=t("sroi.chart.monte_carlo.middle_half", lang),
        )
        ax.hist(  # one outline for all the bins: the same picture as a bar per bin, drawn faster
            result.ratios,
            bins=min(60, max(10, result.draws // 50)),
            histtype="stepfilled",
            color=OKABE_ITO["blue"],
            alpha=0.85,
        )
        for q in (5, 50, 95):
            ax.axvline(p[q], color=TEXT_COLOUR, linestyle=":", linewidth=1.5)
            ax.annotate(
                t("sroi.chart.monte_carlo.percentile", lang, p=q),
                (p[q], 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(3, -14),
                textcoords="offset points",
                fontsize=10,
                color=TEXT_COLOUR,
            )
        _reference_lines(ax, result.base_ratio, lang)
        ax.set_xlabel(t("sroi.chart.ratio_axis", lang))
        ax.set_ylabel(t("sroi.chart.monte_carlo.count", lang))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: _ratio(v, lang)))
        ax.set_title(title, color=TEXT_COLOUR)
        legend = figure.legend(frameon=False, loc="outside lower center", ncol=2)
        fit(figure, ax, below=(legend,))
    return Chart(figure, monte_carlo_alt_text(result, lang, title), title)


def monte_carlo_alt_text(result: MonteCarloResult, lang: str | None = None, title: str = "") -> str:
    lang = resolve_lang(lang)
    p = {f"p{k}": _ratio(v, lang) for k, v in result.percentiles.items()}
    parts = [
        t(
            "sroi.chart.monte_carlo.alt_intro",
            lang,
            title=title or t("sroi.chart.monte_carlo.title", lang),
            draws=format_number(result.draws, lang),
        ),
        t("sroi.chart.monte_carlo.alt_seed", lang, seed=result.seed)
        if result.seed is not None
        else "",
        t("sroi.chart.monte_carlo.alt_percentiles", lang, **p),
        t(
            "sroi.chart.monte_carlo.alt_share",
            lang,
            share=format_percent(result.probability_at_least_one, lang, decimals=1),
            base=_ratio(result.base_ratio, lang),
        ),
    ]
    return " ".join(part for part in parts if part)
