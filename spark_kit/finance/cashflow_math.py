"""NPV, IRR, payback and MIRR: thin documented wrappers over numpy-financial.

numpy-financial (pinned to 1.x, the released line) is the engine; the wrappers make its
conventions explicit, because they differ from Excel's and users trip over them
(reference: financing.md §2.1, §2.4, §5.2).

Sign convention (numpy-financial's): money paid out is negative, money received is
positive. A cash flow ``values[t]`` happens at the end of period ``t``; ``values[0]`` is
"now" (t = 0).

- :func:`npv` — ``timing="numpy"`` (the default, numpy-financial's ``npv``) does **not**
  discount ``values[0]``; ``timing="excel"`` discounts every value by one more period, as
  Excel's ``NPV`` does (its first value is at t = 1).
- :func:`irr_roots` — **every** real rate that makes the NPV zero, and the one
  numpy-financial 1.0.0 returns (the real root closest to zero). A cash flow whose sign
  changes more than once may have several such rates, or none: then it warns.
- :func:`payback_period` — the first time the cumulative (optionally discounted) cash
  flow reaches zero, with the fractional form t* = k + (−CF_cum,k) / CF_{k+1}.
- :func:`mirr` — numpy-financial's ``mirr`` (the same formula as Excel's ``MIRR``).

>>> round(npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]), 5)
3065.22267
>>> round(irr_roots([-100, 39, 59, 55, 20]).rate, 5)
0.28095
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy_financial as npf

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_percent, t

TIMINGS = ("numpy", "excel")

#: Roots whose imaginary part is below this (relative to their size) count as real.
_REAL_TOLERANCE = 1e-9


class SeveralRootsWarning(UserWarning):
    """The cash flow has more than one internal rate of return, or none."""


def _values(values: Sequence[float] | np.ndarray, name: str = "values") -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise SparkInputError(InputProblem("loans.values_empty", column=name, value=str(values)))
    if not np.all(np.isfinite(array)):
        raise SparkInputError(InputProblem("loans.values_not_finite", column=name, value=""))
    return array


def _rate(rate: float, name: str) -> float:
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not math.isfinite(rate):
        raise SparkInputError(InputProblem("loans.not_a_number", column=name, value=rate))
    if rate <= -1:
        raise SparkInputError(InputProblem("loans.rate_below_minus_one", column=name, value=rate))
    return float(rate)


def npv(rate: float, values: Sequence[float], *, timing: str = "numpy") -> float:
    """Net present value of ``values`` at the per-period ``rate``.

    ``timing="numpy"`` (default; numpy-financial's ``npv``): ``values[0]`` is at t = 0 and is
    not discounted, NPV = Σ_t values[t] / (1 + rate)^t.

    ``timing="excel"`` (Excel's ``NPV``): the first value is at t = 1, so every value is
    discounted one period more, NPV = Σ_t values[t] / (1 + rate)^(t+1). The two are linked
    by ``npv(r, v) == v[0] + npv(r, v[1:], timing="excel")`` (numpy-financial's docstring
    shows this split).

    >>> round(npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000], timing="excel"), 2)
    2838.17
    """
    if timing not in TIMINGS:
        raise SparkInputError(
            InputProblem(
                "loans.choice",
                column="timing",
                value=timing,
                params={"choices": ", ".join(TIMINGS)},
            )
        )
    rate = _rate(rate, "rate")
    array = _values(values)
    result = float(npf.npv(rate, array))
    return result / (1 + rate) if timing == "excel" else result


@dataclass(frozen=True)
class IrrResult:
    """Every internal rate of return of a cash flow.

    ``roots`` are all real rates r > −1 with NPV(r) = 0, in increasing order; ``rate`` is
    the one numpy-financial 1.0.0's ``irr`` returns (the root closest to zero), or ``None``
    when there is no root; ``sign_changes`` counts the sign changes in the cash flow
    (Descartes: there are at most that many positive roots of the polynomial).
    """

    roots: tuple[float, ...]
    rate: float | None
    sign_changes: int

    @property
    def unique(self) -> bool:
        return len(self.roots) == 1

    def message(self, lang: str | None = None) -> str:
        """A sentence about the roots, for warnings and notebooks."""
        if not self.roots:
            return t("loans.irr.none", lang, changes=self.sign_changes)
        shown = ", ".join(format_percent(r, lang, 2) for r in self.roots)
        if self.unique:
            return t("loans.irr.one", lang, rate=shown)
        chosen = format_percent(self.rate, lang, 2)
        return t("loans.irr.several", lang, count=len(self.roots), roots=shown, rate=chosen)


def irr_roots(values: Sequence[float], *, warn: bool = True, lang: str | None = None) -> IrrResult:
    """All real internal rates of return of ``values`` (one per period, t = 0, 1, …).

    Solves Σ_t values[t] / (1 + r)^t = 0 as numpy-financial does, through the polynomial
    in x = 1 / (1 + r) (``np.roots``), but returns **every** real root with x > 0, not
    one. ``rate`` is numpy-financial 1.0.0's choice (closest to zero), so
    ``irr_roots(v).rate == npf.irr(v)`` when there is a root. With ``warn=True`` a
    :class:`SeveralRootsWarning` is issued, in ``lang``, when there are several roots or
    none: then no single IRR describes the cash flow (numpy-financial issues #28, #98).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True):
    ...     result = irr_roots([-50, -100, 600, 300, -100])
    >>> [round(r, 4) for r in result.roots]
    [-0.7689, 1.8544]
    """
    array = _values(values)
    signs = np.sign(array[array != 0])
    sign_changes = int(np.count_nonzero(np.diff(signs)))
    trimmed = np.trim_zeros(array, "b")  # trailing zeros add roots at x = 0 only
    roots: list[float] = []
    if trimmed.size > 1:
        x = np.roots(trimmed[::-1])
        real = np.abs(x.imag) <= _REAL_TOLERANCE * np.maximum(1.0, np.abs(x))
        positive = x.real[real & (x.real > 0)]
        roots = sorted({round(float(r), 12) for r in 1 / positive - 1})
    rate = min(roots, key=abs) if roots else None
    result = IrrResult(tuple(roots), rate, sign_changes)
    if warn and not result.unique:
        warnings.warn(result.message(lang), SeveralRootsWarning, stacklevel=2)
    return result


def periodic_irr(values: Sequence[float] | np.ndarray) -> float:
    """The IRR of a cash flow with **one** sign change (a loan: money in, then payments out).

    Such a cash flow has exactly one root r > −1 and its NPV is monotone in r, so a
    bracketed Newton iteration finds it fast for hundreds of periods (``np.roots`` on a
    360-degree polynomial is slow). Used for the effective rate of a loan; returns NaN if
    no sign change brackets a root.
    """
    array = np.asarray(values, dtype=float)
    times = np.arange(array.size, dtype=float)
    scale = max(1.0, float(np.abs(array).max()))

    def f(rate: float) -> float:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return float(array @ (1.0 + rate) ** -times)

    def slope(rate: float) -> float:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return float(-(array * times) @ (1.0 + rate) ** (-times - 1))

    low, high = 0.0, 0.1
    f_low, f_high = f(low), f(high)
    if f_low == 0:
        return 0.0
    while f_low * f_high > 0 and high < 1e6:  # the root is above: widen upwards
        low, f_low = high, f_high
        high *= 2
        f_high = f(high)
    if f_low * f_high > 0:  # or below zero: move towards −1
        high, f_high = 0.0, f(0.0)
        low = -0.5
        f_low = f(low)
        while f_low * f_high > 0 and low > -1 + 1e-9:
            high, f_high = low, f_low
            low = (low - 1) / 2
            f_low = f(low)
        if not (f_low * f_high < 0) or not math.isfinite(f_low):
            return math.nan
    rate = (low + high) / 2
    for _ in range(200):
        value = f(rate)
        if abs(value) < 1e-12 * scale:
            return rate
        if (value > 0) == (f_low > 0):
            low, f_low = rate, value
        else:
            high = rate
        d = slope(rate)
        step = rate - value / d if d else math.nan
        rate = step if low < step < high else (low + high) / 2
        if high - low < 1e-16:
            break
    return rate


def payback_period(
    values: Sequence[float], *, discount_rate: float | None = None, fractional: bool = True
) -> float | None:
    """The period in which the cumulative cash flow first reaches zero; ``None`` if never.

    ``values[0]`` is at t = 0 (usually the negative investment). Simple payback (the
    default) cumulates the values as they are; with ``discount_rate`` each value is first
    divided by (1 + rate)^t (discounted payback). ``fractional=True`` interpolates within
    the period (financing.md §2.4): t* = k + (−CF_cum,k) / CF_{k+1}, where k is the last
    period with a negative cumulative flow; ``fractional=False`` gives the whole period k + 1.

    >>> payback_period([-100, 30, 40, 50])
    2.6
    """
    array = _values(values)
    if discount_rate is not None:
        rate = _rate(discount_rate, "discount_rate")
        array = array / (1.0 + rate) ** np.arange(array.size)
    cumulative = np.cumsum(array)
    if cumulative[0] >= 0:
        return 0.0
    reached = np.flatnonzero(cumulative >= 0)
    if reached.size == 0:
        return None
    k = int(reached[0]) - 1
    if not fractional:
        return float(k + 1)
    return round(k + float(-cumulative[k] / array[k + 1]), 12)


def mirr(values: Sequence[float], finance_rate: float, reinvest_rate: float) -> float | None:
    """Modified internal rate of return (numpy-financial's ``mirr``; Excel's ``MIRR``).

    Negative flows are discounted to t = 0 at ``finance_rate``, positive flows are
    compounded to the last period at ``reinvest_rate``; with n values,
    MIRR = (FV of positives / −PV of negatives)^(1/(n−1)) − 1. ``None`` when the flow has
    no positive or no negative value.

    >>> mirr([-100, 50, -60, 70], 0.10, 0.12)
    -0.03909366594356467
    """
    array = _values(values)
    finance_rate = _rate(finance_rate, "finance_rate")
    reinvest_rate = _rate(reinvest_rate, "reinvest_rate")
    result = float(npf.mirr(array, finance_rate, reinvest_rate))
    return None if math.isnan(result) else result
