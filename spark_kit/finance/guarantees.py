"""Ekobanken's surety circle (borgenskrets): how many sureties a loan needs.

The rule, from Ekobanken's page "Crowd Funding"
(https://www.ekobanken.se/hem/foretag-och-forening/lan/crowd-founding, read 2026-11-27;
also financing.md §1.3): everyone who wants to support the project stands surety
(går i borgen) for a limited sum; Ekobanken usually lets no one stand surety for more
than **two months' gross salary**, and the sureties together must be **120 %** of the
loan. Ekobanken's micro-credit page says the same (ekobanken.se …/mikrofinans).

Both figures are parameters (``months_of_salary``, ``coverage``) with Ekobanken's values as
defaults, so the calculator also fits another lender's rule. The bank decides each case;
the calculator only counts.

>>> surety_circle(300_000, 30_000).sureties
6
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from spark_kit.errors import InputProblem, SparkInputError

#: Ekobanken's rule (source above): at most two months' gross salary per surety …
EKOBANKEN_MONTHS_OF_SALARY = 2
#: … and the sureties together at least 120 % of the loan.
EKOBANKEN_COVERAGE = 1.20
EKOBANKEN_SOURCE = "https://www.ekobanken.se/hem/foretag-och-forening/lan/crowd-founding"


@dataclass(frozen=True)
class SuretyCircle:
    """The result: ``sureties`` people, each for at most ``max_per_surety`` kronor, together
    covering ``required_total`` (coverage × loan)."""

    loan: float
    monthly_salary: float
    months_of_salary: float
    coverage: float
    max_per_surety: float
    required_total: float
    sureties: int

    @property
    def even_share(self) -> float:
        """Each surety's part if the required total is shared evenly among them."""
        return self.required_total / self.sureties


def _positive(value: float, name: str, code: str) -> float:
    ok = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
    if not ok or value <= 0:
        raise SparkInputError(InputProblem(code, column=name, value=value))
    return float(value)


def surety_circle(
    loan: float,
    monthly_salary: float,
    *,
    months_of_salary: float = EKOBANKEN_MONTHS_OF_SALARY,
    coverage: float = EKOBANKEN_COVERAGE,
) -> SuretyCircle:
    """How many sureties with a gross monthly salary of ``monthly_salary`` a loan needs:
    ceil(coverage × loan / (months_of_salary × monthly_salary)).

    financing.md §2.11: a loan of 300 000 kr and salaries of 30 000 kr give 6 sureties
    (each at most 60 000 kr, together 360 000 kr).
    """
    loan = _positive(loan, "loan", "surety.loan_not_positive")
    monthly_salary = _positive(monthly_salary, "monthly_salary", "surety.salary_not_positive")
    months_of_salary = _positive(months_of_salary, "months_of_salary", "surety.not_positive")
    coverage = _positive(coverage, "coverage", "surety.not_positive")
    max_each = months_of_salary * monthly_salary
    required = coverage * loan
    count = math.ceil(round(required / max_each, 9))
    return SuretyCircle(loan, monthly_salary, months_of_salary, coverage, max_each, required, count)


def circle_cover(
    loan: float,
    salaries: Sequence[float],
    *,
    months_of_salary: float = EKOBANKEN_MONTHS_OF_SALARY,
    coverage: float = EKOBANKEN_COVERAGE,
) -> tuple[float, float]:
    """For a circle of people with these gross monthly ``salaries``: the most they can
    stand surety for together (each capped at months_of_salary × salary) and the shortfall
    against coverage × loan (0 when the circle is enough)."""
    loan = _positive(loan, "loan", "surety.loan_not_positive")
    caps = [
        months_of_salary * _positive(s, "monthly_salary", "surety.salary_not_positive")
        for s in salaries
    ]
    total = float(sum(caps))
    return total, max(0.0, coverage * loan - total)
