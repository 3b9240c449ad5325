"""Charts for loans: the payment per period of one or more loans side by side."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib as mpl
from matplotlib.figure import Figure

from spark_kit.finance.loans import LoanSchedule
from spark_kit.i18n import format_money, format_percent, money_axis, resolve_lang, t
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import TIGHT_PAD, fit, fits_across
from spark_kit.viz.theme import OKABE_ITO, rc_params

LEGEND_WRAP = 40  # characters per line of a loan's name in the legend


def payments_chart(schedules: Mapping[str, LoanSchedule], lang: str | None = None, title: str = ""):
    """The payment (fees included) per period for each loan, as steps, on a money axis.

    Returns a :class:`~spark_kit.viz.chart.Chart` whose alt text gives each loan's first
    and last payment and total cost in words.
    """
    lang = resolve_lang(lang)
    colours = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish_green", "orange")]
    styles = ["-", "--", "-.", ":"]
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(8, 4.2))
        ax = figure.add_subplot()
        for index, (name, loan) in enumerate(schedules.items()):
            ax.step(
                loan.period,
                loan.payments + loan.fee,
                where="mid",
                color=colours[index % len(colours)],
                linestyle=styles[index % len(styles)],
                linewidth=2.2,
                label=textwrap.fill(name, LEGEND_WRAP),  # a long name on more lines
            )
        ax.set_xlabel(t("loans.chart.x", lang))
        ax.set_ylabel(t("loans.chart.y", lang))
        ax.set_ylim(bottom=0)
        money_axis(ax.yaxis, lang)
        for columns in range(min(3, len(schedules)), 0, -1):  # long names: fewer columns
            legend = ax.legend(  # below the axes, so that no line is hidden
                loc="upper center",
                bbox_to_anchor=(0.5, -0.16),
                ncol=columns,
                frameon=False,
            )
            if fits_across(figure, legend, pad=TIGHT_PAD):
                break
        if title:
            ax.set_title(title)
        fit(figure, ax, pad=TIGHT_PAD, passes=1)
    parts = [
        t(
            "loans.chart.alt_loan",
            lang,
            name=name,
            first=format_money(float(loan.payments[0] + loan.fee[0]), lang),
            last=format_money(float(loan.payments[-1] + loan.fee[-1]), lang),
            total=format_money(loan.total_paid, lang),
            rate=format_percent(loan.effective_annual_rate, lang, 2),
        )
        for name, loan in schedules.items()
    ]
    alt = t("loans.chart.alt", lang, count=len(parts)) + " " + " ".join(parts)
    return Chart(figure, alt, title)
