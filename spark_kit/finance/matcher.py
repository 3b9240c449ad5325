"""Which financing sources fit an enterprise: a profile, hard exclusions and a ranked list.

An :class:`Enterprise` is a profile: legal form, age, employees, turnover, purpose, amount
needed and county. :func:`match` compares it with each source in the catalogue
(:mod:`spark_kit.finance.sources`) and returns a :class:`MatchResult`.

**Hard exclusions are not suggested.** A source is left out of ``suggestions`` and listed in
``excluded`` — with the reason and the fact (and its source) that gives it — when

1. its facts close it to the enterprise's legal form (for example: Almi does not lend to
   ideella föreningar, Almi's own FAQ);
2. the purpose is not one the source serves (the kit's classification of purposes);
3. it exists only in other counties;
4. the enterprise is below a minimum or above a maximum the source states (age in years,
   employees, turnover).

A user therefore never sees a closed door as a suggestion, but can always see which doors are
closed and why (``MatchResult.excluded``).

**Ranking** (points; deterministic). For each remaining source:

- legal form open to the enterprise according to the source: **+3**; the source states no
  rule on legal form: **+1**; open on a condition (for example an ekonomisk förening whose
  statutes return the surplus to the activity): **0**, and the condition becomes a warning;
- the purpose is served: **+2**;
- the amount needed lies within the source's stated range: **+2**; the source states no
  amount: **+1**; above its maximum: **0** and a warning (combine sources); below its
  minimum: **−1** and a warning;
- each stated threshold the enterprise meets (minimum age, minimum or maximum employees,
  minimum turnover): **+1**.

Ties are broken by fewer unverified facts, then by name (case-insensitive), then by id.
Scores rank sources for one profile; they are not a probability of getting the money.

Every suggestion carries its reasons (why it fits), its conditions, its warnings — including
the rules on taking repayable money from the public for member loans and crowdlending, the
de minimis ceiling for de minimis aid, and every unverified fact marked as such — and the
citations of all facts used.

>>> profile = Enterprise(legal_form="ideell förening", age_years=30, employees=0,
...     turnover_sek=150_000, purpose="investering", amount_sek=300_000, region="Västerbotten")
>>> result = match(profile)
>>> "almi" in [s.source_id for s in result.suggestions]
False
>>> [e.reason_code for e in result.excluded if e.source_id == "almi"]
['legal_form']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.sources import (
    COUNTIES,
    LEGAL_FORMS,
    PURPOSES,
    Catalogue,
    Fact,
    FinancingSource,
    load_catalogue,
)
from spark_kit.i18n import format_money, format_number, resolve_lang, t

#: Points of the ranking rules (see the module docstring).
POINTS = {
    "form_open": 3,
    "form_not_stated": 1,
    "form_conditional": 0,
    "purpose": 2,
    "amount_within": 2,
    "amount_not_stated": 1,
    "amount_above_max": 0,
    "amount_below_min": -1,
    "threshold_met": 1,
}


def _key(text: str) -> str:
    """Lower case, no dots, brackets or hyphens, single spaces: ``"Ek. för."`` → ``"ek för"``."""
    text = re.sub(r"[.()\-–,]", " ", str(text).casefold())
    return re.sub(r"\s+", " ", text).strip()


#: Accepted spellings (after :func:`_key`) for each legal form.
LEGAL_FORM_SPELLINGS: dict[str, str] = {
    **{_key(f): f for f in LEGAL_FORMS},
    **{_key(f.replace("_", " ")): f for f in LEGAL_FORMS},
    "ideell förening": "ideell_forening",
    "ideell": "ideell_forening",
    "ideella föreningar": "ideell_forening",
    "ideell forening": "ideell_forening",
    "non profit association": "ideell_forening",
    "nonprofit association": "ideell_forening",
    "ekonomisk förening": "ekonomisk_forening",
    "ekonomisk forening": "ekonomisk_forening",
    "ekonomiska föreningar": "ekonomisk_forening",
    "ek för": "ekonomisk_forening",
    "ek förening": "ekonomisk_forening",
    "kooperativ": "ekonomisk_forening",
    "cooperative": "ekonomisk_forening",
    "economic association": "ekonomisk_forening",
    "aktiebolag": "aktiebolag",
    "ab": "aktiebolag",
    "limited company": "aktiebolag",
    "aktiebolag med särskild vinstutdelningsbegränsning": "aktiebolag_svb",
    "aktiebolag med sarskild vinstutdelningsbegransning": "aktiebolag_svb",
    "ab svb": "aktiebolag_svb",
    "svb": "aktiebolag_svb",
    "svb bolag": "aktiebolag_svb",
    "aktiebolag svb": "aktiebolag_svb",
    "limited company with restricted profit distribution": "aktiebolag_svb",
    "stiftelse": "stiftelse",
    "foundation": "stiftelse",
}

#: Accepted spellings (after :func:`_key`) for each purpose.
PURPOSE_SPELLINGS: dict[str, str] = {
    **{_key(p): p for p in PURPOSES},
    **{_key(p.replace("_", " ")): p for p in PURPOSES},
    "investering": "investment",
    "investeringar": "investment",
    "rörelsekapital": "working_capital",
    "rorelsekapital": "working_capital",
    "likviditet": "working_capital",
    "bryggfinansiering": "bridging",
    "brygga": "bridging",
    "bryggfinansiering i väntan på stöd": "bridging",
    "bridging finance": "bridging",
    "bridge": "bridging",
    "utveckling": "development",
    "utveckling och projekt": "development",
    "projekt": "development",
}


def _region_spellings() -> dict[str, str]:
    spellings = {}
    for region, name in COUNTIES.items():
        spellings[_key(region)] = region
        spellings[_key(region.replace("_", " "))] = region
        spellings[_key(name)] = region
        short = name.removesuffix(" län")
        spellings[_key(short)] = region
        if short.endswith("s") and short not in ("Kalmar", "Uppsala", "Skåne", "Örebro"):
            spellings[_key(short[:-1])] = region  # "Västerbottens" → "Västerbotten"
    return spellings


#: Accepted spellings for each county: id, full name ("Västerbottens län") and short name.
REGION_SPELLINGS = _region_spellings()


@dataclass(frozen=True)
class Enterprise:
    """An enterprise's profile for matching; every field is checked on creation.

    ``legal_form`` accepts the usual spellings ("ekonomisk förening", "ek. för.", "AB",
    "AB (SVB)", "ideell förening", "stiftelse", or the ids); ``purpose`` "investering",
    "rörelsekapital", "bryggfinansiering", "utveckling" (or the English words);
    ``region`` a county ("Västerbottens län", "Västerbotten", "vasterbotten"). Numbers may be
    given as numbers or as text such as ``"1 200 000"``. Bad values raise
    :class:`~spark_kit.errors.SparkInputError` naming each field, the value and what is
    accepted.
    """

    legal_form: str
    age_years: float
    employees: int
    turnover_sek: float
    purpose: str
    amount_sek: float
    region: str
    name: str = ""
    fictional: bool = False

    def __post_init__(self) -> None:
        problems: list[InputProblem] = []
        values: dict[str, Any] = {}
        values["legal_form"] = _choice(
            self.legal_form, LEGAL_FORM_SPELLINGS, "legal_form", "matcher.legal_form.unknown",
            ", ".join(_LEGAL_FORM_NAMES), problems,
        )  # fmt: skip
        values["purpose"] = _choice(
            self.purpose, PURPOSE_SPELLINGS, "purpose", "matcher.purpose.unknown",
            ", ".join(_PURPOSE_NAMES), problems,
        )  # fmt: skip
        values["region"] = _choice(
            self.region, REGION_SPELLINGS, "region", "matcher.region.unknown",
            ", ".join(COUNTIES.values()), problems,
        )  # fmt: skip
        values["age_years"] = _number(self.age_years, "age_years", problems, minimum=0)
        values["employees"] = _number(self.employees, "employees", problems, 0, integer=True)
        values["turnover_sek"] = _number(self.turnover_sek, "turnover_sek", problems, minimum=0)
        values["amount_sek"] = _number(self.amount_sek, "amount_sek", problems, positive=True)
        if problems:
            raise SparkInputError(problems)
        for key, value in values.items():
            object.__setattr__(self, key, value)

    def legal_form_label(self, lang: str | None = None) -> str:
        return load_catalogue().label("legal_forms", self.legal_form, lang)

    def purpose_label(self, lang: str | None = None) -> str:
        return load_catalogue().label("purposes", self.purpose, lang)

    def region_label(self) -> str:
        return COUNTIES[self.region]


_LEGAL_FORM_NAMES = (
    "ideell förening",
    "ekonomisk förening",
    "aktiebolag",
    "aktiebolag med särskild vinstutdelningsbegränsning (AB SVB)",
    "stiftelse",
)
_PURPOSE_NAMES = ("investering", "rörelsekapital", "bryggfinansiering", "utveckling")


def _choice(raw, spellings, column, code, choices, problems) -> str | None:
    if isinstance(raw, str) and _key(raw) in spellings:
        return spellings[_key(raw)]
    shown = raw if raw is None or isinstance(raw, str) else repr(raw)
    problems.append(InputProblem(code, None, None, column, shown, {"choices": choices}))
    return None


def _number(raw, column, problems, minimum=None, integer=False, positive=False):
    value = None
    if isinstance(raw, bool) or raw is None:
        value = None
    elif isinstance(raw, int | float):
        value = float(raw) if math.isfinite(raw) else None
    elif isinstance(raw, str):
        text = re.sub(r"[\s\u00a0\u202f]|kr|sek|år", "", raw.strip().casefold())
        if re.fullmatch(r"[-−]?\d+([.,]\d+)?", text):
            value = float(text.replace(",", ".").replace("−", "-"))
    if value is None:
        problems.append(InputProblem("value.not_number", None, None, column, raw))
        return None
    if (minimum is not None and value < minimum) or (positive and value < 0):
        problems.append(InputProblem("value.negative", None, None, column, raw))
        return None
    if positive and value == 0:
        problems.append(InputProblem("matcher.amount.not_positive", None, None, column, raw))
        return None
    if integer:
        if not value.is_integer():
            problems.append(InputProblem("value.not_integer", None, None, column, raw))
            return None
        return int(value)
    return value


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A condition or warning: its text, whether its fact is verified, and its citation.

    ``citation`` is empty for lines the kit writes itself (for example "the amount is above
    the source's maximum"), which then cite the fact they rest on through ``fact_id``.
    """

    text: str
    citation: str
    verified: bool = True
    fact_id: str | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Suggestion:
    """One source that fits, with its score, why, its conditions, warnings and sources."""

    source_id: str
    name: str
    type_label: str
    score: int
    reasons: tuple[str, ...]
    conditions: tuple[Line, ...]
    warnings: tuple[Line, ...]
    notes: tuple[Line, ...]
    sources: tuple[str, ...]
    unverified: int
    repayable: bool


@dataclass(frozen=True)
class Exclusion:
    """A source that does not fit, with the reason and the line (and source) that gives it."""

    source_id: str
    name: str
    reason_code: str  # legal_form, purpose, region or eligibility
    reason: str
    line: Line | None = None


@dataclass(frozen=True)
class MatchResult:
    profile: Enterprise
    suggestions: tuple[Suggestion, ...]
    excluded: tuple[Exclusion, ...]
    lang: str = "sv"
    catalogue: Catalogue | None = field(default=None, repr=False, compare=False)

    def suggestion(self, source_id: str) -> Suggestion:
        for item in self.suggestions:
            if item.source_id == source_id:
                return item
        raise KeyError(source_id)

    def table(self) -> list[dict[str, Any]]:
        """One row per suggestion, for a table: rank, name, type, score, why, warnings."""
        heads = {k: t(f"matcher.column.{k}", self.lang) for k in _TABLE_COLUMNS}
        return [
            {
                heads["rank"]: rank,
                heads["name"]: s.name,
                heads["type"]: s.type_label,
                heads["score"]: s.score,
                heads["why"]: " ".join(s.reasons),
                heads["warnings"]: len(s.warnings),
            }
            for rank, s in enumerate(self.suggestions, start=1)
        ]

    def excluded_table(self) -> list[dict[str, Any]]:
        heads = {k: t(f"matcher.column.{k}", self.lang) for k in ("name", "reason", "source")}
        return [
            {
                heads["name"]: e.name,
                heads["reason"]: e.reason,
                heads["source"]: e.line.citation if e.line else "",
            }
            for e in self.excluded
        ]


_TABLE_COLUMNS = ("rank", "name", "type", "score", "why", "warnings")


def _line(fact: Fact, lang: str) -> Line:
    return Line(fact.display(lang), fact.citation(), fact.verified, fact.id)


def _kr(value: float, lang: str) -> str:
    return format_money(value, lang, decimals=0)


def _range(source: FinancingSource, lang: str) -> str:
    low, high = source.min_amount_sek, source.max_amount_sek
    if low is not None and high is not None:
        return f"{_kr(low, lang)}–{_kr(high, lang)}"
    if high is not None:
        return t("matcher.range.at_most", lang, amount=_kr(high, lang))
    return t("matcher.range.at_least", lang, amount=_kr(low, lang))


_THRESHOLDS = (
    ("min_age_years", "age_years", "min"),
    ("min_employees", "employees", "min"),
    ("max_employees", "employees", "max"),
    ("min_turnover_sek", "turnover_sek", "min"),
)


def _show(field_name: str, value: float, lang: str) -> str:
    if field_name == "turnover_sek":
        return _kr(value, lang)
    return format_number(value, lang)


def _exclusion(
    source: FinancingSource, profile: Enterprise, catalogue: Catalogue, lang: str
) -> Exclusion | None:
    form = profile.legal_form
    if source.form_status(form) == "closed":
        fact = source.fact(source.forms_fact)
        reason = t(
            "matcher.excluded.legal_form", lang,
            form=catalogue.label("legal_forms", form, lang), fact=fact.display(lang),
        )  # fmt: skip
        return Exclusion(source.id, source.name, "legal_form", reason, _line(fact, lang))
    if profile.purpose not in source.purposes:
        served = ", ".join(catalogue.label("purposes", p, lang) for p in source.purposes)
        reason = t(
            "matcher.excluded.purpose", lang,
            purpose=profile.purpose_label(lang), purposes=served,
        )  # fmt: skip
        return Exclusion(source.id, source.name, "purpose", reason)
    if source.regions is not None and profile.region not in source.regions:
        fact = source.fact(source.region_fact)
        regions = ", ".join(COUNTIES[r] for r in source.regions)
        reason = t("matcher.excluded.region", lang, regions=regions, region=profile.region_label())
        return Exclusion(source.id, source.name, "region", reason, _line(fact, lang))
    for attribute, field_name, kind in _THRESHOLDS:
        threshold = getattr(source, attribute)
        if threshold is None:
            continue
        value = getattr(profile, field_name)
        if (kind == "min" and value < threshold.value) or (
            kind == "max" and value > threshold.value
        ):
            fact = source.fact(threshold.fact_id)
            reason = t(
                f"matcher.excluded.{attribute}", lang,
                limit=_show(field_name, threshold.value, lang),
                value=_show(field_name, value, lang),
            )  # fmt: skip
            return Exclusion(source.id, source.name, "eligibility", reason, _line(fact, lang))
    return None


def _suggest(
    source: FinancingSource, profile: Enterprise, catalogue: Catalogue, lang: str
) -> Suggestion:
    score = 0
    reasons: list[str] = []
    warnings: list[Line] = []
    used: set[str] = set()
    form_label = catalogue.label("legal_forms", profile.legal_form, lang)

    status = source.form_status(profile.legal_form)
    score += POINTS[f"form_{status}"]
    reasons.append(t(f"matcher.reason.form_{status}", lang, form=form_label))
    if status == "conditional":
        fact = source.fact(source.forms_fact)
        warnings.append(_line(fact, lang))
        used.add(fact.id)

    score += POINTS["purpose"]
    reasons.append(t("matcher.reason.purpose", lang, purpose=profile.purpose_label(lang)))

    amount = _kr(profile.amount_sek, lang)
    low, high = source.min_amount_sek, source.max_amount_sek
    if low is None and high is None:
        score += POINTS["amount_not_stated"]
        reasons.append(t("matcher.reason.amount_not_stated", lang))
    else:
        fact = source.fact(source.amount_fact)
        if high is not None and profile.amount_sek > high:
            score += POINTS["amount_above_max"]
            text = t("matcher.warning.above_max", lang, amount=amount, limit=_kr(high, lang))
            warnings.append(Line(text, fact.citation(), fact.verified, fact.id))
        elif low is not None and profile.amount_sek < low:
            score += POINTS["amount_below_min"]
            text = t("matcher.warning.below_min", lang, amount=amount, limit=_kr(low, lang))
            warnings.append(Line(text, fact.citation(), fact.verified, fact.id))
        else:
            score += POINTS["amount_within"]
            reasons.append(
                t("matcher.reason.amount_within", lang, amount=amount, range=_range(source, lang))
            )

    for attribute, field_name, _kind in _THRESHOLDS:
        threshold = getattr(source, attribute)
        if threshold is None:
            continue
        score += POINTS["threshold_met"]
        reasons.append(
            t(
                f"matcher.reason.{attribute}", lang,
                limit=_show(field_name, threshold.value, lang),
                value=_show(field_name, getattr(profile, field_name), lang),
            )
        )  # fmt: skip

    if source.regions is not None:
        reasons.append(t("matcher.reason.region", lang, region=profile.region_label()))

    conditions: list[Line] = []
    notes: list[Line] = []
    for fact in source.facts:
        if fact.id in used:
            continue
        if fact.role in ("warning", "exclusion"):
            warnings.append(_line(fact, lang))
        elif fact.role == "context":
            notes.append(_line(fact, lang))
        else:
            conditions.append(_line(fact, lang))
    if source.public_money:
        warnings.extend(_line(rule, lang) for rule in catalogue.public_money_rules)
    if source.de_minimis_fact:
        ceiling = catalogue.de_minimis.ceiling
        text = t(
            "matcher.warning.de_minimis", lang,
            ceiling=format_money(catalogue.de_minimis.ceiling_eur, lang, "EUR", decimals=0),
            years=catalogue.de_minimis.period_years,
        )  # fmt: skip
        warnings.append(Line(text, ceiling.citation(), ceiling.verified, ceiling.id))

    lines = conditions + warnings + notes
    citations = tuple(dict.fromkeys(line.citation for line in lines if line.citation))
    unverified = sum(1 for f in source.facts if not f.verified)
    if unverified:
        warnings.append(Line(t("matcher.warning.unverified", lang, count=unverified), "", False))
    return Suggestion(
        source_id=source.id,
        name=source.name,
        type_label=catalogue.label("types", source.type, lang),
        score=score,
        reasons=tuple(reasons),
        conditions=tuple(conditions),
        warnings=tuple(warnings),
        notes=tuple(notes),
        sources=citations,
        unverified=unverified,
        repayable=source.repayable,
    )


def match(
    profile: Enterprise, catalogue: Catalogue | None = None, lang: str | None = None
) -> MatchResult:
    """Rank the catalogue's sources for ``profile``; see the module docstring for the rules.

    Returns suggestions (best first) and the sources excluded, each with its reason.
    """
    if not isinstance(profile, Enterprise):
        raise SparkInputError(
            InputProblem(
                "matcher.profile.wrong_type", None, None, "profile", type(profile).__name__
            )
        )
    catalogue = catalogue or load_catalogue()
    lang = resolve_lang(lang)
    suggestions, excluded = [], []
    for source in catalogue.sources:
        exclusion = _exclusion(source, profile, catalogue, lang)
        if exclusion is not None:
            excluded.append(exclusion)
        else:
            suggestions.append(_suggest(source, profile, catalogue, lang))
    suggestions.sort(key=lambda s: (-s.score, s.unverified, s.name.casefold(), s.source_id))
    return MatchResult(profile, tuple(suggestions), tuple(excluded), lang, catalogue)
