"""Break-even (nollpunktsanalys): the formulas of financing.md §2.5 and bad input.

§2.5 (sources: dinkalkulator.no, expowera.se, dokumera.se) gives the formulas
TB = price − variable cost, TG = TB / price, break-even volume = FK / TB, break-even revenue
= FK / TG, safety margin = (budget sales − break-even sales) / budget sales, but no worked
numbers (expowera's example, a service shop breaking even at 4 450 000 kr, has its inputs in
images that were not available). The vectors below are computed by hand from the formulas.
"""

from __future__ import annotations

import numpy as np
import pytest

from spark_kit.errors import SparkInputError
from spark_kit.finance.breakeven import break_even, break_even_from_dict
from spark_kit.finance.cashflow import load_financing
from spark_kit.viz.finance_charts import breakeven_chart


def test_per_unit_formulas_by_hand():
    # FK 120 000, price 50, variable cost 30: TB 20, TG 0.4, volume 6 000, revenue 300 000;
    # budget 8 000 units = 400 000 kr: safety margin 100 000 kr = 25 % = 2 000 units
    r = break_even(120_000, 50, 30, budget_volume=8_000)
    assert r.contribution_margin == 20 and r.contribution_ratio == pytest.approx(0.4)
    assert r.volume == pytest.approx(6_000) and r.revenue == pytest.approx(300_000)
    assert r.budget_revenue == 400_000
    assert r.safety_margin == pytest.approx(100_000)
    assert r.safety_margin_share == pytest.approx(0.25)
    assert r.safety_margin_units == pytest.approx(2_000)
    assert r.budget_result == pytest.approx(40_000)  # TG × sales − FK


def test_at_break_even_revenue_equals_total_cost():
    r = break_even(54_000, 45, 18)
    cost, result = r.lines(np.array([r.revenue]))
    assert cost[0] == pytest.approx(r.revenue) and result[0] == pytest.approx(0)
    assert r.revenue == pytest.approx(r.volume * 45)


def test_ratio_only_for_a_shop_with_many_goods():
    # the fictional Granbacka shop: FK 960 000, TG 22.5 %, budget 4 800 000 kr
    r = break_even(960_000, contribution_ratio="22,5 %", budget_revenue=4_800_000)
    assert r.volume is None and r.contribution_margin is None and not r.per_unit
    assert r.revenue == pytest.approx(960_000 / 0.225)  # 4 266 666.67
    assert r.safety_margin == pytest.approx(4_800_000 - 960_000 / 0.225)
    assert r.safety_margin_share == pytest.approx(1 - 0.2 / 0.225)  # 11.1 %
    assert r.budget_result == pytest.approx(120_000)  # 12 × the +10 000 of the cash flow


def test_the_granbacka_example_and_its_summary():
    r = break_even_from_dict(load_financing("granbacka").breakeven)
    assert round(r.revenue) == 4_266_667
    text = r.summary("sv")
    assert "4\u00a0266\u00a0667\u00a0kr" in text and "22,5\u00a0%" in text
    assert "11,1\u00a0%" in text


def test_budget_below_break_even_says_it_makes_a_loss():
    r = break_even(100_000, contribution_ratio=0.5, budget_revenue=150_000)
    assert r.safety_margin == -50_000 and r.safety_margin_share == pytest.approx(-1 / 3)
    assert "förlust" in r.summary("sv") and "loss" in r.summary("en")


def test_numbers_written_as_in_a_spreadsheet():
    r = break_even("120 000", "50", "30,0")
    assert r.volume == pytest.approx(6_000)


def test_chart_has_crossing_lines_and_alt_text():
    r = break_even(120_000, 50, 30, budget_volume=8_000)
    chart = breakeven_chart(r, "sv", unit="st")
    ax = chart.figure.axes[0]
    revenue, cost = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
    assert revenue[0] < cost[0] and revenue[-1] > cost[-1]  # they cross
    assert "Nollpunkt" in chart.alt_text and "300\u00a0000\u00a0kr" in chart.alt_text
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "Säkerhetsmarginal" in texts and "6\u00a0000 st" in texts
    ratio = breakeven_chart(break_even(960_000, contribution_ratio=0.225), "en")
    assert "Break-even" in ratio.alt_text


BAD = {
    "price equal to variable cost": (
        dict(fixed_costs=1_000, price=30, variable_cost=30),
        "breakeven.no_margin",
        ("inte högre än den rörliga kostnaden", "not higher than the variable cost"),
    ),
    "price below variable cost": (
        dict(fixed_costs=1_000, price=20, variable_cost=30),
        "breakeven.no_margin",
        ("når aldrig nollpunkten", "never breaks even"),
    ),
    "price zero": (
        dict(fixed_costs=1_000, price=0, variable_cost=0),
        "breakeven.price_positive",
        ("större än 0", "greater than 0"),
    ),
    "negative fixed costs": (
        dict(fixed_costs=-1, price=2, variable_cost=1),
        "value.negative",
        ("negativt", "negative"),
    ),
    "negative variable cost": (
        dict(fixed_costs=1, price=2, variable_cost=-1),
        "value.negative",
        ("negativt", "negative"),
    ),
    "ratio above 100 %": (
        dict(fixed_costs=1, contribution_ratio="120 %"),
        "value.percent_range",
        ("0–100", "0–100"),
    ),
    "ratio zero": (
        dict(fixed_costs=1, contribution_ratio=0),
        "breakeven.ratio_range",
        ("större än 0 %", "above 0%"),
    ),
    "neither price nor ratio": (
        dict(fixed_costs=1),
        "breakeven.need_price_or_ratio",
        ("antingen", "either"),
    ),
    "both price and ratio": (
        dict(fixed_costs=1, price=2, variable_cost=1, contribution_ratio=0.5),
        "breakeven.price_and_ratio",
        ("inte båda", "not both"),
    ),
    "price without variable cost": (
        dict(fixed_costs=1, price=2),
        "value.required",
        ("Värde saknas", "required"),
    ),
    "budget in units and kronor": (
        dict(fixed_costs=1, price=2, variable_cost=1, budget_volume=1, budget_revenue=2),
        "breakeven.budget_both",
        ("inte båda", "not both"),
    ),
    "budget volume without a price": (
        dict(fixed_costs=1, contribution_ratio=0.5, budget_volume=10),
        "breakeven.volume_needs_price",
        ("pris per enhet", "price per unit"),
    ),
    "text that is not a number": (
        dict(fixed_costs="mycket", price=2, variable_cost=1),
        "value.not_number",
        ("inte ett tal", "not a number"),
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input(name):
    arguments, code, (swedish, english) = BAD[name]
    with pytest.raises(SparkInputError) as error:
        break_even(**arguments)
    assert code in [p.code for p in error.value.problems]
    assert swedish in error.value.message("sv") and english in error.value.message("en")


def test_no_margin_message_in_full():
    with pytest.raises(SparkInputError) as error:
        break_even(50_000, price=25, variable_cost=30)
    (problem,) = error.value.problems
    assert problem.column == "price" and problem.value == 25
    assert problem.message("sv").startswith(
        "kolumnen ”price”: Priset 25,00\u00a0kr är inte högre än den rörliga kostnaden "
        "30,00\u00a0kr."
    )


def test_unknown_key_in_the_example_data():
    with pytest.raises(SparkInputError) as error:
        break_even_from_dict({"fixed_costs": 1, "contribution_ratio": 0.5, "moms": 0.25})
    assert "moms" in error.value.message("sv")
