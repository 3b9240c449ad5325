"""NPV, IRR, payback and MIRR wrappers (spark_kit.finance.cashflow_math).

Expected values are the documentation test vectors of numpy-financial 1.0.0 as collected in
/work/shared/reference/financing.md §2.1 and §2.11 (source: numpy/numpy-financial,
numpy_financial/_financial.py docstrings; reproduced with 1.0.0 in the reference). Each
convention the wrappers name (NPV timing, IRR root choice, simple/discounted and
fractional/whole payback) is tested both ways.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy_financial as npf
import pytest

from spark_kit.errors import SparkInputError
from spark_kit.finance.cashflow_math import (
    SeveralRootsWarning,
    irr_roots,
    mirr,
    npv,
    payback_period,
    periodic_irr,
)

NPV_DOC_FLOWS = [-40_000, 5_000, 8_000, 12_000, 30_000]


@pytest.fixture(autouse=True)
def _swedish_by_default(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- the pinned numpy-financial reproduces its documented examples (financing.md §2.1) ------


def test_numpy_financial_is_the_released_line():
    from importlib.metadata import version

    assert version("numpy-financial").startswith("1.")


def test_numpy_financial_documentation_vectors():
    # Source: numpy-financial docstrings, financing.md §2.1 "Documentation test vectors".
    assert npf.pmt(0.075 / 12, 12 * 15, 200_000) == pytest.approx(-1854.0247200054619, abs=1e-9)
    assert npf.fv(0.05 / 12, 10 * 12, -100, -100) == pytest.approx(15692.92889433575, abs=1e-8)
    assert npf.pv(0.05 / 12, 10 * 12, -100, 15692.93) == pytest.approx(
        -100.00067131625819, abs=1e-9
    )
    assert np.round(npf.nper(0.07 / 12, -150, 8000), 5) == 64.07335


def test_ipmt_ppmt_documentation_vectors():
    # Source: numpy-financial ipmt docstring (0.0824/12, 12 periods, 2500), financing.md §2.1.
    per = np.arange(1, 13)
    ipmt = npf.ipmt(0.0824 / 12, per, 12, 2500)
    ppmt = npf.ppmt(0.0824 / 12, per, 12, 2500)
    assert list(np.round(ipmt[:3], 2)) == [-17.17, -15.79, -14.40]
    assert list(np.round(ppmt[:3], 2)) == [-200.58, -201.96, -203.35]
    assert (round(ipmt[11], 2), round(ppmt[11], 2)) == (-1.49, -216.26)
    assert round(ipmt.sum(), 2) == -112.98


# --- npv: numpy timing (t = 0) and Excel timing (t = 1) ---------------------------------------


def test_npv_numpy_timing_documentation_vector():
    # Source: numpy-financial npv docstring, financing.md §2.1 / §2.11: 3065.22267.
    assert round(npv(0.08, NPV_DOC_FLOWS), 5) == 3065.22267
    assert npv(0.08, NPV_DOC_FLOWS, timing="numpy") == npf.npv(0.08, NPV_DOC_FLOWS)


def test_npv_scalar_example_from_the_multi_rate_docstring():
    # Source: financing.md §2.1: the scalar npv(0.05, [-4000, 500, 800]) = -2798.19.
    assert round(npv(0.05, [-4000, 500, 800]), 2) == -2798.19


def test_npv_excel_timing_discounts_the_first_value():
    excel = npv(0.08, NPV_DOC_FLOWS, timing="excel")
    assert excel == pytest.approx(3065.2226681795255 / 1.08, abs=1e-9)
    by_hand = sum(v / 1.08 ** (t + 1) for t, v in enumerate(NPV_DOC_FLOWS))
    assert excel == pytest.approx(by_hand, abs=1e-9)


def test_npv_timings_are_linked_by_the_documented_split():
    # financing.md §2.1: the numpy NPV is values[0] + Excel's NPV of the rest.
    split = NPV_DOC_FLOWS[0] + npv(0.08, NPV_DOC_FLOWS[1:], timing="excel")
    assert npv(0.08, NPV_DOC_FLOWS) == pytest.approx(split, abs=1e-9)


def test_npv_unknown_timing_is_refused():
    with pytest.raises(SparkInputError) as caught:
        npv(0.08, NPV_DOC_FLOWS, timing="t1")
    assert "t1" in caught.value.message("sv") and "timing" in caught.value.message("sv")


# --- irr_roots ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Source: numpy-financial irr docstring, financing.md §2.1 / §2.11.
        ([-100, 39, 59, 55, 20], 0.28095),
        ([-100, 0, 0, 74], -0.0955),
        ([-100, 100, 0, -7], -0.0833),
        ([-100, 100, 0, 7], 0.06206),
        ([-5, 10.5, 1, -8, 1], 0.0886),
    ],
)
def test_irr_documentation_vectors(values, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeveralRootsWarning)
        result = irr_roots(values)
    assert round(result.rate, 5) == expected
    assert result.rate == pytest.approx(npf.irr(values), abs=1e-10)  # numpy-financial's choice


def test_irr_negative_rate_example():
    # financing.md §2.1 (computed with 1.0.0): irr([-10000] + [327.24625]*16) = -0.06765.
    assert round(irr_roots([-10_000] + [327.24625] * 16).rate, 5) == -0.06765


def test_several_roots_are_all_reported_and_warned_about():
    # financing.md §2.1: 1.0.0 returns -0.76890; the issue calls 1.85 the sensible root.
    with pytest.warns(SeveralRootsWarning, match="2 internrä"):
        result = irr_roots([-50, -100, 600, 300, -100], lang="sv")
    assert [round(r, 4) for r in result.roots] == [-0.7689, 1.8544]
    assert round(result.rate, 5) == -0.76890
    assert result.sign_changes == 2 and not result.unique


def test_several_roots_warning_in_english():
    with pytest.warns(SeveralRootsWarning, match="internal rates of return"):
        irr_roots([-5, 10.5, 1, -8, 1], lang="en")


def test_no_root_warns_and_gives_none():
    with pytest.warns(SeveralRootsWarning):
        result = irr_roots([100, 100])
    assert result.roots == () and result.rate is None


def test_one_root_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = irr_roots([-100, 39, 59, 55, 20])
    assert result.unique


def test_warning_can_be_turned_off():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(irr_roots([-50, -100, 600, 300, -100], warn=False).roots) == 2


def test_periodic_irr_agrees_with_numpy_financial():
    flows = [-100, 39, 59, 55, 20]
    assert periodic_irr(flows) == pytest.approx(npf.irr(flows), abs=1e-12)
    loan = [10_000] + [-900] * 12
    assert periodic_irr(loan) == pytest.approx(npf.irr(loan), abs=1e-12)


# --- payback and MIRR ---------------------------------------------------------------------------


def test_payback_fractional_and_whole():
    # financing.md §2.4: t* = k + (-CF_cum,k) / CF_{k+1}: cumulative -100, -70, -30, 20.
    assert payback_period([-100, 30, 40, 50]) == 2.6
    assert payback_period([-100, 30, 40, 50], fractional=False) == 3.0


def test_payback_discounted_is_later_than_simple():
    flows = [-100, 30, 40, 60]
    discounted = payback_period(flows, discount_rate=0.10)
    cumulative = np.cumsum(np.array(flows) / 1.1 ** np.arange(4))
    assert cumulative[2] < 0 <= cumulative[3]
    assert discounted == pytest.approx(2 + -cumulative[2] / (60 / 1.1**3), abs=1e-12)
    assert discounted > payback_period(flows)


def test_payback_never_reached():
    assert payback_period([-100, 10, 10]) is None


def test_mirr_documentation_vector():
    # Source: numpy-financial mirr docstring, financing.md §2.1: -0.03909366594356467.
    assert mirr([-100, 50, -60, 70], 0.10, 0.12) == pytest.approx(-0.03909366594356467, abs=1e-15)


def test_mirr_formula_by_hand():
    values = [-100, 50, -60, 70]
    positives = 50 * 1.12**2 + 70
    negatives = 100 + 60 / 1.10**2
    assert mirr(values, 0.10, 0.12) == pytest.approx((positives / negatives) ** (1 / 3) - 1)


def test_mirr_without_both_signs_is_none():
    assert mirr([100, 50], 0.1, 0.1) is None


@pytest.mark.parametrize("bad", [[], [1, float("nan")]])
def test_bad_cash_flows_are_refused(bad):
    with pytest.raises(SparkInputError):
        npv(0.05, bad)
