"""The socioeconomic ledger (socioekonomiskt bokslut / socioekonomisk investeringskalkyl).

The Swedish method (Nilsson & Wadeskog, SEE AB; see the reference, impact-methods.md §5)
compares what society spends on a person in exclusion (*utanförskap*) with what it spends
when the person is active in some activity (*i verksamhet*), actor by actor, and splits each
cost into **real** costs (production loss, resource use) and **financial** ones (transfers).

How the kit models it, exactly:

- Amounts are kronor **per participant per year**, as entered (no price index is applied).
- A :class:`RealCost` is borne by one actor: *produktionsbortfall* (the value the person
  does not produce) or *resursförbrukning* (staff time, care, premises …).
- A :class:`Transfer` (financial) has a payer and a receiver: it is a cost of ``amount`` for
  the payer and an income of ``amount`` (a cost of ``-amount``) for the receiver. Summed over
  all actors every transfer is zero **by construction**, so society's cost is the sum of the
  real costs alone, while each actor's cost includes the transfers it pays and receives.
- A :class:`ParticipantGroup` (a *typkarriär*) has the two states, ``exclusion`` and
  ``activity``, and the activity's own cost (``activity_cost``, *insatsens kostnad*), paid
  by its actors in years 1 … ``activity_years`` whatever the outcome.
- **Probability.** ``q_t`` is the probability that a participant is in the activity state in
  year ``t`` (t = 1, 2, …). By default ``q_t = success_rate × persistence^(t−1)``: a share
  ``success_rate`` succeeds, and each later year the effect lasts with probability
  ``persistence``. A list ``effect_probability`` (one value per year) overrides this.
- **Expected net per actor** in year ``t``, per participant (undiscounted)::

      cost_without_t = E_a                                  (exclusion all along: the typkarriär)
      cost_with_t    = q_t × A_a + (1 − q_t) × E_a + I_a,t  (expected cost with the activity)
      net_t          = cost_without_t − cost_with_t = q_t × (E_a − A_a) − I_a,t

  where ``E_a`` and ``A_a`` are the actor's yearly costs in exclusion and in activity and
  ``I_a,t`` its share of the activity's cost in year ``t``. So the probability weights the
  yearly gain ``E_a − A_a``; the activity's cost is not weighted.
- **Discounting** (optional): each year's net is multiplied by ``(1 + r)^−t``
  (``discount_first_year`` True, as in the kit's SROI conventions) or ``(1 + r)^−(t−1)``
  (False). The kit's default is
  ``discount_rate = 0``: no discounting, so that every yearly figure can be checked by hand
  against budgets and the published Swedish examples, which quote undiscounted sums. This is
  a kit choice, not a rule of the method; set, for example, 0.035 to match the SROI module.
- **Payback** for an actor: the time at which its cumulative net first reaches zero and stays
  there to the end of the horizon. The activity's cost of a year is paid at the start of that
  year; gains accrue evenly through the year (``within_year="linear"``, years with decimals)
  or count only at year ends (``"whole"``, whole years). ``None`` if it does not pay back
  within the horizon; 0 if the actor's cumulative net is never negative.

>>> ledger = Ledger(horizon_years=1, groups=[ParticipantGroup(
...     name="Exempel", participants=1,
...     exclusion=Scenario(items=[Transfer(label="Försörjningsstöd", payer="kommun",
...                                        receiver="individen", amount=100_000)]),
...     activity=Scenario(), success_rate=1.0)])
>>> result = ledger.evaluate()
>>> result.net[Actor.KOMMUN][0], result.net[Actor.INDIVIDEN][0], result.society_net[0]
(100000.0, -100000.0, 0.0)
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import t
from spark_kit.paths import EXAMPLES_DIR

EXAMPLE_LEDGER = "myrbacka_bokslut"


class Actor(str, Enum):
    """Who bears a cost or receives a transfer. ``UNALLOCATED`` is for figures a source gives
    only for society as a whole (it takes real costs, never transfers).

    ``STATEN`` is the state apart from Arbetsförmedlingen and Försäkringskassan (taxes,
    the justice system …).
    """

    KOMMUN = "kommun"
    REGION = "region"
    ARBETSFORMEDLINGEN = "arbetsförmedlingen"
    FORSAKRINGSKASSAN = "försäkringskassan"
    STATEN = "staten"
    INDIVIDEN = "individen"
    UNALLOCATED = "ofördelat"

    def label(self, lang: str | None = None) -> str:
        return t(f"ledger.actor.{self.value}", lang)

    def short_label(self, lang: str | None = None) -> str:
        return self.label(lang)


#: The six actors of the Swedish method, in the usual order (without UNALLOCATED).
ACTORS = tuple(a for a in Actor if a is not Actor.UNALLOCATED)


class RealCategory(str, Enum):
    PRODUCTION_LOSS = "produktionsbortfall"
    RESOURCE_USE = "resursförbrukning"

    def label(self, lang: str | None = None) -> str:
        return t(f"ledger.category.{self.value}", lang)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_ACTOR_WORDS = {
    **{_plain(a.value): a for a in Actor},
    "kommunen": Actor.KOMMUN, "municipality": Actor.KOMMUN,
    "regionen": Actor.REGION, "landstinget": Actor.REGION, "landsting": Actor.REGION,
    "af": Actor.ARBETSFORMEDLINGEN, "public employment service": Actor.ARBETSFORMEDLINGEN,
    "fk": Actor.FORSAKRINGSKASSAN, "social insurance agency": Actor.FORSAKRINGSKASSAN,
    "state": Actor.STATEN, "the state": Actor.STATEN, "stat": Actor.STATEN,
    "individ": Actor.INDIVIDEN, "individual": Actor.INDIVIDEN,
    "hushallen": Actor.INDIVIDEN, "individerna": Actor.INDIVIDEN,
    "unallocated": Actor.UNALLOCATED, "ej fordelat": Actor.UNALLOCATED,
}  # fmt: skip

_CATEGORY_WORDS = {
    **{_plain(c.value): c for c in RealCategory},
    "production loss": RealCategory.PRODUCTION_LOSS,
    "resource use": RealCategory.RESOURCE_USE,
}


def parse_actor(value: Any) -> Any:
    """An :class:`Actor` from its Swedish name (with or without å/ä/ö, any case), an English
    name or a common short form (AF, FK); anything else is returned unchanged.

    >>> [parse_actor(name).value for name in ("Arbetsformedlingen", "FK", "municipality")]
    ['arbetsförmedlingen', 'försäkringskassan', 'kommun']
    """
    if isinstance(value, str):
        return _ACTOR_WORDS.get(_plain(value), value)
    return value


def _parse_category(value: Any) -> Any:
    return _CATEGORY_WORDS.get(_plain(value), value) if isinstance(value, str) else value


_KIND_WORDS = {
    "real": "real", "reell": "real", "reala": "real",
    "financial": "financial", "finansiell": "financial", "finansiella": "financial",
    "transfer": "financial", "transferering": "financial",
}  # fmt: skip


def _item_kind(value: Any) -> str | None:
    """``real`` or ``financial``: the given kind (Swedish or English), else a transfer when
    the item names a payer or receiver, else a real cost."""
    if isinstance(value, dict):
        kind = value.get("kind")
        if kind is None:
            return "financial" if ("payer" in value or "receiver" in value) else "real"
        return _KIND_WORDS.get(_plain(str(kind)), str(kind))
    return getattr(value, "kind", None)


def _kind_word(value: Any) -> Any:
    return _KIND_WORDS.get(_plain(value), value) if isinstance(value, str) else value


ActorField = Annotated[Actor, BeforeValidator(parse_actor)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _fill_from_table(data: Any, transfer: bool) -> Any:
    """Take a missing amount (and label, source, payer, receiver) from the reference table."""
    if not isinstance(data, dict) or not data.get("default_id"):
        return data
    from spark_kit.impact.ledger_data import default_figures

    row = default_figures().get(str(data["default_id"]).strip())
    if row is None:
        raise PydanticCustomError(
            "ledger_unknown_default",
            "unknown default id {default_id}",
            {"default_id": str(data["default_id"])},
        )
    filled = dict(data)
    if filled.get("amount") is None:
        filled["amount"] = row.value
    filled.setdefault("label", row.description)
    if not filled.get("source"):
        filled["source"] = row.citation()
    if transfer:
        filled.setdefault("payer", row.actor)
        filled.setdefault("receiver", row.receiver)
    else:
        filled.setdefault("actor", row.actor)
    return filled


class RealCost(_Record):
    """A real cost (production loss or resource use) borne by one actor, per participant
    and year. ``default_id`` takes the amount from the reference table when ``amount`` is
    left out; a given ``amount`` overrides it. ``fictional`` marks a teaching assumption."""

    kind: Annotated[Literal["real"], BeforeValidator(_kind_word)] = "real"
    label: str = Field(min_length=1)
    actor: ActorField
    category: Annotated[RealCategory, BeforeValidator(_parse_category)] = RealCategory.RESOURCE_USE
    amount: float = Field(ge=0.0)
    source: str = ""
    default_id: str | None = None
    fictional: bool = False

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        return _fill_from_table(data, transfer=False)

    def costs(self) -> dict[Actor, float]:
        return {self.actor: self.amount}


class Transfer(_Record):
    """A transfer (financial cost) from ``payer`` to ``receiver``, per participant and year:
    a cost for the payer, an equal income for the receiver, nothing for society."""

    kind: Annotated[Literal["financial"], BeforeValidator(_kind_word)] = "financial"
    label: str = Field(min_length=1)
    payer: ActorField
    receiver: ActorField
    amount: float = Field(ge=0.0)
    source: str = ""
    default_id: str | None = None
    fictional: bool = False

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        return _fill_from_table(data, transfer=True)

    @model_validator(mode="after")
    def _two_named_actors(self) -> Transfer:
        if self.payer == self.receiver:
            raise PydanticCustomError(
                "ledger_transfer_self", "payer and receiver are the same", {"actor": self.payer}
            )
        if Actor.UNALLOCATED in (self.payer, self.receiver):
            raise PydanticCustomError(
                "ledger_transfer_unallocated", "a transfer needs two named actors"
            )
        return self

    def costs(self) -> dict[Actor, float]:
        return {self.payer: self.amount, self.receiver: -self.amount}


CostItem = Annotated[
    Annotated[RealCost, Tag("real")] | Annotated[Transfer, Tag("financial")],
    Discriminator(_item_kind),
]


class Scenario(_Record):
    """The yearly costs per participant in one state (utanförskap or i verksamhet)."""

    items: list[CostItem] = Field(default_factory=list)

    def cost_by_actor(self) -> dict[Actor, float]:
        """Each actor's yearly cost: its real costs, plus the transfers it pays, minus those
        it receives. Every actor is present (0 when it has nothing)."""
        costs = dict.fromkeys(Actor, 0.0)
        for item in self.items:
            for actor, amount in item.costs().items():
                costs[actor] += amount
        return costs

    def real_by_actor(self) -> dict[Actor, float]:
        costs = dict.fromkeys(Actor, 0.0)
        for item in self.items:
            if isinstance(item, RealCost):
                costs[item.actor] += item.amount
        return costs

    def financial_by_actor(self) -> dict[Actor, float]:
        """Each actor's net transfers: paid minus received."""
        costs = dict.fromkeys(Actor, 0.0)
        for item in self.items:
            if isinstance(item, Transfer):
                for actor, amount in item.costs().items():
                    costs[actor] += amount
        return costs

    def society_cost(self) -> float:
        """Society's yearly cost: the real costs only (transfers cancel)."""
        return sum(item.amount for item in self.items if isinstance(item, RealCost))


class ParticipantGroup(_Record):
    """A group of participants who share a typical career (*typkarriär*)."""

    name: str = Field(min_length=1)
    participants: int = Field(default=1, ge=0)
    description: str = ""
    exclusion: Scenario = Field(default_factory=Scenario)
    activity: Scenario = Field(default_factory=Scenario)
    activity_cost: list[RealCost] = Field(default_factory=list)
    activity_years: int = Field(default=1, ge=1, le=50)
    success_rate: Probability = 1.0
    persistence: Probability = 1.0
    effect_probability: list[Probability] | None = None

    def probabilities(self, horizon_years: int) -> list[float]:
        """``q_t`` for t = 1 … horizon: ``effect_probability`` if given, else
        ``success_rate × persistence^(t−1)``."""
        if self.effect_probability is not None:
            return list(self.effect_probability[:horizon_years])
        return [
            self.success_rate * self.persistence ** (y - 1) for y in range(1, horizon_years + 1)
        ]

    def activity_cost_by_actor(self) -> dict[Actor, float]:
        """Each actor's yearly share of the activity's cost, per participant."""
        costs = dict.fromkeys(Actor, 0.0)
        for item in self.activity_cost:
            costs[item.actor] += item.amount
        return costs

    def gain_if_success(self) -> dict[Actor, float]:
        """Each actor's yearly gain per participant in the activity state: ``E_a − A_a``."""
        without, with_ = self.exclusion.cost_by_actor(), self.activity.cost_by_actor()
        return {a: without[a] - with_[a] for a in Actor}


class Ledger(_Record):
    """A socioeconomic ledger: participant groups, a horizon in years and the conventions."""

    name: str = ""
    description: str = ""
    currency: str = "SEK"
    horizon_years: int = Field(default=5, ge=1, le=50)
    discount_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    discount_first_year: bool = True
    groups: list[ParticipantGroup] = Field(min_length=1)
    fictional: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Ledger:
        names = [g.name for g in self.groups]
        for name in names:
            if names.count(name) > 1:
                raise PydanticCustomError(
                    "ledger_duplicate_group", "duplicate group", {"name": name}
                )
        for group in self.groups:
            probs = group.effect_probability
            if probs is not None and len(probs) != self.horizon_years:
                raise PydanticCustomError(
                    "ledger_probability_count", "wrong number of probabilities",
                    {"group": group.name, "count": len(probs), "years": self.horizon_years},
                )  # fmt: skip
        return self

    # --- changes (each returns a new, validated ledger) ----------------------------------

    def with_changes(self, **fields: Any) -> Ledger:
        """A copy with top-level fields replaced (``horizon_years``, ``discount_rate`` …)."""
        return ledger_from_dict({**self.model_dump(mode="json"), **fields})

    def with_group_changes(self, group: str, **fields: Any) -> Ledger:
        """A copy with fields of one group replaced (``success_rate``, ``persistence`` …)."""
        data = self.model_dump(mode="json")
        found = [g for g in data["groups"] if g["name"] == group]
        if not found:
            raise SparkInputError(
                InputProblem("ledger.unknown_group", value=group, params={"names": _names(self)})
            )
        found[0].update(fields)
        return ledger_from_dict(data)

    def with_amount(
        self, label: str, amount: float, group: str | None = None, section: str | None = None
    ) -> Ledger:
        """A copy where every item called ``label`` (in ``group`` and ``section`` —
        ``exclusion``, ``activity`` or ``activity_cost`` — if given) has ``amount``."""
        data = self.model_dump(mode="json")
        hits = 0
        for g in data["groups"]:
            if group is not None and g["name"] != group:
                continue
            for name, items in _sections(g):
                if section is not None and name != section:
                    continue
                for item in items:
                    if item["label"] == label:
                        item["amount"] = amount
                        hits += 1
        if not hits:
            raise SparkInputError(InputProblem("ledger.unknown_item", value=label))
        return ledger_from_dict(data)

    # --- results ---------------------------------------------------------------------------

    @property
    def participants(self) -> int:
        return sum(g.participants for g in self.groups)

    def discount_factors(self) -> list[float]:
        offset = 0 if self.discount_first_year else 1
        return [(1 + self.discount_rate) ** -(y - offset) for y in range(1, self.horizon_years + 1)]

    def payer(self) -> Actor | None:
        """The actor that pays the largest part of the activity's cost (``None`` if none)."""
        totals = dict.fromkeys(Actor, 0.0)
        for g in self.groups:
            years = min(g.activity_years, self.horizon_years)
            for actor, amount in g.activity_cost_by_actor().items():
                totals[actor] += amount * g.participants * years
        best = max(totals, key=lambda a: totals[a])
        return best if totals[best] > 0 else None

    def evaluate(self, per_participant: bool = False) -> LedgerResult:
        """The ledger's results for all participants, or for the average participant."""
        return evaluate(self, per_participant=per_participant)


def _names(ledger: Ledger) -> str:
    return ", ".join(g.name for g in ledger.groups)


def _sections(group: dict) -> Iterable[tuple[str, list[dict]]]:
    yield "exclusion", group["exclusion"]["items"]
    yield "activity", group["activity"]["items"]
    yield "activity_cost", group["activity_cost"]


# --- evaluation ---------------------------------------------------------------------------

WithinYear = Literal["linear", "whole"]


@dataclass(frozen=True)
class LedgerResult:
    """Year-by-year results. Tuples run over years 1 … horizon.

    ``cost_without`` and ``cost_with`` are expected yearly costs (undiscounted);
    ``net`` and ``society_net`` are their differences, discounted if the ledger says so.
    """

    years: tuple[int, ...]
    participants: float
    discount_factors: tuple[float, ...]
    probabilities: dict[str, tuple[float, ...]]
    activity_cost: dict[Actor, tuple[float, ...]]
    cost_without: dict[Actor, tuple[float, ...]]
    cost_with: dict[Actor, tuple[float, ...]]
    net: dict[Actor, tuple[float, ...]]
    society_cost_without: tuple[float, ...]
    society_cost_with: tuple[float, ...]
    society_net: tuple[float, ...]
    payer: Actor | None = None
    _gains: dict[Actor, tuple[float, ...]] = field(default_factory=dict, repr=False)
    _society_gains: tuple[float, ...] = ()
    _society_activity: tuple[float, ...] = ()

    def cumulative(self, actor: Actor | str | None = None) -> list[float]:
        """Cumulative net year by year for ``actor`` (``None``: society)."""
        values = self.society_net if actor is None else self.net[_actor(actor)]
        total, out = 0.0, []
        for v in values:
            total += v
            out.append(total)
        return out

    def total(self, actor: Actor | str | None = None) -> float:
        """Net over the whole horizon for ``actor`` (``None``: society)."""
        return self.cumulative(actor)[-1]

    def actors(self) -> list[Actor]:
        """The actors with anything in the ledger, in the usual order."""
        return [
            a for a in Actor
            if any(self.cost_without[a]) or any(self.cost_with[a]) or any(self.net[a])
        ]  # fmt: skip

    def transfers_cancel(self, tolerance: float = 1e-6) -> bool:
        """True when the actors' nets add up to society's net every year (they must:
        transfers are zero-sum by construction)."""
        return all(
            abs(sum(self.net[a][i] for a in Actor) - self.society_net[i]) <= tolerance
            for i in range(len(self.years))
        )

    def payback(
        self, actor: Actor | str | None = None, within_year: WithinYear = "linear"
    ) -> float | None:
        """Years until ``actor``'s cumulative net reaches zero for good (``None``: the paying
        actor, :attr:`payer`). The activity's cost of a year is paid at its start; gains
        accrue evenly (``"linear"``) or count at year ends (``"whole"``). ``None`` if it
        does not pay back within the horizon."""
        if actor is None:
            if self.payer is None:
                return 0.0
            actor = self.payer
        key = _actor(actor)
        return payback_time(
            [g * 1.0 for g in self._gains[key]],
            [c * d for c, d in zip(self.activity_cost[key], self.discount_factors, strict=True)],
            within_year,
        )

    def society_payback(self, within_year: WithinYear = "linear") -> float | None:
        """Payback for society as a whole (real costs only)."""
        return payback_time(list(self._society_gains), list(self._society_activity), within_year)


def _actor(value: Actor | str) -> Actor:
    actor = parse_actor(value)
    if not isinstance(actor, Actor):
        raise SparkInputError(
            InputProblem("ledger.unknown_actor", value=value, params={"choices": _choices()})
        )
    return actor


def _choices() -> str:
    return ", ".join(a.value for a in Actor)


def payback_time(
    gains: list[float], costs: list[float], within_year: WithinYear = "linear"
) -> float | None:
    """Years until the cumulative of ``gains[t] − costs[t]`` reaches zero for good.

    ``costs[t]`` is paid at the start of year t+1 and ``gains[t]`` accrues evenly through
    it; the answer has decimals (``"linear"``) or is rounded up to the year end at which the
    cumulative is back at zero (``"whole"``). 0 if the cumulative is never negative;
    ``None`` if it is still negative at the end.

    >>> round(payback_time([60, 60, 60], [100, 0, 0]), 4)
    1.6667
    >>> payback_time([60, 60, 60], [100, 0, 0], "whole")
    2
    >>> payback_time([10, 10], [100, 0]) is None
    True
    """
    if within_year not in ("linear", "whole"):
        raise ValueError(f"within_year must be 'linear' or 'whole', not {within_year!r}")
    cumulative = 0.0
    crossing: float | None = 0.0
    for index, (gain, cost) in enumerate(zip(gains, costs, strict=True)):
        cumulative -= cost
        if cumulative < 0:
            crossing = None
        after = cumulative + gain
        if cumulative < 0 <= after:
            crossing = index + (-cumulative) / gain
        elif after < 0:
            crossing = None
        cumulative = after
    if cumulative < 0 or crossing is None:
        return None
    if within_year == "whole":
        return math.ceil(round(crossing, 9))
    return crossing


def evaluate(ledger: Ledger, per_participant: bool = False) -> LedgerResult:
    """Evaluate ``ledger`` (see the module docstring for the formulas)."""
    years = list(range(1, ledger.horizon_years + 1))
    factors = ledger.discount_factors()
    count = ledger.participants if per_participant else 1
    scale = 1.0 / count if count else 0.0
    zeros = [0.0] * len(years)
    without = {a: list(zeros) for a in Actor}
    with_ = {a: list(zeros) for a in Actor}
    activity = {a: list(zeros) for a in Actor}
    gains = {a: list(zeros) for a in Actor}
    society_without, society_with = list(zeros), list(zeros)
    society_gains, society_activity = list(zeros), list(zeros)
    probabilities = {}
    for group in ledger.groups:
        weight = group.participants * scale
        q = group.probabilities(ledger.horizon_years)
        probabilities[group.name] = tuple(q)
        exclusion = group.exclusion.cost_by_actor()
        in_activity = group.activity.cost_by_actor()
        cost = group.activity_cost_by_actor()
        real_exclusion = group.exclusion.society_cost()
        real_activity = group.activity.society_cost()
        real_cost = sum(cost.values())
        for i, year in enumerate(years):
            paid = 1.0 if year <= group.activity_years else 0.0
            for a in Actor:
                expected = q[i] * in_activity[a] + (1 - q[i]) * exclusion[a]
                without[a][i] += weight * exclusion[a]
                with_[a][i] += weight * (expected + paid * cost[a])
                activity[a][i] += weight * paid * cost[a]
                gains[a][i] += weight * q[i] * (exclusion[a] - in_activity[a]) * factors[i]
            expected_real = q[i] * real_activity + (1 - q[i]) * real_exclusion
            society_without[i] += weight * real_exclusion
            society_with[i] += weight * (expected_real + paid * real_cost)
            society_gains[i] += weight * q[i] * (real_exclusion - real_activity) * factors[i]
            society_activity[i] += weight * paid * real_cost * factors[i]
    net = {
        a: tuple((without[a][i] - with_[a][i]) * factors[i] for i in range(len(years)))
        for a in Actor
    }
    society_net = tuple(
        (society_without[i] - society_with[i]) * factors[i] for i in range(len(years))
    )
    return LedgerResult(
        years=tuple(years),
        participants=1 if per_participant else ledger.participants,
        discount_factors=tuple(factors),
        probabilities=probabilities,
        activity_cost={a: tuple(v) for a, v in activity.items()},
        cost_without={a: tuple(v) for a, v in without.items()},
        cost_with={a: tuple(v) for a, v in with_.items()},
        net=net,
        society_cost_without=tuple(society_without),
        society_cost_with=tuple(society_with),
        society_net=society_net,
        payer=ledger.payer(),
        _gains={a: tuple(v) for a, v in gains.items()},
        _society_gains=tuple(society_gains),
        _society_activity=tuple(society_activity),
    )


# --- input: dictionaries and YAML, with located bilingual errors -----------------------------

SECTION_SHEETS = {
    "exclusion": "ledger.sheet.exclusion",
    "activity": "ledger.sheet.activity",
    "activity_cost": "ledger.sheet.activity_cost",
}
FIELD_KEYS = {
    "label", "actor", "payer", "receiver", "amount", "category", "kind", "source",
    "default_id", "participants", "success_rate", "persistence", "effect_probability",
    "activity_years", "horizon_years", "discount_rate", "name", "groups", "items",
}  # fmt: skip


def ledger_from_dict(data: dict, lang: str | None = None) -> Ledger:
    """Build a :class:`Ledger` from plain data (as in the YAML files).

    Raises :class:`SparkInputError` with one problem per bad value, each located by
    section (sheet), item number (row) and field (column). ``lang`` is the language of those
    location names (the message itself is chosen when it is shown).
    """
    if not isinstance(data, dict):
        raise SparkInputError(InputProblem("ledger.not_a_mapping", value=type(data).__name__))
    try:
        return Ledger.model_validate(data)
    except ValidationError as error:
        raise SparkInputError([_problem(item, data, lang) for item in error.errors()]) from None


def load_ledger(path: str | Path) -> Ledger:
    """Read a ledger from a YAML file."""
    path = Path(path)
    if not path.exists():
        raise SparkInputError(InputProblem("file.not_found", params={"path": str(path)}))
    return ledger_from_dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def load_ledger_example(name: str = EXAMPLE_LEDGER) -> Ledger:
    """The bundled example ledger (fictional, and marked so)."""
    return load_ledger(EXAMPLES_DIR / f"{name}.yaml")


_CODES = {
    "missing": "value.required",
    "float_parsing": "value.not_number",
    "float_type": "value.not_number",
    "int_parsing": "value.not_integer",
    "int_type": "value.not_integer",
    "int_from_float": "value.not_integer",
    "enum": "value.choice",
    "literal_error": "value.choice",
    "union_tag_invalid": "value.choice",
    "union_tag_not_found": "ledger.kind_missing",
    "extra_forbidden": "ledger.unknown_field",
    "too_short": "ledger.no_groups",
}


def _problem(item: dict, data: dict, lang: str | None) -> InputProblem:
    loc = [p for p in item.get("loc", ()) if p not in ("real", "financial")]
    kind = item.get("type", "")
    value = item.get("input")
    ctx = item.get("ctx") or {}
    sheet, row, column = _locate(loc, data, lang)
    if kind.startswith("ledger_"):
        params = {k: v for k, v in ctx.items() if k != "value"}
        shown = next((ctx[k] for k in ("actor", "default_id", "name") if k in ctx), None)
        shown = shown.value if isinstance(shown, Actor) else shown
        return InputProblem(kind.replace("_", ".", 1), sheet, row, column, shown, params)
    code = _CODES.get(kind)
    params: dict[str, Any] = {}
    if value is None and kind in ("float_type", "int_type"):
        code = "value.required"
    if kind == "union_tag_invalid":
        value = ctx.get("tag")
        column = t("ledger.field.kind", lang)
        loc = [*loc, "kind"]
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        field_name = str(loc[-1]) if loc else ""
        if field_name in ("success_rate", "persistence") or isinstance(
            loc[-1] if loc else None, int
        ):
            code = "ledger.probability"
        elif kind == "greater_than_equal" and ctx.get("ge") == 0:
            code = "value.negative"
        else:
            code = "ledger.range"
            params = {"limit": ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))}
    if code is None:
        return InputProblem(
            "value.invalid", sheet, row, column, value, {"reason": item.get("msg", "")}
        )
    if code == "value.choice":
        params = {"choices": _field_choices(column_key=str(loc[-1]) if loc else "")}
    if code == "ledger.unknown_field":
        value = loc[-1] if loc else value
    if code == "ledger.no_groups":
        value = None
    return InputProblem(code, sheet, row, column, value, params)


def _field_choices(column_key: str) -> str:
    if column_key in ("actor", "payer", "receiver"):
        return _choices()
    if column_key == "category":
        return ", ".join(c.value for c in RealCategory)
    if column_key == "kind":
        return "real, financial"
    return "–"


def _locate(loc: list, data: dict, lang: str | None) -> tuple[str | None, int | None, str | None]:
    """Sheet (section and group), row (item number) and column (field) for an error."""
    if not loc or loc[0] != "groups" or len(loc) < 2 or not isinstance(loc[1], int):
        column = str(loc[-1]) if loc else None
        return t("ledger.sheet.ledger", lang), None, _column(column, lang)
    index = loc[1]
    try:
        name = str(data["groups"][index].get("name") or index + 1)
    except (KeyError, IndexError, TypeError, AttributeError):
        name = str(index + 1)
    rest = loc[2:]
    if rest and rest[0] in SECTION_SHEETS:
        section = rest[0]
        sheet = t(SECTION_SHEETS[section], lang, group=name)
        numbers = [p for p in rest[1:] if isinstance(p, int)]
        fields = [p for p in rest[1:] if isinstance(p, str) and p != "items"]
        row = numbers[0] + 1 if numbers else None
        return sheet, row, _column(fields[-1] if fields else None, lang)
    sheet = t("ledger.sheet.group", lang, group=name)
    fields = [p for p in rest if isinstance(p, str)]
    numbers = [p for p in rest if isinstance(p, int)]
    column = _column(fields[0] if fields else None, lang)
    if numbers and fields and fields[0] == "effect_probability":
        column = t("ledger.field.effect_probability_year", lang, year=numbers[0] + 1)
    return sheet, None, column


def _column(key: str | None, lang: str | None) -> str | None:
    if key is None:
        return None
    return t(f"ledger.field.{key}", lang) if key in FIELD_KEYS else key


# --- published Swedish figures as ledgers (worked examples) --------------------------------


def jonkoping_example(horizon_years: int = 1) -> Ledger:
    """Ingvar Nilsson/OFUS's investment calculation for Jönköpings län, as a ledger.

    From the report's summary (reference table, ``jonkoping_*``): 160 participants, exclusion
    costs of about 70 MSEK a year (437 500 SEK per person; not split by actor in the
    summary, so ``ofördelat``), a project cost of 9 MSEK a year (56 250 SEK per person) and
    25 % success. Nothing is assumed to remain in the activity state. Over one year the net
    is 0.25 × 70 − 9 = 8.5 MSEK — less than the summary's "more than 12 MSEK", whose own
    arithmetic is not given (see data/reference/README_socioekonomi.md).
    """
    from spark_kit.impact.ledger_data import figure

    people = int(figure("jonkoping_deltagare").value)
    source = figure("jonkoping_utanforskap").citation()
    exclusion = figure("jonkoping_utanforskap").value / people
    project = figure("jonkoping_projektkostnad").value / people
    group = ParticipantGroup(
        name="Unga upp till 30 år med sammansatt problematik",
        participants=people,
        exclusion=Scenario(
            items=[RealCost(label="Utanförskapets kostnader", actor=Actor.UNALLOCATED,
                            amount=exclusion, source=source)]
        ),
        activity_cost=[RealCost(label="Projektets kostnad", actor=Actor.UNALLOCATED,
                                amount=project, source=source)],
        activity_years=horizon_years,
        success_rate=figure("jonkoping_framgang").value,
    )  # fmt: skip
    return Ledger(name="Jönköpings län (Nilsson/OFUS)", horizon_years=horizon_years, groups=[group])


def beateberg_example() -> Ledger:
    """SKOOPI's socioeconomic ledger for Beatebergs Hunddagis as a one-year ledger for the
    whole group: external actors' cost 2 541 000 SEK without the cooperative and 2 489 000
    SEK with it (not split by actor in the summary), so the yearly gain is 52 000 SEK."""
    from spark_kit.impact.ledger_data import figure

    without, with_ = figure("beateberg_utan"), figure("beateberg_med")
    group = ParticipantGroup(
        name="Kooperatörerna på Beatebergs Hunddagis",
        participants=1,
        exclusion=Scenario(items=[RealCost(label="Utan kooperativet", actor=Actor.UNALLOCATED,
                                           amount=without.value, source=without.citation())]),
        activity=Scenario(items=[RealCost(label="Med kooperativet", actor=Actor.UNALLOCATED,
                                          amount=with_.value, source=with_.citation())]),
    )  # fmt: skip
    return Ledger(name="Beatebergs Hunddagis (SKOOPI)", horizon_years=1, groups=[group])


# --- tables for notebooks and reports -----------------------------------------------------


def items_table(scenario: Scenario | list[RealCost], lang: str | None = None):
    """The items of a scenario (or an activity-cost list) as a pandas DataFrame, one row per
    item: label, kind, who pays, who receives, amount per year and source."""
    import pandas as pd

    items = scenario.items if isinstance(scenario, Scenario) else list(scenario)
    rows = []
    for item in items:
        real = isinstance(item, RealCost)
        rows.append({
            t("ledger.col.item", lang): item.label,
            t("ledger.col.kind", lang): (
                item.category.label(lang) if real else t("ledger.kind.financial", lang)
            ),
            t("ledger.col.payer", lang): (item.actor if real else item.payer).label(lang),
            t("ledger.col.receiver", lang): "–" if real else item.receiver.label(lang),
            t("ledger.col.amount", lang): item.amount,
            t("ledger.col.source", lang): (
                t("ledger.fictional_item", lang) if item.fictional else item.source
            ),
        })  # fmt: skip
    return pd.DataFrame(rows)


def actor_costs_table(group: ParticipantGroup, lang: str | None = None):
    """Per actor: yearly cost per participant in exclusion, in activity, and the gain if
    the activity succeeds; the last row is society (real costs only)."""
    import pandas as pd

    exclusion, activity = group.exclusion.cost_by_actor(), group.activity.cost_by_actor()
    actors = [a for a in Actor if exclusion[a] or activity[a]]
    index = [a.label(lang) for a in actors] + [t("ledger.society", lang)]
    society = (group.exclusion.society_cost(), group.activity.society_cost())
    return pd.DataFrame(
        {
            t("ledger.col.exclusion", lang): [exclusion[a] for a in actors] + [society[0]],
            t("ledger.col.activity", lang): [activity[a] for a in actors] + [society[1]],
            t("ledger.col.gain", lang): [exclusion[a] - activity[a] for a in actors]
            + [society[0] - society[1]],
        },
        index=pd.Index(index, name=t("ledger.col.actor", lang)),
    )


def result_table(result: LedgerResult, lang: str | None = None, cumulative: bool = False):
    """Net per actor and for society, one column per year and a total (or the cumulative
    net, year by year)."""
    import pandas as pd

    actors = result.actors()
    rows = {}
    for actor in [*actors, None]:
        values = (
            result.cumulative(actor)
            if cumulative
            else list(result.net[actor] if actor is not None else result.society_net)
        )
        label = actor.label(lang) if actor is not None else t("ledger.society", lang)
        rows[label] = values + ([] if cumulative else [sum(values)])
    columns = [t("ledger.col.year", lang, year=y) for y in result.years]
    if not cumulative:
        columns.append(t("ledger.col.total", lang))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    frame.index.name = t("ledger.col.actor", lang)
    return frame


__all__ = [
    "ACTORS",
    "Actor",
    "CostItem",
    "Ledger",
    "LedgerResult",
    "ParticipantGroup",
    "RealCategory",
    "RealCost",
    "Scenario",
    "Transfer",
    "actor_costs_table",
    "beateberg_example",
    "evaluate",
    "items_table",
    "jonkoping_example",
    "ledger_from_dict",
    "load_ledger",
    "load_ledger_example",
    "parse_actor",
    "payback_time",
    "result_table",
]
