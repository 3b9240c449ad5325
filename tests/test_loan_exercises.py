"""The exercises of notebooks/08_lan_och_medlemskapital.ipynb (fictional Granbacka kyldisk
loan and three fictional offers): right answers, common mistakes, both languages."""

from __future__ import annotations

import pytest

from spark_kit.finance.loan_exercises import (
    LOAN_AMOUNT,
    MEMBER_CAPITAL,
    OFFERS,
    check_exercise_1,
    check_exercise_2,
    exercise_1_solution,
    exercise_2_solution,
    granbacka_loan,
    offer_schedules,
)


def test_the_example_loan():
    assert LOAN_AMOUNT == 180_000 and MEMBER_CAPITAL == 60_000
    assert round(granbacka_loan().payment, 2) == 3479.90
    assert granbacka_loan("straight").payment == pytest.approx(3900)


def test_exercise_1_solution():
    # 180 000 / 60 + 180 000 × 0.06 / 12 = 3 000 + 900.
    assert exercise_1_solution() == pytest.approx(3_900)
    for answer in (3_900, "3 900 kr", "3900,00", 3_900.4):
        feedback = check_exercise_1(answer, "sv")
        assert feedback.correct and "3\u00a0900,00\u00a0kr" in feedback.message


@pytest.mark.parametrize(
    ("answer", "sv_words", "en_words"),
    [
        (3_479.90, "annuitetslånets", "annuity payment"),
        (3_000, "bara amorteringen", "only the amortisation"),
        (900, "bara räntan", "only the first month's interest"),
        (13_800, "helt år", "whole year"),
        (3_015, "sista betalningen", "last payment"),
    ],
)
def test_exercise_1_names_the_mistake(answer, sv_words, en_words):
    assert sv_words in check_exercise_1(answer, "sv").message
    feedback = check_exercise_1(answer, "en")
    assert not feedback.correct and en_words in feedback.message


def test_exercise_1_not_a_number():
    feedback = check_exercise_1("tre tusen", "sv")
    assert not feedback.correct and "inget belopp" in feedback.message


def test_exercise_2_solution_is_the_lowest_effective_rate_not_the_lowest_nominal():
    schedules = offer_schedules()
    assert exercise_2_solution() == "C"
    lowest_nominal = min(OFFERS, key=lambda k: OFFERS[k]["rate"])
    assert lowest_nominal == "A"
    rates = {k: s.effective_annual_rate for k, s in schedules.items()}
    assert rates["A"] > rates["B"] > rates["C"]
    assert min(schedules, key=lambda k: schedules[k].total_paid) == "C"


def test_exercise_2_feedback():
    assert check_exercise_2("C", "sv").correct
    assert check_exercise_2(" erbjudande c ", "sv").correct
    assert check_exercise_2("offer C", "en").correct
    wrong = check_exercise_2("A", "sv")
    assert not wrong.correct and "lägsta nominella räntan" in wrong.message
    assert "lowest nominal rate" in check_exercise_2("A", "en").message
    assert not check_exercise_2("B", "en").correct
    assert "A, B, C" in check_exercise_2("D", "sv").message
