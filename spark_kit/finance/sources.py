"""The catalogue of financing sources: reading and checking its YAML file.

The file is ``data/reference/finansieringskallor.yaml``.

Every statement in the catalogue is a :class:`Fact` with its source, publisher, year (``None``
when the source gives none), address and ``as_of`` date, and a ``verified`` flag. A fact the
kit's reference marks as an interpretation, undated or unchecked, and that the kit could not
confirm, has ``verified=False`` and is always shown with the words "ej verifierad" /
"unverified" (:meth:`Fact.display`). :func:`read_catalogue` refuses a catalogue in which any
fact lacks a source, publisher, address or ``as_of``, naming each problem
(:class:`~spark_kit.errors.SparkInputError`).

A source's type, purposes and whether it is repaid are the kit's own classification, not
facts; the legal forms it is open or closed to, its amount range and its thresholds each point
at the fact that states them.

>>> catalogue = load_catalogue()
>>> catalogue.source("almi").closed_forms
('ideell_forening',)
>>> catalogue.de_minimis.ceiling_eur
300000.0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import resolve_lang, t
from spark_kit.paths import DATA_DIR

CATALOGUE_FILE = DATA_DIR / "reference" / "finansieringskallor.yaml"
SHEET = "finansieringskallor.yaml"

LEGAL_FORMS = ("ideell_forening", "ekonomisk_forening", "aktiebolag", "aktiebolag_svb", "stiftelse")
PURPOSES = ("investment", "working_capital", "bridging", "development")
ROLES = ("amount", "condition", "eligibility", "cost", "warning", "exclusion", "context")
AS_OF_BASES = ("source", "compiled", "checked")

#: Sweden's 21 counties (län): id → Swedish name. Used for an enterprise's region and for
#: sources that exist only in some counties.
COUNTIES: dict[str, str] = {
    "stockholm": "Stockholms län",
    "uppsala": "Uppsala län",
    "sodermanland": "Södermanlands län",
    "ostergotland": "Östergötlands län",
    "jonkoping": "Jönköpings län",
    "kronoberg": "Kronobergs län",
    "kalmar": "Kalmar län",
    "gotland": "Gotlands län",
    "blekinge": "Blekinge län",
    "skane": "Skåne län",
    "halland": "Hallands län",
    "vastra_gotaland": "Västra Götalands län",
    "varmland": "Värmlands län",
    "orebro": "Örebro län",
    "vastmanland": "Västmanlands län",
    "dalarna": "Dalarnas län",
    "gavleborg": "Gävleborgs län",
    "vasternorrland": "Västernorrlands län",
    "jamtland": "Jämtlands län",
    "vasterbotten": "Västerbottens län",
    "norrbotten": "Norrbottens län",
}

_FACT_REQUIRED = ("id", "role", "sv", "en", "source", "publisher", "address", "as_of")


@dataclass(frozen=True)
class Fact:
    """One sourced statement, in Swedish and English."""

    id: str
    role: str
    sv: str
    en: str
    source: str
    publisher: str
    year: int | None
    address: str
    as_of: dt.date
    as_of_basis: str
    verified: bool
    checked: str = ""
    value: float | None = None
    unit: str = ""

    def text(self, lang: str | None = None) -> str:
        """The statement in ``lang`` (Swedish by default)."""
        return self.en if resolve_lang(lang) == "en" else self.sv

    def citation(self) -> str:
        """``Publisher (year): source. address`` — the year is left out when there is none."""
        year = f" ({self.year})" if self.year else ""
        return f"{self.publisher}{year}: {self.source}. {self.address}"

    def as_of_label(self, lang: str | None = None) -> str:
        """What ``as_of`` means: a date in the source, the day the kit compiled the fact from
        its reference, or the day the fact was checked against a stored copy of the page."""
        return t(f"sources.as_of_basis.{self.as_of_basis}", lang)

    def display(self, lang: str | None = None) -> str:
        """The statement as shown to a user: unverified facts say so, always."""
        text = self.text(lang)
        return text if self.verified else f"{text} ({t('sources.unverified', lang)})"


@dataclass(frozen=True)
class Threshold:
    """A numeric limit of a source (for example at least 1 year trading) and its fact."""

    value: float
    fact_id: str


@dataclass(frozen=True)
class FinancingSource:
    """One source of finance in the catalogue."""

    id: str
    name: str
    type: str
    purposes: tuple[str, ...]
    repayable: bool
    public_money: bool
    regions: tuple[str, ...] | None  # None: the whole country
    region_fact: str | None
    open_forms: tuple[str, ...]
    conditional_forms: tuple[str, ...]
    closed_forms: tuple[str, ...]
    forms_fact: str | None
    min_amount_sek: float | None
    max_amount_sek: float | None
    amount_fact: str | None
    min_age_years: Threshold | None
    min_employees: Threshold | None
    max_employees: Threshold | None
    min_turnover_sek: Threshold | None
    de_minimis_fact: str | None
    facts: tuple[Fact, ...]

    def fact(self, fact_id: str) -> Fact:
        for item in self.facts:
            if item.id == fact_id:
                return item
        raise KeyError(fact_id)

    def form_status(self, legal_form: str) -> str:
        """``open``, ``conditional``, ``closed`` or ``not_stated`` for a legal-form id."""
        if legal_form in self.closed_forms:
            return "closed"
        if legal_form in self.conditional_forms:
            return "conditional"
        if legal_form in self.open_forms:
            return "open"
        return "not_stated"


@dataclass(frozen=True)
class DeMinimisRule:
    """The de minimis ceiling and its period rule, as the catalogue states them."""

    ceiling_eur: float
    sgei_ceiling_eur: float
    period_years: int
    ceiling: Fact
    sgei_ceiling: Fact
    period: Fact
    window_edge: Fact
    granted_when: Fact
    currency_sv: str
    currency_en: str

    def facts(self) -> tuple[Fact, ...]:
        return (self.ceiling, self.sgei_ceiling, self.period, self.window_edge, self.granted_when)

    def currency_note(self, lang: str | None = None) -> str:
        return self.currency_en if resolve_lang(lang) == "en" else self.currency_sv


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue: sources, shared rules on public money, and de minimis."""

    meta: dict[str, Any]
    labels: dict[str, dict[str, dict[str, str]]]
    sources: tuple[FinancingSource, ...]
    public_money_rules: tuple[Fact, ...]
    de_minimis: DeMinimisRule
    path: Path = field(default=CATALOGUE_FILE, compare=False)

    def source(self, source_id: str) -> FinancingSource:
        for item in self.sources:
            if item.id == source_id:
                return item
        raise KeyError(source_id)

    def all_facts(self) -> list[Fact]:
        """Every fact: per source, the shared public-money rules and the de minimis facts."""
        facts = [f for s in self.sources for f in s.facts]
        return facts + list(self.public_money_rules) + list(self.de_minimis.facts())

    def counts(self) -> dict[str, int]:
        """Number of sources, of facts, and of verified and unverified facts."""
        facts = self.all_facts()
        verified = sum(1 for f in facts if f.verified)
        return {
            "sources": len(self.sources),
            "facts": len(facts),
            "verified": verified,
            "unverified": len(facts) - verified,
        }

    def label(self, kind: str, key: str, lang: str | None = None) -> str:
        """The Swedish or English label of a legal form, purpose or type id."""
        return self.labels[kind][key][resolve_lang(lang)]

    def region_label(self, region: str) -> str:
        return COUNTIES[region]


# --- reading and checking ------------------------------------------------------------------


class _Checker:
    def __init__(self) -> None:
        self.problems: list[InputProblem] = []
        self.fact_ids: set[str] = set()

    def add(self, code: str, where: str, value: Any = None, **params: Any) -> None:
        self.problems.append(InputProblem(code, SHEET, None, where, value, params))

    def fact(self, raw: Any, where: str) -> Fact | None:
        if not isinstance(raw, dict):
            self.add("value.required", where)
            return None
        ok = True
        for key in _FACT_REQUIRED:
            value = raw.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.add("value.required", f"{where}.{key}")
                ok = False
        fact_id = str(raw.get("id") or "")
        if fact_id in self.fact_ids:
            self.add("sources.data.duplicate", f"{where}.id", fact_id)
            ok = False
        self.fact_ids.add(fact_id)
        role = raw.get("role")
        if role is not None and role not in ROLES:
            self.add("value.choice", f"{where}.role", role, choices=", ".join(ROLES))
            ok = False
        basis = raw.get("as_of_basis")
        if basis not in AS_OF_BASES:
            self.add("value.choice", f"{where}.as_of_basis", basis, choices=", ".join(AS_OF_BASES))
            ok = False
        if basis == "checked" and not str(raw.get("checked") or "").strip():
            self.add("value.required", f"{where}.checked")
            ok = False
        if not isinstance(raw.get("verified"), bool):
            self.add("value.not_bool", f"{where}.verified", raw.get("verified"))
            ok = False
        as_of = _date(raw.get("as_of"))
        if raw.get("as_of") is not None and as_of is None:
            self.add("sources.data.bad_date", f"{where}.as_of", raw.get("as_of"))
            ok = False
        year = raw.get("year")
        if year is not None and not isinstance(year, int):
            self.add("value.not_integer", f"{where}.year", year)
            ok = False
        if not ok:
            return None
        return Fact(
            id=fact_id,
            role=str(raw.get("role") or "context"),
            sv=str(raw["sv"]).strip(),
            en=str(raw["en"]).strip(),
            source=str(raw["source"]).strip(),
            publisher=str(raw["publisher"]).strip(),
            year=year,
            address=str(raw["address"]).strip(),
            as_of=as_of,
            as_of_basis=basis,
            verified=raw["verified"],
            checked=str(raw.get("checked") or "").strip(),
            value=float(raw["value"]) if raw.get("value") is not None else None,
            unit=str(raw.get("unit") or ""),
        )


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _threshold(raw: Any, where: str, checker: _Checker) -> Threshold | None:
    if raw is None:
        return None
    value = raw.get("value") if isinstance(raw, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        checker.add("value.not_number", f"{where}.value", value)
        return None
    return Threshold(float(value), str(raw.get("fact") or ""))


def _forms(raw: Any, where: str, checker: _Checker, key: str) -> tuple[str, ...]:
    values = tuple((raw or {}).get(key) or ())
    for value in values:
        if value not in LEGAL_FORMS:
            checker.add("value.choice", f"{where}.{key}", value, choices=", ".join(LEGAL_FORMS))
    return values


def _source(raw: dict[str, Any], index: int, checker: _Checker, types: set[str]):
    where = f"sources[{index}]"
    for key in ("id", "name", "type", "purposes", "facts"):
        if not raw.get(key):
            checker.add("value.required", f"{where}.{key}")
    if raw.get("type") and raw["type"] not in types:
        checker.add("value.choice", f"{where}.type", raw["type"], choices=", ".join(sorted(types)))
    purposes = tuple(raw.get("purposes") or ())
    for purpose in purposes:
        if purpose not in PURPOSES:
            checker.add("value.choice", f"{where}.purposes", purpose, choices=", ".join(PURPOSES))
    regions_raw = raw.get("regions", "all")
    regions = None if regions_raw == "all" else tuple(regions_raw or ())
    for region in regions or ():
        if region not in COUNTIES:
            checker.add("value.choice", f"{where}.regions", region, choices=", ".join(COUNTIES))
    facts = []
    for number, fact_raw in enumerate(raw.get("facts") or ()):
        fact = checker.fact(fact_raw, f"{where}.facts[{number}]")
        if fact is not None:
            facts.append(fact)
    forms = raw.get("legal_forms") or {}
    amount = raw.get("amount") or {}
    source = FinancingSource(
        id=str(raw.get("id") or ""),
        name=str(raw.get("name") or ""),
        type=str(raw.get("type") or ""),
        purposes=purposes,
        repayable=bool(raw.get("repayable", False)),
        public_money=bool(raw.get("public_money", False)),
        regions=regions,
        region_fact=raw.get("region_fact"),
        open_forms=_forms(forms, f"{where}.legal_forms", checker, "open"),
        conditional_forms=_forms(forms, f"{where}.legal_forms", checker, "conditional"),
        closed_forms=_forms(forms, f"{where}.legal_forms", checker, "closed"),
        forms_fact=forms.get("fact"),
        min_amount_sek=_optional_number(amount.get("min_sek"), f"{where}.amount.min_sek", checker),
        max_amount_sek=_optional_number(amount.get("max_sek"), f"{where}.amount.max_sek", checker),
        amount_fact=amount.get("fact"),
        min_age_years=_threshold(raw.get("min_age_years"), f"{where}.min_age_years", checker),
        min_employees=_threshold(raw.get("min_employees"), f"{where}.min_employees", checker),
        max_employees=_threshold(raw.get("max_employees"), f"{where}.max_employees", checker),
        min_turnover_sek=_threshold(
            raw.get("min_turnover_sek"), f"{where}.min_turnover_sek", checker
        ),
        de_minimis_fact=(raw.get("de_minimis") or {}).get("fact"),
        facts=tuple(facts),
    )
    _check_references(source, where, checker)
    return source


def _optional_number(value: Any, where: str, checker: _Checker) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        checker.add("value.not_number", where, value)
        return None
    return float(value)


def _check_references(source: FinancingSource, where: str, checker: _Checker) -> None:
    """Every rule that limits who may apply or how much must point at a fact that states it."""
    ids = {f.id for f in source.facts}
    needs = {
        "legal_forms.fact": (
            source.forms_fact,
            bool(source.open_forms or source.conditional_forms or source.closed_forms),
        ),
        "amount.fact": (
            source.amount_fact,
            source.min_amount_sek is not None or source.max_amount_sek is not None,
        ),
        "region_fact": (source.region_fact, source.regions is not None),
        "de_minimis.fact": (source.de_minimis_fact, source.de_minimis_fact is not None),
    }
    for name in ("min_age_years", "min_employees", "max_employees", "min_turnover_sek"):
        threshold = getattr(source, name)
        needs[f"{name}.fact"] = (threshold.fact_id if threshold else None, threshold is not None)
    for key, (fact_id, required) in needs.items():
        if not required:
            continue
        if not fact_id:
            checker.add("sources.data.no_fact", f"{where}.{key}")
        elif fact_id not in ids:
            checker.add("sources.data.unknown_fact", f"{where}.{key}", fact_id)
    if (
        source.min_amount_sek is not None
        and source.max_amount_sek is not None
        and source.min_amount_sek > source.max_amount_sek
    ):
        checker.add("sources.data.min_above_max", f"{where}.amount", source.min_amount_sek)


def _de_minimis(raw: dict[str, Any], checker: _Checker) -> DeMinimisRule | None:
    facts = {}
    for key in ("ceiling", "sgei_ceiling", "period", "window_edge", "granted_when"):
        facts[key] = checker.fact(raw.get(key), f"de_minimis.{key}")
    currency = raw.get("currency") or {}
    if not currency.get("sv") or not currency.get("en"):
        checker.add("value.required", "de_minimis.currency")
    years = (raw.get("period") or {}).get("years")
    if not isinstance(years, int) or isinstance(years, bool) or years < 1:
        checker.add("value.not_integer", "de_minimis.period.years", years)
    for key in ("ceiling", "sgei_ceiling"):
        if facts[key] is not None and facts[key].value is None:
            checker.add("value.not_number", f"de_minimis.{key}.value")
    if any(f is None for f in facts.values()) or checker.problems:
        return None
    return DeMinimisRule(
        ceiling_eur=facts["ceiling"].value,
        sgei_ceiling_eur=facts["sgei_ceiling"].value,
        period_years=years,
        ceiling=facts["ceiling"],
        sgei_ceiling=facts["sgei_ceiling"],
        period=facts["period"],
        window_edge=facts["window_edge"],
        granted_when=facts["granted_when"],
        currency_sv=str(currency.get("sv", "")).strip(),
        currency_en=str(currency.get("en", "")).strip(),
    )


def read_catalogue(path: str | Path = CATALOGUE_FILE) -> Catalogue:
    """Read and check a catalogue file; raises :class:`SparkInputError` listing every problem.

    Checked: each fact has id (unique in the file), role, Swedish and English text, source,
    publisher, address, an ``as_of`` date, what that date means (``as_of_basis``) and a
    boolean ``verified`` (with ``checked`` text when the basis is ``checked``); legal forms,
    purposes, types and regions are known ids; every legal-form, amount, threshold, region and
    de minimis rule points at one of the source's facts; the de minimis ceilings are numbers.
    """
    path = Path(path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    checker = _Checker()
    labels = {kind: raw.get(kind) or {} for kind in ("legal_forms", "purposes", "types")}
    for kind, expected in (("legal_forms", LEGAL_FORMS), ("purposes", PURPOSES)):
        for key in expected:
            entry = labels[kind].get(key) or {}
            if not entry.get("sv") or not entry.get("en"):
                checker.add("value.required", f"{kind}.{key}")
    types = set(labels["types"])
    source_ids: set[str] = set()
    sources = []
    for index, source_raw in enumerate(raw.get("sources") or ()):
        source = _source(source_raw or {}, index, checker, types)
        if source.id in source_ids:
            checker.add("sources.data.duplicate", f"sources[{index}].id", source.id)
        source_ids.add(source.id)
        sources.append(source)
    if not sources:
        checker.add("value.required", "sources")
    rules = []
    for index, rule_raw in enumerate(raw.get("public_money_rules") or ()):
        fact = checker.fact(rule_raw, f"public_money_rules[{index}]")
        if fact is not None:
            rules.append(fact)
    de_minimis = _de_minimis(raw.get("de_minimis") or {}, checker)
    if checker.problems:
        raise SparkInputError(checker.problems)
    return Catalogue(
        meta=raw.get("meta") or {},
        labels=labels,
        sources=tuple(sources),
        public_money_rules=tuple(rules),
        de_minimis=de_minimis,
        path=path,
    )


@cache
def load_catalogue() -> Catalogue:
    """The kit's catalogue (``data/reference/finansieringskallor.yaml``), read once."""
    return read_catalogue(CATALOGUE_FILE)
