"""Loans: annuity and straight-line (rak amortering) schedules, fees and the effective rate.

Conventions (financing.md §2.2–§2.3):

- ``rate`` is the **nominal annual** rate as a fraction (0.055 for 5.5 %); the rate per
  period is ``rate / payments_per_year``. Payments are made at the end of each period.
- ``payments_per_year`` is 1 (yearly), 4 (quarterly) or 12 (monthly, the default).
- ``years`` is the whole term **including** any grace period; years × payments per year
  must be a whole number of payments.
- ``grace_months`` are interest-only: during them the borrower pays the period's interest
  and nothing is amortised (as Almi's micro-loans allow, 12 months without amortisation,
  almi.se/en/loan/microloan, cited in financing.md §1.1). The whole loan is then repaid
  over the remaining payments. Grace months must fill whole payment periods and be
  shorter than the term.
- **Annuity** (annuitetslån): the same payment A = L·i(1+i)^n / ((1+i)^n − 1) =
  −``npf.pmt(i, n, L)`` each period after the grace period; interest_k = B_{k−1}·i,
  amortisation_k = A − interest_k. **Straight-line** (rak amortering): the same
  amortisation L / n each period; the payment falls as the interest falls.
- Fees: ``setup_fee`` (uppläggningsavgift) is paid when the loan is paid out, so the
  borrower receives ``amount − setup_fee``; ``period_fee`` (aviavgift) is paid with every
  payment. Fees do not reduce the debt.
- **Effective annual rate** (effektiv ränta), financing.md §2.3: q is the IRR per period of
  the borrower's cash flows [amount − setup_fee, −(payment_1 + fee_1), …,
  −(payment_n + fee_n)] and the effective rate is (1 + q)^(payments per year) − 1. Without
  fees it equals (1 + rate / payments per year)^(payments per year) − 1 for both methods.

Money is not rounded in the computation; round only when showing it.

>>> loan = loan_schedule(40_000, 0.06, 5)
>>> round(loan.payment, 2), round(loan.total_interest, 2)
(773.31, 6398.72)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np
import numpy_financial as npf
import pandas as pd

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.cashflow_math import periodic_irr
from spark_kit.i18n import format_money, format_percent, resolve_lang, t
from spark_kit.workbook import cells

METHODS = ("annuity", "straight")
#: Payments per year the kit accepts: yearly, quarterly, monthly (the kit's choice).
PAYMENTS_PER_YEAR = (1, 4, 12)
#: The kit's limits on a loan's terms (guards against typing errors, not lending rules).
MAX_RATE = 1.0  # 100 % a year
MAX_YEARS = 100

#: The option names of ``spark-kit loan``, for messages about command-line input.
CLI_OPTIONS = {
    "amount": "--amount",
    "rate": "--rate",
    "years": "--years",
    "method": "--method",
    "payments_per_year": "--payments-per-year",
    "grace_months": "--grace-months",
    "setup_fee": "--setup-fee",
    "period_fee": "--period-fee",
}

COLUMNS = ("period", "payment", "interest", "amortisation", "fee", "balance")


@dataclass(frozen=True)
class LoanTerms:
    """A loan's terms, checked by :func:`check_terms` (see the module's conventions)."""

    amount: float
    rate: float
    years: float
    method: str = "annuity"
    payments_per_year: int = 12
    grace_months: int = 0
    setup_fee: float = 0.0
    period_fee: float = 0.0

    @property
    def periods(self) -> int:
        """The number of payments, grace period included."""
        return round(self.years * self.payments_per_year)

    @property
    def grace_periods(self) -> int:
        return self.grace_months * self.payments_per_year // 12

    @property
    def period_rate(self) -> float:
        return self.rate / self.payments_per_year


# --- checking input ---------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def _problem(code: str, name: str, value: Any, **params: Any) -> InputProblem:
    return InputProblem(code, column=name, value=value, params=params)


def check_terms(terms: LoanTerms) -> list[InputProblem]:
    """Every problem with ``terms`` (empty when the loan can be computed)."""
    problems: list[InputProblem] = []
    amount, rate, years = terms.amount, terms.rate, terms.years
    if not _is_number(amount):
        problems.append(_problem("loans.not_a_number", "amount", amount))
    elif amount <= 0:
        problems.append(_problem("loans.amount_not_positive", "amount", amount))
    if not _is_number(rate):
        problems.append(_problem("loans.rate_not_number", "rate", rate))
    elif rate < 0:
        problems.append(_problem("loans.rate_negative", "rate", rate))
    elif rate > MAX_RATE:
        code = "loans.rate_bare" if rate <= 100 else "loans.rate_range"
        problems.append(_problem(code, "rate", rate))
    if terms.method not in METHODS:
        problems.append(_problem("loans.method_unknown", "method", terms.method))
    ppy_ok = terms.payments_per_year in PAYMENTS_PER_YEAR and not isinstance(
        terms.payments_per_year, bool
    )
    if not ppy_ok:
        choices = ", ".join(map(str, PAYMENTS_PER_YEAR))
        problems.append(
            _problem("loans.payments_per_year", "payments_per_year", terms.payments_per_year,
                     choices=choices)
        )  # fmt: skip
    years_ok = False
    if not _is_number(years):
        problems.append(_problem("loans.not_a_number", "years", years))
    elif years <= 0:
        problems.append(_problem("loans.years_not_positive", "years", years))
    elif years > MAX_YEARS:
        problems.append(_problem("loans.years_too_long", "years", years, max=MAX_YEARS))
    elif (
        ppy_ok
        and abs(years * terms.payments_per_year - round(years * terms.payments_per_year)) > 1e-9
    ):
        problems.append(
            _problem("loans.years_periods", "years", years, per_year=terms.payments_per_year)
        )
    else:
        years_ok = True
    grace = terms.grace_months
    if not _is_number(grace) or float(grace) != int(grace) or grace < 0:
        problems.append(_problem("loans.grace_invalid", "grace_months", grace))
    elif grace and ppy_ok and grace % (12 // terms.payments_per_year):
        problems.append(
            _problem("loans.grace_whole_periods", "grace_months", grace,
                     months=12 // terms.payments_per_year)
        )  # fmt: skip
    elif years_ok and ppy_ok and grace >= round(years * 12):
        problems.append(
            _problem("loans.grace_too_long", "grace_months", grace, months=round(years * 12))
        )
    for name in ("setup_fee", "period_fee"):
        fee = getattr(terms, name)
        if not _is_number(fee):
            problems.append(_problem("loans.not_a_number", name, fee))
        elif fee < 0:
            problems.append(_problem("loans.fee_negative", name, fee))
    if (
        _is_number(terms.setup_fee)
        and _is_number(amount)
        and amount > 0
        and terms.setup_fee >= amount
    ):
        problems.append(
            _problem("loans.setup_fee_too_large", "setup_fee", terms.setup_fee, amount=amount)
        )
    return problems


def parse_terms(raw: Mapping[str, Any]) -> LoanTerms:
    """Loan terms from text as a person types it (the CLI, an app form).

    Amounts accept ``"1 234,5"``; the rate a fraction (``0.055``) or a percentage with
    its sign (``"5.5%"``, ``"5,5 %"``) — a bare number above 1 is refused, not guessed;
    years, payments per year and grace months are numbers. Missing keys take the
    defaults of :class:`LoanTerms`. Raises :class:`SparkInputError` with every problem.
    """
    problems: list[InputProblem] = []
    values: dict[str, Any] = {}
    for name in ("amount", "years", "setup_fee", "period_fee", "payments_per_year", "grace_months"):
        if raw.get(name) is None:
            continue
        try:
            number = cells.to_number(raw[name])
        except cells.CellError:
            problems.append(_problem("loans.not_a_number", name, raw[name]))
            continue
        if name in ("payments_per_year", "grace_months") and number.is_integer():
            number = int(number)
        values[name] = number
    if raw.get("rate") is not None:
        try:
            values["rate"] = cells.to_fraction(raw["rate"])
        except cells.CellError as error:
            code = {
                "value.percent_bare": "loans.rate_bare",
                "value.percent_range": "loans.rate_range",
            }.get(error.code, "loans.rate_not_number")
            text = str(raw["rate"]).strip()
            if code == "loans.rate_range" and text.startswith(("-", "\u2212")):
                code = "loans.rate_negative"
            problems.append(_problem(code, "rate", raw["rate"]))
    if raw.get("method") is not None:
        values["method"] = str(raw["method"]).strip().lower()
    for name in ("amount", "rate", "years"):
        if raw.get(name) is None:
            problems.append(_problem("loans.required", name, ""))
    # Check what could be read too, so that the user sees every problem at once; the
    # problems show the values as the user typed them.
    given = {"amount": 1.0, "rate": 0.0, "years": 1.0, **values}
    named = {p.column for p in problems}
    problems += [
        replace(p, value=raw[p.column]) if raw.get(p.column) is not None else p
        for p in check_terms(LoanTerms(**given))
        if p.column not in named
    ]
    if problems:
        order = list(CLI_OPTIONS)
        problems.sort(key=lambda p: order.index(p.column) if p.column in order else len(order))
        raise SparkInputError(problems)
    return LoanTerms(**values)


# --- the schedule -----------------------------------------------------------------------------


def annuity_payment(amount: float, period_rate: float, periods: int) -> float:
    """The constant payment of an annuity loan, A = −``npf.pmt(period_rate, periods, amount)``
    (L/n when the rate is 0). Positive: what the borrower pays each period.

    >>> round(annuity_payment(200_000, 0.075 / 12, 180), 5)
    1854.02472
    """
    if period_rate == 0:
        return amount / periods
    return float(-npf.pmt(period_rate, periods, amount))


def nominal_to_effective(rate: float, payments_per_year: int = 12) -> float:
    """The effective annual rate of a nominal rate compounded ``payments_per_year`` times,
    with no fees: (1 + rate / m)^m − 1.

    >>> round(nominal_to_effective(0.1837, 12), 5)
    0.19998
    """
    return (1 + rate / payments_per_year) ** payments_per_year - 1


def effective_annual_rate(cash_flows: np.ndarray | list[float], payments_per_year: int) -> float:
    """(1 + q)^m − 1, where q is the IRR per period of the borrower's ``cash_flows`` (money
    received positive at t = 0, payments and fees negative after) — financing.md §2.3."""
    q = periodic_irr(cash_flows)
    return (1 + q) ** payments_per_year - 1


@dataclass(frozen=True, eq=False)
class LoanSchedule:
    """A loan's payment plan: one entry per payment (period 1 … n), as numpy arrays.

    ``payment`` is interest plus amortisation (fees excluded); ``fee`` is the fee paid with
    that payment; ``balance`` is the debt after the payment.
    """

    terms: LoanTerms
    period: np.ndarray
    payments: np.ndarray
    interest: np.ndarray
    amortisation: np.ndarray
    fee: np.ndarray
    balance: np.ndarray

    @property
    def first_full_index(self) -> int:
        """The index of the first payment with amortisation (after any grace period)."""
        return self.terms.grace_periods

    @property
    def payment(self) -> float:
        """The first full payment (the first with amortisation), fees excluded."""
        return float(self.payments[self.first_full_index])

    @property
    def last_payment(self) -> float:
        return float(self.payments[-1])

    @property
    def total_interest(self) -> float:
        return float(self.interest.sum())

    @property
    def total_fees(self) -> float:
        """The set-up fee plus every period fee."""
        return float(self.terms.setup_fee + self.fee.sum())

    @property
    def total_paid(self) -> float:
        """Everything the borrower pays: payments, period fees and the set-up fee."""
        return float(self.payments.sum() + self.total_fees)

    @property
    def cash_flows(self) -> np.ndarray:
        """The borrower's cash flows, t = 0 … n: amount − set-up fee, then −(payment + fee)."""
        received = self.terms.amount - self.terms.setup_fee
        return np.concatenate(([received], -(self.payments + self.fee)))

    @cached_property
    def effective_annual_rate(self) -> float:
        """Effektiv ränta: (1 + IRR per period of :attr:`cash_flows`)^m − 1 (§2.3)."""
        return effective_annual_rate(self.cash_flows, self.terms.payments_per_year)

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The schedule as a table; with ``lang`` the column names are in that language."""
        frame = pd.DataFrame(
            {
                "period": self.period,
                "payment": self.payments,
                "interest": self.interest,
                "amortisation": self.amortisation,
                "fee": self.fee,
                "balance": self.balance,
            }
        )
        if lang is not None:
            frame = frame.rename(columns={c: t(f"loans.col.{c}", lang) for c in COLUMNS})
        return frame

    def by_year(self) -> pd.DataFrame:
        """Interest, amortisation, fees and payments summed per loan year; balance at year end."""
        year = (self.period - 1) // self.terms.payments_per_year + 1
        frame = self.to_frame().assign(year=year)
        sums = frame.groupby("year")[["payment", "interest", "amortisation", "fee"]].sum()
        sums["balance"] = frame.groupby("year")["balance"].last()
        return sums

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``spark-kit loan``: money rounded to the öre, the rate unrounded."""
        terms = self.terms
        schedule = [
            {
                "period": int(p),
                "payment": round(float(pay), 2),
                "interest": round(float(i), 2),
                "amortisation": round(float(a), 2),
                "fee": round(float(f), 2),
                "balance": round(float(b), 2),
            }
            for p, pay, i, a, f, b in zip(
                self.period, self.payments, self.interest, self.amortisation, self.fee,
                self.balance, strict=True,
            )
        ]  # fmt: skip
        return {
            "amount": terms.amount,
            "rate": terms.rate,
            "years": terms.years,
            "method": terms.method,
            "payments_per_year": terms.payments_per_year,
            "grace_months": terms.grace_months,
            "setup_fee": terms.setup_fee,
            "period_fee": terms.period_fee,
            "payment": round(self.payment, 2),
            "total_interest": round(self.total_interest, 2),
            "total_fees": round(self.total_fees, 2),
            "total_paid": round(self.total_paid, 2),
            "effective_annual_rate": self.effective_annual_rate,
            "schedule": schedule,
        }


def schedule_for(terms: LoanTerms) -> LoanSchedule:
    """The schedule of checked ``terms``; raises :class:`SparkInputError` on bad terms."""
    problems = check_terms(terms)
    if problems:
        raise SparkInputError(problems)
    amount, i = float(terms.amount), terms.period_rate
    n, grace = terms.periods, terms.grace_periods
    k = n - grace  # amortising payments
    j = np.arange(1, k + 1, dtype=float)
    if terms.method == "annuity":
        payment = annuity_payment(amount, i, k)
        if i == 0:
            paid_down = amount - payment * j
        else:
            growth = (1 + i) ** j
            paid_down = amount * growth - payment * (growth - 1) / i
    else:
        paid_down = amount - amount / k * j
    balance = np.concatenate((np.full(grace, amount), paid_down))
    balance[-1] = 0.0
    before = np.concatenate(([amount], balance[:-1]))
    interest = before * i
    amortisation = before - balance
    return LoanSchedule(
        terms=terms,
        period=np.arange(1, n + 1),
        payments=interest + amortisation,
        interest=interest,
        amortisation=amortisation,
        fee=np.full(n, float(terms.period_fee)),
        balance=balance,
    )


def loan_schedule(
    amount: float,
    rate: float,
    years: float,
    *,
    method: str = "annuity",
    payments_per_year: int = 12,
    grace_months: int = 0,
    setup_fee: float = 0.0,
    period_fee: float = 0.0,
) -> LoanSchedule:
    """The payment plan of a loan (vectorised; see the module docstring for conventions).

    ``amount`` in kronor; ``rate`` nominal annual, a fraction; ``years`` the whole term;
    ``method`` ``"annuity"`` or ``"straight"`` (rak amortering); ``grace_months``
    interest-only months at the start; ``setup_fee`` at pay-out; ``period_fee`` per
    payment. Bad input raises :class:`SparkInputError` naming every problem.

    Compricer's example (financing.md §2.2, test vector A): 40 000 kr, 6 %, 5 years:

    >>> rak = loan_schedule(40_000, 0.06, 5, method="straight")
    >>> round(rak.payment, 2), round(rak.last_payment, 2), round(rak.total_interest, 2)
    (866.67, 670.0, 6100.0)
    """
    terms = LoanTerms(
        amount=amount,
        rate=rate,
        years=years,
        method=method,
        payments_per_year=payments_per_year,
        grace_months=grace_months,
        setup_fee=setup_fee,
        period_fee=period_fee,
    )
    return schedule_for(terms)


def annuity_schedule(amount: float, rate: float, years: float, **options: Any) -> LoanSchedule:
    """:func:`loan_schedule` with ``method="annuity"``."""
    return loan_schedule(amount, rate, years, method="annuity", **options)


def straight_line_schedule(
    amount: float, rate: float, years: float, **options: Any
) -> LoanSchedule:
    """:func:`loan_schedule` with ``method="straight"`` (rak amortering)."""
    return loan_schedule(amount, rate, years, method="straight", **options)


# --- comparing loans --------------------------------------------------------------------------

COMPARISON_ROWS = (
    "payment",
    "last_payment",
    "total_interest",
    "total_fees",
    "total_paid",
    "effective_annual_rate",
)


def compare_loans(
    schedules: Mapping[str, LoanSchedule], lang: str | None = None, *, formatted: bool = False
) -> pd.DataFrame:
    """Loans side by side: one column per loan, one row per key figure.

    Rows: the first full payment, the last payment, total interest, total fees, total paid
    and the effective annual rate. ``formatted=True`` gives text in ``lang`` (money through
    Babel, the rate as a percentage with two decimals) and row names in ``lang``.
    """
    data = {
        name: {row: float(getattr(loan, row)) for row in COMPARISON_ROWS}
        for name, loan in schedules.items()
    }
    frame = pd.DataFrame(data, index=list(COMPARISON_ROWS))
    if not formatted:
        return frame
    lang = resolve_lang(lang)
    text = frame.astype(object)
    for row in COMPARISON_ROWS:
        for name in frame.columns:
            value = frame.loc[row, name]
            text.loc[row, name] = (
                format_percent(value, lang, 2)
                if row == "effective_annual_rate"
                else format_money(value, lang)
            )
    return text.rename(index={row: t(f"loans.compare.{row}", lang) for row in COMPARISON_ROWS})
