"""Crowdfunding campaign planning (spark_kit/finance/crowdfunding.py) and its charts.

Reference figures, from /work/shared/reference/financing.md:

- §2.7 "Gross-up" and §2.11 "Kickstarter gross-up": N = 5 000, fees 5 % + 3 % + 0.20 per
  pledge, average pledge 50 → G = 5 458.52 (computed there from help.kickstarter.com's fees);
- §2.7 and §2.11 "BackerKit list size": goal 5 000 USD, average 50 → 100 backers, 1 000–2 000
  e-mails (help.backerkit.com, article 738: lists convert 5–10 %);
- §1.3 "Crowdculture": at least 5 supporters before public money flows; all-or-nothing;
  Kronoberg matches half (smp.se); Gävleborgsfonden 2020 pays 80 % of the match at the goal
  (regiongavleborg.se / the Gävleborgsfonden 2020 page, read 2026-11-27).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from spark_kit.errors import SparkInputError
from spark_kit.finance.crowdfunding import (
    BACKERKIT_CONVERSION,
    CROWDCULTURE_MIN_SUPPORTERS,
    DEFAULT_CONVERSION_RATE,
    KICKSTARTER_USD,
    LAUNCH_SHARE_48H,
    NO_FEES,
    FeeSchedule,
    MatchedFunding,
    backers_needed,
    binomial_sf,
    gross_up,
    list_size_for_probability,
    list_size_needed,
    net_from_gross,
    plan_campaign,
    probability_of_goal,
    simulate_probability,
)
from spark_kit.finance.crowdfunding_exercises import example_plan
from spark_kit.i18n.messages import MESSAGES
from spark_kit.viz.crowdfunding_charts import funnel_chart, probability_chart

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- gross-up: the reference's test vector ----------------------------------------------------


def test_kickstarter_gross_up_is_the_reference_vector():
    # financing.md §2.7 / §2.11: N = 5 000; 5 % + 3 % + 0.20 per pledge; average 50 → 5 458.52.
    gross = gross_up(5000, 50, KICKSTARTER_USD)
    assert round(gross, 2) == 5458.52
    assert gross == pytest.approx(5000 / (1 - 0.05 - 0.03 - 0.20 / 50))


def test_gross_up_and_net_from_gross_are_inverse():
    fees = FeeSchedule(0.05, 0.03, 0.20, dropped_pledges=0.04)
    gross = gross_up(5000, 50, fees, reward_cost_per_backer=12, fixed_costs=300)
    assert net_from_gross(gross, 50, fees, 12, 300) == pytest.approx(5000)


def test_fees_are_charged_on_the_gross_and_the_fixed_fee_per_pledge():
    plan = plan_campaign(5000, 50, KICKSTARTER_USD)
    gross = plan.pledged_goal
    assert plan.platform_fees == pytest.approx(0.05 * gross)
    assert plan.payment_fees == pytest.approx(0.03 * gross)
    assert plan.fixed_payment_fees == pytest.approx(0.20 * gross / 50)
    assert plan.net == pytest.approx(5000)


def test_without_fees_the_gross_is_the_need():
    assert gross_up(5000, 50) == 5000
    assert gross_up(5000, 50, NO_FEES) == 5000


def test_dropped_pledges_reward_and_fixed_costs_raise_the_goal():
    base = gross_up(60_000, 400, FeeSchedule(0.05, 0.03, 3))
    assert gross_up(60_000, 400, FeeSchedule(0.05, 0.03, 3, dropped_pledges=0.04)) > base
    with_rewards = gross_up(60_000, 400, FeeSchedule(0.05, 0.03, 3), reward_cost_per_backer=40)
    assert with_rewards == pytest.approx(60_000 / (1 - 0.08 - 43 / 400))
    with_fixed = gross_up(60_000, 400, FeeSchedule(0.05, 0.03, 3), fixed_costs=2_000)
    assert with_fixed == pytest.approx(62_000 / (1 - 0.08 - 3 / 400))


def test_fee_shares_accept_percent_text():
    assert FeeSchedule("5 %", "3,0%", 0.2).share_of_gross == pytest.approx(0.08)


# --- backers and list: BackerKit ---------------------------------------------------------------


def test_backerkit_worked_example():
    # financing.md §2.7 / §2.11: goal 5 000 USD, average 50 → 100 backers, 1 000–2 000 e-mails.
    assert backers_needed(5000, 50) == 100
    assert list_size_needed(100, 0.10) == 1000
    assert list_size_needed(100, 0.05) == 2000
    plan = plan_campaign(5000, 50)
    assert plan.backers_needed == 100
    assert plan.backerkit_list_range == (1000, 2000)
    assert BACKERKIT_CONVERSION == (0.05, 0.10)
    assert DEFAULT_CONVERSION_RATE == 0.05
    assert plan.list_size_needed == 2000


def test_backers_are_rounded_up():
    assert backers_needed(5458.52, 50) == 110
    assert backers_needed(5000.0000000001, 50) == 100  # float noise is not a backer
    assert plan_campaign(5000, 50, KICKSTARTER_USD).backers_needed == 110


def test_launch_target_is_30_percent_of_the_goal():
    plan = plan_campaign(5000, 50)
    assert LAUNCH_SHARE_48H == 0.30
    assert plan.first_48h_target == pytest.approx(1500)
    assert plan_campaign(5000, 50, launch_share="40 %").first_48h_target == pytest.approx(2000)


# --- all-or-nothing risk -----------------------------------------------------------------------


@pytest.mark.parametrize(("k", "n", "p"), [(1, 2, 0.5), (3, 10, 0.3), (7, 20, 0.05), (5, 5, 0.9)])
def test_binomial_survival_is_exact_for_small_cases(k, n, p):
    exact = sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1))
    assert binomial_sf(k, n, p).item() == pytest.approx(exact, rel=1e-12, abs=1e-15)


def test_binomial_survival_edges_and_broadcasting():
    assert binomial_sf(0, 10, 0.1).item() == 1.0
    assert binomial_sf(11, 10, 0.9).item() == 0.0
    assert binomial_sf(3, 10, 1.0).item() == 1.0
    assert binomial_sf(3, 10, 0.0).item() == 0.0
    values = binomial_sf(5, [5, 10, 50, 100], 0.1)
    assert values.shape == (4,)
    assert np.all(np.diff(values) > 0)  # more people, better chance
    assert 0.999 < binomial_sf(4_000, 100_000, 0.05).item() <= 1.0  # no underflow


def test_exact_probability_agrees_with_a_seeded_simulation():
    exact = probability_of_goal(3000, 165, 0.05)
    simulated = simulate_probability(3000, 165, 0.05, draws=200_000, seed=1)
    standard_error = math.sqrt(exact * (1 - exact) / 200_000)
    assert abs(simulated - exact) < 4 * standard_error
    assert simulate_probability(3000, 165, 0.05, seed=7) == simulate_probability(
        3000, 165, 0.05, seed=7
    )


def test_list_of_backers_over_conversion_is_about_a_coin_toss():
    plan = plan_campaign(5000, 50)  # 100 backers, 2 000 people at 5 %
    assert plan.list_size == 2000
    assert plan.expected_backers == pytest.approx(100)
    assert 0.45 < plan.probability < 0.6


def test_list_size_for_probability_is_the_smallest_such_list():
    size = list_size_for_probability(100, 0.05, 0.9)
    assert probability_of_goal(size, 100, 0.05) >= 0.9
    assert probability_of_goal(size - 1, 100, 0.05) < 0.9
    assert plan_campaign(5000, 50).list_size_for_90 == size
    assert list_size_for_probability(10, 1.0, 0.99) == 10


def test_probability_is_vectorised_over_list_sizes():
    sizes = [1000, 2000, 3000]
    result = probability_of_goal(sizes, 100, 0.05)
    assert isinstance(result, np.ndarray) and result.shape == (3,)
    assert result[1] == pytest.approx(probability_of_goal(2000, 100, 0.05))


def test_goal_missed_means_nothing_is_paid():
    plain = plan_campaign(5000, 50)
    assert plain.all_or_nothing
    assert "får ingenting" in plain.if_goal_missed("sv")
    assert "gets nothing" in plain.if_goal_missed("en")
    matched = plan_campaign(5000, 50, matching=MatchedFunding(0.5))
    assert "tillbaka till fonden" in matched.if_goal_missed("sv")
    assert "back to the fund" in matched.if_goal_missed("en")


# --- matched funding ---------------------------------------------------------------------------


def test_uncapped_match_adds_rate_per_krona():
    fees = FeeSchedule(0.05, 0.03, 3)
    kept = 1 - 0.08 - 3 / 400
    plan = plan_campaign(60_000, 400, fees, matching=MatchedFunding(rate=0.5))
    assert plan.pledged_goal == pytest.approx(60_000 / (kept + 0.5))
    assert plan.matched == pytest.approx(0.5 * plan.pledged_goal)
    assert plan.campaign_goal == pytest.approx(plan.pledged_goal + plan.matched)
    assert plan.net == pytest.approx(60_000)


def test_capped_match_granbacka_example():
    # The fictional Granbacka campaign: 60 000 kr net, 5 % + 3 % + 3 kr, 400 kr average,
    # match 0,5 per krona up to 15 000 kr.
    plan = example_plan(matching=True)
    assert plan.matched == pytest.approx(15_000)
    assert plan.pledged_goal == pytest.approx(45_000 / (1 - 0.08 - 3 / 400))
    assert round(plan.pledged_goal, 2) == 49_315.07
    assert plan.backers_needed == 124
    assert plan.net == pytest.approx(60_000)
    assert plan.matched_at_goal == pytest.approx(12_000)  # 80 % at the goal
    without = example_plan(matching=False)
    assert round(without.pledged_goal, 2) == 65_753.42
    assert without.backers_needed == 165
    assert without.probability < 0.2 < 0.9 < plan.probability


def test_no_match_below_the_minimum_number_of_supporters():
    matching = MatchedFunding(rate=1.0, min_supporters=CROWDCULTURE_MIN_SUPPORTERS)
    assert matching.match(1_000, 4) == 0
    assert matching.match(1_000, 5) == 1_000
    # A tiny need: the cheaper of "no match" (2 backers) and "5 backers with match".
    small = plan_campaign(150, 100, matching=matching)
    assert small.matched == 0 and small.backers_needed == 2
    assert small.notes == ("min_supporters_no_match",)
    # A need where 5 backers with the match is cheaper than going without it.
    mid = plan_campaign(800, 100, matching=matching)
    assert mid.backers_needed == 5 and mid.matched == pytest.approx(500)
    assert mid.net >= 800
    assert mid.notes == ("min_supporters_raise",)


def test_zero_rate_matching_changes_nothing():
    assert plan_campaign(5000, 50, matching=MatchedFunding(0)).pledged_goal == 5000


# --- bad input: clear messages naming the parameter and the value -----------------------------


def _plan(**changes):
    arguments = {"net_need": 60_000, "average_pledge": 400}
    arguments.update(changes)
    return plan_campaign(**arguments)


BAD_INPUTS = [
    # (call, code, parameter, value shown, words in Swedish, words in English)
    (lambda: _plan(net_need=-5000), "crowdfunding.error.not_positive", "net_need", "-5000",
     "Behovet netto måste vara större än 0", "The net need must be greater than 0"),
    (lambda: FeeSchedule(platform_fee="150 %"), "value.percent_range", "platform_fee", "150 %",
     "utanför 0–100", "outside 0–100"),
    (lambda: FeeSchedule(payment_fee=1.5), "value.percent_bare", "payment_fee", "1.5",
     "saknar procenttecken", "has no % sign"),
    (lambda: _plan(conversion_rate=0), "crowdfunding.error.conversion_zero", "conversion_rate",
     "0", "Konverteringsgraden", "The conversion rate"),
    (lambda: _plan(conversion_rate="120 %"), "value.percent_range", "conversion_rate", "120 %",
     "utanför 0–100", "outside 0–100"),
    (lambda: _plan(average_pledge=0), "crowdfunding.error.not_positive", "average_pledge", "0",
     "Snittbidraget måste vara större än 0", "The average pledge must be greater than 0"),
    (lambda: _plan(list_size=2.5), "crowdfunding.error.not_count", "list_size", "2.5",
     "Listans storlek ska vara ett heltal", "The list size must be a whole number"),
    (lambda: FeeSchedule(0.6, 0.5), "crowdfunding.error.fees_take_all",
     "platform_fee + payment_fee + dropped_pledges", "", "110", "110"),
    (lambda: _plan(average_pledge=3, fees=FeeSchedule(0.05, 0.03, 3)),
     "crowdfunding.error.pledge_below_costs", "average_pledge", "3",
     "räcker inte ens till den fasta avgiften", "does not even cover the fixed fee"),
    (lambda: _plan(net_need="mycket"), "value.not_number", "net_need", "mycket",
     "är inte ett tal", "is not a number"),
    (lambda: FeeSchedule(payment_fixed_fee=-2), "crowdfunding.error.negative",
     "payment_fixed_fee", "-2", "får inte vara negativ", "must not be negative"),
    (lambda: MatchedFunding(rate=-0.5), "crowdfunding.error.negative", "rate", "-0.5",
     "Matchningsgraden får inte vara negativ", "The matching rate must not be negative"),
    (lambda: MatchedFunding(rate=0.5, cap=-1), "crowdfunding.error.negative", "cap", "-1",
     "Taket för matchningen", "The matching cap"),
    (lambda: list_size_for_probability(100, 0.05, target=1), "crowdfunding.error.target_range",
     "target", "1", "Målsannolikheten", "The target probability"),
    (lambda: _plan(fees={"platform_fee": 0.05}), "crowdfunding.error.fees_type", "fees", "dict",
     "FeeSchedule", "FeeSchedule"),
    (lambda: _plan(list_size=10**9), "crowdfunding.error.too_large", "list_size", "1000000000",
     "för stor", "too large"),
    (lambda: _plan(fees=FeeSchedule(0.45, 0.03, 3), average_pledge=5.5),
     "crowdfunding.error.nothing_left", "average_pledge", "5.5", "tar avgifterna", "the fees"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "code", "parameter", "shown", "sv_words", "en_words"),
    BAD_INPUTS,
    ids=[f"{i}-{row[1]}" for i, row in enumerate(BAD_INPUTS)],
)
def test_bad_input_gives_a_clear_message(call, code, parameter, shown, sv_words, en_words):
    with pytest.raises(SparkInputError) as caught:
        call()
    (problem,) = caught.value.problems
    assert problem.code == code
    assert problem.column == parameter
    sv, en = caught.value.message("sv"), caught.value.message("en")
    assert f"”{parameter}”" in sv and f"“{parameter}”" in en
    if shown:
        assert f"”{shown}”" in sv and f"“{shown}”" in en
    assert sv_words in sv
    assert en_words in en


def test_at_least_fifteen_kinds_of_bad_input_are_covered():
    assert len({row[1] for row in BAD_INPUTS}) >= 11
    assert len(BAD_INPUTS) >= 15


def test_every_problem_is_reported_at_once():
    with pytest.raises(SparkInputError) as caught:
        plan_campaign("abc", -1, conversion_rate=0, list_size=0)
    columns = [p.column for p in caught.value.problems]
    assert columns == ["net_need", "average_pledge", "conversion_rate", "list_size"]
    assert caught.value.message("sv").startswith("4 problem hittades:")


def test_percentages_in_messages_follow_the_language():
    with pytest.raises(SparkInputError) as caught:
        FeeSchedule(0.6, 0.5)
    assert f"110{NBSP}%" in caught.value.message("sv")
    assert "110%" in caught.value.message("en")


def test_crowdfunding_texts_exist_in_both_languages():
    keys = [k for k in MESSAGES if k.startswith("crowdfunding.")]
    assert len(keys) > 40
    for key in keys:
        assert set(MESSAGES[key]) == {"sv", "en"}, key


# --- charts ------------------------------------------------------------------------------------


def test_funnel_chart_alt_text_has_every_figure():
    plan = example_plan(matching=True)
    chart = funnel_chart(plan, "sv")
    assert isinstance(chart.figure, Figure)
    for text in (
        f"3{NBSP}000 personer",
        "124 bidragsgivare",
        f"49{NBSP}315{NBSP}kr",
        f"4{NBSP}315{NBSP}kr",
        f"15{NBSP}000{NBSP}kr",
        f"60{NBSP}000{NBSP}kr",
        f"5{NBSP}%",
    ):
        assert text in chart.alt_text, text
    english = funnel_chart(plan, "en").alt_text
    assert "124 backers" in english and "SEK" in english


def test_probability_chart_marks_the_coin_toss_and_the_90_percent_list():
    plan = example_plan(matching=False)
    chart = probability_chart(plan, "sv", title="Granbacka (fiktivt)")
    assert chart.title == "Granbacka (fiktivt)"
    assert f"3{NBSP}300 personer" in chart.alt_text
    assert f"{plan.list_size_for_90:,}".replace(",", NBSP) in chart.alt_text
    assert chart.to_bytes("png").startswith(b"\x89PNG")
    assert "90% chance" in probability_chart(plan, "en").alt_text


def test_every_text_key_used_by_the_code_exists():
    import re
    from pathlib import Path

    import spark_kit

    package = Path(spark_kit.__file__).parent
    used = set()
    for name in (
        "finance/crowdfunding.py",
        "finance/crowdfunding_exercises.py",
        "viz/crowdfunding_charts.py",
    ):
        text = (package / name).read_text(encoding="utf-8")
        used |= set(re.findall(r'"(crowdfunding\.[a-z_0-9]+(?:\.[a-z_0-9]+)+)"', text))
    assert len(used) > 25
    assert sorted(used - set(MESSAGES)) == []
