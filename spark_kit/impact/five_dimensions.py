"""The five dimensions of impact and the ABC classification (Impact Frontiers / IMP).

One :class:`ImpactProfile` describes one outcome (resultat) across the five dimensions of
the Impact Management Project, whose norms Impact Frontiers now maintains (reference:
impact-methods.md §3):

- **What** (:class:`What`): the outcome and its indicator, the outcome level in the
  period, the outcome threshold, whether the outcome is positive or negative relative to
  the threshold (computed, never typed in, so it cannot contradict the numbers), its
  importance to the stakeholders, an optional SDG, and whether it is significant.
- **Who** (:class:`Who`): the stakeholder and their baseline (utgångsvärde); how
  underserved they are is the baseline's distance from the threshold (computed).
- **How much** (:class:`HowMuch`): scale (number of people) and duration (years); depth,
  the degree of change, is level − baseline (computed, in the indicator's unit).
- **Contribution** (:class:`Contribution`): the level the stakeholders would likely have
  had anyway (the counterfactual, including what others would have done), and whether a
  below-threshold outcome is caused by the enterprise itself.
- **Risk** (:class:`RiskRatings`): each of the nine impact risk types rated on the scale
  :class:`Rating` (låg / medel / hög).

Numbers are in the indicator's unit; ``higher_is_better=False`` turns every comparison
round (for "bilresor per månad", fewer is better).

ABC classification (:func:`classify_outcome`, :func:`classify_enterprise`) follows
Impact Frontiers' rules as the reference quotes them (§3.3, from
https://impactfrontiers.org/norms/abc-of-enterprise-impact/outcome-level/ and
…/enterprise-level/). How each field enters the rules, and the gaps the rules leave, are
documented on those functions; the gaps are explicit choices, two of them named
parameters (``inclusive_threshold`` and ``when_b_and_c``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import format_number, resolve_lang, t
from spark_kit.paths import EXAMPLES_DIR

EXAMPLE_PROFILES = "granbacka_fem_dimensioner"

#: The table name used in error locations ("bladet ”effektprofiler”, rad 3, …").
SHEET = "effektprofiler"

#: The Sustainable Development Goals are numbered 1–17 (the 2030 Agenda has 17 goals;
#: source: https://wfuna.org/mission-possible/sustainable-development-goals, read
#: 2026-11-27).
SDG_COUNT = 17


# --- scales and choices ---------------------------------------------------------------


class Rating(str, Enum):
    """The kit's three-step ordinal scale, used for each impact risk and for importance.

    For a risk it rates the *level of impact risk*, which Impact Frontiers describes as
    "the likelihood and severity" of the risk (§3.2; impactfrontiers.org/norms/five-
    dimensions-of-impact/impact-risk/). The steps are the kit's own (inference):

    - ``låg``: unlikely, or it would change the impact only a little;
    - ``medel``: possible, and it would noticeably change the impact;
    - ``hög``: likely, or it would change the impact a lot (or both).

    For importance: how much the outcome matters to the stakeholders themselves
    (``låg`` / ``medel`` / ``hög``). English words (low / medium / high) are accepted.
    """

    LOW = "låg"
    MEDIUM = "medel"
    HIGH = "hög"

    @property
    def points(self) -> int:
        """1, 2 or 3: used for :meth:`RiskRatings.score`."""
        return {Rating.LOW: 1, Rating.MEDIUM: 2, Rating.HIGH: 3}[self]

    def label(self, lang: str | None = None) -> str:
        return t(f"fd.rating.{self.value}", lang)

    short_label = label


RATING_WORDS = {
    "låg": Rating.LOW, "lag": Rating.LOW, "low": Rating.LOW,
    "medel": Rating.MEDIUM, "medium": Rating.MEDIUM, "mellan": Rating.MEDIUM,
    "hög": Rating.HIGH, "hog": Rating.HIGH, "high": Rating.HIGH,
}  # fmt: skip


def parse_rating(value: Any) -> Any:
    """A :class:`Rating` from a Rating or a word in Swedish or English; other values are
    returned unchanged (validation then reports them)."""
    if isinstance(value, str):
        return RATING_WORDS.get(" ".join(value.split()).casefold(), value)
    return value


#: A :class:`Rating` field that also takes the words in :data:`RATING_WORDS`.
RatingField = Annotated[Rating, BeforeValidator(parse_rating)]


class Basis(str, Enum):
    """Whether the outcome level is a goal (prospective) or a result (retrospective).

    Impact Frontiers: "Outcomes can be classified prospectively based on goals, or
    retrospectively based on performance" (§3.3). The classification rules are the same;
    only the wording differs ("förväntas nå" / "når").
    """

    GOAL = "mål"
    PERFORMANCE = "utfall"


class RiskType(str, Enum):
    """The nine impact risk types (IMP with Social Value International; §3.2).

    Eight are defined in the source (https://impactfrontiers.org/online-curriculum/impact-
    risk/). Endurance risk is listed in the reference as unverified: its definition is
    shown with that warning (:attr:`verified` is False) until it is checked against the
    original.
    """

    EVIDENCE = "evidence"
    EXTERNAL = "external"
    STAKEHOLDER_PARTICIPATION = "stakeholder_participation"
    DROP_OFF = "drop_off"
    EFFICIENCY = "efficiency"
    EXECUTION = "execution"
    ALIGNMENT = "alignment"
    ENDURANCE = "endurance"
    UNEXPECTED_IMPACT = "unexpected_impact"

    def label(self, lang: str | None = None) -> str:
        return t(f"fd.risk.{self.value}", lang)

    short_label = label

    def definition(self, lang: str | None = None) -> str:
        """The definition, translated; an unverified one says so."""
        text = t(f"fd.risk_def.{self.value}", lang)
        if not self.verified:
            text += " " + t("fd.risk_unverified", lang)
        return text

    @property
    def verified(self) -> bool:
        return self is not RiskType.ENDURANCE


class AbcClass(str, Enum):
    """An ABC classification, for one outcome or for the whole enterprise."""

    A = "A"  # Act to avoid harm
    B = "B"  # Benefit stakeholders
    C = "C"  # Contribute to solutions
    DOES_CAUSE_HARM = "orsakar skada"  # Does cause harm
    NOT_CLASSIFIED = "ingen klass"  # the kit's name for the gap (see classify_outcome)

    def label(self, lang: str | None = None) -> str:
        return t(f"fd.abc.{_ABC_KEYS[self]}", lang)

    short_label = label

    def meaning(self, lang: str | None = None) -> str:
        return t(f"fd.abc_means.{_ABC_KEYS[self]}", lang)


_ABC_KEYS = {
    AbcClass.A: "a",
    AbcClass.B: "b",
    AbcClass.C: "c",
    AbcClass.DOES_CAUSE_HARM: "harm",
    AbcClass.NOT_CLASSIFIED: "none",
}


# --- the models -----------------------------------------------------------------------


#: How deep inside record construction we are (see _Record.__init__).
_NESTING: ContextVar[int] = ContextVar("five_dimensions_nesting", default=0)


class _Record(BaseModel):
    """Pydantic record whose validation errors become one :class:`SparkInputError`."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        allow_inf_nan=False,
        frozen=True,
    )

    def __init__(self, **data: Any) -> None:
        # Pydantic calls this for nested records too; only the outermost call translates,
        # so that nested errors keep their full path (risk.endurance).
        outer = _NESTING.get() == 0
        token = _NESTING.set(_NESTING.get() + 1)
        try:
            super().__init__(**data)
        except ValidationError as error:
            if not outer:
                raise
            raise SparkInputError(problems_from_validation(error)) from None
        finally:
            _NESTING.reset(token)


class What(_Record):
    """What outcome occurs, and is it good enough?

    ``level`` is the outcome level in the period: the level expected at the end of the
    goal period (basis ``mål``) or the level reached (basis ``utfall``). ``threshold`` is
    the outcome threshold, the level deemed "good enough"; ``threshold_source`` says
    where it comes from. ``significant`` marks an outcome that matters enough to count
    at enterprise level (Impact Frontiers classifies enterprises from their significant
    outcomes).
    """

    outcome: str = Field(min_length=1)
    indicator: str = Field(min_length=1)
    unit: str = ""
    level: float
    threshold: float
    higher_is_better: bool = True
    threshold_source: str = ""
    importance: RatingField
    sdg: int | None = None
    significant: bool = True

    @field_validator("sdg")
    @classmethod
    def _sdg_in_range(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= SDG_COUNT:
            raise PydanticCustomError("fd.sdg", "SDG must be 1-{count}", {"count": SDG_COUNT})
        return value


class Who(_Record):
    """Who experiences the outcome, and how underserved were they?

    ``stakeholder`` is the stakeholder's id in the logic model (or a name);
    ``baseline`` is the outcome level before engaging with the enterprise
    (utgångsvärde), in the indicator's unit.
    """

    stakeholder: str = Field(min_length=1)
    stakeholder_name: str = ""
    baseline: float
    characteristics: str = ""


class HowMuch(_Record):
    """How many experience the outcome (scale) and for how long (duration, in years).

    Depth, the degree of change, is computed from What and Who: see
    :attr:`ImpactProfile.depth`.
    """

    scale: int = Field(ge=0)
    duration_years: float = Field(gt=0, le=100)


class Contribution(_Record):
    """Would the change likely have happened anyway?

    ``counterfactual_level`` is the outcome level the stakeholders would likely have had
    without the enterprise, including what others would have done (so it covers both
    deadweight and attribution in SROI terms). ``enterprise_caused_shortfall`` is True
    when the below-threshold outcome (at the start or now) is caused by the enterprise
    itself: the question that separates A from C.
    """

    counterfactual_level: float
    enterprise_caused_shortfall: bool = False
    evidence: str = ""


class RiskRatings(_Record):
    """The nine impact risk types, each rated :class:`Rating` (every one is required)."""

    evidence: RatingField
    external: RatingField
    stakeholder_participation: RatingField
    drop_off: RatingField
    efficiency: RatingField
    execution: RatingField
    alignment: RatingField
    endurance: RatingField
    unexpected_impact: RatingField

    def get(self, risk: RiskType | str) -> Rating:
        return getattr(self, RiskType(risk).value)

    def items(self) -> list[tuple[RiskType, Rating]]:
        return [(risk, self.get(risk)) for risk in RiskType]

    def score(self) -> int:
        """A cumulative score: låg 1, medel 2, hög 3 summed over the nine types (9–27).

        Impact Frontiers' curriculum suggests combining qualitative assessments of the nine
        risk types "into a cumulative impact risk score"; the points are the kit's choice.
        """
        return sum(rating.points for _, rating in self.items())

    def highest(self) -> Rating:
        return max((rating for _, rating in self.items()), key=lambda r: r.points)

    def count(self, rating: Rating | str) -> int:
        wanted = Rating(parse_rating(rating))
        return sum(1 for _, r in self.items() if r is wanted)


class ImpactProfile(_Record):
    """One outcome across the five dimensions of impact."""

    outcome_id: str = Field(min_length=1)
    basis: Basis = Basis.GOAL
    what: What
    who: Who
    how_much: HowMuch
    contribution: Contribution
    risk: RiskRatings

    def with_changes(self, changes: dict[str, Any]) -> ImpactProfile:
        """A new, validated profile with some fields changed, named by their path:
        ``profile.with_changes({"what.level": 80, "risk.execution": "medel"})``.

        The profile itself never changes. A path that does not exist, or a bad value,
        raises :class:`SparkInputError`.
        """
        data = self.model_dump(mode="json")
        problems = []
        for path, value in changes.items():
            *parents, leaf = str(path).split(".")
            target = data
            for part in parents:
                target = target.get(part) if isinstance(target, dict) else None
            if not isinstance(target, dict) or leaf not in target:
                problems.append(InputProblem("fd.unknown_field", SHEET, None, path, path))
                continue
            target[leaf] = value.value if isinstance(value, Enum) else value
        try:
            changed = profile_from_dict(data)
        except SparkInputError as error:
            raise SparkInputError(problems + error.problems) from None
        if problems:
            raise SparkInputError(problems)
        return changed

    # --- computed: everything the rules use is derived from the numbers ---------------

    @property
    def _sign(self) -> int:
        return 1 if self.what.higher_is_better else -1

    def _better(self, a: float, b: float) -> float:
        """How much better ``a`` is than ``b`` (positive = better), in the unit."""
        return (a - b) * self._sign

    def meets_threshold(self, inclusive_threshold: bool = True) -> bool:
        """Is the outcome level positive, i.e. at (or above) the threshold?"""
        margin = self._better(self.what.level, self.what.threshold)
        return margin >= 0 if inclusive_threshold else margin > 0

    def baseline_meets_threshold(self, inclusive_threshold: bool = True) -> bool:
        margin = self._better(self.who.baseline, self.what.threshold)
        return margin >= 0 if inclusive_threshold else margin > 0

    @property
    def is_positive(self) -> bool:
        """Positive relative to the threshold (level at or above it)."""
        return self.meets_threshold()

    @property
    def underserved_gap(self) -> float:
        """How far the baseline is from the threshold (> 0: underserved), in the unit."""
        return self._better(self.what.threshold, self.who.baseline)

    @property
    def depth(self) -> float:
        """Degree of change: level − baseline, signed so that > 0 is an improvement."""
        return self._better(self.what.level, self.who.baseline)

    @property
    def contribution_depth(self) -> float:
        """Level − counterfactual, signed: the part of the level due to the enterprise."""
        return self._better(self.what.level, self.contribution.counterfactual_level)

    @property
    def caused_change(self) -> bool:
        """A change over time caused by the enterprise: the outcome improved since the
        baseline *and* is better than it would likely have been anyway."""
        return self.depth > 0 and self.contribution_depth > 0

    def anyway_share(self) -> float | None:
        """Share of the change that would likely have happened anyway, 0–1.

        (counterfactual − baseline) / (level − baseline), clipped to 0–1; ``None`` when
        there is no improvement to share. It plays the part of SROI's deadweight and
        attribution together, 1 − (1 − DW)(1 − ATTR), because the counterfactual includes
        what others would have done (an inference from §3.1, "≈ deadweight/attribution").
        """
        if self.depth <= 0:
            return None
        anyway = self._better(self.contribution.counterfactual_level, self.who.baseline)
        if anyway <= 0:
            return 0.0
        return min(anyway / self.depth, 1.0)

    def enterprise_causes_harm(self, inclusive_threshold: bool = True) -> bool:
        """Is a below-threshold outcome caused by the enterprise itself?

        Yes when ``enterprise_caused_shortfall`` is set and the baseline or the level is
        below the threshold (with both above it there is no shortfall for the flag to
        describe, so it is ignored), or when the level is below the threshold and worse
        than it would otherwise be (the enterprise makes it worse).
        """
        meets = self.meets_threshold(inclusive_threshold)
        below_at_some_point = not meets or not self.baseline_meets_threshold(inclusive_threshold)
        flagged = self.contribution.enterprise_caused_shortfall and below_at_some_point
        return flagged or (not meets and self.contribution_depth < 0)


# --- errors ------------------------------------------------------------------------------

_PYDANTIC_CODES = {
    "missing": "value.required",
    "string_too_short": "value.required",
    "float_parsing": "value.not_number",
    "float_type": "value.not_number",
    "int_parsing": "value.not_integer",
    "int_type": "value.not_integer",
    "int_from_float": "value.not_integer",
    "bool_parsing": "value.not_bool",
    "bool_type": "value.not_bool",
    "finite_number": "fd.not_finite",
    "extra_forbidden": "fd.unknown_field",
    "model_type": "fd.not_a_record",
    "dict_type": "fd.not_a_record",
    "list_type": "fd.not_a_list",
}


def problems_from_validation(
    error: ValidationError, row: int | None = None, prefix: str = ""
) -> list[InputProblem]:
    """Turn pydantic's errors into :class:`InputProblem` s: the column is the field's path
    as written in the data (``risk.endurance``), the value the one given."""
    problems = []
    for item in error.errors():
        kind = item["type"]
        column = ".".join(str(part) for part in (prefix, *item["loc"]) if part != "")
        value = item.get("input")
        context = item.get("ctx") or {}
        if kind == "extra_forbidden":
            value = column.rsplit(".", 1)[-1]
        if kind.startswith("fd."):
            code, params = kind, dict(context)
        elif kind == "enum":
            choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
            code, params = "value.choice", {"choices": ", ".join(choices)}
        elif kind in ("greater_than", "greater_than_equal"):
            limit = context.get("gt", context.get("ge"))
            code = (
                "value.negative" if kind == "greater_than_equal" and limit == 0 else "fd.too_small"
            )
            params = {"limit": limit}
        elif kind in ("less_than", "less_than_equal"):
            code, params = "fd.too_large", {"limit": context.get("lt", context.get("le"))}
        else:
            code = _PYDANTIC_CODES.get(kind, "value.invalid")
            params = {"reason": item.get("msg", kind)} if code == "value.invalid" else {}
        if isinstance(value, dict | list):
            value = None
        problems.append(InputProblem(code, SHEET, row, column or None, value, params))
    return problems


# --- reading profiles -------------------------------------------------------------------


def profile_from_dict(data: Any, row: int | None = None) -> ImpactProfile:
    """One profile from plain data (a dict as in the YAML file); ``row`` locates errors."""
    if not isinstance(data, dict):
        raise SparkInputError(InputProblem("fd.not_a_record", SHEET, row, None, None))
    token = _NESTING.set(_NESTING.get() + 1)
    try:
        return ImpactProfile.model_validate(data)
    except ValidationError as error:
        raise SparkInputError(problems_from_validation(error, row)) from None
    finally:
        _NESTING.reset(token)


def profiles_from_data(items: Iterable[Any]) -> list[ImpactProfile]:
    """Profiles from a list of dicts; every problem in every profile is reported at once.

    Rows are numbered as in a sheet whose header is row 1: the first profile is row 2.
    Outcome ids must be unique.
    """
    profiles: list[ImpactProfile] = []
    problems: list[InputProblem] = []
    first_row: dict[str, int] = {}
    for row, item in enumerate(items, start=2):
        try:
            profile = profile_from_dict(item, row)
        except SparkInputError as error:
            problems += error.problems
            continue
        if profile.outcome_id in first_row:
            problems.append(
                InputProblem(
                    "id.duplicate",
                    SHEET,
                    row,
                    "outcome_id",
                    profile.outcome_id,
                    {"first_row": first_row[profile.outcome_id]},
                )
            )
        else:
            first_row[profile.outcome_id] = row
        profiles.append(profile)
    if problems:
        raise SparkInputError(problems)
    return profiles


@cache
def _example_data(name: str) -> dict:
    path = Path(EXAMPLES_DIR) / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_example_profiles(name: str = EXAMPLE_PROFILES) -> list[ImpactProfile]:
    """The fictional Granbacka byakooperativ's profiles for its outcomes R1–R5."""
    return profiles_from_data(_example_data(name)["profiles"])


def example_is_fictional(name: str = EXAMPLE_PROFILES) -> bool:
    return bool(_example_data(name).get("fictional"))


# --- ABC classification -----------------------------------------------------------------


def classify_outcome(profile: ImpactProfile, *, inclusive_threshold: bool = True) -> AbcClass:
    """The ABC classification of one outcome (Impact Frontiers, ABC at outcome level).

    Source (reference §3.3; impactfrontiers.org/norms/abc-of-enterprise-impact/outcome-
    level/): "Benefiting stakeholders" is an *outcome* classification, "based on a level
    of performance rather than a change in performance", needing no causation. "Act to
    avoid harm" and "Contribute to solutions" are *impact* classifications: they "require
    change over time that is caused by the enterprise" and differ in "whether the original
    below-threshold outcome was originally caused by the enterprise itself" (A) "or not"
    (C) and whether the outcome crosses the threshold into the sustainable range.

    How the fields map to the rules, checked in this order:

    1. *Caused change* = ``depth > 0`` (better than the baseline: change over time) and
       ``contribution_depth > 0`` (better than the counterfactual: caused by the
       enterprise).
    2. *Caused by the enterprise itself* = :meth:`ImpactProfile.enterprise_causes_harm`:
       ``enterprise_caused_shortfall`` while the baseline or the level is below the
       threshold, or a below-threshold level worse than the counterfactual (the
       enterprise makes it worse).
    3. Caused by the enterprise itself and caused change → **A**, whether or not the
       threshold is reached yet: the enterprise-level rule calls an improving harm an "A"
       ("Until performance on that outcome improves (becoming an 'A')").
    4. Caused by the enterprise itself, no caused change, level below the threshold →
       **orsakar skada** (does cause harm).
    5. Not caused by the enterprise, baseline below the threshold, level at or above it,
       caused change → **C** (crossed, or with basis ``mål`` expected to cross).
    6. Level at or above the threshold → **B** (no causation needed; this includes a
       baseline that already met the threshold, and a crossing the enterprise did not
       cause).
    7. Otherwise → **ingen klass** (not classified). *Gap in the reference*: an outcome
       the enterprise did not cause, still below the threshold and not expected to cross
       it, fits none of A, B and C. The kit does not stretch C to cover it; it is not a
       negative impact of the enterprise either, so it does not block the enterprise
       classification.

    Precedence (a documented choice): A and C, which carry caused change, come before B,
    so an outcome both above the threshold and lifted there by the enterprise is C (or A).
    Importance, SDG, scale, duration and the risk ratings do not enter the rules as
    written; ``significant`` matters only at enterprise level.

    ``inclusive_threshold``: a level exactly at the threshold meets it (True, the default:
    the threshold is the level "deemed good enough") or must surpass it (False: the What
    page says a positive outcome "surpasses" the threshold).
    """
    return _classify(profile, inclusive_threshold)[0]


def _classify(profile: ImpactProfile, inclusive_threshold: bool) -> tuple[AbcClass, str]:
    meets = profile.meets_threshold(inclusive_threshold)
    baseline_meets = profile.baseline_meets_threshold(inclusive_threshold)
    if profile.enterprise_causes_harm(inclusive_threshold):
        if profile.caused_change:
            return AbcClass.A, "a_improving"
        if not meets:
            return AbcClass.DOES_CAUSE_HARM, "harm_not_improving"
        return AbcClass.B, "b_harm_resolved"
    if meets and profile.caused_change and not baseline_meets:
        return AbcClass.C, "c_crossing"
    if meets:
        if baseline_meets:
            return AbcClass.B, "b_above"
        return AbcClass.B, "b_crossed_not_caused"
    if profile.caused_change:
        return AbcClass.NOT_CLASSIFIED, "none_below_threshold"
    return AbcClass.NOT_CLASSIFIED, "none_no_caused_change"


def explain_outcome(
    profile: ImpactProfile, lang: str | None = None, *, inclusive_threshold: bool = True
) -> str:
    """Why the outcome gets its class, in words, with the numbers."""
    lang = resolve_lang(lang)
    abc, reason = _classify(profile, inclusive_threshold)
    verb = t(f"fd.basis_verb.{profile.basis.value}", lang)
    return t(
        f"fd.reason.{reason}",
        lang,
        id=profile.outcome_id,
        abc=abc.label(lang),
        level=_num(profile.what.level, lang),
        threshold=_num(profile.what.threshold, lang),
        baseline=_num(profile.who.baseline, lang),
        counterfactual=_num(profile.contribution.counterfactual_level, lang),
        verb=verb,
    )


def classify_enterprise(
    profiles: Sequence[ImpactProfile],
    *,
    when_b_and_c: Literal["C", "B"] = "C",
    inclusive_threshold: bool = True,
) -> AbcClass:
    """The ABC classification of the enterprise from its outcomes (Impact Frontiers, ABC at
    enterprise level; reference §3.3).

    Only significant outcomes count ("Classifying each of an organization's significant
    outcomes enables classification of the organization as a whole"). The source's rules:

    - "Organizations causing significant negative impacts that are not improving are
      classified as Does cause harm … the organization cannot be classified as A, B or C
      overall" → any significant outcome classed **orsakar skada** gives **orsakar
      skada**. The enterprise's negative impacts are its outcomes classed A or orsakar
      skada (below-threshold outcomes it causes).
    - "Organizations with at least one Benefit stakeholders impact are classified 'B'
      overall if all other significant negative impacts are 'A's'" → **B**.
    - "Organizations with at least one Contribute to solutions impact are classified 'C'
      overall if all other significant negative impacts are at least 'A's'" → **C**.

    Gaps, filled by documented choices:

    - *Both a B and a C*: both rules apply as written and the source does not rank them.
      ``when_b_and_c="C"`` (default) takes the higher step, reading A–B–C as an ascending
      scale (inference); ``"B"`` takes the cautious reading.
    - *Only A's* (no B or C, every negative improving): **A**, from the first rule ("at a
      minimum be Acting to reduce harm (A's)") and the source's example of an "Act to
      avoid harm organization".
    - *Nothing classifiable* (only outcomes with no class, or none significant):
      **ingen klass**.
    """
    if when_b_and_c not in ("C", "B"):
        raise SparkInputError(
            InputProblem(
                "value.choice", None, None, "when_b_and_c", when_b_and_c, {"choices": "C, B"}
            )
        )
    return _classify_enterprise(profiles, when_b_and_c, inclusive_threshold)[0]


def _classify_enterprise(
    profiles: Sequence[ImpactProfile], when_b_and_c: str, inclusive_threshold: bool
) -> tuple[AbcClass, str, dict[AbcClass, list[str]]]:
    profiles = list(profiles)
    if not profiles:
        raise SparkInputError(InputProblem("fd.no_profiles", SHEET))
    problems = []
    for row, profile in enumerate(profiles, start=2):
        if not isinstance(profile, ImpactProfile):
            problems.append(
                InputProblem("fd.not_a_profile", SHEET, row, None, type(profile).__name__)
            )
    if problems:
        raise SparkInputError(problems)
    by_class: dict[AbcClass, list[str]] = {abc: [] for abc in AbcClass}
    for profile in profiles:
        if profile.what.significant:
            abc = classify_outcome(profile, inclusive_threshold=inclusive_threshold)
            by_class[abc].append(profile.outcome_id)
    if by_class[AbcClass.DOES_CAUSE_HARM]:
        return AbcClass.DOES_CAUSE_HARM, "harm", by_class
    has_b, has_c = bool(by_class[AbcClass.B]), bool(by_class[AbcClass.C])
    if has_b and has_c:
        return AbcClass(when_b_and_c), f"b_and_c_{when_b_and_c.lower()}", by_class
    if has_c:
        return AbcClass.C, "c", by_class
    if has_b:
        return AbcClass.B, "b", by_class
    if by_class[AbcClass.A]:
        return AbcClass.A, "a", by_class
    return AbcClass.NOT_CLASSIFIED, "none", by_class


def explain_enterprise(
    profiles: Sequence[ImpactProfile],
    lang: str | None = None,
    *,
    when_b_and_c: Literal["C", "B"] = "C",
    inclusive_threshold: bool = True,
) -> str:
    """Which enterprise-level rule decided, and which outcomes it rests on."""
    lang = resolve_lang(lang)
    abc, reason, by_class = _classify_enterprise(profiles, when_b_and_c, inclusive_threshold)
    none = t("fd.none_listed", lang)

    def ids(cls: AbcClass) -> str:
        return ", ".join(by_class[cls]) or none

    return t(
        f"fd.enterprise.{reason}",
        lang,
        abc=abc.label(lang),
        a=ids(AbcClass.A),
        b=ids(AbcClass.B),
        c=ids(AbcClass.C),
        harm=ids(AbcClass.DOES_CAUSE_HARM),
    )


def _num(value: float, lang: str) -> str:
    return format_number(value, lang)


__all__ = [
    "AbcClass",
    "Basis",
    "Contribution",
    "HowMuch",
    "ImpactProfile",
    "Rating",
    "RiskRatings",
    "RiskType",
    "What",
    "Who",
    "classify_enterprise",
    "classify_outcome",
    "explain_enterprise",
    "explain_outcome",
    "load_example_profiles",
    "parse_rating",
    "profile_from_dict",
    "profiles_from_data",
]
