"""The example and self-checking exercises of the crowdfunding module
(notebooks/09_crowdfunding.ipynb).

The example is FICTIONAL: a campaign for solar panels on the roof of Granbacka byakooperativ's
shop (``data/examples/granbacka_crowdfunding.yaml``). Its percentages follow Kickstarter's and
BackerKit's published figures; the need, the average pledge, the fixed fee in kronor, the list
and the matching fund are made up.

The two checkers return :class:`~spark_kit.impact.exercises.Feedback`, computed with the
package's own functions:

1. :func:`check_exercise_1` — the gross goal without matching (the gross-up), in kronor;
2. :func:`check_exercise_2` — the smallest list that gives at least a 90 % chance of the goal.

>>> check_exercise_1(exercise_1_solution(), "en").correct
True
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import yaml

from spark_kit.finance.crowdfunding import (
    CampaignPlan,
    FeeSchedule,
    MatchedFunding,
    gross_up,
    list_size_for_probability,
    net_from_gross,
    plan_campaign,
    plan_from_example,
    probability_of_goal,
)
from spark_kit.i18n import format_money, format_number, format_percent, t
from spark_kit.impact.exercises import Feedback, _feedback, number_answer
from spark_kit.paths import EXAMPLES_DIR

EXAMPLE_FILE = EXAMPLES_DIR / "granbacka_crowdfunding.yaml"

#: Exercise 1: an answer within 1 kr of the gross goal is right; a common mistake is
#: recognised within 2 kr.
EXERCISE_1_TOLERANCE = 1.0
MISTAKE_TOLERANCE = 2.0
#: Exercise 2: the target chance, and how much larger than the smallest list an answer may be.
EXERCISE_2_TARGET = 0.9
EXERCISE_2_SLACK = 0.02


@cache
def example_data() -> dict[str, Any]:
    """The fictional campaign as read from ``data/examples/granbacka_crowdfunding.yaml``."""
    return yaml.safe_load(EXAMPLE_FILE.read_text(encoding="utf-8"))


def example_fees() -> FeeSchedule:
    return FeeSchedule(**example_data()["campaign"]["fees"])


def example_matching() -> MatchedFunding:
    return MatchedFunding(**example_data()["campaign"]["matching"])


def example_plan(matching: bool = True, list_size: int | None = None) -> CampaignPlan:
    """The example's plan, with the fictional matching fund or without it."""
    if matching:
        return plan_from_example(example_data(), list_size=list_size)
    campaign = example_data()["campaign"]
    return plan_campaign(
        campaign["net_need"],
        campaign["average_pledge"],
        example_fees(),
        conversion_rate=campaign["conversion_rate"],
        list_size=list_size if list_size is not None else campaign["contact_list"],
    )


def _number(answer: object) -> float | None:
    return number_answer(answer, ("kr", "sek", "st", "personer", "people"))


def _kr(value: float, lang: str | None) -> str:
    return format_money(value, lang)


# --- Exercise 1: the gross-up ------------------------------------------------------------------


@cache
def _exercise_1_answers() -> dict[str, float]:
    campaign = example_data()["campaign"]
    need, pledge, fees = campaign["net_need"], campaign["average_pledge"], example_fees()
    per_pledge = fees.payment_fixed_fee / pledge
    return {
        "right": gross_up(need, pledge, fees),
        "markup": need * (1 + fees.share_of_gross + per_pledge),
        "no_fixed_fee": need / (1 - fees.share_of_gross),
        "platform_only": need / (1 - fees.platform_fee),
        "need": float(need),
    }


def exercise_1_solution() -> float:
    """The gross goal without matching, in kronor (65 753,42 kr)."""
    return _exercise_1_answers()["right"]


def check_exercise_1(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the gross goal without matching (within 1 kr); common mistakes are named."""
    value = _number(answer)
    if value is None or value <= 0:
        return _feedback(False, t("crowdfunding.exercise.not_a_number", lang, answer=answer), [])
    answers = _exercise_1_answers()
    if abs(value - answers["right"]) <= EXERCISE_1_TOLERANCE:
        verdict = t("crowdfunding.exercise1.correct", lang, value=_kr(answers["right"], lang))
        return _feedback(True, verdict, [t("crowdfunding.exercise1.why", lang)])
    campaign = example_data()["campaign"]
    net = net_from_gross(value, campaign["average_pledge"], example_fees())
    key = "too_low" if net < campaign["net_need"] else "too_high"
    verdict = t(
        f"crowdfunding.exercise1.{key}",
        lang,
        value=_kr(value, lang),
        net=_kr(net, lang),
        need=_kr(campaign["net_need"], lang),
    )
    points: list[str] = []
    points += [
        t(f"crowdfunding.exercise1.mistake.{key}", lang)
        for key, wrong in answers.items()
        if key != "right" and abs(value - wrong) <= MISTAKE_TOLERANCE
    ]
    points.append(t("crowdfunding.exercise1.how", lang))
    return _feedback(False, verdict, points)


# --- Exercise 2: a list large enough for a 90 % chance -----------------------------------------


def exercise_2_plan() -> CampaignPlan:
    """The plan whose list the learner sizes: the example without matching."""
    return example_plan(matching=False)


def exercise_2_solution() -> int:
    """The smallest list with at least a 90 % chance of the goal (3 625 people)."""
    plan = exercise_2_plan()
    return list_size_for_probability(plan.backers_needed, plan.conversion_rate, EXERCISE_2_TARGET)


def check_exercise_2(answer: int | str, lang: str | None = None) -> Feedback:
    """Check a list size: right if its chance is at least 90 % and it is at most 2 % larger
    than the smallest such list."""
    value = _number(answer)
    if value is None or value < 1 or not float(value).is_integer():
        return _feedback(False, t("crowdfunding.exercise2.not_a_count", lang, answer=answer), [])
    size = int(value)
    plan = exercise_2_plan()
    right = exercise_2_solution()
    limit = math.floor(right * (1 + EXERCISE_2_SLACK))
    chance = probability_of_goal(size, plan.backers_needed, plan.conversion_rate)
    shown = format_number(size, lang)
    p = format_percent(chance, lang, decimals=1)
    why = t(
        "crowdfunding.exercise2.why",
        lang,
        right=format_number(right, lang),
        needed=format_number(plan.list_size_needed, lang),
    )
    if chance >= EXERCISE_2_TARGET and size <= limit:
        return _feedback(True, t("crowdfunding.exercise2.correct", lang, value=shown, p=p), [why])
    if chance >= EXERCISE_2_TARGET:
        key, params = "too_large", {"limit": format_number(limit, lang)}
    else:
        key, params = "too_small", {}
    verdict = t(f"crowdfunding.exercise2.{key}", lang, value=shown, p=p, **params)
    points = []
    if size == plan.list_size_needed:
        points.append(t("crowdfunding.exercise2.coin_toss", lang, value=shown))
    points.append(t("crowdfunding.exercise2.how", lang))
    return _feedback(False, verdict, points)
