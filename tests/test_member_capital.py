"""Member capital (insatskapital): members needed = ceil(capital need / insats).

The common grundinsats of 1 000 kr is from financing.md §1.1 (Coompanion Västmanland,
Ekobanken). The Vattholma village shop needed 175 000 kr of start capital through andelar
(financing.md §1.3, helasverige.se); at 1 000 kr an andel that is 175 members (arithmetic —
the reference does not give Vattholma's share price).
"""

from __future__ import annotations

import pytest

from spark_kit.errors import SparkInputError
from spark_kit.finance.member_capital import (
    COMMON_INSATS,
    member_capital_plan,
    members_needed,
)


@pytest.fixture(autouse=True)
def _swedish_by_default(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def test_members_needed_rounds_up():
    assert members_needed(175_000, COMMON_INSATS) == 175
    assert members_needed(60_000, 1_000) == 60
    assert members_needed(60_001, 1_000) == 61
    assert members_needed(0, 1_000) == 0


def test_plan_with_existing_capital_and_surplus():
    plan = member_capital_plan(60_000, 700, existing_capital=10_000)
    assert plan.remaining_need == 50_000
    assert plan.new_members == 72  # 50 000 / 700 = 71.4 → 72
    assert plan.raised == 72 * 700 and plan.surplus == pytest.approx(400)


def test_plan_when_existing_capital_covers_the_need():
    plan = member_capital_plan(60_000, 1_000, existing_capital=80_000)
    assert plan.new_members == 0 and plan.surplus == 0


def test_paid_share_counts_only_what_is_paid_at_once():
    plan = member_capital_plan(60_000, 1_000, paid_share=0.5)
    assert plan.new_members == 120


def test_floating_point_does_not_add_a_member():
    assert members_needed(0.3, 0.1) == 3


@pytest.mark.parametrize(
    ("kwargs", "column", "sv_words", "en_words"),
    [
        ({"insats": -100}, "insats", "Insatsen", "insats"),
        ({"insats": 0}, "insats", "större än 0", "greater than 0"),
        ({"capital_need": -5_000}, "capital_need", "Kapitalbehovet", "capital need"),
        ({"capital_need": "mycket"}, "capital_need", "inte ett tal", "not a number"),
        ({"existing_capital": -1}, "existing_capital", "Befintligt", "Existing"),
        ({"paid_share": 1.5}, "paid_share", "högst 1", "at most 1"),
    ],
)
def test_bad_input_names_parameter_and_value(kwargs, column, sv_words, en_words):
    arguments = {"capital_need": 60_000, "insats": 1_000, **kwargs}
    capital_need = arguments.pop("capital_need")
    insats = arguments.pop("insats")
    with pytest.raises(SparkInputError) as caught:
        member_capital_plan(capital_need, insats, **arguments)
    (problem,) = caught.value.problems
    assert problem.column == column
    value = str(next(iter(kwargs.values())))
    for lang, words in (("sv", sv_words), ("en", en_words)):
        message = caught.value.message(lang)
        assert words in message and column in message and value in message, message


def test_every_problem_at_once():
    with pytest.raises(SparkInputError) as caught:
        member_capital_plan(-1, 0)
    assert {p.column for p in caught.value.problems} == {"capital_need", "insats"}
