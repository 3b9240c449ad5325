"""Sensitivity of the SROI ratio: one at a time, break-even values, Monte Carlo, and the charts.

Break-even figures: /work/shared/reference/impact-methods.md §1.7, Case 3 (a constructed
example in the reference), table "Break-even values (ratio = 1), changing row 1 only":
proxy 99,234.81 SEK; deadweight 47.07 %; attribution 50.38 %; quantity 5.29 people; drop-off
67.56 %. The Monte Carlo defaults (Beta(3.5, 10.5) deadweight, Beta(3.2, 12.8) attribution)
are from the meta-analysis cited in §1.6 (GitHub jcmunozmora/sroi-meta-analysis,
simulations.qmd).
"""

from __future__ import annotations

import numpy as np
import pytest

from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_number
from spark_kit.impact.sroi import (
    PARAMETERS,
    BetaPrior,
    Conventions,
    MonteCarloSpec,
    Relative,
    Uniform,
    break_even,
    calculate_sroi,
    change_outcome,
    monte_carlo,
    one_at_a_time,
)
from spark_kit.impact.sroi import sensitivity as sens
from spark_kit.impact.sroi.exercises import case_3_value_map
from spark_kit.viz.sroi_charts import monte_carlo_chart, tornado_chart, value_by_year_chart

PNG = b"\x89PNG\r\n\x1a\n"
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def case_3():
    return case_3_value_map()


def ratio(value_map, conventions=None) -> float:
    return calculate_sroi(value_map, conventions).sroi_ratio


# --- break-even ----------------------------------------------------------------------------


def test_case_3_break_even_table_for_row_1(case_3):
    found = {b.parameter: b for b in break_even(case_3, rows=[1])}
    assert found["financial_proxy"].value == pytest.approx(99_234.81, abs=0.005)
    assert round(found["deadweight"].value * 100, 2) == 47.07
    assert round(found["attribution"].value * 100, 2) == 50.38
    assert round(found["quantity"].value, 2) == 5.29
    assert round(found["drop_off"].value * 100, 2) == 67.56
    assert found["deadweight"].base_value == 0.2
    assert found["deadweight"].row == 1 and found["deadweight"].bounds == (0.0, 1.0)


@pytest.mark.parametrize(
    "parameter",
    ["quantity", "financial_proxy", "deadweight", "displacement", "attribution", "drop_off"],
)
def test_each_break_even_value_really_gives_a_ratio_of_one(case_3, parameter):
    (result,) = break_even(case_3, rows=[1], parameters=(parameter,))
    changed = change_outcome(case_3, 1, **{parameter: result.value})
    assert ratio(changed) == pytest.approx(1.0, rel=1e-9)


def test_break_even_is_none_when_no_value_within_bounds_reaches_one(case_3):
    # Rows 1 and 3 alone are worth more than the inputs: nothing on row 2 brings the ratio to 1.
    row_2 = [b for b in break_even(case_3, rows=[2]) if b.row == 2]
    assert len(row_2) == 7
    assert all(not b.found and b.value is None for b in row_2)
    assert ratio(change_outcome(case_3, 2, deadweight=1.0)) > 1


def test_break_even_below_one_goes_the_other_way(case_3):
    costly = case_3.model_copy(
        update={"inputs": [case_3.inputs[0].model_copy(update={"amount": 2_500_000})]}
    )
    assert ratio(costly) < 1
    found = {b.parameter: b for b in break_even(costly, rows=[1])}
    assert found["deadweight"].value is None  # even 0 % deadweight is not enough
    assert found["financial_proxy"].value > 150_000
    assert ratio(change_outcome(costly, 1, financial_proxy=found["financial_proxy"].value)) == (
        pytest.approx(1.0)
    )


def test_break_even_duration_is_the_shortest_whole_number_of_years(case_3):
    (result,) = break_even(case_3, rows=[1], parameters=("duration_years",))
    assert result.value == 2
    assert ratio(change_outcome(case_3, 1, duration_years=2)) >= 1
    assert ratio(change_outcome(case_3, 1, duration_years=1)) < 1


def test_break_even_discount_rate_and_inputs(case_3):
    found = {b.parameter: b for b in break_even(case_3, parameters=("discount_rate", "inputs"))}
    assert found["inputs"].row is None
    assert found["inputs"].value == pytest.approx(calculate_sroi(case_3).present_value)
    rate = found["discount_rate"].value
    assert ratio(case_3, Conventions(discount_rate=rate)) == pytest.approx(1.0, rel=1e-9)


def test_break_even_order_rows_then_map_wide_parameters(case_3):
    results = break_even(case_3)
    assert len(results) == 3 * 7 + 2
    assert [b.row for b in results[:7]] == [1] * 7
    assert [b.parameter for b in results[-2:]] == ["discount_rate", "inputs"]
    with pytest.raises(ValueError, match="row 4"):
        break_even(case_3, rows=[4])


def test_break_even_under_additive_filters(case_3):
    additive = Conventions(filters="additive")
    (result,) = break_even(case_3, rows=[1], parameters=("deadweight",), conventions=additive)
    changed = change_outcome(case_3, 1, deadweight=result.value)
    assert ratio(changed, additive) == pytest.approx(1.0, rel=1e-9)


def test_bisection_finds_roots_elementwise_and_nan_outside_the_bracket():
    roots = sens.bisect_decreasing(
        lambda x: np.array([0.25, 0.9, 2.0]) - x, np.zeros(3), np.ones(3)
    )
    assert roots[:2] == pytest.approx([0.25, 0.9], abs=1e-15)
    assert np.isnan(roots[2])


# --- one at a time -----------------------------------------------------------------------


def test_one_at_a_time_covers_every_parameter_sorted_by_swing(case_3):
    results = one_at_a_time(case_3)
    assert sorted(r.parameter for r in results) == sorted(PARAMETERS)
    swings = [r.swing for r in results]
    assert swings == sorted(swings, reverse=True)
    assert all(r.row is None for r in results)
    assert all(r.base_ratio == pytest.approx(1.3349029165783048) for r in results)


def test_one_at_a_time_linear_parameters_scale_the_ratio(case_3):
    found = {r.parameter: r for r in one_at_a_time(case_3, change=0.2)}
    base = ratio(case_3)
    for name in ("quantity", "financial_proxy"):
        assert found[name].ratio_minus == pytest.approx(base * 0.8)
        assert found[name].ratio_plus == pytest.approx(base * 1.2)
    assert found["inputs"].ratio_minus == pytest.approx(base / 0.8)
    assert found["inputs"].ratio_plus == pytest.approx(base / 1.2)
    # Displacement is 0 % on every row: a relative change leaves it at 0.
    assert found["displacement"].swing == pytest.approx(0.0, abs=1e-12)


def test_one_at_a_time_matches_the_full_calculation(case_3):
    found = {r.parameter: r for r in one_at_a_time(case_3, change=0.2)}
    raised = case_3
    for row, outcome in enumerate(case_3.outcomes, start=1):
        raised = change_outcome(raised, row, deadweight=outcome.deadweight * 1.2)
    assert found["deadweight"].ratio_plus == pytest.approx(ratio(raised))
    # Durations 3, 2, 2 become 2, 1, 1 and 4, 3, 3 (whole years, at least one year moved).
    shorter, longer = case_3, case_3
    for row, outcome in enumerate(case_3.outcomes, start=1):
        shorter = change_outcome(shorter, row, duration_years=outcome.duration_years - 1)
        longer = change_outcome(longer, row, duration_years=outcome.duration_years + 1)
    assert found["duration_years"].ratio_minus == pytest.approx(ratio(shorter))
    assert found["duration_years"].ratio_plus == pytest.approx(ratio(longer))
    rate = found["discount_rate"]
    assert rate.ratio_plus == pytest.approx(ratio(case_3, Conventions(discount_rate=0.042)))


def test_one_at_a_time_clips_fractions_to_one(case_3):
    high = change_outcome(case_3, 1, deadweight=0.9)
    (result,) = one_at_a_time(high, change=0.5, parameters=("deadweight",), per_row=True)[:1]
    assert result.row is not None
    row_1 = next(
        r
        for r in one_at_a_time(high, change=0.5, parameters=("deadweight",), per_row=True)
        if r.row == 1
    )
    assert row_1.ratio_plus == pytest.approx(ratio(change_outcome(high, 1, deadweight=1.0)))


def test_one_at_a_time_per_row(case_3):
    results = one_at_a_time(case_3, per_row=True)
    assert len(results) == 3 * 7 + 2
    row_2 = next(r for r in results if r.parameter == "attribution" and r.row == 2)
    expected = ratio(change_outcome(case_3, 2, attribution=0.2 * 1.2))
    assert row_2.ratio_plus == pytest.approx(expected)
    assert row_2.label("sv") == "Attribution, rad 2"


def test_one_at_a_time_rejects_a_change_outside_0_to_1(case_3):
    with pytest.raises(ValueError):
        one_at_a_time(case_3, change=0)
    with pytest.raises(ValueError):
        one_at_a_time(case_3, change=1.5)


# --- the value map changed (what-if) --------------------------------------------------------


@pytest.mark.parametrize("parameter", sens.FRACTIONS)
@pytest.mark.parametrize("change", [0.2, -0.2])
def test_changed_value_map_gives_the_ratios_of_one_at_a_time(case_3, parameter, change):
    (one_way,) = one_at_a_time(case_3, abs(change), parameters=(parameter,))
    changed = sens.changed_value_map(case_3, {parameter: change})
    assert ratio(changed) == pytest.approx(
        one_way.ratio_plus if change > 0 else one_way.ratio_minus
    )


def test_changed_value_map_changes_every_row_relatively_clips_and_keeps_zeros(case_3):
    changed = sens.changed_value_map(case_3, {"deadweight": 0.2, "displacement": 0.5})
    assert [r.deadweight for r in changed.outcomes] == pytest.approx(
        [r.deadweight * 1.2 for r in case_3.outcomes]
    )
    assert [r.displacement for r in changed.outcomes] == [0.0, 0.0, 0.0]  # 0 stays 0
    assert case_3.outcomes[0].deadweight == 0.2  # the original is not changed
    high = change_outcome(case_3, 1, deadweight=0.9)
    assert sens.changed_value_map(high, {"deadweight": 0.5}).outcomes[0].deadweight == 1.0
    assert sens.changed_value_map(case_3, {"deadweight": 0.0}) == case_3


def test_changed_value_map_with_another_discount_rate(case_3):
    # impact-methods.md §1.7, Case 3, convention variants: undiscounted 1.4127
    undiscounted = sens.changed_value_map(case_3, discount_rate=0.0)
    assert ratio(undiscounted) == pytest.approx(1.4127, abs=5e-5)
    assert undiscounted.conventions.discount_rate == 0.0
    assert case_3.conventions.discount_rate == 0.035


@pytest.mark.parametrize("changes", [{"quantity": 0.1}, {"deadweight": 1.5}, {"attribution": -2}])
def test_changed_value_map_refuses_other_parameters_and_too_large_changes(case_3, changes):
    with pytest.raises(ValueError):
        sens.changed_value_map(case_3, changes)


def test_sensitivity_needs_inputs(case_3):
    no_inputs = case_3.model_copy(update={"inputs": []})
    for run in (one_at_a_time, break_even, monte_carlo):
        with pytest.raises(SparkInputError) as caught:
            run(no_inputs)
        assert caught.value.problems[0].code == "sroi.error.no_inputs"
        assert "0\u00a0kr" in caught.value.message("sv")


# --- Monte Carlo --------------------------------------------------------------------------


def test_monte_carlo_is_reproducible_with_a_seed(case_3):
    first = monte_carlo(case_3, draws=2000, seed=7)
    again = monte_carlo(case_3, draws=2000, seed=7)
    other = monte_carlo(case_3, draws=2000, seed=8)
    np.testing.assert_array_equal(first.ratios, again.ratios)
    assert not np.array_equal(first.ratios, other.ratios)
    assert first.percentiles == again.percentiles


def test_monte_carlo_summary_is_consistent_with_the_draws(case_3):
    result = monte_carlo(case_3, draws=5000, seed=1)
    assert list(result.percentiles) == [5, 25, 50, 75, 95]
    assert list(result.percentiles.values()) == sorted(result.percentiles.values())
    expected = np.percentile(result.ratios, [5, 25, 50, 75, 95])
    assert list(result.percentiles.values()) == pytest.approx(expected.tolist())
    assert result.probability_at_least_one == pytest.approx(np.mean(result.ratios >= 1))
    assert result.ratios.shape == (5000,)
    assert result.to_dict()["percentiles"]["50"] == result.percentiles[50]


@pytest.mark.parametrize(
    "spec",
    [
        MonteCarloSpec.fixed(),
        MonteCarloSpec(
            quantity=Relative(0, 0),
            financial_proxy=Relative(0, 0),
            deadweight=Relative(0, 0),
            attribution=Relative(0, 0),
            drop_off=Relative(0, 0),
            inputs=Relative(0, 0),
        ),
        MonteCarloSpec(
            quantity=None,
            financial_proxy=None,
            deadweight=None,
            attribution=None,
            discount_rate=Uniform(0.035, 0.035),
        ),
    ],
)
def test_a_degenerate_spec_gives_exactly_the_base_ratio(case_3, spec):
    result = monte_carlo(case_3, spec, draws=500, seed=3)
    assert np.all(result.ratios == result.base_ratio)
    assert result.base_ratio == pytest.approx(ratio(case_3), rel=1e-13)
    assert result.probability_at_least_one == 1.0


def test_probability_is_one_when_every_draw_is_above_one(case_3):
    narrow = MonteCarloSpec(
        quantity=Relative(-0.05, 0.05),
        financial_proxy=Relative(-0.05, 0.05),
        deadweight=None,
        attribution=None,
    )
    result = monte_carlo(case_3, narrow, draws=3000, seed=11)
    assert result.ratios.min() >= 1
    assert result.probability_at_least_one == 1.0
    assert result.ratios.std() > 0


def test_probability_is_zero_when_every_draw_is_below_one(case_3):
    costly = case_3.model_copy(
        update={"inputs": [case_3.inputs[0].model_copy(update={"amount": 5_000_000})]}
    )
    result = monte_carlo(costly, draws=2000, seed=2)
    assert result.ratios.max() < 1
    assert result.probability_at_least_one == 0.0


def test_default_spec_is_the_documented_one():
    spec = MonteCarloSpec()
    assert spec.quantity == Relative(-0.25, 0.25) == spec.financial_proxy
    assert spec.deadweight == BetaPrior(3.5, 10.5)
    assert spec.attribution == BetaPrior(3.2, 12.8)
    assert spec.displacement is spec.drop_off is spec.discount_rate is spec.inputs is None
    assert spec.deadweight.mean == pytest.approx(0.25)
    assert spec.attribution.mean == pytest.approx(0.20)
    with pytest.raises(ValueError):
        MonteCarloSpec(quantity=BetaPrior(2, 2))
    with pytest.raises(ValueError):
        Relative(0.2, -0.2)


@pytest.mark.parametrize(
    "prior", [BetaPrior(3.5, 10.5), BetaPrior(3.2, 12.8), BetaPrior(1, 1), BetaPrior(0.5, 0.5)]
)
def test_beta_draws_have_the_priors_mean_and_variance(prior):
    draws = sens._draw_beta(np.random.default_rng(5), prior, (400_000,))
    a, b = prior.a, prior.b
    assert draws.min() >= 0 and draws.max() <= 1
    assert draws.mean() == pytest.approx(a / (a + b), abs=0.002)
    assert draws.var() == pytest.approx(a * b / ((a + b) ** 2 * (a + b + 1)), rel=0.02)


def test_uniform_draws_are_clipped_to_the_parameters_bounds(case_3):
    # Deadweight drawn on 0.9–1.5 is clipped at 1: every ratio lies between the ratio with
    # 100 % and with 90 % deadweight on every row, and most rows hit the bound.
    spec = MonteCarloSpec(
        quantity=None, financial_proxy=None, deadweight=Uniform(0.9, 1.5), attribution=None
    )
    result = monte_carlo(case_3, spec, draws=500, seed=4)
    at_90, at_100 = case_3, case_3
    for row in (1, 2, 3):
        at_90 = change_outcome(at_90, row, deadweight=0.9)
        at_100 = change_outcome(at_100, row, deadweight=1.0)
    assert ratio(at_100) == 0
    assert np.all(result.ratios >= 0) and np.all(result.ratios <= ratio(at_90) + 1e-12)
    assert np.mean(result.ratios == 0) > 0.5  # all three rows at 100 %: (5/6)**3 ≈ 0.58


def test_draws_are_made_in_blocks_with_the_same_answer_for_the_same_seed(case_3, monkeypatch):
    monkeypatch.setattr(sens, "BLOCK_ELEMENTS", 30)  # 10 draws × 3 rows per block
    first = monte_carlo(case_3, draws=95, seed=9)
    second = monte_carlo(case_3, draws=95, seed=9)
    assert first.ratios.shape == (95,)
    np.testing.assert_array_equal(first.ratios, second.ratios)
    assert np.all(np.isfinite(first.ratios))


def test_monte_carlo_rejects_no_draws(case_3):
    with pytest.raises(ValueError):
        monte_carlo(case_3, draws=0)


# --- charts -------------------------------------------------------------------------------


def test_tornado_chart_alt_text_names_parameters_ranges_and_lines(case_3):
    results = one_at_a_time(case_3)
    chart = tornado_chart(results, "sv")
    alt = chart.alt_text
    for r in results:
        assert r.label("sv") in alt
        assert format_number(r.ratio_minus, "sv", decimals=2) in alt
        assert format_number(r.ratio_plus, "sv", decimals=2) in alt
    assert "±" not in alt and f"20{NBSP}%" in alt
    assert "Basvärdet är 1,33" in alt and "1:1" in alt
    assert alt.index("Antal") < alt.index("Diskonteringsränta")  # largest swing first
    assert chart.to_bytes("png")[:8] == PNG
    english = tornado_chart(results, "en").alt_text
    assert "Deadweight" in english and "base ratio is 1.33" in english


def test_tornado_chart_draws_the_base_and_one_to_one_lines(case_3):
    chart = tornado_chart(one_at_a_time(case_3), "sv")
    ax = chart.figure.axes[0]
    vertical = sorted(line.get_xdata()[0] for line in ax.get_lines())
    assert vertical == pytest.approx([1.0, ratio(case_3)])
    ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True))
    assert ticks[max(ticks)] == "Insatsernas värde"  # top bar: the largest swing (1/0.8)
    assert ticks[min(ticks)] == "Undanträngning"  # no swing at all (0 % stays 0 %)


def test_value_by_year_chart(case_3):
    result = calculate_sroi(case_3)
    chart = value_by_year_chart(result, "sv")
    alt = chart.alt_text
    assert f"år 1 1{NBSP}081{NBSP}500{NBSP}kr (nuvärde 1{NBSP}044{NBSP}928{NBSP}kr)" in alt
    assert f"Totalt nuvärde 2{NBSP}002{NBSP}354{NBSP}kr" in alt
    assert chart.to_bytes("png")[:8] == PNG
    ax = chart.figure.axes[0]
    assert ax.yaxis.get_major_formatter()(200_000, 0) == f"200{NBSP}000{NBSP}kr"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["År 1", "År 2", "År 3"]


def test_monte_carlo_chart(case_3):
    result = monte_carlo(case_3, draws=2000, seed=42)
    chart = monte_carlo_chart(result, "sv")
    alt = chart.alt_text
    assert f"2{NBSP}000 simuleringar" in alt and "Slumpfrö 42" in alt
    for q in (5, 25, 50, 75, 95):
        assert format_number(result.percentiles[q], "sv", decimals=2) in alt
    assert "minst 1" in alt and "1:1" in alt
    assert chart.to_bytes("png")[:8] == PNG
    unseeded = monte_carlo(case_3, draws=100)
    assert "Random seed" not in monte_carlo_chart(unseeded, "en").alt_text
