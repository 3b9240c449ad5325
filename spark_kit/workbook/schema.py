"""The assessment workbook's sheets and columns: Swedish headers, English aliases.

Every sheet is a table with a header on row 1, except ``organisation``, a two-column
key/value table (``fält``/``värde``). Headers and sheet names are matched without regard
to case, spaces, underscores or hyphens. This module is the single description of the
format: the reader, the writer and the "läsmig" sheet are all generated from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from spark_kit.impact.logic_model import AssumptionKind, Horizon, Level, StakeholderKind


class Kind(str, Enum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    BOOL = "bool"
    CHOICE = "choice"


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


@dataclass(frozen=True)
class Sheet:
    name: str
    alias: str
    columns: tuple[Column, ...]
    help_sv: str = ""
    required: bool = True
    key_value: bool = False

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

README_SHEET = "läsmig"
KEY_HEADER, VALUE_HEADER = "fält", "värde"
KEY_ALIASES, VALUE_ALIASES = ("fält", "key", "field"), ("värde", "value")

SHEETS: tuple[Sheet, ...] = (ORGANISATION, ELEMENTS, LINKS, STAKEHOLDERS, INDICATORS, ASSUMPTIONS)
LOGIC_MODEL_SHEETS = {
    "elements": ELEMENTS,
    "links": LINKS,
    "stakeholders": STAKEHOLDERS,
    "indicators": INDICATORS,
    "assumptions": ASSUMPTIONS,
}
