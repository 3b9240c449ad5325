"""Self-checking exercises for the indicator module (notebooks/02_indikatorer.ipynb).

Each checker returns :class:`~spark_kit.impact.exercises.Feedback`: whether the answer is
right, and a message in Swedish or English that says what is wrong and why. Both
exercises use the fictional example enterprise, Granbacka byakooperativ: its indicators
M1–M7 with their made-up measurements, and its synthetic before/after survey.

>>> check_exercise_1(exercise_1_solution(), "en").correct
True
>>> check_exercise_2(["Deltagare i arbetsträning"], 1.0, "en").correct
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache

from spark_kit.i18n import format_number, format_percent, t
from spark_kit.impact.exercises import Feedback
from spark_kit.impact.indicators import Status, Tracking, load_example_tracking, parse_status
from spark_kit.impact.survey import SurveyAnalysis, analyse_survey, load_example_survey

#: The year whose statuses exercise 1 asks for.
EXERCISE_1_YEAR = 2026
#: The group whose mean change exercise 2 asks for.
EXERCISE_2_GROUP = "Äldre utan bil"
#: How close a mean change must be: the answer is given with two decimals.
EXERCISE_2_TOLERANCE = 0.005


def _feedback(correct: bool, verdict: str, points: list[str]) -> Feedback:
    return Feedback(correct, "\n".join([verdict, *points]))


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


# --- Exercise 1: which status does each indicator have? -----------------------------------


@cache
def _tracking() -> Tracking:
    return load_example_tracking()


def exercise_1_solution() -> dict[str, Status]:
    """The right answer: each indicator's status in :data:`EXERCISE_1_YEAR`."""
    tracking = _tracking()
    return {i.id: tracking.status(i.id, EXERCISE_1_YEAR) for i in tracking.indicators}


def _why(indicator_id: str, lang: str | None) -> str:
    tracking = _tracking()
    indicator = tracking.indicator(indicator_id)
    year = EXERCISE_1_YEAR
    status = tracking.status(indicator_id, year)
    actual = tracking.actual(indicator_id, year)
    if status is Status.NO_MEASUREMENT:
        return t("ind_ex1.why.no_measurement", lang, year=year)
    if status is Status.NO_TARGET:
        return t("ind_ex1.why.no_target", lang)
    numbers = {
        "actual": format_number(actual, lang),
        "baseline": format_number(indicator.baseline, lang),
        "target": format_number(indicator.target, lang),
        "progress": format_percent(tracking.progress(indicator_id, year), lang),
        "expected": format_percent(tracking.expected(year), lang),
        "year": year,
        "points": format_number(round(tracking.tolerance * 100), lang),
    }
    if indicator.baseline == indicator.target:
        key = "ind_ex1.why.hold" if status is Status.ACHIEVED else "ind_ex1.why.not_held"
        return t(key, lang, **numbers)
    return t(f"ind_ex1.why.{status.name.lower()}", lang, **numbers)


def check_exercise_1(answers: Mapping[str, Status | str], lang: str | None = None) -> Feedback:
    """Check ``{indicator id: status}`` for every indicator in :data:`EXERCISE_1_YEAR`.

    A status may be a :class:`~spark_kit.impact.indicators.Status` or a word such as
    ``"på väg"``, ``"efter plan"``, ``"uppnått"``, ``"saknar mätning"`` or their English
    equivalents. Each wrong status is named with the numbers that decide the right one.
    """
    key = exercise_1_solution()
    by_norm = {_norm(i): i for i in key}
    given: dict[str, Status | str] = {}
    points = []
    for indicator_id, value in answers.items():
        known = by_norm.get(_norm(indicator_id))
        if known is None:
            points.append(
                t("ind_ex1.unknown_indicator", lang, id=indicator_id, known=", ".join(key))
            )
        else:
            given[known] = value
    right_count = 0
    for indicator_id, right in key.items():
        if indicator_id not in given:
            points.append(t("ind_ex1.missing", lang, id=indicator_id))
            continue
        status = parse_status(given[indicator_id])
        if status is None:
            points.append(
                t("ind_ex1.not_a_status", lang, id=indicator_id, value=given[indicator_id])
            )
        elif status is right:
            right_count += 1
        else:
            points.append(
                " ".join(
                    [
                        t(
                            "ind_ex1.wrong",
                            lang,
                            id=indicator_id,
                            given=status.label(lang),
                            right=right.label(lang),
                        ),
                        _why(indicator_id, lang),
                    ]
                )
            )
    if not points:
        return _feedback(True, t("ind_ex1.correct", lang, total=len(key), year=EXERCISE_1_YEAR), [])
    return _feedback(False, t("ind_ex1.incorrect", lang, right=right_count, total=len(key)), points)


# --- Exercise 2: the survey: which groups are hidden, and one group's mean change ------------


@cache
def exercise_2_analysis() -> SurveyAnalysis:
    """The analysis of the example survey with the kit's defaults."""
    return analyse_survey(load_example_survey())


def exercise_2_solution() -> tuple[list[str], float]:
    """The right answer: the suppressed groups, and the mean change of
    :data:`EXERCISE_2_GROUP`."""
    analysis = exercise_2_analysis()
    return [g.group for g in analysis.suppressed], analysis.group(EXERCISE_2_GROUP).mean_change


def check_exercise_2(
    hidden_groups: Iterable[str], mean_change: float, lang: str | None = None
) -> Feedback:
    """Check which groups of the example survey must be hidden (fewer than five
    respondents with both answers) and the mean change of :data:`EXERCISE_2_GROUP`
    (two decimals are enough). Group names are matched ignoring case and extra spaces."""
    analysis = exercise_2_analysis()
    groups = {_norm(g.group): g for g in analysis.groups}
    if isinstance(hidden_groups, str):
        hidden_groups = [hidden_groups]
    points = []
    chosen = set()
    for name in hidden_groups:
        result = groups.get(_norm(name))
        if result is None:
            points.append(
                t(
                    "ind_ex2.unknown_group",
                    lang,
                    group=name,
                    known=", ".join(g.group for g in analysis.groups),
                )
            )
            continue
        chosen.add(result.group)
        if not result.suppressed:
            points.append(
                t(
                    "ind_ex2.not_hidden",
                    lang,
                    group=result.group,
                    n=result.pairs,
                    min=analysis.min_group_size,
                )
            )
    for result in analysis.suppressed:
        if result.group not in chosen:
            points.append(
                t("ind_ex2.should_hide", lang, group=result.group, min=analysis.min_group_size)
            )
    right = analysis.group(EXERCISE_2_GROUP).mean_change
    try:
        value = float(mean_change)
    except (TypeError, ValueError):
        value = math.nan
    if math.isnan(value):
        points.append(t("ind_ex2.not_a_number", lang, value=mean_change, group=EXERCISE_2_GROUP))
    elif abs(value - right) > EXERCISE_2_TOLERANCE:
        points.append(
            t(
                "ind_ex2.wrong_change",
                lang,
                value=format_number(value, lang),
                group=EXERCISE_2_GROUP,
            )
        )
    if not points:
        return _feedback(
            True,
            t(
                "ind_ex2.correct",
                lang,
                group=EXERCISE_2_GROUP,
                change=format_number(right, lang, decimals=2),
            ),
            [],
        )
    return _feedback(False, t("ind_ex2.incorrect", lang), points)
