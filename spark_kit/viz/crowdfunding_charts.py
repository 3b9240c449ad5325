"""Crowdfunding charts: the funnel from list to money, and the chance of reaching the goal.

Each function returns a :class:`~spark_kit.viz.Chart` whose alt text gives every number the
chart shows. Money is formatted with Babel on a money axis; colours are Okabe–Ito.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from spark_kit.finance.crowdfunding import CampaignPlan, list_sizes, probability_of_goal
from spark_kit.i18n import (
    format_money,
    format_number,
    format_percent,
    money_axis,
    number_formatter,
    resolve_lang,
    t,
)
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import fit, top_y
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params
from spark_kit.workbook.cells import share_decimals


def _money(value: float, lang: str) -> str:
    return format_money(round(value), lang, decimals=0)


def _people(value: float, lang: str) -> str:
    return format_number(round(value), lang)


def _conversion(plan: CampaignPlan, lang: str) -> str:
    rate = plan.conversion_rate
    return format_percent(rate, lang, decimals=share_decimals(rate))


# --- funnel ------------------------------------------------------------------------------------


def funnel_chart(plan: CampaignPlan, lang: str | None = None, title: str = "") -> Chart:
    """Two panels: people (the list, the backers needed) and money (pledged, fees and costs,
    matching, net), so that each axis has one unit."""
    lang = resolve_lang(lang)
    title = title or t("crowdfunding.chart.funnel.title", lang)
    people = [
        (t("crowdfunding.chart.funnel.list", lang), plan.list_size, OKABE_ITO["sky_blue"]),
        (t("crowdfunding.chart.funnel.backers", lang), plan.backers_needed, OKABE_ITO["blue"]),
    ]
    money = [
        (t("crowdfunding.chart.funnel.pledged", lang), plan.pledged_goal, OKABE_ITO["blue"]),
        (t("crowdfunding.chart.funnel.costs", lang), plan.total_costs, OKABE_ITO["vermillion"]),
    ]
    if plan.matched:
        money.append(
            (t("crowdfunding.chart.funnel.matched", lang), plan.matched, OKABE_ITO["orange"])
        )
    money.append((t("crowdfunding.chart.funnel.net", lang), plan.net, OKABE_ITO["bluish_green"]))
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(10, 4.6))
        left, right = figure.subplots(1, 2, width_ratios=[1, 1.4])
        _bars(left, people, lambda v, _name: _people(v, lang))
        left.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        left.xaxis.set_major_formatter(number_formatter(lang))
        left.set_xlabel(t("crowdfunding.chart.funnel.people_axis", lang))
        left.set_title(t("crowdfunding.chart.funnel.people_title", lang), color=TEXT_COLOUR)
        costs_label = t("crowdfunding.chart.funnel.costs", lang)
        _bars(right, money, lambda v, name: ("− " if name == costs_label else "") + _money(v, lang))
        money_axis(right.xaxis, lang)
        right.xaxis.set_major_locator(MaxNLocator(nbins=4))
        right.set_title(t("crowdfunding.chart.funnel.money_title", lang), color=TEXT_COLOUR)
        heading = figure.suptitle(title, y=top_y(figure), color=TEXT_COLOUR, fontsize=16)
        fit(figure, [left, right], above=(heading,))
    return Chart(figure, funnel_alt_text(plan, lang, title), title)


def _bars(ax, rows, label) -> None:
    """Horizontal bars, top to bottom in the order given, each labelled with its value."""
    positions = np.arange(len(rows))[::-1]
    values = [value for _, value, _ in rows]
    ax.barh(positions, values, color=[colour for *_, colour in rows], height=0.6)
    ax.set_yticks(positions, [name for name, *_ in rows])
    span = max(values) or 1
    for y, (name, value, _colour) in zip(positions, rows, strict=True):
        ax.text(value + 0.02 * span, y, label(value, name), va="center", color=TEXT_COLOUR)
    ax.set_xlim(0, 1.45 * span)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)


def funnel_alt_text(plan: CampaignPlan, lang: str | None = None, title: str = "") -> str:
    lang = resolve_lang(lang)
    return t(
        "crowdfunding.chart.funnel.alt",
        lang,
        title=title or t("crowdfunding.chart.funnel.title", lang),
        list=_people(plan.list_size, lang),
        conversion=_conversion(plan, lang),
        backers=_people(plan.backers_needed, lang),
        pledged=_money(plan.pledged_goal, lang),
        costs=_money(plan.total_costs, lang),
        matched=_money(plan.matched, lang),
        net=_money(plan.net, lang),
    )


# --- probability -------------------------------------------------------------------------------


def probability_chart(
    plan: CampaignPlan,
    lang: str | None = None,
    title: str = "",
    sizes: list[int] | None = None,
) -> Chart:
    """The probability of at least ``plan.backers_needed`` backers against the list size
    (the kit's binomial model), with the list "backers ÷ conversion" and the list for a 90 %
    chance marked."""
    lang = resolve_lang(lang)
    title = title or t("crowdfunding.chart.probability.title", lang)
    sizes = sizes or _default_sizes(plan)
    chances = probability_of_goal(sizes, plan.backers_needed, plan.conversion_rate)
    conversion = _conversion(plan, lang)
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 4.8))
        ax = figure.add_subplot()
        ax.plot(
            sizes,
            chances,
            color=OKABE_ITO["blue"],
            linewidth=2.5,
            label=t(
                "crowdfunding.chart.probability.curve",
                lang,
                backers=_people(plan.backers_needed, lang),
                conversion=conversion,
            ),
        )
        ax.axvline(
            plan.list_size_needed,
            color=OKABE_ITO["vermillion"],
            linestyle="--",
            linewidth=2,
            label=t(
                "crowdfunding.chart.probability.needed",
                lang,
                size=_people(plan.list_size_needed, lang),
            ),
        )
        ax.axvline(
            plan.list_size_for_90,
            color=OKABE_ITO["bluish_green"],
            linestyle=":",
            linewidth=2.5,
            label=t(
                "crowdfunding.chart.probability.for_90",
                lang,
                size=_people(plan.list_size_for_90, lang),
            ),
        )
        ax.axhline(0.9, color=OKABE_ITO["bluish_green"], linestyle=":", linewidth=1)
        ax.set_ylim(0, 1.02)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_percent(v, lang)))
        ax.xaxis.set_major_formatter(number_formatter(lang))
        ax.set_xlabel(t("crowdfunding.chart.probability.x", lang))
        ax.set_ylabel(t("crowdfunding.chart.probability.y", lang))
        ax.set_title(title, color=TEXT_COLOUR)
        ax.grid(alpha=0.3)
        ax.legend(frameon=False, loc="lower right")
        fit(figure, ax)
    alt = probability_alt_text(plan, lang, title, sizes, chances)
    return Chart(figure, alt, title)


def _default_sizes(plan: CampaignPlan) -> list[int]:
    start = max(plan.backers_needed, round(plan.list_size_needed * 0.6))
    stop = max(plan.list_size_for_90, plan.list_size) * 1.25
    return list(list_sizes(start, round(stop), 80))


def probability_alt_text(
    plan: CampaignPlan,
    lang: str | None = None,
    title: str = "",
    sizes: list[int] | None = None,
    chances: np.ndarray | None = None,
) -> str:
    lang = resolve_lang(lang)
    sizes = sizes or _default_sizes(plan)
    if chances is None:
        chances = probability_of_goal(sizes, plan.backers_needed, plan.conversion_rate)
    picks = sorted({0, len(sizes) // 4, len(sizes) // 2, 3 * len(sizes) // 4, len(sizes) - 1})
    points = "; ".join(
        t(
            "crowdfunding.chart.probability.alt_point",
            lang,
            size=_people(sizes[i], lang),
            p=format_percent(float(chances[i]), lang, decimals=1),
        )
        for i in picks
    )
    p_needed = probability_of_goal(plan.list_size_needed, plan.backers_needed, plan.conversion_rate)
    return t(
        "crowdfunding.chart.probability.alt",
        lang,
        title=title or t("crowdfunding.chart.probability.title", lang),
        backers=_people(plan.backers_needed, lang),
        conversion=_conversion(plan, lang),
        first=_people(sizes[0], lang),
        last=_people(sizes[-1], lang),
        needed=_people(plan.list_size_needed, lang),
        p_needed=format_percent(p_needed, lang),
        size_90=_people(plan.list_size_for_90, lang),
        points=points,
    )
