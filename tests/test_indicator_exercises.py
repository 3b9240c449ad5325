"""The self-checking exercises of notebooks/02_indikatorer.ipynb.

Right answers are accepted in Swedish and English; each kind of wrong answer is refused
with a message that names the problem and the numbers behind the right answer. The data
are the fictional Granbacka byakooperativ's measurements and its synthetic survey.
"""

from __future__ import annotations

import pytest

from spark_kit.impact.indicator_exercises import (
    EXERCISE_1_YEAR,
    EXERCISE_2_GROUP,
    check_exercise_1,
    check_exercise_2,
    exercise_1_solution,
    exercise_2_solution,
)
from spark_kit.impact.indicators import Status

LANGS = ["sv", "en"]
SMALL = "Deltagare i arbetsträning"
SWEDISH_ANSWER = {
    "M1": "uppnått",
    "M2": "på väg",
    "M3": "efter plan",
    "M4": "på väg",
    "M5": "efter plan",
    "M6": "saknar mätning",
    "M7": "uppnått",
}


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- Exercise 1 ------------------------------------------------------------------------------


def test_solution_is_the_2026_status_of_every_indicator():
    assert EXERCISE_1_YEAR == 2026
    solution = exercise_1_solution()
    assert {k: v.value for k, v in solution.items()} == SWEDISH_ANSWER


@pytest.mark.parametrize("lang", LANGS)
def test_right_answer_as_statuses(lang):
    feedback = check_exercise_1(exercise_1_solution(), lang)
    assert feedback.correct
    assert ("Rätt" if lang == "sv" else "Right") in feedback.message and "2026" in feedback.message


def test_right_answer_in_words_of_either_language():
    assert check_exercise_1(SWEDISH_ANSWER, "sv").correct
    english = {
        "m1": "achieved",
        "M2": "on track",
        "M3": "behind",
        "M4": "On track",
        "M5": "behind plan",
        "M6": "not measured",
        "M7": "Achieved",
    }
    assert check_exercise_1(english, "en").correct


def test_wrong_status_is_explained_with_the_numbers():
    answer = dict(SWEDISH_ANSWER, M3="på väg")
    feedback = check_exercise_1(answer, "sv")
    assert not feedback.correct
    assert feedback.message.startswith("Inte riktigt än: 6 av 7 rätt.")
    assert "M3 är inte ”på väg” utan ”efter plan”." in feedback.message
    assert "Mätvärdet 61 är bara 40\u00a0% av vägen från 55 till 70." in feedback.message
    assert "Planen säger 75\u00a0% år 2026" in feedback.message


def test_wrong_status_explained_in_english():
    answer = dict(SWEDISH_ANSWER, M2="behind", M6="on track", M1="behind")
    message = check_exercise_1(answer, "en").message
    assert "M2 is not “behind plan” but “on track”." in message
    assert "at most 10 percentage points behind the plan is on track" in message
    assert "There is no actual value for 2026" in message
    assert "The target is to hold the level 70, and the actual value 70 holds it." in message


def test_missing_unknown_and_non_status_answers():
    answer = {k: v for k, v in SWEDISH_ANSWER.items() if k != "M7"}
    answer["M5"] = "kanske"
    answer["M8"] = "på väg"
    message = check_exercise_1(answer, "sv").message
    assert "”M8” är ingen av indikatorerna i övningen" in message
    assert "M7 saknar svar" in message
    assert "”kanske” (för M5) är ingen status" in message


# --- Exercise 2 ------------------------------------------------------------------------------


def test_exercise_2_solution():
    hidden, change = exercise_2_solution()
    assert hidden == [SMALL]
    assert EXERCISE_2_GROUP == "Äldre utan bil"
    assert change == pytest.approx(1.0)


@pytest.mark.parametrize("lang", LANGS)
def test_right_answer_exercise_2(lang):
    feedback = check_exercise_2([SMALL], 1.0, lang)
    assert feedback.correct
    assert ("1,00" if lang == "sv" else "1.00") in feedback.message


def test_two_decimals_and_loose_names_are_enough():
    assert check_exercise_2(["  deltagare I arbetsträning "], 1.004, "sv").correct
    assert check_exercise_2(SMALL, "1.00", "sv").correct


def test_hiding_a_large_group_is_refused_with_its_size():
    message = check_exercise_2([SMALL, "Bybor"], 1.0, "sv").message
    assert "Bybor har 44 svarande med både före- och eftersvar, minst 5, så gruppen ska visas." in (
        message
    )


def test_forgetting_the_small_group():
    feedback = check_exercise_2([], 1.0, "en")
    assert not feedback.correct
    assert f"{SMALL} has fewer than 5 respondents with both answers and must be hidden." in (
        feedback.message
    )


def test_unknown_group_and_wrong_change():
    message = check_exercise_2(["Ungdomar", SMALL], 0.64, "sv").message
    assert "”Ungdomar” är ingen grupp i enkäten" in message
    assert "Medelförändringen för Äldre utan bil är inte 0,64." in message
    assert "den som bara har svarat en gång räknas inte med" in message


def test_change_that_is_not_a_number():
    message = check_exercise_2([SMALL], "mycket", "sv").message
    assert "ska vara ett tal, inte ”mycket”" in message


def test_statuses_are_the_enum():
    assert all(isinstance(v, Status) for v in exercise_1_solution().values())
