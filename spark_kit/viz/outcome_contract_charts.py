"""Charts for outcome contracts: cash flows per party, and the investor's IRR and the
commissioner's net cost against the outcome rate.

Each function returns a :class:`~spark_kit.viz.Chart` whose alt text gives the numbers the
chart shows, so a reader who cannot see it misses nothing. Money through Babel
(:func:`~spark_kit.i18n.money_axis`), colours Okabe–Ito.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from spark_kit.finance.outcome_contracts import (
    ContractResult,
    OutcomeContract,
    break_even_outcome_rate,
    sensitivity,
)
from spark_kit.i18n import format_money, format_number, format_percent, money_axis, resolve_lang, t
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import fit
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params

INVESTOR_COLOUR = OKABE_ITO["blue"]
COMMISSIONER_COLOUR = OKABE_ITO["orange"]
BREAK_EVEN_COLOUR = OKABE_ITO["vermillion"]
PLANNED_COLOUR = OKABE_ITO["black"]


def _money(value: float, lang: str) -> str:
    return format_money(round(value), lang, decimals=0)


def _percent(value: float | None, lang: str) -> str:
    return t("oc.chart.no_irr", lang) if value is None else format_percent(value, lang, 1)


def time_label(k: int, periods_per_year: int, lang: str | None = None) -> str:
    """The label of time k: "Start" for t = 0, then "År k" (yearly periods) or "Period k"."""
    if k == 0:
        return t("oc.chart.start", lang)
    key = "oc.chart.year" if periods_per_year == 1 else "oc.chart.period"
    return t(key, lang, k=k)


# --- cash flows per party -------------------------------------------------------------------


def cash_flow_chart(result: ContractResult, lang: str | None = None, title: str = "") -> Chart:
    """Grouped bars per time: the investor's and the commissioner's net cash flow."""
    lang = resolve_lang(lang)
    title = title or t("oc.chart.flows.title", lang)
    times = np.arange(len(result.times))
    per_year = result.contract.periods_per_year
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(8, 4.8))
        ax = figure.add_subplot()
        width = 0.38
        ax.bar(
            times - width / 2,
            result.investor_flows,
            width,
            color=INVESTOR_COLOUR,
            label=t("oc.party.investor", lang),
        )
        ax.bar(
            times + width / 2,
            result.commissioner_flows,
            width,
            color=COMMISSIONER_COLOUR,
            hatch="//",
            edgecolor="white",
            label=t("oc.party.commissioner", lang),
        )
        ax.axhline(0, color=TEXT_COLOUR, linewidth=0.8)
        ax.set_xticks(times, [time_label(int(k), per_year, lang) for k in times])
        money_axis(ax.yaxis, lang)
        ax.set_ylabel(t("oc.chart.flows.axis", lang, currency=result.contract.currency))
        ax.set_title(title, color=TEXT_COLOUR)
        ax.grid(axis="y", alpha=0.3)
        ax.set_axisbelow(True)
        ax.legend(frameon=False)
        fit(figure, ax)
    return Chart(figure, cash_flow_alt_text(result, lang, title), title)


def cash_flow_alt_text(result: ContractResult, lang: str | None = None, title: str = "") -> str:
    lang = resolve_lang(lang)
    per_year = result.contract.periods_per_year
    items = [
        t(
            "oc.chart.flows.alt_item",
            lang,
            time=time_label(k, per_year, lang),
            investor=_money(i, lang),
            commissioner=_money(c, lang),
        )
        for k, (i, c) in enumerate(
            zip(result.investor_flows, result.commissioner_flows, strict=True)
        )
    ]
    return " ".join(
        [
            t("oc.chart.flows.alt_intro", lang, title=title or t("oc.chart.flows.title", lang)),
            "; ".join(items) + ".",
            t(
                "oc.chart.flows.alt_total",
                lang,
                paid=_money(result.total_paid, lang),
                capital=_money(result.contract.capital, lang),
                multiple=format_number(result.multiple, lang, decimals=2),
                irr=_percent(result.irr.annual, lang),
                net_cost=_money(result.commissioner_net_cost, lang),
            ),
        ]
    )


# --- IRR and net cost against the outcome rate ----------------------------------------------


def outcome_rate_chart(
    contract: OutcomeContract,
    rates: Sequence[float] | None = None,
    lang: str | None = None,
    title: str = "",
) -> Chart:
    """Two panels over the outcome rate (share of the planned outcomes achieved): the
    investor's annual IRR (top) and the commissioner's net cost (bottom), with the
    investor's break-even rate and the plan (100 %) marked."""
    lang = resolve_lang(lang)
    title = title or t("oc.chart.rate.title", lang)
    rates = list(np.linspace(0, 2, 41) if rates is None else rates)
    results = sensitivity(contract, rates)
    irr = [np.nan if r.irr.annual is None else r.irr.annual for r in results]
    cost = [r.commissioner_net_cost for r in results]
    break_even = break_even_outcome_rate(contract)
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(8, 6.4))
        top, bottom = figure.subplots(2, 1, sharex=True)
        top.plot(
            rates, irr, color=INVESTOR_COLOUR, linewidth=2.2, label=t("oc.chart.rate.irr", lang)
        )
        top.axhline(0, color=TEXT_COLOUR, linewidth=0.8)
        top.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_percent(v, lang)))
        top.set_ylabel(t("oc.chart.rate.irr_axis", lang))
        bottom.plot(
            rates,
            cost,
            color=COMMISSIONER_COLOUR,
            linewidth=2.2,
            linestyle="--",
            label=t("oc.chart.rate.cost", lang),
        )
        bottom.axhline(0, color=TEXT_COLOUR, linewidth=0.8)
        money_axis(bottom.yaxis, lang)
        bottom.set_ylabel(t("oc.chart.rate.cost_axis", lang, currency=contract.currency))
        bottom.set_xlabel(t("oc.chart.rate.x_axis", lang))
        bottom.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_percent(v, lang)))
        for ax in (top, bottom):
            ax.axvline(1.0, color=PLANNED_COLOUR, linestyle=":", linewidth=1.5,
                       label=t("oc.chart.rate.planned", lang))  # fmt: skip
            if break_even is not None:
                ax.axvline(
                    break_even,
                    color=BREAK_EVEN_COLOUR,
                    linestyle="-.",
                    linewidth=1.5,
                    label=t(
                        "oc.chart.rate.break_even", lang, rate=format_percent(break_even, lang, 1)
                    ),
                )
            ax.grid(alpha=0.3)
            ax.set_axisbelow(True)
            ax.legend(frameon=False, fontsize=10)
        top.set_title(title, color=TEXT_COLOUR)
        fit(figure, [top, bottom])
    alt = outcome_rate_alt_text(contract, results, break_even, lang, title)
    return Chart(figure, alt, title)


def outcome_rate_alt_text(
    contract: OutcomeContract,
    results: Sequence[ContractResult],
    break_even: float | None,
    lang: str | None = None,
    title: str = "",
) -> str:
    """Names the IRR and net cost at up to nine evenly chosen outcome rates."""
    lang = resolve_lang(lang)
    step = max(1, len(results) // 8)
    shown = list(results[::step])
    if results[-1] is not shown[-1]:
        shown.append(results[-1])
    items = [
        t(
            "oc.chart.rate.alt_item",
            lang,
            rate=format_percent(r.outcome_rate, lang),
            irr=_percent(r.irr.annual, lang),
            cost=_money(r.commissioner_net_cost, lang),
        )
        for r in shown
    ]
    if break_even is None:
        ending = t("oc.chart.rate.alt_no_break_even", lang)
    else:
        ending = t("oc.chart.rate.alt_break_even", lang, rate=format_percent(break_even, lang, 1))
    return " ".join(
        [
            t("oc.chart.rate.alt_intro", lang, title=title or t("oc.chart.rate.title", lang)),
            "; ".join(items) + ".",
            ending,
        ]
    )
