"""Charts for the socioeconomic ledger: net per actor, and the cumulative net year by year.

Both are :class:`~spark_kit.viz.Chart` objects with alt text that states every value
shown, money axes in whole kronor through Babel (:func:`spark_kit.i18n.money_axis`), and
colours from the Okabe–Ito palette; lines also differ in marker and dash, so the chart
reads without colour.
"""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from spark_kit.i18n import format_money, money_axis, resolve_lang, t
from spark_kit.impact.ledger import Actor, LedgerResult
from spark_kit.viz.chart import Chart
from spark_kit.viz.layout import TIGHT_PAD, fit
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params

GAIN_COLOUR = OKABE_ITO["bluish_green"]
LOSS_COLOUR = OKABE_ITO["vermillion"]
SOCIETY_COLOUR = OKABE_ITO["blue"]
ACTOR_STYLES = {
    Actor.KOMMUN: (OKABE_ITO["orange"], "o", "-"),
    Actor.REGION: (OKABE_ITO["sky_blue"], "s", "--"),
    Actor.ARBETSFORMEDLINGEN: (OKABE_ITO["vermillion"], "^", "-."),
    Actor.FORSAKRINGSKASSAN: (OKABE_ITO["reddish_purple"], "D", ":"),
    Actor.STATEN: (OKABE_ITO["yellow"], "v", "--"),
    Actor.INDIVIDEN: (OKABE_ITO["bluish_green"], "P", "-"),
    Actor.UNALLOCATED: ("#777777", "X", ":"),
}


def _money(value: float, lang: str) -> str:
    return format_money(round(value), lang, decimals=0)


def _title(title: str, default: str, fictional: bool, lang: str) -> str:
    text = title or default
    if fictional:
        text += f" ({t('ledger.chart.fictional', lang)})"
    return text


def draw_actor_net(
    result: LedgerResult, lang: str | None = None, title: str = "", fictional: bool = False
) -> Chart:
    """Horizontal bars: each actor's net over the whole horizon, and society's.

    Gains are green, costs vermillion, society blue and hatched; each bar carries its value.
    """
    lang = resolve_lang(lang)
    years = len(result.years)
    title = _title(title, t("ledger.chart.actor_title", lang, years=years), fictional, lang)
    actors = result.actors()
    labels = [a.label(lang) for a in actors] + [t("ledger.society", lang)]
    values = [result.total(a) for a in actors] + [result.total(None)]
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 0.6 * len(labels) + 1.8))
        ax = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        colours = [GAIN_COLOUR if v >= 0 else LOSS_COLOUR for v in values[:-1]]
        bars = ax.barh(positions, values, color=[*colours, SOCIETY_COLOUR], height=0.62)
        bars[-1].set_hatch("//")
        bars[-1].set_edgecolor("white")
        ax.set_yticks(positions, labels)
        ax.axvline(0, color=TEXT_COLOUR, linewidth=1)
        money_axis(ax.xaxis, lang)
        ax.set_xlabel(t("ledger.chart.net_axis", lang))
        ax.set_title(title, color=TEXT_COLOUR)
        span = max(abs(v) for v in values) or 1.0
        for position, value in zip(positions, values, strict=True):
            ax.text(
                value + (0.02 if value >= 0 else -0.02) * span,
                position,
                _money(value, lang),
                va="center",
                ha="left" if value >= 0 else "right",
                fontsize=10.5,
                color=TEXT_COLOUR,
            )
        low, high = min([*values, 0.0]), max([*values, 0.0])
        ax.set_xlim(low - 0.6 * span if low < 0 else 0, high + 0.45 * span if high > 0 else 0)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.grid(axis="x", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        fit(figure, ax, pad=TIGHT_PAD, passes=1)
    listed = "; ".join(f"{lab} {_money(v, lang)}" for lab, v in zip(labels, values, strict=True))
    alt = t("ledger.chart.alt_actor", lang, title=title, years=years, values=listed)
    return Chart(figure, alt, title)


def draw_cumulative(
    result: LedgerResult,
    lang: str | None = None,
    title: str = "",
    actors: list[Actor] | None = None,
    fictional: bool = False,
) -> Chart:
    """Lines: the cumulative net at the end of each year for each actor and for society
    (thick, black). The zero line marks where an actor has got its money back."""
    lang = resolve_lang(lang)
    title = _title(title, t("ledger.chart.cumulative_title", lang), fictional, lang)
    actors = result.actors() if actors is None else actors
    years = list(result.years)
    lines = []
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 5.2))
        ax = figure.add_subplot()
        ax.axhline(0, color="#555555", linewidth=1)
        for actor in actors:
            colour, marker, dash = ACTOR_STYLES[actor]
            values = result.cumulative(actor)
            ax.plot(years, values, color=colour, marker=marker, linestyle=dash,
                    linewidth=2, label=actor.label(lang))  # fmt: skip
            lines.append((actor.label(lang), values))
        society = result.cumulative(None)
        ax.plot(years, society, color=TEXT_COLOUR, marker="o", linewidth=3.2,
                label=t("ledger.society", lang))  # fmt: skip
        lines.append((t("ledger.society", lang), society))
        ax.set_xticks(years)
        ax.set_xlabel(t("ledger.chart.year_axis", lang))
        ax.set_ylabel(t("ledger.chart.cumulative_axis", lang))
        money_axis(ax.yaxis, lang)
        ax.set_title(title, color=TEXT_COLOUR)
        ax.grid(alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        fit(figure, ax, pad=TIGHT_PAD, passes=1)
    year_word = t("ledger.chart.year_axis", lang).lower()
    described = " ".join(
        t("ledger.chart.alt_line", lang, name=name, values=", ".join(
            f"{year_word} {y} {_money(v, lang)}" for y, v in zip(years, values, strict=True)
        ))
        for name, values in lines
    )  # fmt: skip
    alt = t("ledger.chart.alt_cumulative", lang, title=title, lines=described)
    return Chart(figure, alt, title)


__all__ = ["draw_actor_net", "draw_cumulative"]
