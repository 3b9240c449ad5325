"""Charts for indicators and before/after surveys, each with alt text.

- :func:`progress_chart`: one indicator over the years: baseline, target, the straight-line
  plan between them and the actual values;
- :func:`progress_overview_chart`: every indicator's progress and status in one year;
- :func:`survey_chart`: the mean answer before and after, per group. Suppressed groups
  (too few respondents) are left out, and the figure and its alt text say so.

Colours are the Okabe–Ito palette, and every status is also written out in words, so no
chart depends on colour alone.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from spark_kit.i18n import format_number, format_percent, resolve_lang, t
from spark_kit.impact.indicators import Status, Tracking
from spark_kit.impact.survey import SurveyAnalysis, format_change
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import bottom_y, fit
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params

GREY = "#767676"  # 4.5:1 contrast on white
STATUS_COLOURS = {
    Status.ACHIEVED: OKABE_ITO["bluish_green"],
    Status.ON_TRACK: OKABE_ITO["blue"],
    Status.BEHIND: OKABE_ITO["vermillion"],
    Status.NO_MEASUREMENT: GREY,
    Status.NO_TARGET: GREY,
}
BEFORE_COLOUR = OKABE_ITO["orange"]
AFTER_COLOUR = OKABE_ITO["blue"]


def _tick_formatter(lang: str) -> FuncFormatter:
    """Tick labels with as many decimals as the ticks need (Babel), and no "−0"."""
    return FuncFormatter(lambda v, _pos: format_number(round(v, 6) + 0.0, lang))


def _number(value: float, lang: str) -> str:
    return format_number(value, lang, decimals=0 if float(value).is_integer() else 1)


def progress_chart(
    tracking: Tracking, indicator_id: str, lang: str | None = None, title: str = ""
) -> Chart:
    """One indicator from its baseline year to its target year: the baseline (square), the
    target (star), the straight-line plan between them (dashed) and the actual values
    (dots joined by a line). A year without a measurement is marked in words."""
    lang = resolve_lang(lang)
    indicator = tracking.indicator(indicator_id)
    title = title or f"{indicator.id} {indicator.name}"
    by, ty = tracking.baseline_year, tracking.target_year
    measured = [(y, tracking.actual(indicator_id, y)) for y in tracking.years]
    actuals = [(y, v) for y, v in measured if v is not None]
    missing_years = [y for y, v in measured if v is None]
    has_plan = indicator.baseline is not None and indicator.target is not None
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(8, 4.5))
        ax = figure.add_subplot()
        if has_plan:
            ax.plot(
                [by, ty],
                [indicator.baseline, indicator.target],
                linestyle="--",
                color=GREY,
                linewidth=1.5,
                label=t("ichart.plan", lang),
            )
        if indicator.baseline is not None:
            ax.plot(
                [by],
                [indicator.baseline],
                marker="s",
                markersize=9,
                linestyle="none",
                color=TEXT_COLOUR,
                label=t("ichart.baseline", lang, year=by),
            )
        if indicator.target is not None:
            ax.plot(
                [ty],
                [indicator.target],
                marker="*",
                markersize=16,
                linestyle="none",
                color=OKABE_ITO["bluish_green"],
                label=t("ichart.target", lang, year=ty),
            )
        if actuals:
            xs, ys = zip(*actuals, strict=True)
            ax.plot(
                xs,
                ys,
                marker="o",
                markersize=8,
                linewidth=2.2,
                color=OKABE_ITO["blue"],
                label=t("ichart.actual", lang),
            )
            for x, y in actuals:
                ax.annotate(
                    _number(y, lang),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 9),
                    ha="center",
                    fontsize=10,
                    color=TEXT_COLOUR,
                )
        values = [v for v in (indicator.baseline, indicator.target) if v is not None]
        values += [v for _, v in actuals]
        low = min(values) if values else 0.0
        for year in missing_years:
            ax.annotate(
                t("ichart.not_measured", lang),
                (year, 0.04),
                xycoords=("data", "axes fraction"),
                ha="center",
                va="bottom",
                fontsize=9,
                color=GREY,
                style="italic",
            )
        ax.set_xlim(by - 0.5, ty + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(v))))
        ax.yaxis.set_major_formatter(_tick_formatter(lang))
        if values:
            span = (max(values) - low) or max(abs(low), 1.0)
            bottom = low - 0.25 * span
            if low >= 0:
                bottom = max(bottom, -0.05 * span)
            ax.set_ylim(bottom, max(values) + 0.2 * span)
        ax.set_ylabel(indicator.unit or "")
        ax.set_xlabel(t("ichart.year", lang))
        ax.set_title(title, loc="left", wrap=True)  # a long indicator name: more lines
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="best", frameon=False, fontsize=10)
        fit(figure, ax)
    return Chart(figure, progress_alt_text(tracking, indicator_id, lang, title), title)


def progress_alt_text(
    tracking: Tracking, indicator_id: str, lang: str | None = None, title: str = ""
) -> str:
    """A text description of :func:`progress_chart`: baseline, target, every year's value
    and the latest status."""
    lang = resolve_lang(lang)
    indicator = tracking.indicator(indicator_id)
    unit = f" {indicator.unit}" if indicator.unit else ""
    parts = [t("ichart.alt_intro", lang, title=title or f"{indicator.id} {indicator.name}")]
    if indicator.baseline is not None and indicator.target is not None:
        parts.append(
            t(
                "ichart.alt_plan",
                lang,
                baseline=_number(indicator.baseline, lang) + unit,
                baseline_year=tracking.baseline_year,
                target=_number(indicator.target, lang) + unit,
                target_year=tracking.target_year,
            )
        )
    values = []
    for year in tracking.years:
        value = tracking.actual(indicator_id, year)
        shown = t("ichart.not_measured", lang) if value is None else _number(value, lang) + unit
        values.append(f"{year}: {shown}")
    if values:
        parts.append(t("ichart.alt_actuals", lang, values="; ".join(values)))
    year = tracking.latest_year
    share = tracking.progress(indicator_id, year)
    parts.append(
        t(
            "ichart.alt_status",
            lang,
            year=year,
            status=tracking.status(indicator_id, year).label(lang),
            progress="–" if share is None else format_percent(share, lang),
        )
    )
    return " ".join(parts)


def progress_overview_chart(
    tracking: Tracking, year: int | None = None, lang: str | None = None, title: str = ""
) -> Chart:
    """Every indicator's progress in ``year`` (default: the latest) as a bar, coloured and
    labelled with its status; a dashed line marks where the plan says indicators should be
    that year and a solid line the target (100 %)."""
    lang = resolve_lang(lang)
    year = tracking.latest_year if year is None else year
    title = title or t("ichart.overview_title", lang, year=year)
    expected = tracking.expected(year)
    indicators = list(tracking.indicators)
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(10, 0.75 * len(indicators) + 1.8))
        ax = figure.add_subplot()
        positions = list(range(len(indicators)))[::-1]
        for y, indicator in zip(positions, indicators, strict=True):
            share = tracking.progress(indicator.id, year)
            status = tracking.status(indicator.id, year)
            label = status.label(lang)
            if share is not None:
                shown = max(-0.25, min(share, 1.5))
                ax.barh(y, shown, color=STATUS_COLOURS[status], height=0.6)
                label = f"{format_percent(share, lang)} – {label}"
            x_text = 0.02 if share is None else max(0.0, min(share, 1.5)) + 0.03
            ax.text(
                x_text,
                y,
                label,
                va="center",
                fontsize=10,
                color=TEXT_COLOUR,
                zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
            )
        top = len(indicators) - 0.45
        ax.axvline(expected, color=GREY, linestyle="--", linewidth=1.4)
        ax.axvline(1.0, color=TEXT_COLOUR, linewidth=1.4)
        ax.text(
            expected - 0.02,
            top,
            t("ichart.expected", lang, year=year),
            ha="right",
            va="bottom",
            fontsize=9,
            color=GREY,
        )
        ax.text(
            1.02, top, t("ichart.goal", lang), ha="left", va="bottom", fontsize=9, color=TEXT_COLOUR
        )
        names = [textwrap.fill(f"{i.id} {i.name}", 30) for i in indicators]
        ax.set_yticks(positions, names, fontsize=10)
        ax.set_xlim(-0.05, 1.85)
        ax.set_ylim(-0.6, len(indicators) - 0.1)
        ax.set_xticks([0, 0.5, 1.0, 1.5])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_percent(v, lang)))
        ax.set_xlabel(t("ichart.progress_axis", lang))
        ax.set_title(title, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        fit(figure, ax)
    return Chart(figure, overview_alt_text(tracking, year, lang, title), title)


def overview_alt_text(
    tracking: Tracking, year: int | None = None, lang: str | None = None, title: str = ""
) -> str:
    """A text description of :func:`progress_overview_chart`."""
    lang = resolve_lang(lang)
    year = tracking.latest_year if year is None else year
    parts = [
        t(
            "ichart.alt_overview",
            lang,
            title=title or t("ichart.overview_title", lang, year=year),
            expected=format_percent(tracking.expected(year), lang),
            year=year,
        )
    ]
    for indicator in tracking.indicators:
        share = tracking.progress(indicator.id, year)
        status = tracking.status(indicator.id, year).label(lang)
        shown = status if share is None else f"{format_percent(share, lang)}, {status}"
        parts.append(f"{indicator.id} {indicator.name}: {shown}.")
    return " ".join(parts)


def survey_chart(analysis: SurveyAnalysis, lang: str | None = None, title: str = "") -> Chart:
    """The mean answer before (hollow dot) and after (filled dot) for every group that may be
    shown, and for the total. Suppressed groups are left out; a note under the chart and
    the alt text say which, and why."""
    lang = resolve_lang(lang)
    title = title or t("schart.title", lang)
    rows = [*analysis.shown]
    if not analysis.total.suppressed:
        rows.append(analysis.total)
    low, high = analysis.scale
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 0.8 * max(len(rows), 1) + 2.0))
        ax = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        labels = []
        for y, result in zip(positions, rows, strict=True):
            ax.annotate(
                "",
                xy=(result.mean_after, y),
                xytext=(result.mean_before, y),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": GREY,
                    "linewidth": 1.6,
                    "shrinkA": 6,
                    "shrinkB": 7,
                },
            )
            ax.plot(
                result.mean_before,
                y,
                marker="o",
                markersize=11,
                markerfacecolor="white",
                markeredgecolor=BEFORE_COLOUR,
                markeredgewidth=2.2,
                linestyle="none",
            )
            ax.plot(
                result.mean_after,
                y,
                marker="o",
                markersize=11,
                color=AFTER_COLOUR,
                linestyle="none",
            )
            ax.text(
                high + 0.1,
                y,
                format_change(result.mean_change, lang),
                va="center",
                fontsize=10,
                color=TEXT_COLOUR,
            )
            name = _group_label(result, analysis, lang)
            labels.append(f"{name} (n = {result.pairs})")
        if rows:
            ax.set_yticks(positions, labels)
        else:
            ax.set_yticks([])
            ax.text(
                (low + high) / 2, 0, t("schart.nothing", lang), ha="center", va="center", color=GREY
            )
        ax.plot(
            [],
            [],
            marker="o",
            markerfacecolor="white",
            markeredgecolor=BEFORE_COLOUR,
            markeredgewidth=2.2,
            linestyle="none",
            label=t("schart.before", lang),
        )
        ax.plot(
            [], [], marker="o", color=AFTER_COLOUR, linestyle="none", label=t("schart.after", lang)
        )
        legend = figure.legend(loc="outside upper right", ncol=2, frameon=False)
        ax.set_xlim(low - 0.3, high + 0.6)
        ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
        ax.set_xticks(range(low, high + 1))
        ax.set_xlabel(t("schart.axis", lang, low=low, high=high))
        ax.set_title(title, loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        below = ()
        if analysis.suppressed:
            note = textwrap.fill(_omitted_note(analysis, lang), 110)
            below = (
                figure.supxlabel(
                    note, x=0.01, y=bottom_y(figure), ha="left", fontsize=9, color=GREY
                ),
            )
        fit(figure, ax, above=(legend,), below=below)
    return Chart(figure, survey_alt_text(analysis, lang, title), title)


def _group_label(result, analysis: SurveyAnalysis, lang: str) -> str:
    if not result.is_total:
        return result.group
    key = "survey.total_label" if analysis.total_covers == "all" else "survey.total_shown_label"
    return t(key, lang)


def _omitted_note(analysis: SurveyAnalysis, lang: str) -> str:
    return t(
        "schart.omitted",
        lang,
        groups=", ".join(g.group for g in analysis.suppressed),
        min=analysis.min_group_size,
    )


def survey_alt_text(analysis: SurveyAnalysis, lang: str | None = None, title: str = "") -> str:
    """A text description of :func:`survey_chart`: each shown group's means, change and
    interval, then the groups left out and why."""
    lang = resolve_lang(lang)
    low, high = analysis.scale
    parts = [
        t("schart.alt_intro", lang, title=title or t("schart.title", lang), low=low, high=high)
    ]
    rows = [*analysis.shown]
    if not analysis.total.suppressed:
        rows.append(analysis.total)
    level = format_percent(analysis.confidence, lang)
    for result in rows:
        parts.append(
            t(
                "schart.alt_group",
                lang,
                group=_group_label(result, analysis, lang),
                before=format_number(result.mean_before, lang, decimals=2),
                after=format_number(result.mean_after, lang, decimals=2),
                change=format_change(result.mean_change, lang),
                level=level,
                ci_low=format_change(result.ci_low, lang),
                ci_high=format_change(result.ci_high, lang),
                n=result.pairs,
            )
        )
    if not rows:
        parts.append(t("schart.nothing", lang))
    if analysis.suppressed:
        parts.append(_omitted_note(analysis, lang))
    return " ".join(parts)
