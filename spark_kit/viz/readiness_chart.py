"""The readiness radar: the six dimension scores (0–4) on polar axes, optionally with last time.

Drawn on a :class:`matplotlib.figure.Figure` (never pyplot) with the kit's theme. Colour is never
the only cue: the current result is a solid blue line with round markers, the previous one a
dashed orange line with squares (Okabe–Ito colours), every score is written as text next to its
point, and the alt text lists every dimension's score for both series and the change.

A dimension that could not be scored (too few answers) is drawn at the centre with a hollow
marker and the label "ej bedömd" / "not scored", so that the gap is visible rather than hidden.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib as mpl
from matplotlib.figure import Figure

from spark_kit.finance.readiness import SCALE_MAX, ReadinessResult, format_mean, format_score
from spark_kit.i18n import resolve_lang, t
from spark_kit.viz.chart import Chart
from spark_kit.viz.theme import OKABE_ITO, TEXT_COLOUR, rc_params

CURRENT_COLOUR = OKABE_ITO["blue"]
PREVIOUS_COLOUR = OKABE_ITO["orange"]
LABEL_WIDTH = 16  # characters per line of a dimension label


def draw_readiness_radar(
    result: ReadinessResult,
    lang: str | None = None,
    title: str = "",
    *,
    previous: ReadinessResult | None = None,
    current_label: str = "",
    previous_label: str = "",
) -> Chart:
    """A radar chart of ``result``'s dimension scores, with ``previous`` dashed if given.

    ``current_label`` and ``previous_label`` name the two series in the legend and the alt text
    (for example ``"2026"`` and ``"2025"``); they default to "Nu" and "Förra gången".
    """
    lang = resolve_lang(lang)
    current_label = current_label or t("readiness.chart.current", lang)
    previous_label = previous_label or t("readiness.chart.previous", lang)
    if previous is not None:
        result.change_since(previous)  # refuses a result from another question set
    dimensions = result.dimensions
    count = len(dimensions)
    angles = [2 * math.pi * k / count for k in range(count)]
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(8.2, 7.4))
        ax = figure.add_subplot(projection="polar")
        ax.set_theta_offset(math.pi / 2)  # the first dimension at the top, then clockwise
        ax.set_theta_direction(-1)
        ax.set_ylim(0, SCALE_MAX)
        ax.set_yticks(range(1, SCALE_MAX + 1))
        ax.set_yticklabels([str(v) for v in range(1, SCALE_MAX + 1)], color="#555555", fontsize=9)
        ax.set_rlabel_position(360 / count / 2)
        ax.set_xticks(angles)
        ax.set_xticklabels(
            [textwrap.fill(d.label(lang), LABEL_WIDTH, break_long_words=False) for d in dimensions],
            fontsize=11,
            color=TEXT_COLOUR,
        )
        ax.tick_params(axis="x", pad=18)
        ax.grid(color="#BBBBBB", linewidth=0.8)
        ax.spines["polar"].set_color("#999999")
        if previous is not None:
            _series(ax, previous, angles, PREVIOUS_COLOUR, "--", "s", previous_label, lang, False)
        _series(ax, result, angles, CURRENT_COLOUR, "-", "o", current_label, lang, True)
        if previous is not None:
            handles, labels = ax.get_legend_handles_labels()
            ax.legend(
                handles[::-1],  # the current result first
                labels[::-1],
                loc="upper right",
                bbox_to_anchor=(1.22, 1.12),
                frameon=False,
                fontsize=10,
            )
        if title:
            figure.suptitle(title, fontsize=15, color=TEXT_COLOUR)
        figure.subplots_adjust(left=0.14, right=0.86, bottom=0.08, top=0.86 if title else 0.9)
    alt = readiness_alt_text(
        result,
        lang,
        title,
        previous=previous,
        current_label=current_label,
        previous_label=previous_label,
    )
    return Chart(figure, alt, title)


def _series(ax, result, angles, colour, style, marker, label, lang, with_values) -> None:
    values = [d.mean if d.scored else 0.0 for d in result.dimensions]
    ax.plot(
        angles + angles[:1],
        values + values[:1],
        color=colour,
        linestyle=style,
        linewidth=2.2,
        marker=marker,
        markersize=7,
        label=label,
        zorder=3,
    )
    if with_values:
        ax.fill(angles + angles[:1], values + values[:1], color=colour, alpha=0.12, zorder=2)
    for angle, value, d in zip(angles, values, result.dimensions, strict=True):
        if not d.scored:
            ax.plot(
                [angle],
                [0],
                marker=marker,
                markersize=9,
                markerfacecolor="white",
                markeredgecolor=colour,
                zorder=4,
            )
        if not with_values:
            continue
        text = format_mean(d.mean, lang) if d.scored else t("readiness.not_scored", lang)
        radius = min(value + 0.45, SCALE_MAX - 0.15) if d.scored else 0.55
        ax.text(
            angle,
            radius,
            text,
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            color=TEXT_COLOUR,
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "edgecolor": colour,
                "linewidth": 0.8,
            },
            zorder=5,
        )


def readiness_alt_text(
    result: ReadinessResult,
    lang: str | None = None,
    title: str = "",
    *,
    previous: ReadinessResult | None = None,
    current_label: str = "",
    previous_label: str = "",
) -> str:
    """A text description of the radar: every dimension's score, and the change if compared."""
    lang = resolve_lang(lang)
    current_label = current_label or t("readiness.chart.current", lang)
    previous_label = previous_label or t("readiness.chart.previous", lang)
    parts = [
        t(
            "readiness.chart.alt_intro",
            lang,
            title=title or t("readiness.chart.default_title", lang),
        )
    ]
    parts.append(_alt_series(result, current_label, lang))
    if previous is not None:
        parts.append(_alt_series(previous, previous_label, lang))
        changes = []
        for dimension_id, change in result.change_since(previous).items():
            label = result.dimension(dimension_id).label(lang)
            if change is None:
                text = t("readiness.not_scored", lang)
            elif abs(change) < 1e-9:
                text = t("readiness.chart.no_change", lang)
            else:
                sign = "+" if change > 0 else "−"
                text = sign + format_mean(abs(change), lang)
            changes.append(f"{label} {text}")
        parts.append(
            t(
                "readiness.chart.alt_change",
                lang,
                previous=previous_label,
                changes="; ".join(changes),
            )
        )
        parts.append(
            t(
                "readiness.chart.alt_line_styles",
                lang,
                current=current_label,
                previous=previous_label,
            )
        )
    return " ".join(parts)


def _alt_series(result: ReadinessResult, label: str, lang: str) -> str:
    scores = "; ".join(
        t(
            "readiness.chart.alt_dimension",
            lang,
            dimension=d.label(lang),
            score=format_score(d.mean, lang),
        )
        for d in result.dimensions
    )
    return t("readiness.chart.alt_series", lang, series=label, scores=scores)


__all__ = ["draw_readiness_radar", "readiness_alt_text"]
