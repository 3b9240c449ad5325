"""Charts for the cash-flow budget and the break-even analysis.

Both are :class:`~spark_kit.viz.Chart` objects with alt text that states the values shown,
money axes through Babel (:func:`spark_kit.i18n.money_axis`), Swedish month names through
Babel, and Okabe–Ito colours; bars and lines also differ in shape and hatch, so the charts
read without colour.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from spark_kit.finance.breakeven import BreakEven
from spark_kit.finance.cashflow import CashFlowResult
from spark_kit.i18n import format_money, format_number, money_axis, resolve_lang, t
from spark_kit.i18n.formatting import number_formatter
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import TIGHT_PAD, fit
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params

IN_COLOUR = OKABE_ITO["bluish_green"]
OUT_COLOUR = OKABE_ITO["vermillion"]
BALANCE_COLOUR = OKABE_ITO["blue"]
BUFFER_COLOUR = OKABE_ITO["orange"]
COST_COLOUR = OKABE_ITO["vermillion"]
REVENUE_COLOUR = OKABE_ITO["blue"]


def _kr(value: float, lang: str) -> str:
    return format_money(round(value), lang, decimals=0)


def _title(title: str, default: str, fictional: bool, lang: str) -> str:
    text = title or default
    if fictional:
        text += f" ({t('cashflow.chart.fictional', lang)})"
    return text


def cashflow_chart(
    result: CashFlowResult, lang: str | None = None, title: str = "", fictional: bool = False
) -> Chart:
    """Bars: the net cash flow of each month (in green and plain, out vermillion and
    hatched); a line: the cash at the end of each month. The funding gap — the lowest
    balance below zero — is marked and labelled with its amount and month; the buffer, when
    set, is a dashed line."""
    lang = resolve_lang(lang)
    horizon = result.horizon
    title = _title(title, t("cashflow.chart.title", lang, months=horizon), fictional, lang)
    months = result.months
    labels = result.month_labels(lang, "abbreviated", with_year=False)
    if result.budget.start_year is not None:  # the year under the first month and each January
        labels = [
            f"{name}\n{result.month_label(int(m), lang).split()[-1]}"
            if (m == 1 or (result.budget.start_month + m - 2) % 12 == 0)
            else name
            for m, name in zip(months, labels, strict=True)
        ]
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(10, 5.6))
        ax = figure.add_subplot()
        net = result.net
        positive = net >= 0
        ax.bar(months[positive], net[positive], color=IN_COLOUR, width=0.7,
               label=t("cashflow.chart.net_in", lang))  # fmt: skip
        ax.bar(months[~positive], net[~positive], color=OUT_COLOUR, width=0.7, hatch="//",
               edgecolor="white", label=t("cashflow.chart.net_out", lang))  # fmt: skip
        ax.plot(months, result.closing, color=BALANCE_COLOUR, marker="o", linewidth=2.6,
                label=t("cashflow.chart.balance", lang))  # fmt: skip
        ax.axhline(0, color=TEXT_COLOUR, linewidth=1)
        if result.budget.buffer > 0:
            ax.axhline(result.budget.buffer, color=BUFFER_COLOUR, linestyle="--", linewidth=1.6,
                       label=t("cashflow.chart.buffer", lang,
                               buffer=_kr(result.budget.buffer, lang)))  # fmt: skip
        if result.gap_month is not None:
            month = result.gap_month
            low = result.closing[month - 1]
            ax.annotate(
                "",
                xy=(month, low),
                xytext=(month, 0),
                arrowprops={"arrowstyle": "<->", "color": TEXT_COLOUR, "linewidth": 1.4},
            )
            gap_text = t("cashflow.chart.gap_label", lang, gap=_kr(result.funding_gap, lang),
                         month=result.month_label(month, lang))  # fmt: skip
            side = "left" if month < horizon * 0.6 else "right"
            ax.annotate(
                gap_text,
                xy=(month, low / 2),
                xytext=(12 if side == "left" else -12, 0),
                textcoords="offset points",
                ha=side,
                va="center",
                fontsize=11,
                color=TEXT_COLOUR,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#999999"},
            )
        step = 1 if horizon <= 12 else (2 if horizon <= 24 else 3)
        ticks = months[::step]
        ax.set_xticks(ticks, [labels[m - 1] for m in ticks])
        ax.set_xlim(0.3, horizon + 0.7)
        money_axis(ax.yaxis, lang)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=7))
        ax.set_ylabel(t("cashflow.chart.money_axis", lang))
        ax.set_title(title, color=TEXT_COLOUR)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
        fit(figure, ax, pad=TIGHT_PAD, passes=1)
    balances = "; ".join(
        f"{result.month_label(int(m), lang)} {_kr(v, lang)}"
        for m, v in zip(months, result.closing, strict=True)
    )
    alt = t("cashflow.chart.alt", lang, title=title, summary=result.summary(lang),
            balances=balances)  # fmt: skip
    return Chart(figure, alt, title)


def breakeven_chart(
    result: BreakEven,
    lang: str | None = None,
    title: str = "",
    fictional: bool = False,
    unit: str = "",
) -> Chart:
    """Revenue and total cost against sales, crossing at the break-even point, which is
    marked and labelled; fixed costs as a dashed line; the budgeted sales and the safety
    margin, when given. Per unit (price and variable cost), the x axis is the volume in
    units (``unit`` names them); with a contribution-margin ratio only, it is sales in
    kronor."""
    lang = resolve_lang(lang)
    title = _title(title, t("breakeven.chart.title", lang), fictional, lang)
    if result.per_unit:
        assert result.volume is not None and result.price is not None
        point = result.volume
        budget = result.budget_volume
        scale = result.price  # revenue per unit of x
        cost_slope = result.variable_cost or 0.0
    else:
        point = result.revenue
        budget = result.budget_revenue
        scale = 1.0
        cost_slope = 1.0 - result.contribution_ratio
    top = max(point * 1.6, (budget or 0.0) * 1.25)
    x = np.linspace(0.0, top, 200)
    revenue = scale * x
    cost = result.fixed_costs + cost_slope * x
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 5.6))
        ax = figure.add_subplot()
        ax.plot(x, revenue, color=REVENUE_COLOUR, linewidth=2.6,
                label=t("breakeven.chart.revenue", lang))  # fmt: skip
        ax.plot(x, cost, color=COST_COLOUR, linewidth=2.6, linestyle="-.",
                label=t("breakeven.chart.total_cost", lang))  # fmt: skip
        ax.axhline(result.fixed_costs, color="#777777", linestyle="--", linewidth=1.4,
                   label=t("breakeven.chart.fixed_costs", lang))  # fmt: skip
        ax.fill_between(x, revenue, cost, where=revenue >= cost, color=REVENUE_COLOUR, alpha=0.08)
        ax.fill_between(x, revenue, cost, where=revenue < cost, color=COST_COLOUR, alpha=0.08)
        ax.plot([point], [result.revenue], marker="o", markersize=10, color=TEXT_COLOUR)
        label = t("breakeven.chart.point", lang, revenue=_kr(result.revenue, lang))
        if result.per_unit:
            volume = format_number(round(point), lang)
            label += "\n" + t("breakeven.chart.point_units", lang, volume=volume, unit=unit or "st")
        ax.annotate(label, xy=(point, result.revenue), xytext=(-14, 14),
                    textcoords="offset points", ha="right", va="bottom", fontsize=11,
                    bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                          "edgecolor": "#999999"})  # fmt: skip
        if budget is not None and result.safety_margin is not None:
            ax.axvline(budget, color=BUFFER_COLOUR, linestyle=":", linewidth=2,
                       label=t("breakeven.chart.budget", lang))  # fmt: skip
            y = result.fixed_costs * 0.35
            ax.annotate("", xy=(budget, y), xytext=(point, y),
                        arrowprops={"arrowstyle": "<->", "color": TEXT_COLOUR})  # fmt: skip
            ax.annotate(t("breakeven.chart.safety", lang, margin=_kr(result.safety_margin, lang)),
                        xy=((point + budget) / 2, y), xytext=(0, 6), textcoords="offset points",
                        ha="center", va="bottom", fontsize=10.5, color=TEXT_COLOUR)  # fmt: skip
        money_axis(ax.yaxis, lang)
        if result.per_unit:
            ax.xaxis.set_major_formatter(number_formatter(lang))
            ax.set_xlabel(t("breakeven.chart.volume_axis", lang, unit=unit or "st"))
        else:
            money_axis(ax.xaxis, lang)
            ax.set_xlabel(t("breakeven.chart.sales_axis", lang))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.set_ylabel(t("breakeven.chart.money_axis", lang))
        ax.set_xlim(0, top)
        ax.set_ylim(0, max(revenue[-1], cost[-1]) * 1.05)
        ax.set_title(title, color=TEXT_COLOUR)
        ax.grid(alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper left", frameon=False)
        fit(figure, ax, pad=TIGHT_PAD, passes=1)
    alt = t("breakeven.chart.alt", lang, title=title, summary=result.summary(lang),
            fixed=_kr(result.fixed_costs, lang))  # fmt: skip
    return Chart(figure, alt, title)


__all__ = ["breakeven_chart", "cashflow_chart"]
