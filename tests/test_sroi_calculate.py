"""The SROI calculation against the reference's worked cases, and its conventions both ways.

Sources of the expected figures:

- **Case 3** — /work/shared/reference/impact-methods.md §1.7, "Case 3 — rural Swedish WISE in
  SEK (constructed example)": a constructed example in the reference, built as the regression
  test for this calculator. Every figure of its tables is reproduced here: impacts per row and
  year, V_t, PV per year, PV, NPV, ratio, net ratio, payback and the convention variants.
- **Case 1** — the same §1.7, "NIAA / SVA Consulting: Youth Prevention and Diversion (Circular
  Head Aboriginal Corporation)": PV of benefits $4,760,250 and PV of investment $847,166, no
  discounting; ratio from the totals 5.619 (computed from sourced figures).

Money is compared to the öre (abs=0.005), ratios to the decimals the reference prints.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from pydantic import ValidationError

from spark_kit.impact.sroi import (
    Conventions,
    Input,
    OutcomeRow,
    ValueMap,
    calculate_sroi,
    change_outcome,
    check_quality,
)
from spark_kit.impact.sroi.calculate import (
    ValueMapArrays,
    annuity_factor,
    filter_factor,
    inputs_present_value,
    row_present_values,
    value_matrix,
)
from spark_kit.impact.sroi.exercises import case_3_value_map
from spark_kit.impact.sroi.quality import LONG_DURATION_YEARS

ORE = 0.005

# Case 3 (impact-methods.md §1.7, constructed example): the value map's table, row by row:
# quantity, proxy (SEK), deadweight, displacement, attribution, duration (years), drop-off.
CASE_3_ROWS = [
    (8, 150_000, 0.20, 0.0, 0.25, 3, 0.30),
    (20, 20_000, 0.10, 0.0, 0.20, 2, 0.50),
    (10, 15_000, 0.30, 0.0, 0.30, 2, 0.50),
]
CASE_3_INPUTS = 1_500_000
CASE_3_IMPACTS = [  # impact yr 1 / yr 2 / yr 3 per row
    [720_000, 504_000, 352_800],
    [288_000, 144_000, 0],
    [73_500, 36_750, 0],
]
CASE_3_V = [1_081_500, 684_750, 352_800]
CASE_3_PV_BY_YEAR = [1_044_927.54, 639_221.45, 318_205.39]


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def case_3(**conventions) -> ValueMap:
    """Case 3 built from the reference's table (not from the package's own example)."""
    outcomes = [
        OutcomeRow(
            stakeholder="Regionen" if number == 3 else "Deltagare",
            outcome=f"Utfall {number}",
            quantity=q,
            financial_proxy=p,
            deadweight=dw,
            displacement=disp,
            attribution=attr,
            duration_years=duration,
            drop_off=drop,
        )
        for number, (q, p, dw, disp, attr, duration, drop) in enumerate(CASE_3_ROWS, start=1)
    ]
    return ValueMap(
        inputs=[Input(stakeholder="Finansiärer", amount=CASE_3_INPUTS)],
        outcomes=outcomes,
        conventions=Conventions(**{"discount_rate": 0.035, **conventions}),
    )


# --- Case 3: every figure ------------------------------------------------------------------


def test_the_kits_case_3_example_is_the_reference_table():
    example = case_3_value_map()
    rows = [
        (
            o.quantity,
            o.financial_proxy,
            o.deadweight,
            o.displacement,
            o.attribution,
            o.duration_years,
            o.drop_off,
        )
        for o in example.outcomes
    ]
    assert rows == CASE_3_ROWS
    assert sum(i.amount for i in example.inputs) == CASE_3_INPUTS
    assert all(i.year == 1 for i in example.inputs)
    assert example.conventions == Conventions(discount_rate=0.035)


def test_case_3_impact_of_each_row_in_each_year():
    matrix = value_matrix(ValueMapArrays.from_value_map(case_3()), Conventions())
    np.testing.assert_allclose(matrix, CASE_3_IMPACTS, rtol=0, atol=ORE)


def test_case_3_value_by_year_and_present_value_by_year():
    result = calculate_sroi(case_3())
    np.testing.assert_allclose(result.values_by_year, CASE_3_V, rtol=0, atol=ORE)
    np.testing.assert_allclose(result.pv_by_year, CASE_3_PV_BY_YEAR, rtol=0, atol=ORE)


def test_case_3_headline_results():
    result = calculate_sroi(case_3())
    assert result.present_value == pytest.approx(2_002_354.37, abs=ORE)
    assert result.total_inputs == CASE_3_INPUTS
    assert result.npv == pytest.approx(502_354.37, abs=ORE)
    assert round(result.sroi_ratio, 4) == 1.3349
    assert round(result.net_sroi_ratio, 4) == 0.3349
    assert result.net_sroi_ratio == pytest.approx(result.sroi_ratio - 1)
    assert round(result.payback_months, 2) == 16.64  # inputs ÷ (year-1 impact / 12)


def test_case_3_impact_and_present_value_per_row_and_stakeholder():
    result = calculate_sroi(case_3())
    impacts = [row["impact"] for row in result.by_outcome]
    np.testing.assert_allclose(impacts, [720_000, 288_000, 73_500], atol=ORE)
    assert [row["row"] for row in result.by_outcome] == [1, 2, 3]
    assert sum(r["present_value"] for r in result.by_outcome) == pytest.approx(result.present_value)
    assert list(result.by_stakeholder) == ["Deltagare", "Regionen"]
    assert result.by_stakeholder["Regionen"] == pytest.approx(
        73_500 / 1.035 + 36_750 / 1.035**2, abs=ORE
    )


@pytest.mark.parametrize(
    ("conventions", "ratio"),
    [
        ({}, 1.3349),  # the guide's conventions
        ({"discount_first_year": False}, 1.3816),  # year 1 not discounted
        ({"discount_rate": 0.0}, 1.4127),  # undiscounted
        ({"dropoff_start": "year1"}, 0.8654),  # drop-off applied already in year 1
    ],
)
def test_case_3_convention_variants(conventions, ratio):
    assert round(calculate_sroi(case_3(**conventions)).sroi_ratio, 4) == ratio


def test_case_3_ten_more_percentage_points_of_deadweight_on_every_row():
    value_map = case_3()
    for row in (1, 2, 3):
        old = value_map.outcomes[row - 1].deadweight
        value_map = change_outcome(value_map, row, deadweight=old + 0.10)
    assert round(calculate_sroi(value_map).sroi_ratio, 4) == 1.1706


def test_case_3_row_1_multiplicative_against_additive_filters():
    # impact-methods.md §1.8 item 4: 720,000 (multiplicative) vs 660,000 (additive).
    multiplicative = calculate_sroi(case_3())
    additive = calculate_sroi(case_3(filters="additive"))
    assert multiplicative.by_outcome[0]["impact"] == pytest.approx(720_000, abs=ORE)
    assert additive.by_outcome[0]["impact"] == pytest.approx(660_000, abs=ORE)
    assert additive.conventions.filters == "additive"


def test_conventions_argument_overrides_the_value_maps_own():
    value_map = case_3()
    override = Conventions(discount_rate=0.0)
    assert calculate_sroi(value_map, override).conventions == override
    assert round(calculate_sroi(value_map, override).sroi_ratio, 4) == 1.4127
    assert calculate_sroi(value_map).conventions == value_map.conventions


# --- Case 1 ------------------------------------------------------------------------------


def test_case_1_ratio_from_the_niaa_totals():
    # NIAA / SVA CHAC forecast SROI (impact-methods.md §1.7, Case 1): the report applies no
    # discounting; per-outcome figures are not public, so the benefits are one total.
    value_map = ValueMap(
        inputs=[Input(stakeholder="PM&C and CHAC", amount=847_166)],
        outcomes=[
            OutcomeRow(
                stakeholder="Young people, families, justice system",
                outcome="Social value (total)",
                quantity=1,
                financial_proxy=4_760_250,
                duration_years=1,
                deadweight=0,
                displacement=0,
                attribution=0,
                drop_off=0,
            )
        ],
        conventions=Conventions(discount_rate=0.0),
    )
    result = calculate_sroi(value_map)
    assert result.present_value == pytest.approx(4_760_250, abs=ORE)
    assert round(result.sroi_ratio, 3) == 5.619


# --- outcome start, durations, inputs over several years ------------------------------------


def one_row(**fields) -> ValueMap:
    row = {
        "stakeholder": "A",
        "outcome": "B",
        "quantity": 1,
        "financial_proxy": 1000,
        "duration_years": 2,
        "deadweight": 0,
        "displacement": 0,
        "attribution": 0,
        "drop_off": 0.5,
        **fields,
    }
    return ValueMap(inputs=[Input(stakeholder="A", amount=1000)], outcomes=[OutcomeRow(**row)])


def test_outcome_start_2_shifts_the_stream_one_year_and_keeps_its_duration():
    result = calculate_sroi(one_row(outcome_start=2))
    assert result.values_by_year == pytest.approx([0, 1000, 500])
    assert result.present_value == pytest.approx(1000 / 1.035**2 + 500 / 1.035**3)
    assert result.by_outcome[0]["impact"] == pytest.approx(1000)  # its own first year
    start_1 = calculate_sroi(one_row(outcome_start=1))
    assert start_1.values_by_year == pytest.approx([1000, 500])
    assert result.present_value == pytest.approx(start_1.present_value / 1.035)


def test_outcome_start_2_without_discounting_year_1():
    result = calculate_sroi(one_row(outcome_start=2), Conventions(discount_first_year=False))
    assert result.present_value == pytest.approx(1000 / 1.035 + 500 / 1.035**2)


def test_rows_of_different_lengths_and_starts_add_up_by_year():
    value_map = one_row(duration_years=1, drop_off=0)
    value_map.outcomes.append(
        OutcomeRow(
            stakeholder="C",
            outcome="D",
            quantity=2,
            financial_proxy=100,
            duration_years=3,
            outcome_start=2,
            deadweight=0,
            displacement=0,
            attribution=0,
            drop_off=0.1,
        )
    )
    result = calculate_sroi(value_map)
    assert result.values_by_year == pytest.approx([1000, 200, 180, 162])


def test_inputs_over_several_years_are_discounted_from_the_start_of_their_year():
    value_map = one_row()
    value_map.inputs.extend(
        [
            Input(stakeholder="A", amount=1035, year=2),
            Input(stakeholder="A", amount=1071.225, year=3),
        ]
    )
    for first_year in (True, False):
        result = calculate_sroi(value_map, Conventions(discount_first_year=first_year))
        assert result.total_inputs == pytest.approx(3000, abs=ORE)
        assert result.sroi_ratio == pytest.approx(result.present_value / 3000)
    undiscounted = calculate_sroi(value_map, Conventions(discount_rate=0))
    assert undiscounted.total_inputs == pytest.approx(1000 + 1035 + 1071.225)
    assert inputs_present_value([100.0, 103.5], [1, 2], 0.035) == pytest.approx(200)


def test_dropoff_from_year_1_changes_the_first_year_and_the_payback():
    result = calculate_sroi(one_row(), Conventions(dropoff_start="year1"))
    assert result.values_by_year == pytest.approx([500, 250])
    assert result.by_outcome[0]["impact"] == pytest.approx(500)
    assert result.payback_months == pytest.approx(1000 / (500 / 12))


def test_additive_filters_are_floored_at_zero():
    assert filter_factor(0.5, 0.2, 0.6, "additive") == 0.0
    result = calculate_sroi(
        one_row(deadweight=0.5, attribution=0.6), Conventions(filters="additive")
    )
    assert result.present_value == 0
    assert result.payback_months is None  # no impact
    with pytest.raises(ValueError, match="filters"):
        filter_factor(0.1, 0.1, 0.1, "subtractive")


# --- edge cases ------------------------------------------------------------------------------


def test_zero_inputs_give_no_ratio_and_a_warning():
    value_map = one_row().model_copy(update={"inputs": []})
    result = calculate_sroi(value_map)
    assert result.total_inputs == 0
    assert result.sroi_ratio is None and result.net_sroi_ratio is None
    assert result.payback_months == 0
    assert "no_inputs" in [w.code for w in result.warnings]


def test_an_empty_value_map():
    result = calculate_sroi(ValueMap())
    assert result.present_value == 0
    assert result.values_by_year == [] and result.pv_by_year == []
    assert result.by_stakeholder == {} and result.by_outcome == []
    assert result.sroi_ratio is None and result.payback_months is None


def test_change_outcome_validates_and_leaves_the_original_alone():
    original = case_3()
    changed = change_outcome(original, 2, attribution=0.5)
    assert changed.outcomes[1].attribution == 0.5
    assert original.outcomes[1].attribution == 0.2
    with pytest.raises(ValidationError):
        change_outcome(original, 1, deadweight=1.5)
    with pytest.raises(ValueError, match="row 4"):
        change_outcome(original, 4, deadweight=0.1)


# --- the closed form used by the sensitivity analysis equals the matrix --------------------


def random_value_map(seed: int, rows: int = 40) -> ValueMap:
    rng = np.random.default_rng(seed)
    outcomes = [
        OutcomeRow(
            stakeholder=f"S{rng.integers(4)}",
            outcome=f"O{i}",
            quantity=float(rng.uniform(0, 50)),
            financial_proxy=float(rng.uniform(0, 50_000)),
            duration_years=int(rng.integers(1, 12)),
            outcome_start=int(rng.integers(1, 3)),
            deadweight=float(rng.uniform(0, 0.5)),
            displacement=float(rng.uniform(0, 0.3)),
            attribution=float(rng.uniform(0, 0.5)),
            drop_off=float(rng.choice([0.0, rng.uniform(0, 1), 1.0])),
        )
        for i in range(rows)
    ]
    inputs = [Input(stakeholder="F", amount=float(rng.uniform(1e5, 1e6)), year=y) for y in (1, 2)]
    return ValueMap(inputs=inputs, outcomes=outcomes)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "conventions",
    [
        Conventions(),
        Conventions(dropoff_start="year1", discount_first_year=False),
        Conventions(discount_rate=0.0, filters="additive"),
        Conventions(discount_rate=0.15),
    ],
)
def test_closed_form_present_value_equals_the_year_by_year_matrix(seed, conventions):
    value_map = random_value_map(seed)
    result = calculate_sroi(value_map, conventions)
    closed = row_present_values(ValueMapArrays.from_value_map(value_map), conventions)
    expected = [row["present_value"] for row in result.by_outcome]
    np.testing.assert_allclose(closed, expected, rtol=1e-12, atol=1e-6)


def test_annuity_factor_when_nothing_drops_off_and_nothing_is_discounted():
    assert annuity_factor(0.0, 7, 1, 0.0, Conventions()) == pytest.approx(7)
    assert annuity_factor(1.0, 7, 1, 0.0, Conventions()) == pytest.approx(1)  # year 1 only
    assert annuity_factor(1.0, 7, 1, 0.0, Conventions(dropoff_start="year1")) == 0


# --- result as data ------------------------------------------------------------------------


def test_to_dict_is_json_ready_with_the_agreed_keys():
    data = calculate_sroi(case_3_value_map()).to_dict("en")
    json.dumps(data)
    for key in (
        "present_value",
        "total_inputs",
        "npv",
        "sroi_ratio",
        "net_sroi_ratio",
        "payback_months",
        "values_by_year",
        "by_stakeholder",
        "conventions",
        "warnings",
    ):
        assert key in data
    assert data["conventions"] == {
        "discount_rate": 0.035,
        "currency": "SEK",
        "dropoff_start": "year2",
        "discount_first_year": True,
        "filters": "multiplicative",
    }
    assert data["present_value"] == pytest.approx(2_002_354.3748674572)  # not rounded
    assert data["present_value"] != round(data["present_value"], 2)
    warning = data["warnings"][0]
    assert set(warning) == {"code", "row", "message"}
    assert warning["row"] == 1 and warning["message"].startswith("Row 1")


# --- quality warnings --------------------------------------------------------------------


def test_case_3_warns_about_sources_and_stakeholder_voice_only():
    warnings = check_quality(case_3_value_map())
    assert [(w.code, w.row) for w in warnings] == [
        (code, row)
        for row in (1, 2, 3)
        for code in ("proxy_without_source", "no_stakeholder_voice")
    ]


def test_each_quality_warning_names_its_row():
    value_map = ValueMap(
        outcomes=[
            OutcomeRow(
                stakeholder="Deltagare",
                outcome="Bra",
                quantity=1,
                financial_proxy=100,
                proxy_source="SCB",
                stakeholder_voice="Intervjuer",
                duration_years=2,
                deadweight=0.1,
                displacement=0,
                attribution=0.1,
                drop_off=0,
            ),
            OutcomeRow(
                stakeholder="Kommunen",
                outcome="Lägre kostnader",
                quantity=1,
                financial_proxy=12_500,
                duration_years=LONG_DURATION_YEARS + 1,
                deadweight=0,
                displacement=0.2,
                attribution=0,
                drop_off=0,
            ),
        ]
    )
    warnings = check_quality(value_map)
    assert [(w.code, w.row) for w in warnings] == [
        ("no_deadweight_attribution", 2),
        ("long_duration", 2),
        ("proxy_without_source", 2),
        ("no_stakeholder_voice", 2),
        ("no_inputs", None),
    ]
    sv = [w.message("sv") for w in warnings]
    en = [w.message("en") for w in warnings]
    assert all(m.startswith("Rad 2, ”Lägre kostnader” (Kommunen): ") for m in sv[:4])
    assert all(m.startswith("Row 2, “Lägre kostnader” (Kommunen): ") for m in en[:4])
    assert "dödvikt" in sv[0] and "attribution" in sv[0]
    assert "6 år" in sv[1]
    assert "12\u00a0500\u00a0kr" in sv[2]
    assert "0\u00a0kr" in sv[4]
    assert warnings[0].message("sv", with_row=False).startswith("”Lägre kostnader”")
