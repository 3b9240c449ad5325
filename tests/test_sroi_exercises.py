"""The SROI module's exercise checkers (notebooks/04_sroi.ipynb): right answers accepted,
common mistakes named with why, in Swedish and English.

Expected answers come from /work/shared/reference/impact-methods.md §1.7, Case 3 (a
constructed example in the reference): row 2's impact in year 1 is 288,000 SEK (20 × 20,000 ×
0.9 × 0.8, the table's "impact yr 1"); row 1's break-even deadweight is 47.07 % (the table
"Break-even values (ratio = 1), changing row 1 only").
"""

from __future__ import annotations

import pytest

from spark_kit.impact.exercises import Feedback
from spark_kit.impact.sroi import calculate_sroi
from spark_kit.impact.sroi.exercises import (
    case_3_value_map,
    check_exercise_1,
    check_exercise_2,
    exercise_1_row,
    exercise_1_solution,
    exercise_2_ratio,
    exercise_2_solution,
)


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def test_the_example_is_case_3_with_its_ratio():
    result = calculate_sroi(case_3_value_map())
    assert round(result.sroi_ratio, 4) == 1.3349
    assert "constructed example" in case_3_value_map.__doc__


# --- exercise 1: impact of row 2 ---------------------------------------------------------


def test_exercise_1_is_row_2_and_its_answer_is_the_reference_figure():
    row = exercise_1_row()
    assert (row.quantity, row.financial_proxy, row.deadweight, row.attribution) == (
        20,
        20_000,
        0.10,
        0.20,
    )
    assert exercise_1_solution() == pytest.approx(288_000, abs=0.005)


@pytest.mark.parametrize("answer", [288_000, 288000.0, 288_000.4, "288 000", "288\u00a0000 kr"])
def test_exercise_1_right_answers(answer):
    feedback = check_exercise_1(answer, "sv")
    assert isinstance(feedback, Feedback)
    assert feedback.correct
    assert feedback.message.startswith("Rätt! Effekten år 1 är 288\u00a0000\u00a0kr.")
    assert "(1 − dödvikt)" in feedback.message


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (400_000, "bruttovärdet"),  # no filters
        (360_000, "Bara dödvikten"),  # deadweight only
        (320_000, "Bara attributionen"),  # attribution only
        (280_000, "dragits av från varandra"),  # additive: 1 − 0.1 − 0.2
        (144_000, "redan år 1"),  # drop-off in year 1
        (8_000, "andel som blir kvar"),  # the percentages as the share kept
        (14_400, "för en person"),  # quantity left out
    ],
)
def test_exercise_1_common_mistakes_are_named(answer, why):
    feedback = check_exercise_1(answer, "sv")
    assert not feedback.correct
    assert feedback.message.startswith("Inte rätt:")
    assert why in feedback.message
    assert "Räkna antal × finansiell proxy" in feedback.message


def test_exercise_1_other_wrong_answer_and_not_a_number():
    other = check_exercise_1(123_456, "sv")
    assert not other.correct and "123\u00a0456\u00a0kr" in other.message
    assert len(other.message.split("\n")) == 2  # verdict and how, no guessed mistake
    for junk in ("mycket", None, True, float("nan")):
        feedback = check_exercise_1(junk, "sv")
        assert not feedback.correct and "inget tal" in feedback.message


def test_exercise_1_in_english():
    assert check_exercise_1(288_000, "en").message.startswith("Right! The impact in year 1")
    assert "gross value" in check_exercise_1(400_000, "en").message


# --- exercise 2: break-even deadweight -------------------------------------------------------


def test_exercise_2_solution_is_the_reference_figure():
    assert round(exercise_2_solution() * 100, 2) == 47.07
    assert exercise_2_ratio(exercise_2_solution()) == pytest.approx(1.0, rel=1e-9)
    assert round(exercise_2_ratio(0.2), 4) == 1.3349


@pytest.mark.parametrize("answer", [0.4707, 47.07, "47,07 %", "47.1%", 0.4712])
def test_exercise_2_right_answers(answer):
    feedback = check_exercise_2(answer, "sv")
    assert feedback.correct
    assert "Brytpunkten är 47,07\u00a0%" in feedback.message


def test_exercise_2_too_low_says_the_ratio_and_to_go_higher():
    feedback = check_exercise_2(0.40, "sv")
    assert not feedback.correct
    assert "kvoten 1,0875, fortfarande över 1" in feedback.message
    assert "ligger högre" in feedback.message


def test_exercise_2_too_high_says_to_go_lower():
    feedback = check_exercise_2(0.6, "sv")
    assert not feedback.correct
    assert "under 1" in feedback.message and "ligger lägre" in feedback.message


def test_exercise_2_the_current_deadweight_is_not_the_answer():
    feedback = check_exercise_2(0.2, "sv")
    assert not feedback.correct and "som rad 1 har nu" in feedback.message


@pytest.mark.parametrize("answer", ["hälften", 150, -0.1, None])
def test_exercise_2_not_a_share(answer):
    feedback = check_exercise_2(answer, "sv")
    assert not feedback.correct and "ingen andel" in feedback.message


def test_exercise_2_in_english_and_as_html():
    feedback = check_exercise_2(0.4707, "en")
    assert feedback.message.startswith("Right! At a deadweight of 47.07%")
    assert 'role="status"' in feedback._repr_html_()
