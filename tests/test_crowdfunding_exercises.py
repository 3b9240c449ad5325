"""The crowdfunding module's exercise checkers (notebooks/09_crowdfunding.ipynb).

The example is FICTIONAL (data/examples/granbacka_crowdfunding.yaml). Its gross-up uses the
formula and convention of /work/shared/reference/financing.md §2.7 (fees on the gross, a fixed
fee per pledge), whose test vector (5 458.52) is checked in tests/test_crowdfunding.py:
60 000 / (1 − 0.05 − 0.03 − 3/400) = 65 753.42 kr.
"""

from __future__ import annotations

import pytest

from spark_kit.finance.crowdfunding import probability_of_goal
from spark_kit.finance.crowdfunding_exercises import (
    EXAMPLE_FILE,
    check_exercise_1,
    check_exercise_2,
    example_data,
    example_plan,
    exercise_1_solution,
    exercise_2_plan,
    exercise_2_solution,
)
from spark_kit.impact.exercises import Feedback

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def test_the_example_is_marked_fictional():
    assert example_data()["fictional"] is True
    assert "FICTIONAL" in EXAMPLE_FILE.read_text(encoding="utf-8")


# --- exercise 1: the gross-up -----------------------------------------------------------------


def test_exercise_1_solution():
    assert exercise_1_solution() == pytest.approx(60_000 / (1 - 0.05 - 0.03 - 3 / 400))
    assert round(exercise_1_solution(), 2) == 65_753.42


@pytest.mark.parametrize("answer", [65_753.42, 65_753, 65_754, "65 753,42 kr", "65\u00a0753"])
def test_exercise_1_right_answers(answer):
    feedback = check_exercise_1(answer, "sv")
    assert isinstance(feedback, Feedback)
    assert feedback.correct
    assert feedback.message.startswith(f"Rätt! Bruttomålet är 65{NBSP}753,42{NBSP}kr.")


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (65_250, "lagt på avgifterna på behovet"),  # 60 000 × 1,0875
        (65_217.39, "glömt den fasta avgiften"),  # 60 000 / 0,92
        (63_157.89, "bara har räknat med plattformsavgiften"),  # 60 000 / 0,95
        (60_000, "Det är behovet netto"),
    ],
)
def test_exercise_1_common_mistakes_are_named(answer, words):
    feedback = check_exercise_1(answer, "sv")
    assert not feedback.correct
    assert feedback.message.startswith("Inte riktigt: med")
    assert "kvar netto" in feedback.message
    assert words in feedback.message


def test_exercise_1_too_high_and_english():
    feedback = check_exercise_1(70_000, "en")
    assert not feedback.correct
    assert "is more than needed" in feedback.message


@pytest.mark.parametrize("answer", ["mycket", None, -5, 0, float("nan"), True])
def test_exercise_1_not_a_number(answer):
    feedback = check_exercise_1(answer, "sv")
    assert not feedback.correct
    assert "är inget tal" in feedback.message


# --- exercise 2: the list for a 90 % chance --------------------------------------------------


def test_exercise_2_solution_is_the_smallest_list_with_90_percent():
    plan = exercise_2_plan()
    assert plan.backers_needed == 165
    assert plan.list_size_needed == 3300
    right = exercise_2_solution()
    assert probability_of_goal(right, 165, 0.05) >= 0.9
    assert probability_of_goal(right - 1, 165, 0.05) < 0.9
    assert right == 3625


@pytest.mark.parametrize("answer", [3625, "3 625", 3690])
def test_exercise_2_right_answers(answer):
    feedback = check_exercise_2(answer, "sv")
    assert feedback.correct
    assert feedback.message.startswith("Rätt!")
    assert f"3{NBSP}625 personer" in feedback.message


def test_exercise_2_backers_over_conversion_is_a_coin_toss():
    feedback = check_exercise_2(3300, "sv")
    assert not feedback.correct
    assert "För liten lista" in feedback.message
    assert "ungefär hälften" in feedback.message


def test_exercise_2_too_large():
    feedback = check_exercise_2(5000, "sv")
    assert not feedback.correct
    assert "större än den behöver vara" in feedback.message
    english = check_exercise_2(5000, "en")
    assert "larger than it needs to be" in english.message


@pytest.mark.parametrize("answer", [2.5, "abc", 0, -10])
def test_exercise_2_not_a_count(answer):
    feedback = check_exercise_2(answer, "sv")
    assert not feedback.correct
    assert "inget heltal" in feedback.message


def test_the_contact_list_is_too_small_without_matching_and_enough_with_it():
    assert example_plan(matching=False).probability < 0.2
    assert example_plan(matching=True).probability > 0.9
