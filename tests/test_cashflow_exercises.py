"""The exercises of notebooks/07_likviditet_och_nollpunkt.ipynb (FICTIONAL Granbacka example).

Exercise 1: the Leader payment comes 6 months after the project (August 2027) instead of 4:
by hand, the balance is −270 000 kr in August (as before), −250 000 kr in December (no Leader
money yet), −245 000 kr in January 2028 and +60 000 kr in February 2028, when the 300 000 kr
arrive. With a buffer of 50 000 kr the bridging need is 270 000 + 50 000 = 320 000 kr, and the
loan can be repaid in February 2028 (month 14).

Exercise 2: break-even revenue = fixed costs / contribution-margin ratio (financing.md §2.5):
960 000 / 0.20 = 4 800 000 kr, exactly the budgeted sales.
"""

from __future__ import annotations

import pytest

from spark_kit.finance.cashflow import compute_cashflow
from spark_kit.finance.cashflow_exercises import (
    check_exercise_1,
    check_exercise_2,
    exercise_1_budget,
    exercise_1_solution,
    exercise_2_solution,
)


def test_exercise_1_solution_by_hand():
    assert exercise_1_solution() == (320_000, 14)
    result = compute_cashflow(exercise_1_budget())
    assert result.closing[[7, 11, 12, 13]].tolist() == [-270_000, -250_000, -245_000, 60_000]
    assert result.funding_gap == 270_000 and result.gap_month == 8
    assert result.month_label(14) == "februari 2028"


@pytest.mark.parametrize(
    "bridge, month",
    [(320_000, 14), ("320 000 kr", "februari 2028"), (320_000.4, "February 2028"), (320_000, "14")],
)
def test_exercise_1_right_answers(bridge, month):
    feedback = check_exercise_1(bridge, month)
    assert feedback.correct and feedback.message.startswith("Rätt!")


@pytest.mark.parametrize(
    "bridge, month, words",
    [
        (270_000, 14, "finansieringsgapet"),
        (320_000, 12, "gamla fördröjningen"),
        (320_000, 8, "som lägst"),
        (320_000, 13, "månaden efter"),
    ],
)
def test_exercise_1_common_mistakes_are_named(bridge, month, words):
    feedback = check_exercise_1(bridge, month, "sv")
    assert not feedback.correct and words in feedback.message


def test_exercise_1_not_a_number_or_month():
    assert "inget belopp" in check_exercise_1("mycket", 14).message
    assert "no month" not in check_exercise_1(320_000, "juni 2030", "en").message
    assert "is not a month of the budget" in check_exercise_1(320_000, "juni 2030", "en").message


def test_exercise_2_solution_by_hand():
    assert exercise_2_solution() == pytest.approx(960_000 / 0.20)


@pytest.mark.parametrize(
    "answer, words",
    [
        (960_000 / 0.225, "gamla täckningsgraden"),
        (960_000 / 0.8, "andelen rörliga kostnader"),
        (960_000 * 0.2, "multiplicerat"),
    ],
)
def test_exercise_2_common_mistakes_are_named(answer, words):
    feedback = check_exercise_2(answer, "sv")
    assert not feedback.correct and words in feedback.message


def test_exercise_2_right_in_both_languages():
    assert check_exercise_2("4 800 000 kr").correct
    assert check_exercise_2(4_800_000, "en").message.startswith("Right!")
    assert "not an amount" in check_exercise_2("x", "en").message
