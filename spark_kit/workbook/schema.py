"""The assessment workbook's sheets and columns: Swedish headers, English aliases.

Every sheet is a table with a header on row 1, except ``organisation`` and
``inställningar``, two-column key/value tables (``fält``/``värde``). Headers and sheet
names are matched without regard to case, spaces, underscores or hyphens. This module is
the single description of the format: the reader, the writer and the "läsmig" sheet are
all generated from it.

The cash-flow budget (likviditetsbudget, :mod:`spark_kit.finance.cashflow`) has two sheets:
``likviditetsbudget`` (key/value: horizon, first month, opening cash, buffer) and
``likviditet`` (one row per line: kind, description, an amount with a pattern or amounts month
by month, and for grants the payment rule).

The SROI value map has three sheets: ``utfall`` (outcome rows), ``insatser`` (inputs) and
``inställningar`` (the calculation's conventions). There is no separate sheet of value-map
stakeholders: they are the stakeholders named on the outcome and input rows (see
:func:`spark_kit.assessment.value_map_stakeholders`).

The later parts of an assessment (:mod:`spark_kit.assessment_parts`) each have optional sheets:
the follow-up of the indicators, ``uppföljning`` (key/value: baseline and target year) and
``mätvärden`` (one row per indicator and year); the five dimensions of impact,
``effektprofiler`` (one row per outcome, the nested profile in flat columns whose fields are
dotted paths such as ``what.level``); the socioeconomic ledger, ``bokslut`` (key/value),
``bokslut_grupper`` (one row per participant group) and ``bokslut_poster`` (one row per cost
item, naming its group and its scenario); and the investment-readiness self-assessment,
``beredskap`` (one row per question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache

from spark_kit.finance.cashflow import (
    KIND_SPELLINGS,
    MAX_HORIZON,
    MIN_HORIZON,
    PATTERN_SPELLINGS,
    PAYMENT_SPELLINGS,
)
from spark_kit.finance.readiness import SCALE_MAX, SCALE_MIN
from spark_kit.impact.five_dimensions import RATING_WORDS, SDG_COUNT, Basis, RiskType
from spark_kit.impact.logic_model import AssumptionKind, Horizon, Level, StakeholderKind
from spark_kit.impact.sroi.model import InputKind


class Kind(str, Enum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    BOOL = "bool"
    CHOICE = "choice"
    PERCENT = "percent"  # a fraction 0–1: 0.25, an Excel percent cell, or "25 %"
    CURRENCY = "currency"  # a three-letter ISO 4217 code such as SEK


@dataclass(frozen=True)
class Column:
    """One column: the model field it fills, its Swedish header and English alias."""

    field: str
    header: str
    alias: str
    kind: Kind = Kind.TEXT
    required: bool = False
    help_sv: str = ""
    choices: dict[str, str] = field(default_factory=dict)  # accepted spelling → stored value
    labels: dict[str, str] = field(default_factory=dict)  # stored value → written (Swedish)
    minimum: float | None = None  # for NUMBER and INTEGER
    maximum: float | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    alias: str
    columns: tuple[Column, ...]
    help_sv: str = ""
    required: bool = True
    key_value: bool = False
    closed_keys: bool = False  # key/value sheets: an unknown key is an error, not ignored

    def column_for(self, header: str) -> Column | None:
        """The column whose header or alias is ``header`` (normalised; the first such)."""
        return self._columns_by_name.get(normalise(header))

    @cached_property
    def _columns_by_name(self) -> dict[str, Column]:
        found: dict[str, Column] = {}
        for column in self.columns:
            for name in (column.header, column.alias):
                found.setdefault(normalise(name), column)
        return found

    @cached_property
    def known_names(self) -> tuple[str, ...]:
        """Every header and alias, normalised and sorted (for "did you mean …?")."""
        return tuple(sorted(self._columns_by_name))


_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(name: object) -> str:
    """Lower case, with ``_``, ``-`` and runs of white space folded to one space."""
    return _normalise_text(name if type(name) is str else str(name or ""))


@lru_cache(maxsize=8192)
def _normalise_text(text: str) -> str:
    return _SEPARATORS.sub(" ", text).strip().casefold()


def _choices(enum: type[Enum], aliases: dict[str, Enum]) -> dict[str, str]:
    table = {normalise(member.value): member.value for member in enum}
    table.update({normalise(k): v.value for k, v in aliases.items()})
    return table


LEVEL_CHOICES = _choices(
    Level,
    {
        "behov": Level.NEED,
        "need": Level.NEED,
        "needs": Level.NEED,
        "resurs": Level.INPUT,
        "insatser": Level.INPUT,
        "insats": Level.INPUT,
        "input": Level.INPUT,
        "inputs": Level.INPUT,
        "resources": Level.INPUT,
        "aktivitet": Level.ACTIVITY,
        "activity": Level.ACTIVITY,
        "activities": Level.ACTIVITY,
        "prestation": Level.OUTPUT,
        "output": Level.OUTPUT,
        "outputs": Level.OUTPUT,
        "outcome": Level.OUTCOME,
        "outcomes": Level.OUTCOME,
        "effekt": Level.IMPACT,
        "impact": Level.IMPACT,
        "impacts": Level.IMPACT,
    },
)
HORIZON_CHOICES = _choices(
    Horizon, {"short": Horizon.SHORT, "medium": Horizon.MEDIUM, "medellang": Horizon.MEDIUM}
)
STAKEHOLDER_CHOICES = _choices(
    StakeholderKind,
    {"target group": StakeholderKind.TARGET_GROUP, "stakeholder": StakeholderKind.STAKEHOLDER},
)
ASSUMPTION_CHOICES = _choices(AssumptionKind, {"assumption": AssumptionKind.ASSUMPTION})
INPUT_KIND_CHOICES = _choices(
    InputKind,
    {
        "cash": InputKind.CASH,
        "pengar": InputKind.CASH,
        "in kind": InputKind.IN_KIND,
        "natura": InputKind.IN_KIND,
        "innatura": InputKind.IN_KIND,
    },
)

ORGANISATION = Sheet(
    "organisation",
    "profile",
    (
        Column("name", "namn", "name", required=True, help_sv="Organisationens namn"),
        Column(
            "legal_form",
            "organisationsform",
            "legal_form",
            help_sv="Till exempel ekonomisk förening, ideell förening, aktiebolag",
        ),
        Column("municipality", "kommun", "municipality", help_sv="Kommunen där verksamheten finns"),
        Column("county", "län", "county", help_sv="Länet"),
        Column("sector", "bransch", "sector", help_sv="Vad verksamheten gör, med egna ord"),
        Column("year", "år", "year", Kind.INTEGER, help_sv="Året bedömningen gäller"),
        Column(
            "description", "beskrivning", "description", help_sv="Några meningar om verksamheten"
        ),
        Column(
            "fictional",
            "fiktiv",
            "fictional",
            Kind.BOOL,
            help_sv="ja för påhittade exempel, nej för en verklig organisation",
        ),
    ),
    help_sv="Uppgifter om organisationen: en rad per fält, med kolumnerna fält och värde.",
    key_value=True,
)

ELEMENTS = Sheet(
    "element",
    "elements",
    (
        Column("id", "id", "id", required=True, help_sv="Kort unik beteckning, t.ex. A1"),
        Column(
            "level",
            "nivå",
            "level",
            Kind.CHOICE,
            True,
            "behov, resurser, aktiviteter, prestationer, resultat eller effekter",
            LEVEL_CHOICES,
        ),
        Column("text", "text", "text", required=True, help_sv="Vad steget innebär, kort"),
        Column("description", "beskrivning", "description", help_sv="Mer om steget, om det behövs"),
        Column(
            "horizon",
            "sikt",
            "horizon",
            Kind.CHOICE,
            help_sv="För resultat: kort eller medellång",
            choices=HORIZON_CHOICES,
        ),
        Column(
            "stakeholder",
            "intressent",
            "stakeholder",
            help_sv="Id för målgruppen eller intressenten som berörs",
        ),
    ),
    help_sv="Stegen i effektlogiken, en rad per element.",
)

LINKS = Sheet(
    "kopplingar",
    "links",
    (
        Column(
            "source", "från", "from", required=True, help_sv="Id för elementet som leder vidare"
        ),
        Column("target", "till", "to", required=True, help_sv="Id för elementet det leder till"),
    ),
    help_sv="Pilarna i effektlogiken: från ett element till nästa, från vänster till höger.",
)

STAKEHOLDERS = Sheet(
    "intressenter",
    "stakeholders",
    (
        Column("id", "id", "id", required=True, help_sv="Kort unik beteckning, t.ex. S1"),
        Column(
            "name", "namn", "name", required=True, help_sv="Målgruppens eller intressentens namn"
        ),
        Column(
            "kind",
            "typ",
            "kind",
            Kind.CHOICE,
            help_sv="målgrupp eller intressent",
            choices=STAKEHOLDER_CHOICES,
        ),
        Column("count", "antal", "count", Kind.INTEGER, help_sv="Antal personer eller hushåll"),
        Column(
            "description", "beskrivning", "description", help_sv="Vilka de är och vad de behöver"
        ),
    ),
    help_sv="Målgrupper och andra intressenter.",
    required=False,
)

INDICATORS = Sheet(
    "indikatorer",
    "indicators",
    (
        Column("id", "id", "id", required=True, help_sv="Kort unik beteckning, t.ex. M1"),
        Column(
            "element",
            "element",
            "element",
            required=True,
            help_sv="Id för prestationen eller resultatet som mäts",
        ),
        Column("name", "namn", "name", required=True, help_sv="Vad som mäts"),
        Column("unit", "enhet", "unit", help_sv="Till exempel personer, timmar, procent"),
        Column("baseline", "utgångsvärde", "baseline", Kind.NUMBER, help_sv="Läget före"),
        Column("target", "målvärde", "target", Kind.NUMBER, help_sv="Det ni vill nå"),
        Column("data_source", "datakälla", "data_source", help_sv="Var siffran kommer ifrån"),
        Column("frequency", "frekvens", "frequency", help_sv="Hur ofta ni mäter"),
    ),
    help_sv="Indikatorer för prestationer och resultat.",
    required=False,
)

ASSUMPTIONS = Sheet(
    "antaganden",
    "assumptions",
    (
        Column("id", "id", "id", required=True, help_sv="Kort unik beteckning, t.ex. T1"),
        Column(
            "kind",
            "typ",
            "kind",
            Kind.CHOICE,
            help_sv="antagande eller risk",
            choices=ASSUMPTION_CHOICES,
        ),
        Column("text", "text", "text", required=True, help_sv="Antagandet eller risken"),
        Column("element", "element", "element", help_sv="Id för elementet det gäller"),
        Column("mitigation", "hantering", "mitigation", help_sv="Hur en risk hanteras"),
    ),
    help_sv="Antaganden som kedjan vilar på, och risker med hur de hanteras.",
    required=False,
)


def _spellings(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Accepted spellings (normalised) → stored value, from stored value → spellings."""
    return {normalise(spelling): stored for stored, names in table.items() for spelling in names}


DROPOFF_START_CHOICES = _spellings(
    {
        "year2": ("year2", "year 2", "år 2", "år2", "2", "från år 2"),
        "year1": ("year1", "year 1", "år 1", "år1", "1", "från år 1"),
    }
)
FILTER_CHOICES = _spellings(
    {
        "multiplicative": ("multiplicative", "multiplikativt", "multiplikativ", "multiplikativa"),
        "additive": ("additive", "additivt", "additiv", "additiva"),
    }
)
PERCENT_HELP = "en andel: 25 %, 0,25 eller en procentcell i Excel"

OUTCOMES = Sheet(
    "utfall",
    "outcomes",
    (
        Column(
            "stakeholder",
            "intressent",
            "stakeholder",
            required=True,
            help_sv="Intressenten som upplever förändringen, med samma namn som i bladet "
            "intressenter",
        ),
        Column(
            "outcome",
            "utfall",
            "outcome",
            required=True,
            help_sv="Förändringen, som intressenten själv skulle beskriva den",
        ),
        Column("indicator", "indikator", "indicator", help_sv="Hur förändringen mäts"),
        Column(
            "evidence_source",
            "datakälla",
            "evidence_source",
            help_sv="Var siffran för antalet kommer ifrån",
        ),
        Column(
            "quantity",
            "antal",
            "quantity",
            Kind.NUMBER,
            True,
            "Hur många som upplever förändringen (personer, hushåll …)",
            minimum=0,
        ),
        Column(
            "financial_proxy",
            "finansiell proxy",
            "financial_proxy",
            Kind.NUMBER,
            True,
            "Värdet av förändringen per person och år, i kronor",
            minimum=0,
        ),
        Column(
            "proxy_source",
            "proxykälla",
            "proxy_source",
            help_sv="Var värdet kommer ifrån; skriv ut det om det är ett eget antagande",
        ),
        Column(
            "proxy_year",
            "proxyår",
            "proxy_year",
            Kind.INTEGER,
            help_sv="Året värdet gäller (prisnivå)",
            minimum=1900,
            maximum=2100,
        ),
        Column(
            "duration_years",
            "varaktighet",
            "duration_years",
            Kind.INTEGER,
            True,
            "Hur många år förändringen varar, 1–50",
            minimum=1,
            maximum=50,
        ),
        Column(
            "outcome_start",
            "startår",
            "outcome_start",
            Kind.INTEGER,
            help_sv="1 om värdet börjar under verksamhetsåret, 2 om det börjar året efter; "
            "tomt betyder 1",
            minimum=1,
            maximum=2,
        ),
        Column(
            "deadweight",
            "dödvikt",
            "deadweight",
            Kind.PERCENT,
            True,
            "Dödvikt: andelen som hade hänt ändå, " + PERCENT_HELP,
        ),
        Column(
            "displacement",
            "undanträngning",
            "displacement",
            Kind.PERCENT,
            True,
            "Undanträngning: andelen som bara flyttar värde från andra, " + PERCENT_HELP,
        ),
        Column(
            "attribution",
            "attribution",
            "attribution",
            Kind.PERCENT,
            True,
            "Attribution: andelen som andra aktörer bidrog till, " + PERCENT_HELP,
        ),
        Column(
            "drop_off",
            "avtagande",
            "drop_off",
            Kind.PERCENT,
            True,
            "Avtagande: hur mycket värdet minskar för varje år, " + PERCENT_HELP,
        ),
        Column(
            "actor",
            "aktör",
            "actor",
            help_sv="Vem som vinner i samhällsekonomisk mening, till exempel kommunen, regionen "
            "eller staten",
        ),
        Column(
            "stakeholder_voice",
            "intressenternas röst",
            "stakeholder_voice",
            help_sv="Hur intressenterna själva beskrev eller bekräftade utfallet",
        ),
    ),
    help_sv="SROI-värdekartans utfall: en rad per intressent och förändring, med antal, "
    "finansiell proxy, varaktighet och de fyra avdragen.",
    required=False,
)

INPUTS = Sheet(
    "insatser",
    "inputs",
    (
        Column(
            "stakeholder",
            "intressent",
            "stakeholder",
            required=True,
            help_sv="Vem som satsar pengar eller tid",
        ),
        Column(
            "description",
            "beskrivning",
            "description",
            help_sv="Vad insatsen är, till exempel bidrag, lön eller ideell tid",
        ),
        Column(
            "amount",
            "belopp",
            "amount",
            Kind.NUMBER,
            True,
            "Insatsens värde i kronor, också för tid och saker som inte kostar pengar",
            minimum=0,
        ),
        Column(
            "year",
            "år",
            "year",
            Kind.INTEGER,
            help_sv="Vilket år insatsen görs: 1, 2, …; tomt betyder 1",
            minimum=1,
            maximum=50,
        ),
        Column(
            "kind",
            "typ",
            "kind",
            Kind.CHOICE,
            help_sv="kontant (pengar) eller i natura (tid, lokaler, saker); tomt betyder kontant",
            choices=INPUT_KIND_CHOICES,
        ),
    ),
    help_sv="SROI-värdekartans insatser: vad varje intressent satsar, i kronor.",
    required=False,
)

SETTINGS = Sheet(
    "inställningar",
    "settings",
    (
        Column(
            "discount_rate",
            "diskonteringsränta",
            "discount_rate",
            Kind.PERCENT,
            help_sv="Räntan som framtida värden diskonteras med; tomt betyder 3,5 %",
        ),
        Column(
            "currency",
            "valuta",
            "currency",
            Kind.CURRENCY,
            help_sv="Valutakod med tre bokstäver; tomt betyder SEK",
        ),
        Column(
            "dropoff_start",
            "avtagande från",
            "dropoff_start",
            Kind.CHOICE,
            help_sv="Första året med avtagande: år 2 (standard, även tomt) eller år 1",
            choices=DROPOFF_START_CHOICES,
            labels={"year2": "år 2", "year1": "år 1"},
        ),
        Column(
            "discount_first_year",
            "diskontera år 1",
            "discount_first_year",
            Kind.BOOL,
            help_sv="ja om år 1 ska diskonteras (standard, även tomt), annars nej",
        ),
        Column(
            "filters",
            "avdrag",
            "filters",
            Kind.CHOICE,
            help_sv="Hur dödvikt, undanträngning och attribution dras av: multiplikativt "
            "(standard, även tomt) eller additivt",
            choices=FILTER_CHOICES,
            labels={"multiplicative": "multiplikativt", "additive": "additivt"},
        ),
    ),
    help_sv="Val för SROI-beräkningen: en rad per inställning, med kolumnerna fält och värde.",
    required=False,
    key_value=True,
    closed_keys=True,
)

CASHFLOW_BUDGET = Sheet(
    "likviditetsbudget",
    "cashflow_budget",
    (
        Column(
            "horizon",
            "horisont",
            "horizon",
            Kind.INTEGER,
            help_sv=f"Hur många månader budgeten gäller, {MIN_HORIZON}–{MAX_HORIZON}; "
            "tomt betyder 12",
            minimum=MIN_HORIZON,
            maximum=MAX_HORIZON,
        ),
        Column(
            "start_month",
            "startmånad",
            "start_month",
            Kind.INTEGER,
            help_sv="Budgetens första kalendermånad, 1–12 (1 = januari); tomt betyder 1",
            minimum=1,
            maximum=12,
        ),
        Column(
            "start_year",
            "startår",
            "start_year",
            Kind.INTEGER,
            help_sv="Året för budgetens första månad; tomt ger månadsnamn utan år",
            minimum=1900,
            maximum=2200,
        ),
        Column(
            "opening_balance",
            "ingående saldo",
            "opening_balance",
            Kind.NUMBER,
            help_sv="Pengarna i kassan och på banken den första dagen, i kronor; tomt betyder 0",
        ),
        Column(
            "buffer",
            "buffert",
            "buffer",
            Kind.NUMBER,
            help_sv="Det minsta ni vill ha kvar i kassan, i kronor; tomt betyder 0",
            minimum=0,
        ),
    ),
    help_sv="Likviditetsbudgetens inställningar: en rad per inställning, med kolumnerna fält "
    "och värde.",
    required=False,
    key_value=True,
    closed_keys=True,
)

CASHFLOW = Sheet(
    "likviditet",
    "cashflow",
    (
        Column(
            "kind",
            "typ",
            "kind",
            Kind.CHOICE,
            True,
            "intäkt, kostnad, bidrag, lån in, amortering eller insatskapital",
            KIND_SPELLINGS,
        ),
        Column("description", "beskrivning", "description", help_sv="Vad raden gäller"),
        Column(
            "amount",
            "belopp",
            "amount",
            Kind.NUMBER,
            help_sv="Beloppet varje gång, i kronor, utan minustecken; för ett bidrag det "
            "beviljade beloppet",
            minimum=0,
        ),
        Column(
            "pattern",
            "mönster",
            "pattern",
            Kind.CHOICE,
            help_sv="varje månad, varje kvartal eller en gång; tomt betyder varje månad",
            choices=PATTERN_SPELLINGS,
        ),
        Column(
            "amounts",
            "månadsbelopp",
            "amounts",
            help_sv="I stället för belopp och mönster: beloppen månad för månad från "
            "startmånaden, med semikolon emellan (10 000; 12 000; 0)",
        ),
        Column(
            "month",
            "månad",
            "month",
            Kind.INTEGER,
            help_sv="Första månaden (1 = budgetens första), för ett bidrag projektets första "
            "månad; tomt betyder 1",
            minimum=1,
            maximum=MAX_HORIZON,
        ),
        Column(
            "end_month",
            "slutmånad",
            "end_month",
            Kind.INTEGER,
            help_sv="Sista månaden; för ett bidrag projektets sista månad; tomt betyder "
            "budgetens sista",
            minimum=1,
            maximum=MAX_HORIZON,
        ),
        Column(
            "payment",
            "utbetalning",
            "payment",
            Kind.CHOICE,
            help_sv="Bara för bidrag: förskott, efterskott eller efter slutrapport",
            choices=PAYMENT_SPELLINGS,
        ),
        Column(
            "every",
            "var n:e månad",
            "every",
            Kind.INTEGER,
            help_sv="Bara för bidrag i efterskott: hur många månader varje utbetalning gäller; "
            "tomt betyder 3",
            minimum=1,
            maximum=MAX_HORIZON,
        ),
        Column(
            "delay",
            "fördröjning",
            "delay",
            Kind.INTEGER,
            help_sv="Bara för bidrag: månader från periodens eller projektets slut till "
            "utbetalningen; tomt betyder 0",
            minimum=0,
            maximum=MAX_HORIZON,
        ),
        Column(
            "withheld",
            "innehålls",
            "withheld",
            Kind.PERCENT,
            help_sv="Bara för bidrag i efterskott: andelen som betalas först efter "
            "slutrapporten, " + PERCENT_HELP + "; tomt betyder 0",
        ),
    ),
    help_sv="Likviditetsbudgetens rader: en rad per intäkt, kostnad, bidrag, lån, amortering "
    "eller insats.",
    required=False,
)

# --- the later parts of an assessment (spark_kit.assessment_parts) -----------------------

YEAR_MIN, YEAR_MAX = 1900, 2200

FOLLOW_UP = Sheet(
    "uppföljning",
    "follow_up",
    (
        Column(
            "baseline_year",
            "utgångsår",
            "baseline_year",
            Kind.INTEGER,
            help_sv="Året då indikatorernas utgångsvärden mättes, till exempel 2023",
            minimum=YEAR_MIN,
            maximum=YEAR_MAX,
        ),
        Column(
            "target_year",
            "målår",
            "target_year",
            Kind.INTEGER,
            help_sv="Året då målvärdena ska vara nådda; måste komma efter utgångsåret",
            minimum=YEAR_MIN,
            maximum=YEAR_MAX,
        ),
    ),
    help_sv="Uppföljningen av indikatorerna: en rad per fält, med kolumnerna fält och värde.",
    required=False,
    key_value=True,
    closed_keys=True,
)

MEASUREMENTS = Sheet(
    "mätvärden",
    "measurements",
    (
        Column(
            "indicator",
            "indikator",
            "indicator",
            required=True,
            help_sv="Id för indikatorn, samma som i bladet indikatorer (t.ex. M1)",
        ),
        Column(
            "year",
            "år",
            "year",
            Kind.INTEGER,
            True,
            "Året värdet gäller, med fyra siffror",
            minimum=YEAR_MIN,
            maximum=YEAR_MAX,
        ),
        Column(
            "value",
            "mätvärde",
            "value",
            Kind.NUMBER,
            help_sv="Det uppmätta värdet, i indikatorns enhet; tomt betyder att ni inte mätte "
            "det året",
        ),
        Column("note", "anmärkning", "note", help_sv="Något att veta om mätningen"),
    ),
    help_sv="Indikatorernas mätvärden: en rad per indikator och år.",
    required=False,
)

RATING_CHOICES = {normalise(word): rating.value for word, rating in RATING_WORDS.items()}
BASIS_CHOICES = _choices(
    Basis,
    {
        "goal": Basis.GOAL,
        "goals": Basis.GOAL,
        "prospective": Basis.GOAL,
        "performance": Basis.PERFORMANCE,
        "result": Basis.PERFORMANCE,
        "retrospective": Basis.PERFORMANCE,
    },
)
RATING_HELP = "låg, medel eller hög (engelska low, medium, high)"
RISK_HEADERS = {
    RiskType.EVIDENCE: "evidensrisk",
    RiskType.EXTERNAL: "extern risk",
    RiskType.STAKEHOLDER_PARTICIPATION: "delaktighetsrisk",
    RiskType.DROP_OFF: "risk för avtagande",
    RiskType.EFFICIENCY: "effektivitetsrisk",
    RiskType.EXECUTION: "genomföranderisk",
    RiskType.ALIGNMENT: "förankringsrisk",
    RiskType.ENDURANCE: "uthållighetsrisk",
    RiskType.UNEXPECTED_IMPACT: "risk för oväntade effekter",
}


def _risk_column(risk: RiskType) -> Column:
    return Column(
        f"risk.{risk.value}",
        RISK_HEADERS[risk],
        f"{risk.value}_risk",
        Kind.CHOICE,
        True,
        "Risk, " + RATING_HELP + ": " + risk.definition("sv"),
        RATING_CHOICES,
    )


IMPACT_PROFILES = Sheet(
    "effektprofiler",
    "impact_profiles",
    (
        Column(
            "outcome_id",
            "id",
            "outcome_id",
            required=True,
            help_sv="Resultatets id, samma som i bladet element (t.ex. R1)",
        ),
        Column(
            "basis",
            "grund",
            "basis",
            Kind.CHOICE,
            help_sv="mål (framåtblickande) eller utfall (bakåtblickande); tomt betyder mål",
            choices=BASIS_CHOICES,
        ),
        Column(
            "what.outcome",
            "resultat",
            "outcome",
            required=True,
            help_sv="Vad: resultatet, med egna ord",
        ),
        Column(
            "what.indicator",
            "indikator",
            "indicator",
            required=True,
            help_sv="Vad: indikatorn som resultatnivån mäts med",
        ),
        Column("what.unit", "enhet", "unit", help_sv="Indikatorns enhet, till exempel procent"),
        Column(
            "what.level",
            "resultatnivå",
            "level",
            Kind.NUMBER,
            True,
            "Vad: indikatorns värde under perioden, målet eller utfallet",
        ),
        Column(
            "what.threshold",
            "tröskelvärde",
            "threshold",
            Kind.NUMBER,
            True,
            "Vad: den nivå som räknas som tillräckligt bra",
        ),
        Column(
            "what.higher_is_better",
            "högre är bättre",
            "higher_is_better",
            Kind.BOOL,
            help_sv="ja om ett högre värde är bättre, nej om ett lägre är det (till exempel "
            "bilresor); tomt betyder ja",
        ),
        Column(
            "what.threshold_source",
            "tröskelkälla",
            "threshold_source",
            help_sv="Var tröskelvärdet kommer ifrån",
        ),
        Column(
            "what.importance",
            "betydelse",
            "importance",
            Kind.CHOICE,
            True,
            "Vad: hur viktigt resultatet är för dem som berörs, " + RATING_HELP,
            RATING_CHOICES,
        ),
        Column(
            "what.sdg",
            "globalt mål",
            "sdg",
            Kind.INTEGER,
            help_sv=f"Numret på det globala mål (1–{SDG_COUNT}) som resultatet bidrar till",
            minimum=1,
            maximum=SDG_COUNT,
        ),
        Column(
            "what.significant",
            "betydande",
            "significant",
            Kind.BOOL,
            help_sv="ja om resultatet räknas när hela verksamheten klassas; tomt betyder ja",
        ),
        Column(
            "who.stakeholder",
            "intressent",
            "stakeholder",
            required=True,
            help_sv="Vem: id för intressenten i bladet intressenter, eller ett namn",
        ),
        Column(
            "who.stakeholder_name",
            "intressentnamn",
            "stakeholder_name",
            help_sv="Intressentens namn, som det ska visas",
        ),
        Column(
            "who.baseline",
            "utgångsvärde",
            "baseline",
            Kind.NUMBER,
            True,
            "Vem: resultatnivån före verksamheten, i indikatorns enhet",
        ),
        Column(
            "who.characteristics",
            "kännetecken",
            "characteristics",
            help_sv="Vad som kännetecknar gruppen",
        ),
        Column(
            "how_much.scale",
            "omfattning",
            "scale",
            Kind.INTEGER,
            True,
            "Hur mycket: hur många personer som berörs",
            minimum=0,
        ),
        Column(
            "how_much.duration_years",
            "varaktighet",
            "duration_years",
            Kind.NUMBER,
            True,
            "Hur mycket: hur många år förändringen varar, mer än 0 och högst 100",
            maximum=100,
        ),
        Column(
            "contribution.counterfactual_level",
            "nivå utan verksamheten",
            "counterfactual_level",
            Kind.NUMBER,
            True,
            "Bidrag: den nivå som sannolikt hade blivit utan verksamheten, med det som andra "
            "hade gjort",
        ),
        Column(
            "contribution.enterprise_caused_shortfall",
            "orsakat av verksamheten",
            "enterprise_caused_shortfall",
            Kind.BOOL,
            help_sv="Bidrag: ja om verksamheten själv orsakar att resultatet ligger eller låg "
            "under tröskeln; tomt betyder nej",
        ),
        Column(
            "contribution.evidence",
            "belägg",
            "evidence",
            help_sv="Bidrag: vad bedömningen av nivån utan verksamheten bygger på",
        ),
        *(_risk_column(risk) for risk in RiskType),
    ),
    help_sv="De fem dimensionerna av effekt (vad, vem, hur mycket, bidrag och risk): en rad per "
    "resultat.",
    required=False,
)

LEDGER = Sheet(
    "bokslut",
    "ledger",
    (
        Column("name", "namn", "name", help_sv="Bokslutets namn"),
        Column("description", "beskrivning", "description", help_sv="Vad bokslutet gäller"),
        Column(
            "currency",
            "valuta",
            "currency",
            Kind.CURRENCY,
            help_sv="Valutakod med tre bokstäver; tomt betyder SEK",
        ),
        Column(
            "horizon_years",
            "horisont",
            "horizon_years",
            Kind.INTEGER,
            help_sv="Hur många år bokslutet räknar, 1–50; tomt betyder 5",
            minimum=1,
            maximum=50,
        ),
        Column(
            "discount_rate",
            "diskonteringsränta",
            "discount_rate",
            Kind.PERCENT,
            help_sv="Räntan som framtida belopp diskonteras med; tomt betyder 0 % (ingen "
            "diskontering)",
        ),
        Column(
            "discount_first_year",
            "diskontera år 1",
            "discount_first_year",
            Kind.BOOL,
            help_sv="ja om år 1 ska diskonteras (standard, även tomt), annars nej",
        ),
        Column(
            "fictional",
            "fiktiv",
            "fictional",
            Kind.BOOL,
            help_sv="ja för ett påhittat exempel; tomt betyder nej",
        ),
    ),
    help_sv="Det socioekonomiska bokslutets inställningar: en rad per fält, med kolumnerna fält "
    "och värde.",
    required=False,
    key_value=True,
    closed_keys=True,
)

LEDGER_GROUPS = Sheet(
    "bokslut_grupper",
    "ledger_groups",
    (
        Column(
            "name",
            "grupp",
            "group",
            required=True,
            help_sv="Gruppens namn (en typkarriär), unikt i bladet",
        ),
        Column(
            "participants",
            "deltagare",
            "participants",
            Kind.INTEGER,
            help_sv="Antal deltagare i gruppen; tomt betyder 1",
            minimum=0,
        ),
        Column("description", "beskrivning", "description", help_sv="Vilka deltagarna är"),
        Column(
            "activity_years",
            "insatsår",
            "activity_years",
            Kind.INTEGER,
            help_sv="Hur många år insatsen kostar, från år 1; tomt betyder 1",
            minimum=1,
            maximum=50,
        ),
        Column(
            "success_rate",
            "andel som lyckas",
            "success_rate",
            Kind.PERCENT,
            help_sv="Andelen deltagare som kommer i verksamhet år 1, "
            + PERCENT_HELP
            + "; tomt betyder 100 %",
        ),
        Column(
            "persistence",
            "andel som består",
            "persistence",
            Kind.PERCENT,
            help_sv="Sannolikheten att effekten består ett år till, "
            + PERCENT_HELP
            + "; tomt betyder 100 %",
        ),
        Column(
            "effect_probability",
            "effektsannolikhet",
            "effect_probability",
            help_sv="I stället för de två andelarna: sannolikheten år för år, en per år i "
            "horisonten, med semikolon emellan (0,9; 0,8; 0,7)",
        ),
    ),
    help_sv="Det socioekonomiska bokslutets grupper av deltagare: en rad per grupp.",
    required=False,
)

LEDGER_SECTION_CHOICES = _spellings(
    {
        "exclusion": ("utanförskap", "exclusion", "utan insats"),
        "activity": ("i verksamhet", "verksamhet", "insats", "activity", "in activity"),
        "activity_cost": (
            "insatsens kostnad",
            "insatskostnad",
            "kostnad för insatsen",
            "activity_cost",
            "activity cost",
            "cost of the activity",
        ),
    }
)

LEDGER_ITEMS = Sheet(
    "bokslut_poster",
    "ledger_items",
    (
        Column(
            "group",
            "grupp",
            "group",
            required=True,
            help_sv="Gruppens namn, samma som i bladet bokslut_grupper",
        ),
        Column(
            "section",
            "scenario",
            "section",
            Kind.CHOICE,
            True,
            "utanförskap (kostnaden utan insatsen), i verksamhet (kostnaden när deltagaren är "
            "i verksamhet) eller insatsens kostnad",
            LEDGER_SECTION_CHOICES,
            {
                "exclusion": "utanförskap",
                "activity": "i verksamhet",
                "activity_cost": "insatsens kostnad",
            },
        ),
        Column(
            "kind",
            "typ",
            "kind",
            help_sv="real (en kostnad för en aktör) eller finansiell (en transferering från "
            "betalare till mottagare); tomt betyder finansiell om betalare eller mottagare är "
            "ifyllda, annars real",
            labels={"financial": "finansiell"},
        ),
        Column("label", "post", "item", help_sv="Vad posten är, till exempel försörjningsstöd"),
        Column(
            "actor",
            "aktör",
            "actor",
            help_sv="För en real kostnad: aktören som bär den (kommun, region, "
            "arbetsförmedlingen, försäkringskassan, staten, individen eller ofördelat)",
        ),
        Column("payer", "betalare", "payer", help_sv="För en transferering: aktören som betalar"),
        Column(
            "receiver", "mottagare", "receiver", help_sv="För en transferering: aktören som får"
        ),
        Column(
            "category",
            "kategori",
            "category",
            help_sv="För en real kostnad: produktionsbortfall eller resursförbrukning; tomt "
            "betyder resursförbrukning",
        ),
        Column(
            "amount",
            "belopp",
            "amount",
            Kind.NUMBER,
            help_sv="Kronor per deltagare och år; tomt med ett schablon-id tar beloppet ur "
            "kitets tabell",
            minimum=0,
        ),
        Column("source", "källa", "source", help_sv="Var beloppet kommer ifrån"),
        Column(
            "default_id",
            "schablon-id",
            "default_id",
            help_sv="Id för ett standardvärde i data/reference/socioekonomi_schabloner.csv",
        ),
        Column(
            "fictional",
            "fiktiv",
            "fictional",
            Kind.BOOL,
            help_sv="ja för ett påhittat belopp; tomt betyder nej",
        ),
    ),
    help_sv="Det socioekonomiska bokslutets poster: en rad per kostnad eller transferering, per "
    "deltagare och år.",
    required=False,
)

READINESS = Sheet(
    "beredskap",
    "readiness",
    (
        Column(
            "item",
            "fråga",
            "item",
            required=True,
            help_sv="Frågans id i självskattningen, till exempel ME1",
        ),
        Column(
            "answer",
            "svar",
            "answer",
            Kind.NUMBER,
            help_sv=f"Ett heltal från {SCALE_MIN} till {SCALE_MAX}; tomt betyder att frågan "
            "hoppas över",
        ),
        Column(
            "question_text",
            "frågetext",
            "question_text",
            help_sv="Frågan i klartext; skrivs av kitet och läses inte in",
        ),
        Column(
            "year",
            "år",
            "year",
            Kind.INTEGER,
            help_sv="Året svaren gäller; samma år på varje rad där det står",
            minimum=YEAR_MIN,
            maximum=YEAR_MAX,
        ),
    ),
    help_sv="Självskattningen av investeringsberedskap: en rad per fråga.",
    required=False,
)

README_SHEET = "läsmig"
KEY_HEADER, VALUE_HEADER = "fält", "värde"
KEY_ALIASES, VALUE_ALIASES = ("fält", "key", "field"), ("värde", "value")

SHEETS: tuple[Sheet, ...] = (
    ORGANISATION,
    ELEMENTS,
    LINKS,
    STAKEHOLDERS,
    INDICATORS,
    ASSUMPTIONS,
    FOLLOW_UP,
    MEASUREMENTS,
    OUTCOMES,
    INPUTS,
    SETTINGS,
    IMPACT_PROFILES,
    LEDGER,
    LEDGER_GROUPS,
    LEDGER_ITEMS,
    CASHFLOW_BUDGET,
    CASHFLOW,
    READINESS,
)
LOGIC_MODEL_SHEETS = {
    "elements": ELEMENTS,
    "links": LINKS,
    "stakeholders": STAKEHOLDERS,
    "indicators": INDICATORS,
    "assumptions": ASSUMPTIONS,
}
