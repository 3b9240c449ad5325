"""The exercises of notebooks/06_finansieringskallor.ipynb: right answers accepted, common
mistakes named with why, in Swedish and English. The profiles and aid are fictional.

Exercise 1 rests on financing.md §0/§1.1 (Almi does not lend to ideella föreningar) and on
member shares existing only in ekonomiska föreningar. Exercise 2 rests on §1.2 (EUR 300,000
per rolling three years); its amounts are fictional.
"""

from __future__ import annotations

import datetime as dt

import pytest

from spark_kit.finance.de_minimis import status
from spark_kit.finance.sources_exercises import (
    EXERCISE_2_DATE,
    bygdegard_profile,
    check_exercise_1,
    check_exercise_2,
    exercise_1_solution,
    exercise_2_solution,
    granbacka_aid,
    granbacka_profile,
)


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def test_profiles_are_fictional_and_granbacka_comes_from_the_example():
    granbacka = granbacka_profile()
    assert granbacka.fictional and bygdegard_profile().fictional
    assert granbacka.legal_form == "ekonomisk_forening"
    assert granbacka.region == "vasterbotten"
    assert granbacka.age_years == 7 and granbacka.employees == 2
    assert bygdegard_profile().legal_form == "ideell_forening"
    assert all("påhittad" in e.description or "påhittat" in e.description for e in granbacka_aid())


def test_exercise_1_solution():
    assert exercise_1_solution() == {"almi", "medlemskapital"}


@pytest.mark.parametrize(
    "answer",
    [
        ["almi", "medlemskapital"],
        "Almi, medlemskapital",
        [
            "Almi – lån och mikrolån",
            "Medlemskapital (insatser, förlagsinsatser, investerande medlemmar)",
        ],
    ],
)
def test_exercise_1_right(answer):
    feedback = check_exercise_1(answer, "sv")
    assert feedback.correct
    assert "Almi lånar inte ut till ideella föreningar" in feedback.message


def test_exercise_1_missing_and_extra_are_named():
    feedback = check_exercise_1(["almi", "postkodstiftelsen"], "sv")
    assert not feedback.correct
    assert "Ni har missat Medlemskapital" in feedback.message
    assert "Postkodstiftelsen är inte stängd" in feedback.message
    english = check_exercise_1("almi", "en")
    assert "You missed Medlemskapital" in english.message


def test_exercise_1_unknown_and_empty():
    assert "ingen källa i katalogen" in check_exercise_1("banken", "sv").message
    assert not check_exercise_1("", "sv").correct
    assert "at least one" in check_exercise_1([], "en").message


def test_exercise_2_solution_is_the_tracker_headroom():
    # counted: 250,000 kr / 11.6 + 15,000 EUR; the aid of 10 March 2023 is outside the window
    expected = 300_000 - (250_000 / 11.6 + 15_000)
    assert exercise_2_solution() == pytest.approx(expected)
    assert round(exercise_2_solution(), 2) == 263_448.28
    window_start = status(granbacka_aid(), EXERCISE_2_DATE).window_start
    assert window_start == dt.date(2023, 3, 20)


@pytest.mark.parametrize("answer", [263_448.28, "263 448,28 €", "263448", "263\u00a0448 euro"])
def test_exercise_2_right(answer):
    feedback = check_exercise_2(answer, "sv")
    assert feedback.correct
    assert "10 mars 2023" in feedback.message


@pytest.mark.parametrize(
    "answer, mistake",
    [
        (185_187.41, "utanför fönstret"),
        (35_000, "som om de vore euro"),
        (36_551.72, "inte utrymmet"),
    ],
)
def test_exercise_2_mistakes_are_named(answer, mistake):
    feedback = check_exercise_2(answer, "sv")
    assert not feedback.correct
    assert mistake in feedback.message


def test_exercise_2_in_english_and_not_a_number():
    assert "outside the window" in check_exercise_2(185_187.41, "en").message
    assert "not an amount" in check_exercise_2("mycket", "en").message
