"""The impact profile chart: the five dimensions and the nine risks of each outcome.

Two grids with one row per outcome, drawn with matplotlib alone:

1. the five dimensions – What (level and threshold, positive or negative), Who (stakeholder,
   underserved or not), How much (scale, depth as baseline → level, duration),
   Contribution (the level likely anyway, and the difference) – and the ABC class;
2. a heat map of the nine impact risk types, each cell rated låg / medel / hög.

Colour is never the only cue: every cell carries its value as text, risk cells use one hue
from light (låg) to dark (hög) from the Okabe–Ito palette, and the chart has alt text that
describes every row. Works for one outcome or many.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from spark_kit.i18n import format_number, resolve_lang, t
from spark_kit.impact.five_dimensions import (
    AbcClass,
    ImpactProfile,
    Rating,
    RiskType,
    classify_outcome,
)
from spark_kit.viz.chart import Chart
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params, tint

#: Fill and text colour of a risk cell, light to dark in one hue (Okabe–Ito blue).
RISK_COLOURS = {
    Rating.LOW: (tint(OKABE_ITO["blue"], 0.85), TEXT_COLOUR),
    Rating.MEDIUM: (tint(OKABE_ITO["blue"], 0.5), TEXT_COLOUR),
    Rating.HIGH: (OKABE_ITO["blue"], "#FFFFFF"),
}

#: Fill of the ABC cell (a tint of an Okabe–Ito colour; the class name is always written).
ABC_COLOURS = {
    AbcClass.A: tint(OKABE_ITO["orange"], 0.45),
    AbcClass.B: tint(OKABE_ITO["bluish_green"], 0.45),
    AbcClass.C: tint(OKABE_ITO["sky_blue"], 0.35),
    AbcClass.DOES_CAUSE_HARM: tint(OKABE_ITO["vermillion"], 0.35),
    AbcClass.NOT_CLASSIFIED: "#E6E6E6",
}

LABEL_WIDTH = 3.3  # inches
DIM_WIDTH = 1.55
RISK_WIDTH = 1.2
ROW_HEIGHT = 0.78
HEADER_HEIGHT = 0.95
HEADING_HEIGHT = 0.5
NOTE_HEIGHT = 0.55
GAP = 0.35
FONT_SIZE = 10
DIM_COLUMNS = ("what", "who", "scale", "depth", "duration", "contribution", "abc")


def draw_impact_profiles(
    profiles: Sequence[ImpactProfile],
    lang: str | None = None,
    title: str = "",
    *,
    inclusive_threshold: bool = True,
) -> Chart:
    """The profile chart of ``profiles`` (one or more outcomes) as a :class:`Chart`.

    The ABC column uses :func:`~spark_kit.impact.five_dimensions.classify_outcome` with
    ``inclusive_threshold``.
    """
    lang = resolve_lang(lang)
    profiles = list(profiles)
    rows = len(profiles)
    width = LABEL_WIDTH + max(DIM_WIDTH * len(DIM_COLUMNS), RISK_WIDTH * len(RiskType))
    grid = HEADER_HEIGHT + rows * ROW_HEIGHT
    height = 2 * (HEADING_HEIGHT + grid) + GAP + NOTE_HEIGHT
    top_margin = 0.55 if title else 0.0
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(width, height + top_margin))
        ax = figure.add_axes((0, 0, 1, height / (height + top_margin)))
        ax.set_xlim(0, width)
        ax.set_ylim(0, height)
        ax.set_axis_off()
        if title:
            figure.suptitle(title, fontsize=15, y=0.995, color=TEXT_COLOUR)
        y = height
        y = _heading(ax, y, t("fd.chart.dimensions_heading", lang))
        headers = [t(f"fd.chart.col.{c}", lang) for c in DIM_COLUMNS]
        cells = [_dimension_cells(p, lang, inclusive_threshold) for p in profiles]
        y = _grid(ax, y, profiles, headers, cells, DIM_WIDTH, lang)
        y -= GAP
        y = _heading(ax, y, t("fd.chart.risk_heading", lang))
        headers = [_risk_header(r, lang) for r in RiskType]
        cells = [_risk_cells(p, lang) for p in profiles]
        y = _grid(ax, y, profiles, headers, cells, RISK_WIDTH, lang)
        unverified = [r.label(lang) for r in RiskType if not r.verified]
        note = t("fd.chart.legend", lang)
        if unverified:
            note += " " + t("fd.chart.unverified_note", lang, risk=", ".join(unverified))
        ax.text(
            0.05,
            y - 0.1,
            "\n".join(textwrap.wrap(note, 150)),
            ha="left",
            va="top",
            fontsize=FONT_SIZE - 1,
            color="#444444",
        )
    alt = impact_profiles_alt_text(profiles, lang, title, inclusive_threshold=inclusive_threshold)
    return Chart(figure, alt, title)


def _risk_header(risk: RiskType, lang: str) -> str:
    """A risk's name for a narrow column: a long Swedish compound is hyphenated before
    "risk" (Delaktighets-/risk); an unverified definition is starred."""
    label = risk.label(lang)
    if label.endswith("risk") and len(label) > 13 and " " not in label:
        label = label[:-4] + "-\nrisk"
    return label + ("*" if not risk.verified else "")


def _heading(ax, y: float, text: str) -> float:
    ax.text(
        0.05,
        y - HEADING_HEIGHT / 2,
        text,
        ha="left",
        va="center",
        fontsize=FONT_SIZE + 3,
        fontweight="bold",
        color=TEXT_COLOUR,
    )
    return y - HEADING_HEIGHT


def _grid(ax, y, profiles, headers, cells, column_width, lang) -> float:
    """Draw a header row and one row per profile from ``y`` down; return the new bottom."""
    for index, header in enumerate(headers):
        x = LABEL_WIDTH + index * column_width
        ax.text(
            x + column_width / 2,
            y - HEADER_HEIGHT / 2,
            _wrap_header(header, 12 if column_width < 1.4 else 16),
            ha="center",
            va="center",
            fontsize=FONT_SIZE - 0.5,
            fontweight="bold",
            color=TEXT_COLOUR,
        )
    y -= HEADER_HEIGHT
    for profile, row in zip(profiles, cells, strict=True):
        label = f"{profile.outcome_id}: {profile.what.outcome}"
        ax.text(
            0.05,
            y - ROW_HEIGHT / 2,
            "\n".join(textwrap.wrap(label, 34)[:3]),
            ha="left",
            va="center",
            fontsize=FONT_SIZE,
            color=TEXT_COLOUR,
        )
        for index, (text, fill, colour) in enumerate(row):
            x = LABEL_WIDTH + index * column_width
            ax.add_patch(
                Rectangle(
                    (x + 0.03, y - ROW_HEIGHT + 0.03),
                    column_width - 0.06,
                    ROW_HEIGHT - 0.06,
                    facecolor=fill,
                    edgecolor="#999999",
                    linewidth=0.8,
                )
            )
            ax.text(
                x + column_width / 2,
                y - ROW_HEIGHT / 2,
                text,
                ha="center",
                va="center",
                fontsize=FONT_SIZE,
                color=colour,
                linespacing=1.2,
            )
        y -= ROW_HEIGHT
    return y


def _sign(profile: ImpactProfile, lang: str, inclusive_threshold: bool) -> str:
    positive = profile.meets_threshold(inclusive_threshold)
    return t("fd.chart.positive" if positive else "fd.chart.negative", lang)


def _wrap_header(header: str, width: int) -> str:
    lines = []
    for part in header.split("\n"):
        lines += textwrap.wrap(part, width, break_long_words=False) or [""]
    return "\n".join(lines)


def _n(value: float, lang: str) -> str:
    return format_number(value, lang)


def _signed(value: float, lang: str) -> str:
    text = _n(abs(value), lang)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def _dimension_cells(profile: ImpactProfile, lang: str, inclusive_threshold: bool):
    white = "#FFFFFF"
    what = profile.what
    sign = _sign(profile, lang, inclusive_threshold)
    served = "fd.chart.underserved" if profile.underserved_gap > 0 else "fd.chart.not_underserved"
    abc = classify_outcome(profile, inclusive_threshold=inclusive_threshold)
    abc_text = "\n".join(textwrap.wrap(abc.label(lang), 16))
    return [
        (f"{_n(what.level, lang)} ({_n(what.threshold, lang)})\n{sign}", white, TEXT_COLOUR),
        (f"{profile.who.stakeholder}\n{t(served, lang)}", white, TEXT_COLOUR),
        (t("fd.chart.people", lang, count=_n(profile.how_much.scale, lang)), white, TEXT_COLOUR),
        (f"{_n(profile.who.baseline, lang)} → {_n(what.level, lang)}", white, TEXT_COLOUR),
        (
            t("fd.chart.years", lang, years=_n(profile.how_much.duration_years, lang)),
            white,
            TEXT_COLOUR,
        ),
        (_contribution_text(profile, lang), white, TEXT_COLOUR),
        (abc_text, ABC_COLOURS[abc], TEXT_COLOUR),
    ]


def _contribution_text(profile: ImpactProfile, lang: str) -> str:
    otherwise = t(
        "fd.chart.otherwise", lang, value=_n(profile.contribution.counterfactual_level, lang)
    )
    return f"{otherwise}\n({_signed(profile.contribution_depth, lang)})"


def _risk_cells(profile: ImpactProfile, lang: str):
    cells = []
    for _, rating in profile.risk.items():
        fill, colour = RISK_COLOURS[rating]
        cells.append((rating.label(lang), fill, colour))
    return cells


def impact_profiles_alt_text(
    profiles: Sequence[ImpactProfile],
    lang: str | None = None,
    title: str = "",
    *,
    inclusive_threshold: bool = True,
) -> str:
    """A text description of the chart: every outcome's five dimensions, class and risks."""
    lang = resolve_lang(lang)
    profiles = list(profiles)
    parts = [
        t(
            "fd.chart.alt_intro",
            lang,
            title=title or t("fd.chart.default_title", lang),
            count=len(profiles),
        )
    ]
    for profile in profiles:
        served = (
            "fd.chart.underserved" if profile.underserved_gap > 0 else "fd.chart.not_underserved"
        )
        risks = ", ".join(
            f"{r.label(lang)} {rating.label(lang)}" for r, rating in profile.risk.items()
        )
        abc = classify_outcome(profile, inclusive_threshold=inclusive_threshold)
        parts.append(
            t(
                "fd.chart.alt_row",
                lang,
                id=profile.outcome_id,
                outcome=profile.what.outcome,
                level=_n(profile.what.level, lang),
                threshold=_n(profile.what.threshold, lang),
                sign=_sign(profile, lang, inclusive_threshold),
                who=f"{profile.who.stakeholder} {t(served, lang)}",
                scale=t("fd.chart.people", lang, count=_n(profile.how_much.scale, lang)),
                depth=f"{_n(profile.who.baseline, lang)} → {_n(profile.what.level, lang)}",
                duration=t("fd.chart.years", lang, years=_n(profile.how_much.duration_years, lang)),
                contribution=_contribution_text(profile, lang).replace("\n", " "),
                abc=abc.label(lang),
                risks=risks,
            )
        )
    parts.append(t("fd.chart.legend", lang))
    return " ".join(parts)


__all__ = ["draw_impact_profiles", "impact_profiles_alt_text"]
