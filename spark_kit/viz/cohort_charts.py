"""Charts for the program view (:mod:`spark_kit.cohort`), each with alt text.

- :func:`counts_chart`: enterprises reached per municipality, legal form or sector;
- :func:`status_chart`: the cohort's indicators per status;
- :func:`financing_chart`: financing mobilised per kind (grants, loans, member capital);
- :func:`sroi_sector_chart`: the value maps' present value and inputs per sector.

Every bar is labelled with its value and every category written out, so no chart depends
on colour; the colours are Okabe–Ito. A chart of the synthetic cohort says so in its title
(``synthetic=True``). Figures are :class:`matplotlib.figure.Figure` (never pyplot).
"""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from spark_kit.cohort.tables import category, dimension_label, kind_label, money, ratio, share
from spark_kit.i18n import money_axis, resolve_lang, t
from spark_kit.i18n.formatting import number_formatter
from spark_kit.impact.indicators import Status
from spark_kit.viz.chart import Chart
from spark_kit.viz.indicator_charts import STATUS_COLOURS
from spark_kit.viz.layout import fit, top_y
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, TITLE_FONT_SIZE, rc_params

BAR_COLOUR = OKABE_ITO["blue"]
PV_COLOUR = OKABE_ITO["bluish_green"]
INPUT_COLOUR = OKABE_ITO["orange"]
KIND_COLOURS = {
    "grants": OKABE_ITO["blue"],
    "loans": OKABE_ITO["vermillion"],
    "member_capital": OKABE_ITO["bluish_green"],
}
KIND_HATCHES = {"grants": "", "loans": "//", "member_capital": ".."}


def _title(title: str, synthetic: bool, lang: str) -> str:
    return f"{title} ({t('cohort.chart.synthetic', lang)})" if synthetic else title


def _height(rows: int) -> float:
    return 1.6 + 0.38 * max(rows, 1)


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


def _figure_title(figure: Figure, title: str) -> Text:
    """The title over the whole figure, left-aligned: long category labels push the axes
    to the right, and an axes title would run off the figure."""
    return figure.suptitle(title, x=0.01, y=top_y(figure), ha="left", fontsize=TITLE_FONT_SIZE)


def _empty(figure: Figure, ax, lang: str) -> None:
    ax.text(0.5, 0.5, t("cohort.chart.empty", lang), ha="center", va="center",
            transform=ax.transAxes, color=TEXT_COLOUR)  # fmt: skip
    ax.set_axis_off()


def counts_chart(
    counts: pd.DataFrame,
    dimension: str,
    lang: str | None = None,
    title: str = "",
    synthetic: bool = False,
) -> Chart:
    """Horizontal bars: enterprises per value of ``dimension`` (a table from
    :func:`spark_kit.cohort.aggregate.counts_by`), most at the top, each bar labelled."""
    lang = resolve_lang(lang)
    label = dimension_label(dimension, lang)
    default = t("cohort.chart.counts_title", lang, dimension=label.lower())
    title = _title(title or default, synthetic, lang)
    names = [category(v, lang) for v in counts[dimension]]
    values = counts["enterprises"].to_numpy()
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, _height(len(names))))
        ax = figure.add_subplot()
        if len(names):
            y = np.arange(len(names))[::-1]
            ax.barh(y, values, color=BAR_COLOUR, height=0.7)
            for yy, value in zip(y, values, strict=True):
                ax.annotate(str(int(value)), (value, yy), xytext=(4, 0),
                            textcoords="offset points", va="center", fontsize=10)  # fmt: skip
            ax.set_yticks(y, names)
            ax.set_xlim(0, max(values) * 1.15 + 0.5)
            ax.xaxis.set_major_formatter(number_formatter(lang))
            ax.set_xlabel(t("cohort.chart.enterprises", lang))
            _style(ax)
        else:
            _empty(figure, ax, lang)
        fit(figure, ax, above=(_figure_title(figure, title),))
    total = int(values.sum()) if len(values) else 0
    parts = [
        t("cohort.chart.item", lang, name=n, value=int(v), share=share(s, lang))
        for n, v, s in zip(names, values, counts["share"], strict=True)
    ]
    alt = t("cohort.chart.counts_alt", lang, title=title, total=total, dimension=label.lower(),
            items="; ".join(parts) or t("cohort.chart.empty", lang))  # fmt: skip
    return Chart(figure, alt, title)


def status_chart(
    status: pd.DataFrame, lang: str | None = None, title: str = "", synthetic: bool = False
) -> Chart:
    """Horizontal bars: the cohort's indicators per status (a table from
    :func:`spark_kit.cohort.aggregate.status_summary`), in the order of the statuses."""
    lang = resolve_lang(lang)
    title = _title(title or t("cohort.chart.status_title", lang), synthetic, lang)
    labels = [Status(v).label(lang) for v in status["status"]]
    values = status["indicators"].to_numpy()
    colours = [STATUS_COLOURS[Status(v)] for v in status["status"]]
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, _height(len(labels))))
        ax = figure.add_subplot()
        y = np.arange(len(labels))[::-1]
        ax.barh(y, values, color=colours, height=0.7)
        for yy, value, fraction in zip(y, values, status["share"], strict=True):
            ax.annotate(f"{int(value)} ({share(fraction, lang)})", (value, yy), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=10)  # fmt: skip
        ax.set_yticks(y, labels)
        ax.set_xlim(0, (max(values) if len(values) and max(values) else 1) * 1.3)
        ax.xaxis.set_major_formatter(number_formatter(lang))
        ax.set_xlabel(t("cohort.chart.indicators", lang))
        _style(ax)
        ax.set_title(title, loc="left")
        fit(figure, ax)
    parts = [
        t("cohort.chart.item", lang, name=n, value=int(v), share=share(s, lang))
        for n, v, s in zip(labels, values, status["share"], strict=True)
    ]
    alt = t("cohort.chart.status_alt", lang, title=title, total=int(values.sum()),
            items="; ".join(parts))  # fmt: skip
    return Chart(figure, alt, title)


def financing_chart(
    financing: pd.DataFrame, lang: str | None = None, title: str = "", synthetic: bool = False
) -> Chart:
    """Bars: financing mobilised per kind (a table from
    :func:`spark_kit.cohort.aggregate.financing_totals`), each labelled with its amount and
    the number of enterprises; the total is in the title."""
    lang = resolve_lang(lang)
    kinds = financing[financing["kind"] != "total"]
    total = float(financing.loc[financing["kind"] == "total", "amount"].sum())
    title = _title(
        title or t("cohort.chart.financing_title", lang, total=money(total, lang)), synthetic, lang
    )
    labels = [kind_label(k, lang) for k in kinds["kind"]]
    amounts = kinds["amount"].to_numpy()
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 4.8))
        ax = figure.add_subplot()
        x = np.arange(len(labels))
        for xx, kind, amount in zip(x, kinds["kind"], amounts, strict=True):
            ax.bar(xx, amount, color=KIND_COLOURS[kind], hatch=KIND_HATCHES[kind],
                   edgecolor="white", width=0.6)  # fmt: skip
        for xx, amount, count in zip(x, amounts, kinds["enterprises"], strict=True):
            text = f"{money(amount, lang)}\n{t('cohort.chart.n_enterprises', lang, n=int(count))}"
            ax.annotate(text, (xx, amount), xytext=(0, 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=10)  # fmt: skip
        ax.set_xticks(x, labels)
        top = max(amounts) if len(amounts) and max(amounts) > 0 else 1.0
        ax.set_ylim(0, top * 1.3)
        money_axis(ax.yaxis, lang)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.set_title(title, loc="left")
        fit(figure, ax)
    parts = [
        t("cohort.chart.money_item", lang, name=n, amount=money(a, lang), n=int(c))
        for n, a, c in zip(labels, amounts, kinds["enterprises"], strict=True)
    ]
    alt = t("cohort.chart.financing_alt", lang, title=title, total=money(total, lang),
            items="; ".join(parts))  # fmt: skip
    return Chart(figure, alt, title)


def sroi_sector_chart(
    by_sector: pd.DataFrame, lang: str | None = None, title: str = "", synthetic: bool = False
) -> Chart:
    """Paired horizontal bars per sector: the present value of the value maps (green) and
    the value of their inputs (orange, hatched), with the sector's ratio ΣPV / Σinputs
    written beside them (a table from :func:`spark_kit.cohort.aggregate.sroi_by`)."""
    lang = resolve_lang(lang)
    title = _title(title or t("cohort.chart.sroi_title", lang), synthetic, lang)
    names = [category(v, lang) for v in by_sector["sector"]]
    pv = by_sector["present_value"].to_numpy()
    inputs = by_sector["total_inputs"].to_numpy()
    ratios = by_sector["sroi_ratio"].to_numpy()
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(9, 1.8 + 0.7 * max(len(names), 1)))
        ax = figure.add_subplot()
        if len(names):
            y = np.arange(len(names))[::-1]
            ax.barh(y + 0.18, pv, height=0.36, color=PV_COLOUR,
                    label=t("cohort.sroi.present_value", lang))  # fmt: skip
            ax.barh(y - 0.18, inputs, height=0.36, color=INPUT_COLOUR, hatch="//",
                    edgecolor="white", label=t("cohort.sroi.total_inputs", lang))  # fmt: skip
            for yy, value, r in zip(y, pv, ratios, strict=True):
                text = t("cohort.chart.ratio", lang, ratio=ratio(r, lang))
                ax.annotate(text, (value, yy + 0.18), xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=10)  # fmt: skip
            ax.set_yticks(y, names)
            ax.set_xlim(0, max(max(pv), max(inputs), 1.0) * 1.3)
            money_axis(ax.xaxis, lang)
            ax.tick_params(axis="x", labelrotation=20)
            ax.legend(loc="lower right", frameon=False, fontsize=10)
            _style(ax)
        else:
            _empty(figure, ax, lang)
        fit(figure, ax, above=(_figure_title(figure, title),))
    parts = [
        t(
            "cohort.chart.sroi_item",
            lang,
            name=n,
            pv=money(p, lang),
            inputs=money(i, lang),
            ratio=ratio(r, lang),
        )
        for n, p, i, r in zip(names, pv, inputs, ratios, strict=True)
        if not (isinstance(p, float) and math.isnan(p))
    ]
    alt = t("cohort.chart.sroi_alt", lang, title=title,
            items="; ".join(parts) or t("cohort.chart.empty", lang))  # fmt: skip
    return Chart(figure, alt, title)
