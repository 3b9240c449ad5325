"""The small worked example and the self-checking exercises of the outcome-contract module
(notebooks/10_resultatbaserad_finansiering.ipynb).

:func:`small_contract` is a **fictional** outcome-based contract between a municipality and
a small work-integration social enterprise: no external investor, so the enterprise itself
pre-finances the work and carries the outcome risk. Every number in it is made up for
teaching (the savings per participant too) and has no source.

The two checkers return :class:`~spark_kit.impact.exercises.Feedback`, computed with the
package's own functions:

1. :func:`check_exercise_1` — the investor's repayment in the Norrköping case when the
   savings are 13 MSEK (under the reference's inferred reading of the contract);
2. :func:`check_exercise_2` — the outcome rate at which the enterprise in the small
   contract gets back what it put in.

>>> check_exercise_1(11_800_000, "en").correct
True
"""

from __future__ import annotations

from functools import cache

from spark_kit.finance.outcome_contracts import (
    OutcomeContract,
    break_even_outcome_rate,
    evaluate,
    norrkoping_case,
)
from spark_kit.i18n import format_money, format_number, format_percent, t
from spark_kit.impact.exercises import Feedback, _feedback, number_answer

#: Tolerances: kronor for exercise 1; a fraction (0.1 percentage point) for exercise 2.
EXERCISE_1_TOLERANCE = 0.5
EXERCISE_2_TOLERANCE = 0.001

#: The savings (kronor) in exercise 1.
EXERCISE_1_SAVINGS = 13_000_000


def small_contract() -> OutcomeContract:
    """A fictional outcome-based contract for a small enterprise (all numbers made up).

    The enterprise puts in 600 000 kr at the start (staff and premises for a year of work
    training). The municipality pays half of it whatever happens, spread over the two
    half-years, and 40 000 kr for each participant who has a job after the training: at
    most 200 000 kr a half-year and 320 000 kr in all. The plan is 3 participants in work
    in the first half-year and 5 in the second. Each one saves the municipality
    90 000 kr (a made-up figure).
    """
    return OutcomeContract(
        name="Fiktivt avtal",
        capital=600_000,
        periods=2,
        periods_per_year=2,
        guaranteed_share=0.5,
        guaranteed_timing="spread",
        outcome_price=40_000,
        planned_outcomes=(3, 5),
        cap_per_period=200_000,
        cap_total=320_000,
        savings_per_outcome=90_000,
    )


def _number(answer: object) -> float | None:
    return number_answer(answer, ("kr", "sek", "%"))


def _kr(value: float, lang: str | None) -> str:
    return format_money(round(value), lang, decimals=0)


# --- Exercise 1: Norrköping, the repayment at savings of 13 MSEK -----------------------------


@cache
def _exercise_1_answers() -> dict[str, float]:
    """The right answer and what common mistakes give, each with its key."""
    case = norrkoping_case()
    capital = float(case.capital.value)
    guaranteed = case.guaranteed_share.value * capital
    share = case.outcome_share.value
    alpha = case.bonus_share.value
    savings = float(EXERCISE_1_SAVINGS)
    outcome = min(share * savings, (1 - case.guaranteed_share.value) * capital)
    bonus = min(alpha * max(savings - capital, 0.0), case.max_return_share.value * capital)
    right = case.evaluate_savings(savings).total_paid
    return {
        "right": right,
        "no_guarantee": outcome + bonus,
        "no_outcome_cap": guaranteed + share * savings + bonus,
        "no_bonus": guaranteed + outcome,
        "bonus_on_all": guaranteed + outcome + min(alpha * savings, 0.2 * capital),
        "all_savings": savings,
    }


def exercise_1_solution() -> float:
    """The right answer: the investor's repayment in kronor (11 800 000)."""
    return _exercise_1_answers()["right"]


def check_exercise_1(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the investor's repayment in the Norrköping case at savings of 13 MSEK (in
    kronor, within 0,50 kr; an answer in millions such as 11.8 is accepted and said so).

    A wrong answer that matches a common mistake (the guarantee left out, the cap on the
    outcome part forgotten, the return above break-even left out or taken on all savings,
    all the savings paid out) is named with why it is wrong.
    """
    value = _number(answer)
    if value is None:
        return _feedback(False, t("oc.exercise1.not_a_number", lang, answer=answer), [])
    answers = _exercise_1_answers()
    right = answers["right"]
    in_millions = 0 < abs(value) < 1000
    if in_millions:
        value *= 1_000_000
    if abs(value - right) <= EXERCISE_1_TOLERANCE * (1_000 if in_millions else 1):
        points = [t("oc.exercise1.why", lang)]
        if in_millions:
            points.append(t("oc.exercise1.millions", lang))
        return _feedback(True, t("oc.exercise1.correct", lang, value=_kr(right, lang)), points)
    points = [
        t(f"oc.exercise1.mistake.{key}", lang)
        for key, wrong in answers.items()
        if key != "right" and abs(value - wrong) <= EXERCISE_1_TOLERANCE * 1_000
    ]
    points.append(t("oc.exercise1.how", lang))
    return _feedback(False, t("oc.exercise1.incorrect", lang, value=_kr(value, lang)), points)


# --- Exercise 2: the break-even outcome rate of the small contract ---------------------------


def exercise_2_solution() -> float:
    """The outcome rate (a fraction) at which the enterprise gets its 600 000 kr back (0.9375)."""
    return break_even_outcome_rate(small_contract())


def exercise_2_multiple(rate: float) -> float:
    """The money multiple of the small contract at outcome rate ``rate``."""
    return evaluate(small_contract(), outcome_rate=rate).multiple


def check_exercise_2(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the break-even outcome rate: a fraction (0.9375) or a percentage (93.75 or
    ``"93,75 %"``); right within 0.1 percentage point.

    A wrong answer is told the money multiple it gives and which way to go.
    """
    value = _number(answer)
    if value is not None and (value > 2 or (isinstance(answer, str) and "%" in answer)):
        value /= 100
    if value is None or value < 0:
        return _feedback(False, t("oc.exercise2.not_a_share", lang, answer=answer), [])
    right = exercise_2_solution()
    shown = format_percent(value, lang, decimals=2)
    if abs(value - right) <= EXERCISE_2_TOLERANCE:
        points = [t("oc.exercise2.why", lang, right=format_percent(right, lang, decimals=2))]
        return _feedback(True, t("oc.exercise2.correct", lang, value=shown), points)
    multiple = format_number(exercise_2_multiple(value), lang, decimals=4)
    direction = "higher" if value < right else "lower"
    points = [t(f"oc.exercise2.go_{direction}", lang, multiple=multiple, value=shown)]
    points.append(t("oc.exercise2.how", lang))
    return _feedback(False, t("oc.exercise2.incorrect", lang, value=shown), points)
