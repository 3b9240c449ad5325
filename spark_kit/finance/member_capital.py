"""Member capital (insatskapital): how many members a cooperative or village company needs.

A member of an ekonomisk förening pays an insats set in the statutes; a grundinsats of
1 000 kr is common (financing.md §1.1, citing Coompanion Västmanland and Ekobanken), and
members can lose at most their insats. The plan is plain arithmetic:

    members needed = ceil(capital need / insats)

counting the capital already paid in by existing members first. The reference does not
cover paying an insats in instalments, so the plan has none; ``paid_share`` lets a plan
count only the share of each insats that is paid in at the start (the rest later), and is
1 (all at once) by default.

>>> member_capital_plan(175_000, 1_000).new_members
175
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spark_kit.errors import InputProblem, SparkInputError

#: A common grundinsats (financing.md §1.1: Coompanion Västmanland, Ekobanken).
COMMON_INSATS = 1_000


@dataclass(frozen=True)
class MemberCapitalPlan:
    """``new_members`` more members, each paying ``insats``, cover ``capital_need`` after
    the ``existing_capital``; ``raised`` is what they bring in and ``surplus`` what is left
    over beyond the need (because members come whole)."""

    capital_need: float
    insats: float
    existing_capital: float
    paid_share: float
    new_members: int
    raised: float
    surplus: float

    @property
    def remaining_need(self) -> float:
        return max(0.0, self.capital_need - self.existing_capital)


def _number(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SparkInputError(InputProblem("member_capital.not_a_number", column=name, value=value))
    return float(value)


def members_needed(capital_need: float, insats: float) -> int:
    """ceil(capital_need / insats): the number of members whose insatser cover the need."""
    return member_capital_plan(capital_need, insats).new_members


def member_capital_plan(
    capital_need: float,
    insats: float,
    *,
    existing_capital: float = 0.0,
    paid_share: float = 1.0,
) -> MemberCapitalPlan:
    """The members needed to raise ``capital_need`` kronor at ``insats`` kronor each.

    ``existing_capital`` is member capital already paid in (it reduces the need);
    ``paid_share`` (0 < share ≤ 1) is the part of each insats paid at the start. Bad input
    (a negative need, an insats of zero or less, …) raises :class:`SparkInputError`.
    """
    problems = []
    values = {}
    for name, value in (
        ("capital_need", capital_need),
        ("insats", insats),
        ("existing_capital", existing_capital),
        ("paid_share", paid_share),
    ):
        try:
            values[name] = _number(value, name)
        except SparkInputError as error:
            problems += error.problems
    if "capital_need" in values and values["capital_need"] < 0:
        problems.append(
            InputProblem("member_capital.need_negative", column="capital_need", value=capital_need)
        )
    if "insats" in values and values["insats"] <= 0:
        problems.append(
            InputProblem("member_capital.insats_not_positive", column="insats", value=insats)
        )
    if "existing_capital" in values and values["existing_capital"] < 0:
        problems.append(
            InputProblem(
                "member_capital.existing_negative",
                column="existing_capital",
                value=existing_capital,
            )
        )
    if "paid_share" in values and not 0 < values["paid_share"] <= 1:
        problems.append(
            InputProblem("member_capital.share_range", column="paid_share", value=paid_share)
        )
    if problems:
        raise SparkInputError(problems)
    per_member = values["insats"] * values["paid_share"]
    remaining = max(0.0, values["capital_need"] - values["existing_capital"])
    count = math.ceil(round(remaining / per_member, 9))
    raised = count * per_member
    return MemberCapitalPlan(
        capital_need=values["capital_need"],
        insats=values["insats"],
        existing_capital=values["existing_capital"],
        paid_share=values["paid_share"],
        new_members=count,
        raised=raised,
        surplus=raised - remaining,
    )
