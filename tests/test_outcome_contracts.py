"""Outcome contracts and social impact bonds (spark_kit/finance/outcome_contracts.py) and
their charts (spark_kit/viz/outcome_contract_charts.py).

Expected values from /work/shared/reference/financing.md:

- §2.8 and §2.11, "Norrköping payoff (α = 0.6, T = 4)": savings S = 0 / 5 / 10 / 12 / 20 MSEK
  give the investor 4.0 / 7.0 / 10.0 / 11.2 / 12.0 MSEK and the municipality
  −4.0 / −2.0 / 0 / +0.8 / +8.0 MSEK; the investor's IRR is −20.473 % (S = 0), 0 % (S = 10)
  and 4.664 % (S = 20). The contract terms (10 MSEK, 40 % guaranteed, 60/40 up to break-even,
  return capped at 20 %) are sourced there to the RISE report abstract, socialinnovation.se
  and the sambuz.com presentation; α and T are the reference's inference.
- §2.8 and §2.11, "Educate Girls DIB" (INDIGO-POJ-0035): investment 267,731, outcome payment
  422,000 → multiple 1.5762; IRR 16.38 % if paid in one bullet after 3 years (timing assumed
  by the reference).
- The small contracts are computed by hand in the tests.
"""

from __future__ import annotations

import math
import re
import string

import pytest
import yaml

from spark_kit.errors import SparkInputError
from spark_kit.finance.outcome_contracts import (
    NORRKOPING_FILE,
    OutcomeContract,
    break_even_outcome_rate,
    evaluate,
    investor_irr,
    load_norrkoping_case,
    norrkoping_case,
    reference_payback,
    scenario_label,
    scenarios,
    sensitivity,
)
from spark_kit.i18n.messages import TEXTS_DIR
from spark_kit.viz.chart import Chart
from spark_kit.viz.outcome_contract_charts import cash_flow_chart, outcome_rate_chart

MSEK = 1_000_000


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def simple(**changes) -> OutcomeContract:
    """Capital 1000 at t = 0; two periods; 10 kr per outcome; outcomes 50 and 60."""
    values = dict(capital=1000, periods=2, guaranteed_share=0, outcome_price=10,
                  planned_outcomes=(50, 60))  # fmt: skip
    values.update(changes)
    return OutcomeContract(**values)


# --- Norrköping: the reference's test vectors (financing.md §2.8, §2.11) ----------------------


@pytest.mark.parametrize(
    ("savings", "payback", "municipality_net"),
    [(0, 4.0, -4.0), (5, 7.0, -2.0), (10, 10.0, 0.0), (12, 11.2, 0.8), (20, 12.0, 8.0)],
)
def test_norrkoping_payoff_table(savings, payback, municipality_net):
    """financing.md §2.8 table (C = 10 MSEK, α = 0.6, T = 4), sources named in the module doc."""
    result = norrkoping_case().evaluate_savings(savings * MSEK)
    assert result.total_paid == pytest.approx(payback * MSEK, abs=0.01)
    # The reference's "municipality net" is S − payback, the opposite of the net cost.
    assert -result.commissioner_net_cost == pytest.approx(municipality_net * MSEK, abs=0.01)
    assert result.total_paid == pytest.approx(reference_payback(savings * MSEK), abs=0.01)


@pytest.mark.parametrize(("savings", "irr"), [(0, -0.20473), (10, 0.0), (20, 0.04664)])
def test_norrkoping_investor_irr(savings, irr):
    """financing.md §2.11: IRR −20.473 % (S = 0), 0 % (S = 10), 4.664 % (S = 20); one bullet
    after T = 4 years, so IRR = (payback / C)^(1/4) − 1."""
    result = norrkoping_case().evaluate_savings(savings * MSEK)
    assert result.irr.annual == pytest.approx(irr, abs=5e-6)
    assert result.irr.annual == pytest.approx((result.total_paid / 10 / MSEK) ** 0.25 - 1)
    assert result.investor_flows == (-10 * MSEK, 0, 0, 0, result.total_paid)
    assert not result.irr.several_roots


@pytest.mark.parametrize("savings", [0, 1, 3.3, 7, 9.99, 10, 10.5, 13, 13.33, 14, 30])
def test_norrkoping_contract_matches_the_reference_formula(savings):
    for alpha, school in ((0.6, True), (0.6, False)):
        case = norrkoping_case()
        if not school:
            contract = case.contract().with_changes(bonus_condition_met=False)
            paid = evaluate(contract, outcome_rate=savings / 10).total_paid
        else:
            paid = case.evaluate_savings(savings * MSEK).total_paid
        assert paid == pytest.approx(reference_payback(savings * MSEK, alpha=alpha,
                                                       school_ok=school), abs=0.01)  # fmt: skip


def test_norrkoping_break_even_is_savings_equal_to_the_capital():
    # Savings of 10 MSEK (the planned level, outcome rate 100 %) repay exactly the capital.
    assert break_even_outcome_rate(norrkoping_case().contract()) == pytest.approx(1.0, abs=1e-9)


def test_norrkoping_sourced_figures_and_inferred_parameters():
    case = norrkoping_case()
    assert case.capital.value == 10 * MSEK and not case.capital.inferred
    assert case.guaranteed_share.value == 0.40 and not case.guaranteed_share.inferred
    assert case.outcome_share.value == 0.60 and not case.outcome_share.inferred
    assert case.max_return_share.value == 0.20 and not case.max_return_share.inferred
    inferred = {p.key for p in case.inferred()}
    assert inferred == {
        "bonus_share",
        "term_years",
        "school_condition_met",
        "repayment_at_end",
        "planned_savings",
    }
    for parameter in case.parameters():
        if parameter.inferred:
            assert parameter.label("sv").endswith("(härlett)")
            assert parameter.label("en").endswith("(inferred)")
            assert parameter.source is None and parameter.note.startswith("Härlett")
        else:
            assert parameter.source and parameter.address and parameter.as_of
            assert "härlett" not in parameter.label("sv")
    assert case.bonus_share.value == 0.6 and case.term_years.value == 4  # the reference's α, T
    for fact in case.facts:
        assert fact.source and fact.address


def test_norrkoping_data_file_says_it_is_real_and_how_it_is_marked():
    data = yaml.safe_load(NORRKOPING_FILE.read_text(encoding="utf-8"))
    assert data["case"]["fictional"] is False
    for entry in data["parameters"].values():
        assert {"value", "inferred", "source", "address", "as_of"} <= set(entry)
    assert load_norrkoping_case(NORRKOPING_FILE) == norrkoping_case()


def test_missing_case_file_is_a_clear_error(tmp_path):
    with pytest.raises(SparkInputError) as error:
        load_norrkoping_case(tmp_path / "saknas.yaml")
    assert "finns inte" in error.value.message("sv")


# --- Educate Girls DIB (financing.md §2.8, INDIGO-POJ-0035) ---------------------------------


def test_educate_girls_multiple_and_bullet_irr():
    contract = OutcomeContract(
        capital=267_731,
        periods=3,
        guaranteed_share=0,
        outcome_price=1,
        planned_outcomes=(0, 0, 422_000),
        cap_total=422_000,
    )
    result = evaluate(contract)
    assert round(result.multiple, 4) == 1.5762
    assert round(result.irr.annual, 4) == 0.1638
    # A higher outcome does not pay more: the maximum outcome payment is a cap.
    assert evaluate(contract, outcome_rate=1.5).total_paid == 422_000


# --- by hand ----------------------------------------------------------------------------------


def test_small_contract_by_hand():
    """Flows −1000, +500, +600. Multiple 1100 / 1000 = 1.1. With x = 1 / (1 + r):
    600x² + 500x − 1000 = 0 → x = (−500 + √(500² + 4·600·1000)) / 1200 = 0.939901…,
    r = 1/x − 1 = 0.063941…"""
    result = evaluate(simple())
    assert result.investor_flows == (-1000, 500, 600)
    assert result.multiple == pytest.approx(1.1)
    assert result.investor_profit == pytest.approx(100)
    x = (-500 + math.sqrt(500**2 + 4 * 600 * 1000)) / 1200
    assert result.irr.per_period == pytest.approx(1 / x - 1, abs=1e-10)
    assert round(result.irr.per_period, 5) == 0.06394
    assert result.irr.annual == pytest.approx(result.irr.per_period)  # yearly periods


@pytest.mark.parametrize("per_year", [2, 4, 12])
def test_annual_irr_compounds_the_period_rate(per_year):
    result = evaluate(simple(periods_per_year=per_year))
    r = result.irr.per_period
    assert result.irr.annual == pytest.approx((1 + r) ** per_year - 1)
    assert result.irr.periods_per_year == per_year


def test_guarantee_spread_or_at_the_end():
    spread = evaluate(simple(guaranteed_share=0.4, guaranteed_timing="spread"))
    end = evaluate(simple(guaranteed_share=0.4, guaranteed_timing="end"))
    assert spread.guaranteed_payments == (0, 200, 200)
    assert end.guaranteed_payments == (0, 0, 400)
    assert spread.total_paid == end.total_paid == 1500
    assert spread.irr.per_period > end.irr.per_period  # paid earlier is worth more


def test_outcome_payments_per_period_or_at_the_end():
    per_period = evaluate(simple())
    at_end = evaluate(simple(outcome_timing="end"))
    assert at_end.outcome_payments == (0, 0, 1100)
    assert at_end.total_paid == per_period.total_paid
    assert at_end.irr.per_period == pytest.approx(math.sqrt(1.1) - 1)


def test_capital_in_tranches():
    result = evaluate(simple(capital_schedule=(0.5, 0.5)))
    assert result.capital_drawn == (500, 500, 0)
    assert result.investor_flows == (-500, 0, 600)
    assert result.irr.per_period == pytest.approx(math.sqrt(1.2) - 1)


def test_several_sign_changes_warns_with_every_root():
    """Flows −100, +230, −132 (capital drawn again at t = 2) have the roots 10 % and 20 %:
    (1 + r)² · (−100) + 230 (1 + r) − 132 = 0 ⇔ r = 0.1 or 0.2."""
    contract = OutcomeContract(
        capital=232,
        periods=3,
        guaranteed_share=0,
        outcome_price=1,
        planned_outcomes=(230, 0, 0),
        capital_schedule=(100 / 232, 0, 132 / 232),
    )
    result = evaluate(contract)
    assert result.investor_flows[:3] == pytest.approx((-100, 230, -132))
    assert result.irr.several_roots
    assert result.irr.roots == pytest.approx((0.1, 0.2))
    assert result.irr.per_period == pytest.approx(0.1)  # numpy-financial 1.0.0: closest to zero
    assert "Varning" in result.irr.message("sv") and "20,00\u00a0%" in result.irr.message("sv")
    assert "Warning" in result.irr.message("en")


# --- caps -------------------------------------------------------------------------------------


def test_cap_per_period_binds():
    result = evaluate(simple(cap_per_period=550))
    assert result.outcome_payments == (0, 500, 550)
    assert result.cap_per_period_binds and not result.cap_total_binds


def test_cap_total_binds():
    result = evaluate(simple(cap_total=800))
    assert result.outcome_payments == (0, 500, 300)
    assert result.cap_total_binds and not result.cap_per_period_binds
    assert evaluate(simple(cap_total=800), outcome_rate=10).total_paid == 800


def test_no_cap_binds_as_planned():
    result = evaluate(simple(cap_per_period=600, cap_total=1100))
    assert not (result.cap_per_period_binds or result.cap_total_binds or result.bonus_cap_binds)


def test_bonus_tier_above_a_threshold_with_its_cap():
    contract = simple(bonus_price=5, bonus_threshold=80, bonus_cap=100)
    result = evaluate(contract)
    assert result.bonus_payments == (0, 0, 100)  # 5 × 30 = 150, capped at 100
    assert result.bonus_cap_binds
    assert evaluate(contract.with_changes(bonus_condition_met=False)).bonus_payments == (0, 0, 0)


def test_max_payment():
    assert simple(cap_total=800, guaranteed_share=0.5).max_payment == 1300
    assert simple().max_payment is None
    assert norrkoping_case().contract().max_payment == pytest.approx(12 * MSEK)


# --- zero outcomes, break-even, scenarios -----------------------------------------------------


@pytest.mark.parametrize("guaranteed", [0.0, 0.25, 0.4, 1.0])
def test_zero_outcomes_lose_the_capital_minus_the_guarantee(guaranteed):
    result = evaluate(simple(guaranteed_share=guaranteed), outcome_rate=0)
    assert result.investor_profit == pytest.approx(-(1000 - guaranteed * 1000))
    assert result.multiple == pytest.approx(guaranteed)


def test_nothing_back_has_no_irr():
    result = evaluate(simple(), outcome_rate=0)
    assert result.irr.per_period is None and result.irr.annual is None
    assert "ingenting tillbaka" in result.irr.message("sv")
    assert investor_irr([-10, 0, 0]).per_period is None


def test_break_even_outcome_rate():
    # 10 kr × 110 outcomes × rate = 1000 kr → rate = 1000 / 1100.
    assert break_even_outcome_rate(simple()) == pytest.approx(1000 / 1100, abs=1e-9)
    assert break_even_outcome_rate(simple(guaranteed_share=0.4)) == pytest.approx(600 / 1100)
    assert break_even_outcome_rate(simple(guaranteed_share=1)) == 0.0
    assert break_even_outcome_rate(simple(cap_total=500)) is None  # the cap is below the capital
    assert break_even_outcome_rate(simple(outcome_price=0)) is None
    rate = break_even_outcome_rate(simple(guaranteed_share=0.4))
    assert evaluate(simple(guaranteed_share=0.4), outcome_rate=rate).irr.annual == pytest.approx(
        0, abs=1e-9
    )


def test_scenarios_and_sensitivity():
    results = scenarios(simple(), low=0.5, high=1.5)
    assert list(results) == ["low", "planned", "high"]
    assert [r.total_paid for r in results.values()] == [550, 1100, 1650]
    assert scenario_label("low", "sv") == "Lågt utfall"
    assert scenario_label("high", "en") == "High outcomes"
    paid = [r.total_paid for r in sensitivity(simple(cap_total=1200), [0, 0.5, 1, 1.5, 2])]
    assert paid == sorted(paid) and paid[-1] == 1200


def test_explicit_outcomes_and_commissioner_cost():
    contract = simple(savings_per_outcome=12)
    result = evaluate(contract, outcomes=(10, 20))
    assert result.outcomes == (10, 20)
    assert result.total_paid == 300 and result.total_savings == 360
    assert result.commissioner_net_cost == -60
    assert result.commissioner_flows == (0, 20, 40)
    # Discounted at 10 % a period: −(20 / 1.1 + 40 / 1.21).
    assert result.commissioner_net_cost_pv(0.10) == pytest.approx(-(20 / 1.1 + 40 / 1.21))
    assert result.commissioner_net_cost_pv("0 %") == pytest.approx(-60)


def test_text_input_is_accepted():
    contract = OutcomeContract(capital="1 000", periods="2", guaranteed_share="40 %",
                               outcome_price="10,5", planned_outcomes=("50", 60))  # fmt: skip
    assert contract.capital == 1000 and contract.periods == 2
    assert contract.guaranteed_share == 0.4 and contract.outcome_price == 10.5
    assert contract.planned_outcomes == (50, 60)


# --- bad input: clear messages in Swedish and English -----------------------------------------

BAD_INPUTS = [
    ("negative capital", {"capital": -1000}, "capital", "större än 0", "greater than 0"),
    ("zero capital", {"capital": 0}, "capital", "större än 0", "greater than 0"),
    ("guaranteed > 100 %", {"guaranteed_share": 1.5}, "guaranteed_share", "mellan 0 och 100",
     "between 0 and 100"),
    ("guaranteed 150 % as text", {"guaranteed_share": "150 %"}, "guaranteed_share",
     "mellan 0 och 100", "between 0 and 100"),
    ("cap below zero", {"cap_total": -1}, "cap_total", "under 0", "below 0"),
    ("period cap below zero", {"cap_per_period": -5}, "cap_per_period", "under 0", "below 0"),
    ("negative price", {"outcome_price": -10}, "outcome_price", "inte vara negativt",
     "must not be negative"),
    ("zero periods", {"periods": 0, "planned_outcomes": ()}, "periods", "minst 1", "at least 1"),
    ("fractional periods", {"periods": 2.5}, "periods", "heltal", "whole number"),
    ("scenario longer than the contract", {"planned_outcomes": (1, 2, 3)}, "planned_outcomes",
     "bara 2", "only 2"),
    ("scenario shorter than the contract", {"planned_outcomes": (1,)}, "planned_outcomes",
     "skriv 0", "write 0"),
    ("negative outcomes", {"planned_outcomes": (5, -1)}, "planned_outcomes[2]",
     "inte vara negativt", "must not be negative"),
    ("outcomes not a list", {"planned_outcomes": "5, 6"}, "planned_outcomes", "lista", "list"),
    ("capital schedule not 100 %", {"capital_schedule": (0.5, 0.3)}, "capital_schedule",
     "inte 1 (100 %)", "not 1 (100%)"),
    ("unknown timing", {"outcome_timing": "monthly"}, "outcome_timing", "välj bland",
     "choose from"),
    ("not a number", {"capital": "tio miljoner"}, "capital", "inte ett tal", "not a number"),
    ("negative savings", {"savings_per_outcome": -3}, "savings_per_outcome",
     "inte vara negativ", "must not be negative"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "column", "sv", "en"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_is_named_in_swedish_and_english(changes, column, sv, en):
    with pytest.raises(SparkInputError) as error:
        simple(**changes)
    problems = error.value.problems
    assert column in [p.column for p in problems]
    assert sv in error.value.message("sv")
    assert en in error.value.message("en")
    assert f"”{column}”" in error.value.message("sv")


def test_every_problem_is_reported_at_once():
    with pytest.raises(SparkInputError) as error:
        OutcomeContract(capital=-5, periods=2, guaranteed_share=2, outcome_price=-1,
                        planned_outcomes=(1, 2, 3), cap_total=-1)  # fmt: skip
    columns = {p.column for p in error.value.problems}
    assert columns == {"capital", "guaranteed_share", "outcome_price", "planned_outcomes",
                       "cap_total"}  # fmt: skip
    assert error.value.message("sv").startswith("5 problem hittades")


@pytest.mark.parametrize(
    ("call", "column"),
    [
        (lambda: evaluate(simple(), outcome_rate=-0.5), "outcome_rate"),
        (lambda: evaluate(simple(), outcomes=(1, 2, 3)), "outcomes"),
        (lambda: evaluate(simple()).commissioner_net_cost_pv(3.5), "discount_rate"),
        (lambda: norrkoping_case().evaluate_savings(-1), "total_savings"),
    ],
)
def test_bad_arguments_to_evaluate(call, column):
    with pytest.raises(SparkInputError) as error:
        call()
    assert error.value.problems[0].column == column
    assert error.value.message("en")


def test_texts_exist_in_both_languages_with_the_same_fields():
    entries = yaml.safe_load((TEXTS_DIR / "outcome_contracts.yaml").read_text(encoding="utf-8"))
    formatter = string.Formatter()
    for key, texts in entries.items():
        assert key.startswith("oc."), key
        assert set(texts) == {"sv", "en"}, key
        fields = [{f for _, f, _, _ in formatter.parse(texts[lang]) if f} for lang in ("sv", "en")]
        assert fields[0] == fields[1], key


# --- charts -----------------------------------------------------------------------------------


def test_cash_flow_chart_has_alt_text_with_the_numbers():
    result = norrkoping_case().evaluate_savings(12 * MSEK)
    chart = cash_flow_chart(result, "sv", "Norrköping")
    assert isinstance(chart, Chart)
    alt = chart.alt_text
    assert "Stapeldiagram: Norrköping" in alt
    assert (
        re.search("[-−]10\u00a0000\u00a0000\u00a0kr", alt) and "11\u00a0200\u00a0000\u00a0kr" in alt
    )
    assert "multipel 1,12" in alt and "2,9\u00a0%" in alt
    assert chart.to_bytes("png")[:4] == b"\x89PNG"
    english = cash_flow_chart(result, "en").alt_text
    assert english.startswith("Bar chart: Cash flows per party") and "Year 4" in english


def test_outcome_rate_chart_marks_the_break_even():
    chart = outcome_rate_chart(norrkoping_case().contract(), [0, 0.5, 1, 1.2, 2], "sv")
    assert re.search("IRR [-−]20,5\u00a0%", chart.alt_text)
    assert "vid utfallsgraden 100,0\u00a0%" in chart.alt_text
    assert re.search(r"vid 200\s%: IRR 4,7\s%", chart.alt_text)
    assert b"<svg" in chart.to_bytes("svg")
    no_break_even = outcome_rate_chart(simple(cap_total=100), [0, 1], "en")
    assert "never gets all of its capital back" in no_break_even.alt_text
    assert "no IRR" in no_break_even.alt_text
