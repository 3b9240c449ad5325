"""The worked example and self-checking exercises of notebooks/08_lan_och_medlemskapital.ipynb.

Everything here is **fictional**: Granbacka byakooperativ (the kit's fictional village
cooperative, data/examples/granbacka_byakooperativ.yaml) needs a new cooling counter
(kyldisk; in the example's logic model: "Insatskapital från 180 medlemmar och ett lån för
ny kyldisk"). The counter's price, the loan and the three lenders' offers are made up for
teaching and are no real lender's prices. The 60 000 kr of member capital is the
example's own (fictional) input.

The two checkers return :class:`~spark_kit.impact.exercises.Feedback`, computed with the
package's own functions:

1. :func:`check_exercise_1` — the first payment of the loan with straight-line repayment;
2. :func:`check_exercise_2` — which offer is cheapest (by the effective annual rate).

>>> check_exercise_1(3_900, "en").correct
True
"""

from __future__ import annotations

from functools import cache

from spark_kit.finance.loans import LoanSchedule, loan_schedule
from spark_kit.i18n import format_money, format_percent, t
from spark_kit.impact.exercises import Feedback, _feedback
from spark_kit.impact.exercises import number_answer as _number

#: FICTIONAL: the cooling counter's price, the member capital (the example's input) and the loan.
KYLDISK_COST = 240_000
MEMBER_CAPITAL = 60_000
LOAN_AMOUNT = KYLDISK_COST - MEMBER_CAPITAL
LOAN_RATE = 0.06
LOAN_YEARS = 5

#: FICTIONAL offers from three unnamed lenders: nominal rate, set-up fee, fee per payment.
OFFERS: dict[str, dict[str, float]] = {
    "A": {"rate": 0.055, "setup_fee": 4_000, "period_fee": 45},
    "B": {"rate": 0.060, "setup_fee": 0, "period_fee": 0},
    "C": {"rate": 0.058, "setup_fee": 500, "period_fee": 0},
}

EXERCISE_1_TOLERANCE = 0.5  # kronor


def granbacka_loan(method: str = "annuity", **options) -> LoanSchedule:
    """The fictional kyldisk loan: 180 000 kr, 6 %, 5 years, monthly payments."""
    return loan_schedule(LOAN_AMOUNT, LOAN_RATE, LOAN_YEARS, method=method, **options)


def offer_schedules() -> dict[str, LoanSchedule]:
    """The three fictional offers for the same loan (180 000 kr over 5 years, monthly)."""
    return {
        name: loan_schedule(LOAN_AMOUNT, years=LOAN_YEARS, **offer)
        for name, offer in OFFERS.items()
    }


# --- Exercise 1: the first payment with straight-line repayment -------------------------------


@cache
def _exercise_1_answers() -> dict[str, float]:
    straight = granbacka_loan("straight")
    months = straight.terms.periods
    amortisation = LOAN_AMOUNT / months
    interest = LOAN_AMOUNT * LOAN_RATE / 12
    return {
        "right": straight.payment,
        "annuity": granbacka_loan("annuity").payment,
        "amortisation_only": amortisation,
        "interest_only": interest,
        "yearly_interest": amortisation + LOAN_AMOUNT * LOAN_RATE,
        "last": straight.last_payment,
    }


def exercise_1_solution() -> float:
    """The first payment with rak amortering, in kronor (3 900 kr)."""
    return _exercise_1_answers()["right"]


def check_exercise_1(answer: float | str, lang: str | None = None) -> Feedback:
    """Check the first monthly payment of the kyldisk loan with straight-line repayment
    (kronor; within 0,50 kr). Common mistakes are named with why they are wrong."""
    value = _number(answer)
    if value is None:
        return _feedback(False, t("loans.exercise1.not_a_number", lang, answer=answer), [])
    answers = _exercise_1_answers()
    if abs(value - answers["right"]) <= EXERCISE_1_TOLERANCE:
        return _feedback(
            True,
            t("loans.exercise1.correct", lang, value=format_money(answers["right"], lang)),
            [t("loans.exercise1.why", lang)],
        )
    points = [
        t(f"loans.exercise1.mistake.{key}", lang)
        for key, wrong in answers.items()
        if key != "right" and abs(value - wrong) <= EXERCISE_1_TOLERANCE
    ]
    points.append(t("loans.exercise1.how", lang))
    return _feedback(
        False, t("loans.exercise1.incorrect", lang, value=format_money(value, lang)), points
    )


# --- Exercise 2: the cheapest offer ------------------------------------------------------------


def exercise_2_solution() -> str:
    """The offer with the lowest effective annual rate ("C")."""
    schedules = offer_schedules()
    return min(schedules, key=lambda name: schedules[name].effective_annual_rate)


def check_exercise_2(answer: str, lang: str | None = None) -> Feedback:
    """Check which offer (A, B or C) is cheapest; the feedback gives every offer's
    nominal and effective rate and total cost."""
    schedules = offer_schedules()
    choice = str(answer).strip().upper().removeprefix("ERBJUDANDE ").removeprefix("OFFER ")
    if choice not in schedules:
        return _feedback(
            False,
            t("loans.exercise2.not_a_choice", lang, answer=answer, choices=", ".join(schedules)),
            [],
        )

    def facts(name: str) -> dict[str, str]:
        loan = schedules[name]
        return {
            "offer": name,
            "rate": format_percent(loan.effective_annual_rate, lang, 2),
            "total": format_money(loan.total_paid, lang),
        }

    right = exercise_2_solution()
    overview = [
        t(
            "loans.exercise2.offer",
            lang,
            nominal=format_percent(schedules[name].terms.rate, lang, 1),
            **facts(name),
        )
        for name in schedules
    ]
    if choice == right:
        return _feedback(True, t("loans.exercise2.correct", lang, **facts(right)), overview)
    points = []
    lowest_nominal = min(schedules, key=lambda name: schedules[name].terms.rate)
    if choice == lowest_nominal:
        points.append(t("loans.exercise2.lowest_nominal", lang, offer=choice))
    return _feedback(
        False, t("loans.exercise2.incorrect", lang, **facts(choice)), points + overview
    )
