"""The worked example and self-checking exercises of the SROI module (notebooks/04_sroi.ipynb).

:func:`case_3_value_map` is Case 3 of the reference (impact-methods.md §1.7): a rural
Swedish work-integration social enterprise, a **constructed example** built for the kit,
not a real enterprise. Its numbers are the reference's; the names and texts of its rows
are the kit's wording of the reference's outcomes. Its proxies have no source and its
outcomes no stakeholder voice, as in the reference: the quality warnings say so.

The two checkers return :class:`~spark_kit.impact.exercises.Feedback` (right or wrong and
why, in Swedish or English), computed with the package's own functions:

1. :func:`check_exercise_1` — the impact of row 2 (year 1, after the filters) by hand;
2. :func:`check_exercise_2` — the deadweight of row 1 at which the ratio falls to 1.

>>> check_exercise_1(288_000, "en").correct
True
"""

from __future__ import annotations

from functools import cache

from spark_kit.i18n import format_money, format_number, format_percent, t
from spark_kit.impact.exercises import Feedback, _feedback, number_answer
from spark_kit.impact.sroi.calculate import calculate_sroi, change_outcome
from spark_kit.impact.sroi.model import (
    Conventions,
    Input,
    OutcomeRow,
    ValueMap,
    ValueMapStakeholder,
)
from spark_kit.impact.sroi.sensitivity import break_even

#: Tolerances: kronor for exercise 1; a fraction (0.1 percentage point) for exercise 2.
EXERCISE_1_TOLERANCE = 0.5
EXERCISE_2_TOLERANCE = 0.001

EXERCISE_1_ROW = 2
EXERCISE_2_ROW = 1


def case_3_value_map() -> ValueMap:
    """Case 3 of impact-methods.md §1.7 (constructed example): the guide's conventions,
    r = 3.5 %, inputs 1 500 000 kr in year 1, three outcome rows.

    Reference results: PV 2 002 354,37 kr, NPV 502 354,37 kr, ratio 1,3349.
    """
    return ValueMap(
        stakeholders=[
            ValueMapStakeholder(name="Deltagare"),
            ValueMapStakeholder(name="Regionen"),
            ValueMapStakeholder(name="Företaget och dess finansiärer"),
        ],
        inputs=[
            Input(
                stakeholder="Företaget och dess finansiärer",
                description="Alla insatser i kronor, kontanter och i natura (konstruerat exempel)",
                amount=1_500_000,
                year=1,
            )
        ],
        outcomes=[
            OutcomeRow(
                stakeholder="Deltagare",
                outcome="Deltagare får betalt arbete (ökad disponibel inkomst)",
                indicator="Antal deltagare med betalt arbete",
                quantity=8,
                financial_proxy=150_000,
                duration_years=3,
                deadweight=0.20,
                displacement=0.0,
                attribution=0.25,
                drop_off=0.30,
            ),
            OutcomeRow(
                stakeholder="Deltagare",
                outcome="Minskad social isolering",
                indicator="Antal deltagare som känner sig mindre isolerade",
                quantity=20,
                financial_proxy=20_000,
                duration_years=2,
                deadweight=0.10,
                displacement=0.0,
                attribution=0.20,
                drop_off=0.50,
            ),
            OutcomeRow(
                stakeholder="Regionen",
                outcome="Minskad vårdkonsumtion",
                indicator="Antal deltagare som söker vård mer sällan",
                quantity=10,
                financial_proxy=15_000,
                duration_years=2,
                deadweight=0.30,
                displacement=0.0,
                attribution=0.30,
                drop_off=0.50,
                actor="region",
            ),
        ],
        conventions=Conventions(discount_rate=0.035),
    )


def _number(answer: object) -> float | None:
    return number_answer(answer, ("kr", "sek", "%"))


# --- Exercise 1: the impact of one row by hand ------------------------------------------------


def exercise_1_row() -> OutcomeRow:
    """The row whose year-1 impact the learner computes (row 2 of Case 3)."""
    return case_3_value_map().outcomes[EXERCISE_1_ROW - 1]


@cache
def _exercise_1_answers() -> dict[str, float]:
    """The right answer and the values that common mistakes give, each with its key."""
    row = exercise_1_row()
    gross = row.quantity * row.financial_proxy
    kept_dw, kept_disp, kept_attr = 1 - row.deadweight, 1 - row.displacement, 1 - row.attribution
    right = calculate_sroi(case_3_value_map()).by_outcome[EXERCISE_1_ROW - 1]["impact"]
    return {
        "right": right,
        "gross": gross,
        "only_deadweight": gross * kept_dw * kept_disp,
        "only_attribution": gross * kept_attr * kept_disp,
        "additive": gross * max(0.0, 1 - row.deadweight - row.displacement - row.attribution),
        "dropoff_in_year_1": right * (1 - row.drop_off),
        "filters_as_kept": gross * row.deadweight * row.attribution,
        "per_person": row.financial_proxy * kept_dw * kept_disp * kept_attr,
    }


def exercise_1_solution() -> float:
    """The right answer: the row's impact in year 1, in kronor."""
    return _exercise_1_answers()["right"]


def check_exercise_1(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the year-1 impact of row 2 (kronor; within 0,50 kr).

    A wrong answer that matches a common mistake (no filters, one filter only, filters
    subtracted from each other, drop-off in year 1, the percentages taken as the share
    kept, the quantity left out) is named with why it is wrong.
    """
    value = _number(answer)
    if value is None:
        return _feedback(False, t("sroi.exercise1.not_a_number", lang, answer=answer), [])
    answers = _exercise_1_answers()
    right = answers["right"]
    if abs(value - right) <= EXERCISE_1_TOLERANCE:
        return _feedback(
            True,
            t("sroi.exercise1.correct", lang, value=_kr(right, lang)),
            [t("sroi.exercise1.why", lang)],
        )
    points = [
        t(f"sroi.exercise1.mistake.{key}", lang)
        for key, wrong in answers.items()
        if key != "right" and abs(value - wrong) <= EXERCISE_1_TOLERANCE
    ]
    points.append(t("sroi.exercise1.how", lang))
    return _feedback(False, t("sroi.exercise1.incorrect", lang, value=_kr(value, lang)), points)


def _kr(value: float, lang: str | None) -> str:
    whole = abs(value - round(value)) < 0.005
    return format_money(round(value) if whole else value, lang, decimals=0 if whole else 2)


# --- Exercise 2: the break-even deadweight ----------------------------------------------------


def exercise_2_solution() -> float:
    """The deadweight of row 1 (a fraction) at which the ratio is exactly 1 (0.4707…)."""
    (result,) = break_even(case_3_value_map(), rows=[EXERCISE_2_ROW], parameters=("deadweight",))
    return result.value


def exercise_2_ratio(deadweight: float) -> float:
    """The Case 3 ratio with row 1's deadweight set to ``deadweight`` (a fraction)."""
    changed = change_outcome(case_3_value_map(), EXERCISE_2_ROW, deadweight=deadweight)
    return calculate_sroi(changed).sroi_ratio


def check_exercise_2(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the break-even deadweight of row 1: a fraction (0.4707) or a percentage
    (47.07 or ``"47,07 %"``); right within 0.1 percentage point.

    A wrong answer is told the ratio it gives and which way to go.
    """
    value = _number(answer)
    if value is not None and (value > 1 or (isinstance(answer, str) and "%" in answer)):
        value /= 100
    if value is None or not 0 <= value <= 1:
        return _feedback(False, t("sroi.exercise2.not_a_share", lang, answer=answer), [])
    right = exercise_2_solution()
    shown = format_percent(value, lang, decimals=2)
    if abs(value - right) <= EXERCISE_2_TOLERANCE:
        points = [t("sroi.exercise2.why", lang, right=format_percent(right, lang, decimals=2))]
        return _feedback(True, t("sroi.exercise2.correct", lang, value=shown), points)
    ratio = format_number(exercise_2_ratio(value), lang, decimals=4)
    direction = "higher" if value < right else "lower"
    points = [t(f"sroi.exercise2.go_{direction}", lang, ratio=ratio, value=shown)]
    if value == case_3_value_map().outcomes[EXERCISE_2_ROW - 1].deadweight:
        points.append(t("sroi.exercise2.base_value", lang))
    points.append(t("sroi.exercise2.how", lang))
    return _feedback(False, t("sroi.exercise2.incorrect", lang, value=shown), points)
