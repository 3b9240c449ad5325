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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from spark_kit.finance.cashflow import (
    KIND_SPELLINGS,
    MAX_HORIZON,
    MIN_HORIZON,
    PATTERN_SPELLINGS,
    PAYMENT_SPELLINGS,
)
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
        wanted = normalise(header)
        for column in self.columns:
            if wanted in (normalise(column.header), normalise(column.alias)):
                return column
        return None


def normalise(name: object) -> str:
    """Lower case, with ``_``, ``-`` and runs of white space folded to one space."""
    return re.sub(r"[\s_\-]+", " ", str(name or "")).strip().casefold()


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
    CASHFLOW_BUDGET,
    CASHFLOW,
    OUTCOMES,
    INPUTS,
    SETTINGS,
)
LOGIC_MODEL_SHEETS = {
    "elements": ELEMENTS,
    "links": LINKS,
    "stakeholders": STAKEHOLDERS,
    "indicators": INDICATORS,
    "assumptions": ASSUMPTIONS,
}
