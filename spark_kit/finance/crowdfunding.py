"""Crowdfunding campaign planning: gross-up, backers, list size, all-or-nothing risk, matching.

The formulas follow the financing reference (financing.md §2.7); where the reference is an
inference or a source is partial, the docstring says so.

**Gross-up** (financing.md §2.7, "Gross-up", an inference there, with its worked test vector).
Every fee is charged on the *gross*, the total pledged: a platform fee ``f_platform`` (Kickstarter
5 % if funded), a percentage payment fee ``f_pct`` (Stripe on Kickstarter 3 %), a share ``d`` of
pledges that are never collected (dropped), and a **fixed payment fee per pledge** ``f_fixed``
(Stripe 0.20 USD per pledge of at least 10 USD). With ``n = G / average_pledge`` pledges::

    N = G·(1 − f_platform − f_pct − d) − n·(f_fixed + reward_cost) − fixed_costs
    G = (N + fixed_costs) / (1 − f_platform − f_pct − d − (f_fixed + reward_cost) / average_pledge)

The number of pledges is taken as the continuous ``G / average_pledge``, as the reference does;
``reward_cost_per_backer`` is the cost of a reward per backer (it works like the fixed fee) and
``fixed_costs`` a lump sum (shipping, printing). Test vector: N = 5 000, 5 % + 3 % + 0.20 per
pledge, average pledge 50 → **G = 5 458.52** (financing.md §2.11).

>>> round(gross_up(5000, 50, FeeSchedule(0.05, 0.03, 0.20)), 2)
5458.52

**Backers and list.** ``backers = ceil(G / average_pledge)``; ``list = ceil(backers / conversion)``.
BackerKit: lists convert 5–10 %, so a goal of 5 000 USD at 50 USD needs 100 backers and
1 000–2 000 e-mail addresses (help.backerkit.com, article 738). The kit's default conversion is
the low end, 5 %.

**All-or-nothing risk** (a model chosen by the kit, an inference): each of the ``list_size``
people becomes a backer independently with probability ``conversion_rate``, so the number of
backers is binomial, and the goal is reached when at least ``backers_needed`` back the campaign:
``P = P(X ≥ B)``, X ~ Bin(list_size, conversion_rate). :func:`binomial_sf` computes it exactly
with numpy (log-factorials, vectorised over list sizes); :func:`simulate_probability` checks it
with a seeded simulation. The model ignores backers from outside the list and people who tell
each other, so it is a *teaching* model of how uncertain a campaign planned at "list = backers /
conversion" is (about a coin toss), not a forecast. On Kickstarter and Crowdculture the goal is
all-or-nothing: if it is missed, backers are not charged and the enterprise gets nothing
(Kickstarter charges no fees then; on Crowdculture the money goes back to the fund).

**Matched funding, Crowdculture style.** What the sources say: supporters give at least 50 kr a
month for at least three months; their money "gives a matching" from a regional public fund; the
number of monthly supporters steers how the fund is shared; at least 5 supporters are needed
before public money flows; the budget goal is reached with supporters *and* matching together and
is all-or-nothing; Kronoberg adds half of what the public gives; Gävleborgsfonden 2020 paid 80 %
of the matching at the goal and 20 % after the final report (financing.md §1.3; regiongavleborg.se;
smp.se). **Inferred by the kit:** the match is a fixed ``rate`` per krona pledged, up to a ``cap``
(what is left in the fund), with no platform or payment fee on it. In reality the share of the
fund depends on the other projects' supporters too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_number, format_percent, t
from spark_kit.workbook.cells import CellError, share_decimals, to_fraction, to_number

#: BackerKit: e-mail lists convert 5–10 % into backers (help.backerkit.com, article 738).
BACKERKIT_CONVERSION = (0.05, 0.10)
#: The kit's default conversion rate: the low end of BackerKit's range (the cautious choice).
DEFAULT_CONVERSION_RATE = BACKERKIT_CONVERSION[0]
#: Launch rule: at least 30 % of the goal in the first 48 hours (launcharm.com, Enventys Partners).
LAUNCH_SHARE_48H = 0.30
#: Crowdculture: at least 5 supporters before public money flows (fabel.se, via financing.md §1.3).
CROWDCULTURE_MIN_SUPPORTERS = 5
#: Largest list the probability functions accept (they build arrays of this length).
MAX_LIST_SIZE = 2_000_000

_EPS = 1e-9


# --- input checking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Param:
    """A parameter's name, shown in the reader's language inside an error message."""

    name: str

    def short_label(self, lang: str | None = None) -> str:
        return t(f"crowdfunding.param.{self.name}", lang)

    def __str__(self) -> str:
        return self.short_label()


@dataclass(frozen=True)
class _Shown:
    """A number in an error message, formatted in the reader's language (Babel)."""

    value: float
    percent: bool = False

    def short_label(self, lang: str | None = None) -> str:
        if self.percent:
            return format_percent(self.value, lang, decimals=share_decimals(self.value))
        return format_number(self.value, lang)

    def __str__(self) -> str:
        return self.short_label()


class _Checker:
    """Collects every problem with the arguments, then raises them together."""

    def __init__(self) -> None:
        self.problems: list[InputProblem] = []

    def add(self, code: str, name: str, value: Any, **params: Any) -> None:
        label = _Param(name.split(" ")[0])
        self.problems.append(
            InputProblem(code, column=name, value=value, params={"label": label, **params})
        )

    def number(self, name: str, raw: Any) -> float | None:
        try:
            return to_number(raw)
        except CellError as error:
            self.add(error.code, name, raw, **error.params)
            return None

    def money(self, name: str, raw: Any, positive: bool = False) -> float | None:
        value = self.number(name, raw)
        if value is None:
            return None
        if positive and value <= 0:
            self.add("crowdfunding.error.not_positive", name, raw)
            return None
        if value < 0:
            self.add("crowdfunding.error.negative", name, raw)
            return None
        return value

    def share(self, name: str, raw: Any) -> float | None:
        try:
            return to_fraction(raw)
        except CellError as error:
            shown = raw if error.shown is None else error.shown
            self.add(error.code, name, shown, **error.params)
            return None

    def count(self, name: str, raw: Any, minimum: int) -> int | None:
        value = self.number(name, raw)
        if value is None:
            return None
        if not float(value).is_integer() or value < minimum:
            self.add("crowdfunding.error.not_count", name, raw, minimum=minimum)
            return None
        if value > MAX_LIST_SIZE:
            self.add("crowdfunding.error.too_large", name, raw, limit=_Shown(MAX_LIST_SIZE))
            return None
        return int(value)

    def raise_if_any(self) -> None:
        if self.problems:
            raise SparkInputError(self.problems)


# --- fees ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeSchedule:
    """What a platform and its payment provider take, all charged on the gross (the pledges).

    ``platform_fee``, ``payment_fee`` and ``dropped_pledges`` are shares of the gross (0.05 or
    "5 %"); ``payment_fixed_fee`` is money per pledge. Bad values raise
    :class:`~spark_kit.errors.SparkInputError` naming the parameter and the value.
    """

    platform_fee: float = 0.0
    payment_fee: float = 0.0
    payment_fixed_fee: float = 0.0
    dropped_pledges: float = 0.0
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        check = _Checker()
        values = {
            "platform_fee": check.share("platform_fee", self.platform_fee),
            "payment_fee": check.share("payment_fee", self.payment_fee),
            "payment_fixed_fee": check.money("payment_fixed_fee", self.payment_fixed_fee),
            "dropped_pledges": check.share("dropped_pledges", self.dropped_pledges),
        }
        shares = [values[k] for k in ("platform_fee", "payment_fee", "dropped_pledges")]
        if None not in shares and sum(shares) >= 1:
            check.add(
                "crowdfunding.error.fees_take_all",
                "platform_fee + payment_fee + dropped_pledges",
                None,
                total=_Shown(sum(shares), percent=True),
            )
        check.raise_if_any()
        for key, value in values.items():
            object.__setattr__(self, key, value)

    @property
    def share_of_gross(self) -> float:
        """The fees charged as a share of the gross: platform + payment + dropped pledges."""
        return self.platform_fee + self.payment_fee + self.dropped_pledges


#: No fees at all (a campaign run by the enterprise itself, e.g. Swish to a bank account).
NO_FEES = FeeSchedule(name="no fees")

#: Kickstarter in USD for pledges of at least 10 USD: 5 % if funded, Stripe 3 % + 0.20 USD per
#: pledge (help.kickstarter.com/hc/articles/115005028634; bestcrowdfundingcampaigns.com). The
#: fixed part is in US dollars: do not use it for a campaign in kronor.
KICKSTARTER_USD = FeeSchedule(
    platform_fee=0.05,
    payment_fee=0.03,
    payment_fixed_fee=0.20,
    name="Kickstarter (USD, pledges ≥ 10 USD)",
    source="help.kickstarter.com/hc/articles/115005028634; bestcrowdfundingcampaigns.com",
)


def _kept_per_krona(fees: FeeSchedule, average_pledge: float, reward_cost: float) -> float:
    """The share of each pledged krona left after fees and per-backer costs (the denominator)."""
    return 1 - fees.share_of_gross - (fees.payment_fixed_fee + reward_cost) / average_pledge


def _check_campaign(
    check: _Checker,
    need: Any,
    average_pledge: Any,
    fees: FeeSchedule,
    reward_cost_per_backer: Any,
    fixed_costs: Any,
    need_name: str = "net_need",
) -> tuple[float, float, float, float]:
    """Check the common campaign arguments, adding problems to ``check`` (the caller raises)."""
    if not isinstance(fees, FeeSchedule):
        check.add("crowdfunding.error.fees_type", "fees", type(fees).__name__)
    n = check.money(need_name, need, positive=True)
    pledge = check.money("average_pledge", average_pledge, positive=True)
    reward = check.money("reward_cost_per_backer", reward_cost_per_backer)
    fixed = check.money("fixed_costs", fixed_costs)
    if None not in (pledge, reward) and isinstance(fees, FeeSchedule):
        per_backer = fees.payment_fixed_fee + reward
        if per_backer >= pledge:
            check.add(
                "crowdfunding.error.pledge_below_costs",
                "average_pledge",
                average_pledge,
                per_backer=_Shown(per_backer),
            )
        elif _kept_per_krona(fees, pledge, reward) <= _EPS:
            check.add(
                "crowdfunding.error.nothing_left",
                "average_pledge",
                average_pledge,
                share=_Shown(fees.share_of_gross, percent=True),
                per_backer=_Shown(per_backer),
            )
    return n, pledge, reward, fixed  # type: ignore[return-value]


# --- gross-up, backers, list -------------------------------------------------------------------


def gross_up(
    net_need: float,
    average_pledge: float,
    fees: FeeSchedule = NO_FEES,
    reward_cost_per_backer: float = 0.0,
    fixed_costs: float = 0.0,
) -> float:
    """The gross to ask for so that, after every fee and cost, ``net_need`` is left.

    Fees are charged on the gross; the fixed payment fee and the reward cost are paid per
    pledge, with ``G / average_pledge`` pledges (continuous, as financing.md §2.7)::

        G = (net_need + fixed_costs) / (1 − fees.share_of_gross
                                         − (fees.payment_fixed_fee + reward_cost) / average_pledge)

    >>> round(gross_up(5000, 50, KICKSTARTER_USD), 2)
    5458.52
    """
    check = _Checker()
    need, pledge, reward, fixed = _check_campaign(
        check, net_need, average_pledge, fees, reward_cost_per_backer, fixed_costs
    )
    check.raise_if_any()
    return (need + fixed) / _kept_per_krona(fees, pledge, reward)


def net_from_gross(
    gross: float,
    average_pledge: float,
    fees: FeeSchedule = NO_FEES,
    reward_cost_per_backer: float = 0.0,
    fixed_costs: float = 0.0,
) -> float:
    """What is left of ``gross`` pledges after fees and costs (the reverse of :func:`gross_up`)::

    N = G·(1 − fees.share_of_gross) − (G / average_pledge)·(fixed fee + reward) − fixed_costs
    """
    check = _Checker()
    g, pledge, reward, fixed = _check_campaign(
        check, gross, average_pledge, fees, reward_cost_per_backer, fixed_costs, need_name="gross"
    )
    check.raise_if_any()
    return g * _kept_per_krona(fees, pledge, reward) - fixed


def backers_needed(gross: float, average_pledge: float) -> int:
    """``ceil(gross / average_pledge)``: whole backers, rounded up.

    >>> backers_needed(5000, 50)
    100
    """
    check = _Checker()
    g = check.money("gross", gross, positive=True)
    pledge = check.money("average_pledge", average_pledge, positive=True)
    check.raise_if_any()
    return math.ceil(g / pledge - _EPS)


def list_size_needed(backers: int, conversion_rate: float = DEFAULT_CONVERSION_RATE) -> int:
    """``ceil(backers / conversion_rate)``: the people to reach if the list converts as assumed.

    >>> list_size_needed(100, 0.10), list_size_needed(100, 0.05)
    (1000, 2000)
    """
    check = _Checker()
    b = check.count("backers", backers, minimum=1)
    rate = _conversion(check, conversion_rate)
    check.raise_if_any()
    return math.ceil(b / rate - _EPS)


def _conversion(check: _Checker, raw: Any) -> float | None:
    rate = check.share("conversion_rate", raw)
    if rate is not None and rate <= 0:
        check.add("crowdfunding.error.conversion_zero", "conversion_rate", raw)
        return None
    return rate


# --- all-or-nothing risk -----------------------------------------------------------------------


def binomial_sf(k: Any, n: Any, p: float) -> np.ndarray:
    """P(X ≥ k) for X ~ Bin(n, p), exactly, vectorised over ``k`` and ``n`` (broadcast).

    The upper tail is summed term by term from log-factorials (a cumulative sum of logs), scaled
    by its largest term so nothing underflows; no scipy needed.

    >>> float(binomial_sf(1, 2, 0.5))
    0.75
    """
    k_arr, n_arr = np.broadcast_arrays(np.asarray(k, dtype=np.int64), np.asarray(n, dtype=np.int64))
    out = np.empty(k_arr.shape, dtype=float)
    if not 0 <= p <= 1:
        raise ValueError("p must be between 0 and 1")
    n_max = int(n_arr.max(initial=0))
    log_fact = np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, n_max + 1, dtype=float)))))
    for index in np.ndindex(k_arr.shape):
        kk, nn = int(k_arr[index]), int(n_arr[index])
        if kk <= 0:
            out[index] = 1.0
        elif kk > nn:
            out[index] = 0.0
        elif p in (0.0, 1.0):
            out[index] = float(p == 1.0)
        else:
            j = np.arange(kk, nn + 1)
            log_pmf = (
                log_fact[nn]
                - log_fact[j]
                - log_fact[nn - j]
                + j * math.log(p)
                + (nn - j) * math.log1p(-p)
            )
            top = log_pmf.max()
            out[index] = min(1.0, math.exp(top) * float(np.exp(log_pmf - top).sum()))
    return out


def probability_of_goal(
    list_size: Any, backers: int, conversion_rate: float = DEFAULT_CONVERSION_RATE
) -> np.ndarray | float:
    """The probability that at least ``backers`` of ``list_size`` people back the campaign,
    each independently with probability ``conversion_rate`` (the kit's binomial model).

    ``list_size`` may be one number (a float is returned) or many (an array is returned).

    >>> round(probability_of_goal(2, 1, 0.5), 2)
    0.75
    """
    check = _Checker()
    b = check.count("backers", backers, minimum=1)
    rate = _conversion(check, conversion_rate)
    sizes = np.atleast_1d(np.asarray(list_size, dtype=object))
    counts = [check.count("list_size", size, minimum=1) for size in sizes.ravel()]
    check.raise_if_any()
    result = binomial_sf(b, np.array(counts, dtype=np.int64).reshape(sizes.shape), rate)
    return float(result.item()) if np.ndim(list_size) == 0 else result


def simulate_probability(
    list_size: int,
    backers: int,
    conversion_rate: float = DEFAULT_CONVERSION_RATE,
    draws: int = 100_000,
    seed: int | None = 2026,
) -> float:
    """The same probability as :func:`probability_of_goal`, by a seeded simulation: the share
    of ``draws`` binomial draws with at least ``backers`` backers (a cross-check)."""
    check = _Checker()
    n = check.count("list_size", list_size, minimum=1)
    b = check.count("backers", backers, minimum=1)
    rate = _conversion(check, conversion_rate)
    d = check.count("draws", draws, minimum=1)
    check.raise_if_any()
    rng = np.random.default_rng(seed)
    return float((rng.binomial(n, rate, size=d) >= b).mean())


def list_size_for_probability(
    backers: int, conversion_rate: float = DEFAULT_CONVERSION_RATE, target: float = 0.9
) -> int:
    """The smallest list that reaches the goal with probability at least ``target`` (0–1,
    exclusive), under the binomial model.

    >>> list_size_for_probability(1, 0.5, 0.75)
    2
    """
    check = _Checker()
    b = check.count("backers", backers, minimum=1)
    rate = _conversion(check, conversion_rate)
    goal = check.share("target", target)
    if goal is not None and not 0 < goal < 1:
        check.add("crowdfunding.error.target_range", "target", target)
    check.raise_if_any()
    if rate == 1:
        return b
    low = b - 1  # too small: fewer people than backers needed
    high = max(b, math.ceil(b / rate))
    while binomial_sf(b, high, rate).item() < goal:
        low, high = high, high * 2
        if high > MAX_LIST_SIZE:
            check.add(
                "crowdfunding.error.too_large", "list_size", high, limit=_Shown(MAX_LIST_SIZE)
            )
            check.raise_if_any()
    while high - low > 1:
        middle = (low + high) // 2
        if binomial_sf(b, middle, rate).item() >= goal:
            high = middle
        else:
            low = middle
    return high


# --- matched funding ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchedFunding:
    """A Crowdculture-style matching pot (see the module docstring for what is sourced).

    ``rate``: kronor from the pot per krona pledged by backers (Kronoberg: 0.5, smp.se).
    ``cap``: the most the pot can add (what is left in the fund); ``None`` for no cap.
    ``min_supporters``: backers needed before any match flows (Crowdculture: 5).
    ``share_paid_at_goal``: the share of the match paid when the goal is reached; the rest
    after the final report (Gävleborgsfonden 2020: 0.8).
    """

    rate: float
    cap: float | None = None
    min_supporters: int = 0
    share_paid_at_goal: float = 1.0
    name: str = ""

    def __post_init__(self) -> None:
        check = _Checker()
        rate = check.number("rate", self.rate)
        if rate is not None and rate < 0:
            check.add("crowdfunding.error.negative", "rate", self.rate)
        cap = None if self.cap is None else check.money("cap", self.cap)
        minimum = check.number("min_supporters", self.min_supporters)
        if minimum is not None and (not float(minimum).is_integer() or minimum < 0):
            check.add(
                "crowdfunding.error.not_count", "min_supporters", self.min_supporters, minimum=0
            )
        paid = check.share("share_paid_at_goal", self.share_paid_at_goal)
        check.raise_if_any()
        object.__setattr__(self, "rate", rate)
        object.__setattr__(self, "cap", cap)
        object.__setattr__(self, "min_supporters", int(minimum))
        object.__setattr__(self, "share_paid_at_goal", paid)

    def match(self, pledged: float, backers: int) -> float:
        """The match on ``pledged`` kronor from ``backers`` backers: ``min(rate × pledged, cap)``,
        or 0 below ``min_supporters``."""
        if backers < self.min_supporters:
            return 0.0
        amount = self.rate * pledged
        return amount if self.cap is None else min(amount, self.cap)


# --- the plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignPlan:
    """Every figure of a campaign plan (amounts in the campaign's currency).

    ``pledged_goal`` is what backers must pledge (the gross G); ``matched`` the match at that
    goal; ``campaign_goal`` the goal on the platform (pledged + matched: on Crowdculture the
    budget goal counts both). ``net`` is what reaches the enterprise if the goal is reached
    (equal to ``net_need`` up to rounding, more if the minimum number of supporters forced a
    larger goal). ``probability`` is the chance of reaching the goal from ``list_size``
    people under the binomial model; if the goal is missed the enterprise gets nothing.
    """

    net_need: float
    average_pledge: float
    fees: FeeSchedule
    conversion_rate: float
    matching: MatchedFunding | None
    reward_cost_per_backer: float
    fixed_costs: float
    pledged_goal: float
    matched: float
    platform_fees: float
    payment_fees: float
    dropped: float
    fixed_payment_fees: float
    reward_costs: float
    backers_needed: int
    list_size_needed: int
    backerkit_list_range: tuple[int, int]
    list_size: int
    expected_backers: float
    probability: float
    list_size_for_90: int
    first_48h_target: float
    all_or_nothing: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def campaign_goal(self) -> float:
        return self.pledged_goal + self.matched

    @property
    def total_costs(self) -> float:
        """Fees, dropped pledges and costs taken from the pledges."""
        return (
            self.platform_fees
            + self.payment_fees
            + self.dropped
            + self.fixed_payment_fees
            + self.reward_costs
            + self.fixed_costs
        )

    @property
    def net(self) -> float:
        return self.pledged_goal - self.total_costs + self.matched

    @property
    def matched_at_goal(self) -> float:
        """The part of the match paid when the goal is reached (the rest after the report)."""
        return self.matched * (self.matching.share_paid_at_goal if self.matching else 1.0)

    def if_goal_missed(self, lang: str | None = None) -> str:
        """What happens to the money if the goal is missed, in words."""
        key = "crowdfunding.missed.matching" if self.matching else "crowdfunding.missed.plain"
        return t(key, lang)


def plan_campaign(
    net_need: float,
    average_pledge: float,
    fees: FeeSchedule = NO_FEES,
    conversion_rate: float = DEFAULT_CONVERSION_RATE,
    list_size: int | None = None,
    matching: MatchedFunding | None = None,
    reward_cost_per_backer: float = 0.0,
    fixed_costs: float = 0.0,
    launch_share: float = LAUNCH_SHARE_48H,
) -> CampaignPlan:
    """Plan an all-or-nothing campaign: the goal, the backers, the list and the risk.

    With ``matching``, the smallest pledged amount is found that, with the match, leaves
    ``net_need``: ``G = (N + fixed) / (k + rate)`` while the cap is not reached, else
    ``G = (N + fixed − cap) / k`` (``k`` = the share of each krona kept after fees); if that
    gives fewer than ``min_supporters`` backers, the cheaper of "no match" and "raise to the
    minimum" is used. ``list_size`` defaults to the list needed at ``conversion_rate``.
    """
    check = _Checker()
    need, pledge, reward, fixed = _check_campaign(
        check, net_need, average_pledge, fees, reward_cost_per_backer, fixed_costs
    )
    rate = _conversion(check, conversion_rate)
    share_48 = check.share("launch_share", launch_share)
    if matching is not None and not isinstance(matching, MatchedFunding):
        check.add("crowdfunding.error.matching_type", "matching", type(matching).__name__)
    people = None if list_size is None else check.count("list_size", list_size, minimum=1)
    check.raise_if_any()

    kept = _kept_per_krona(fees, pledge, reward)
    pledged = (need + fixed) / kept
    notes: list[str] = []
    if matching is not None and matching.rate > 0:
        with_match = (need + fixed) / (kept + matching.rate)
        if matching.cap is not None and matching.rate * with_match > matching.cap:
            with_match = max(0.0, need + fixed - matching.cap) / kept
        floor = matching.min_supporters * pledge
        if math.ceil(with_match / pledge - _EPS) < matching.min_supporters:
            if floor < pledged:
                with_match = floor
                notes.append("min_supporters_raise")
            else:
                with_match = pledged
                notes.append("min_supporters_no_match")
        pledged = min(pledged, with_match)
    backers = math.ceil(pledged / pledge - _EPS)
    matched = matching.match(pledged, backers) if matching is not None else 0.0
    needed_list = math.ceil(backers / rate - _EPS)
    low, high = BACKERKIT_CONVERSION
    people = needed_list if people is None else people
    return CampaignPlan(
        net_need=need,
        average_pledge=pledge,
        fees=fees,
        conversion_rate=rate,
        matching=matching,
        reward_cost_per_backer=reward,
        fixed_costs=fixed,
        pledged_goal=pledged,
        matched=matched,
        platform_fees=fees.platform_fee * pledged,
        payment_fees=fees.payment_fee * pledged,
        dropped=fees.dropped_pledges * pledged,
        fixed_payment_fees=fees.payment_fixed_fee * pledged / pledge,
        reward_costs=reward * pledged / pledge,
        backers_needed=backers,
        list_size_needed=needed_list,
        backerkit_list_range=(math.ceil(backers / high - _EPS), math.ceil(backers / low - _EPS)),
        list_size=people,
        expected_backers=people * rate,
        probability=float(binomial_sf(backers, people, rate).item()),
        list_size_for_90=list_size_for_probability(backers, rate, 0.9),
        first_48h_target=share_48 * (pledged + matched),
        notes=tuple(notes),
    )


def plan_from_example(data: dict, list_size: int | None = None) -> CampaignPlan:
    """A plan from the ``campaign`` mapping of ``data/examples/granbacka_crowdfunding.yaml``."""
    campaign = data.get("campaign", data)
    fee_data = dict(campaign.get("fees") or {})
    match_data = campaign.get("matching")
    return plan_campaign(
        campaign["net_need"],
        campaign["average_pledge"],
        fees=FeeSchedule(**fee_data),
        conversion_rate=campaign.get("conversion_rate", DEFAULT_CONVERSION_RATE),
        list_size=list_size if list_size is not None else campaign.get("contact_list"),
        matching=MatchedFunding(**match_data) if match_data else None,
    )


def list_sizes(start: int, stop: int, count: int = 60) -> Iterable[int]:
    """Evenly spread whole list sizes from ``start`` to ``stop`` (for charts and tables)."""
    return sorted({round(float(x)) for x in np.linspace(max(1, start), max(start, stop), count)})
