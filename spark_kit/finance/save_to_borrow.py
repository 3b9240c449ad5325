"""JAK Medlemsbank's save-to-borrow pattern (sparlån) as a monthly cash flow.

What the reference says (financing.md §1.3, "JAK", source jak.se …/sa-fungerar-jak-lan):
a borrower must **save as much as they borrow, before or during the loan** ("sparpoäng").
§2.3 adds that the *opportunity cost of compulsory savings* belongs in an offer's
effective cost. The kit turns that into a cash flow with named parameters:

- ``savings_ratio``: savings required per krona borrowed (1.0 = as much as borrowed, the
  reference's rule);
- ``presave_months``: months of saving before the loan is paid out (0 = all saving during
  the loan);
- the savings are spread evenly over the saving months (presave months plus the loan's
  months) — the kit's simplification;
- ``savings_rate``: the nominal annual interest the savings earn (0 by default);
- ``release``: the savings are paid back to the borrower when the loan is repaid
  (``"end"``, the kit's assumption — JAK's exact rules for when savings are freed are not
  in the reference and are not modelled).

The loan itself is a monthly :func:`~spark_kit.finance.loans.loan_schedule`. This is a
teaching model of the pattern, not JAK's calculator: JAK's point system and current rates
are not modelled.

>>> plan = save_to_borrow(100_000, 0.03, 5)
>>> round(plan.monthly_saving, 2), round(plan.total_saved, 2)
(1666.67, 100000.0)
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.cashflow_math import SeveralRootsWarning, irr_roots
from spark_kit.finance.loans import LoanSchedule, loan_schedule

#: The reference's rule: save as much as you borrow (financing.md §1.3).
JAK_SAVINGS_RATIO = 1.0


@dataclass(frozen=True, eq=False)
class SaveToBorrowPlan:
    """Month by month, from −presave_months + 1 to the loan's last month: ``month`` 0 is the
    pay-out. ``saving`` is what the borrower puts aside (positive), ``loan_flow`` the loan's
    cash flow for the borrower (pay-out positive, payments and fees negative),
    ``savings_balance`` the savings after the month, ``net`` the borrower's net cash flow
    (loan flow − saving + savings paid back)."""

    loan: LoanSchedule
    month: np.ndarray
    saving: np.ndarray
    loan_flow: np.ndarray
    savings_balance: np.ndarray
    released: np.ndarray
    monthly_saving: float

    @property
    def net(self) -> np.ndarray:
        return self.loan_flow - self.saving + self.released

    @property
    def total_saved(self) -> float:
        return float(self.saving.sum())

    @property
    def peak_outflow(self) -> float:
        """The largest monthly amount the borrower pays out (loan payment + fee + saving)."""
        return float(-self.net[self.net < 0].min()) if (self.net < 0).any() else 0.0

    def effective_cost(self) -> tuple[float | None, tuple[float, ...]]:
        """The annual effective cost of the whole pattern, (1 + q)^12 − 1, where q is the
        monthly IRR of :attr:`net`, and all annualised roots. Saving and release make the
        flow change sign more than once, so several roots are possible: the first value is
        the root closest to zero (``None`` if there is none) and the caller should check
        that the tuple has one element."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SeveralRootsWarning)
            result = irr_roots(self.net, warn=False)
        annual = tuple((1 + r) ** 12 - 1 for r in result.roots)
        chosen = None if result.rate is None else (1 + result.rate) ** 12 - 1
        return chosen, annual

    @property
    def loan_balance(self) -> np.ndarray:
        """The debt after each month (the full amount before the pay-out is 0)."""
        balance = np.zeros(self.month.size)
        start = int(np.flatnonzero(self.month == 0)[0])
        balance[start] = self.loan.terms.amount
        balance[start + 1 :] = self.loan.balance
        return balance

    @property
    def net_credit(self) -> np.ndarray:
        """Debt minus own savings after each month: how much of the lender's money the
        borrower really has the use of."""
        return self.loan_balance - self.savings_balance

    def forgone_interest(self, alternative_rate: float | None = None) -> float:
        """The opportunity cost of the compulsory savings (financing.md §2.3): what the
        savings would have earned at ``alternative_rate`` (nominal annual, monthly
        compounding; the loan's own rate when ``None``) minus what they earned: simple
        monthly interest on each month's opening savings balance, summed over the months."""
        rate = self.loan.terms.rate if alternative_rate is None else alternative_rate
        ok = not isinstance(rate, bool) and isinstance(rate, int | float) and math.isfinite(rate)
        if not ok or not 0 <= rate <= 1:
            raise SparkInputError(
                InputProblem("save_to_borrow.savings_rate", column="alternative_rate", value=rate)
            )
        opening = np.concatenate(([0.0], self.savings_balance[:-1]))
        earned = float(self.released.sum() - self.saving.sum())
        return float(opening.sum() * rate / 12) - earned

    def total_cost(self, alternative_rate: float) -> float:
        """Interest and fees on the loan plus the savings' forgone interest."""
        loan = self.loan
        return loan.total_interest + loan.total_fees + self.forgone_interest(alternative_rate)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "month": self.month,
                "saving": self.saving,
                "loan_flow": self.loan_flow,
                "released": self.released,
                "net": self.net,
                "savings_balance": self.savings_balance,
            }
        )


def save_to_borrow(
    amount: float,
    rate: float,
    years: float,
    *,
    savings_ratio: float = JAK_SAVINGS_RATIO,
    presave_months: int = 0,
    savings_rate: float = 0.0,
    method: str = "annuity",
    setup_fee: float = 0.0,
    period_fee: float = 0.0,
) -> SaveToBorrowPlan:
    """The save-to-borrow cash flow of a monthly loan (see the module docstring).

    ``amount``, ``rate`` (nominal annual, a fraction), ``years``, ``method`` and the fees
    are the loan's, as in :func:`~spark_kit.finance.loans.loan_schedule`.
    """
    loan = loan_schedule(
        amount, rate, years, method=method, setup_fee=setup_fee, period_fee=period_fee
    )
    problems = []
    ratio_ok = (
        not isinstance(savings_ratio, bool)
        and isinstance(savings_ratio, int | float)
        and math.isfinite(savings_ratio)
        and savings_ratio >= 0
    )
    if not ratio_ok:
        problems.append(
            InputProblem("save_to_borrow.ratio", column="savings_ratio", value=savings_ratio)
        )
    if (
        isinstance(presave_months, bool)
        or not isinstance(presave_months, int)
        or presave_months < 0
    ):
        problems.append(
            InputProblem("save_to_borrow.presave", column="presave_months", value=presave_months)
        )
    rate_ok = (
        not isinstance(savings_rate, bool)
        and isinstance(savings_rate, int | float)
        and math.isfinite(savings_rate)
        and 0 <= savings_rate <= 1
    )
    if not rate_ok:
        problems.append(
            InputProblem("save_to_borrow.savings_rate", column="savings_rate", value=savings_rate)
        )
    if problems:
        raise SparkInputError(problems)
    n = loan.terms.periods
    month = np.arange(-presave_months + 1, n + 1)  # … −1, 0 (pay-out), 1 … n
    if presave_months == 0:
        month = np.arange(0, n + 1)
    saving_months = (month >= 1) if presave_months == 0 else (month <= 0) | (month >= 1)
    monthly = savings_ratio * float(amount) / int(saving_months.sum())
    saving = np.where(saving_months, monthly, 0.0)
    growth = 1 + savings_rate / 12
    balance = np.zeros(month.size)
    running = 0.0
    for index, deposit in enumerate(saving):  # a few hundred months at most
        running = running * growth + deposit
        balance[index] = running
    released = np.zeros(month.size)
    released[-1] = balance[-1]
    balance[-1] = 0.0
    loan_flow = np.zeros(month.size)
    start = int(np.flatnonzero(month == 0)[0])
    loan_flow[start:] = loan.cash_flows
    return SaveToBorrowPlan(loan, month, saving, loan_flow, balance, released, monthly)
