"""The SROI value map: stakeholders, inputs, outcome rows and the conventions used.

Follows the value map of the SROI guide (stages 1–4; see the reference, impact-methods.md
§1.3): one outcome row per stakeholder and outcome, with quantity, financial proxy,
duration, outcome start and the four filters (deadweight, displacement, attribution,
drop-off). Filters and the discount rate are fractions 0–1. The contested conventions
(§1.8) are named fields of :class:`Conventions`, with the kit's defaults: the common
practice described in the reference (the guide's own wording is not verified there).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Fraction = Field(ge=0.0, le=1.0)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Conventions(_Record):
    """The choices where sources disagree, with the kit's defaults.

    - ``discount_rate``: 3.5 %, the HM Treasury Green Book social time preference rate and
      the median of 246 reports in the SVI database (impact-methods.md §1.5).
    - ``dropoff_start``: ``"year2"`` (first year at full impact) or ``"year1"``.
    - ``discount_first_year``: year 1 discounted by (1 + r) (True) or not (False: t = 0).
    - ``filters``: ``"multiplicative"`` (1−DW)(1−DISP)(1−ATTR) or ``"additive"``
      (1 − DW − DISP − ATTR, floored at 0).
    Inputs in later years are discounted at the same rate as the benefits.
    """

    discount_rate: float = Field(default=0.035, ge=0.0, le=1.0)
    currency: str = "SEK"
    dropoff_start: Literal["year2", "year1"] = "year2"
    discount_first_year: bool = True
    filters: Literal["multiplicative", "additive"] = "multiplicative"


class ValueMapStakeholder(_Record):
    """A stakeholder group and how many are in it."""

    name: str = Field(min_length=1)
    count: int | None = Field(default=None, ge=0)


class InputKind(str, Enum):
    """Whether an input is money (kontant) or time, premises and goods given in kind."""

    CASH = "kontant"
    IN_KIND = "i natura"


class Input(_Record):
    """What a stakeholder invests (cash or in kind), valued in currency, in year 1, 2, …"""

    stakeholder: str = Field(min_length=1)
    description: str = ""
    amount: float = Field(ge=0.0)
    year: int = Field(default=1, ge=1)
    kind: InputKind = InputKind.CASH


class OutcomeRow(_Record):
    """One row of the value map.

    ``outcome_start`` 1: the value stream starts in year 1 (during the activity period);
    2: it starts in year 2 (the period after) and lasts ``duration_years`` from there.
    ``actor`` names who gains, for the socioeconomic view (kommun, region, staten, …).
    ``stakeholder_voice`` says how the stakeholders themselves described or confirmed the
    outcome (empty means no stakeholder voice: a quality warning, not an error).
    """

    stakeholder: str = Field(min_length=1)
    outcome: str = Field(min_length=1)
    indicator: str = ""
    evidence_source: str = ""
    quantity: float = Field(ge=0.0)
    financial_proxy: float = Field(ge=0.0)
    proxy_source: str = ""
    proxy_year: int | None = None
    duration_years: int = Field(ge=1, le=50)
    outcome_start: Literal[1, 2] = 1
    deadweight: float = Fraction
    displacement: float = Fraction
    attribution: float = Fraction
    drop_off: float = Fraction
    actor: str | None = None
    stakeholder_voice: str = ""


class ValueMap(_Record):
    stakeholders: list[ValueMapStakeholder] = Field(default_factory=list)
    inputs: list[Input] = Field(default_factory=list)
    outcomes: list[OutcomeRow] = Field(default_factory=list)
    conventions: Conventions = Field(default_factory=Conventions)
