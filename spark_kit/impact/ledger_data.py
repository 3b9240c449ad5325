"""The reference table behind the socioeconomic ledger: sourced, dated figures.

``data/reference/socioekonomi_schabloner.csv`` holds published Swedish figures (worked
examples) and a few official yearly amounts per actor (riksnormen för försörjningsstöd,
Försäkringskassan's garantiersättning) that a ledger item can use as its default through
``default_id``. Every row names its source, publisher, year, address and, for amounts that
change, the date from which it applies (``as_of``). See ``data/reference/README_socioekonomi.md``
for what is there and what is missing.

>>> figure("riksnorm_2019_ensamstaende_ar").value
48960.0
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.paths import DATA_DIR

REFERENCE_TABLE = DATA_DIR / "reference" / "socioekonomi_schabloner.csv"
SHEET = "socioekonomi_schabloner"
COLUMNS = (
    "id",
    "table",
    "description",
    "value",
    "unit",
    "actor",
    "receiver",
    "kind",
    "source",
    "publisher",
    "year",
    "address",
    "as_of",
    "note",
)
#: The unit a row must have to serve as a ledger item's yearly default.
YEARLY_UNIT = "kr/år"
DEFAULTS_TABLE = "defaults"
PUBLISHED_TABLE = "published_figures"


@dataclass(frozen=True)
class ReferenceFigure:
    """One row of the reference table."""

    id: str
    table: str
    description: str
    value: float
    unit: str
    actor: str
    receiver: str
    kind: str
    source: str
    publisher: str
    year: int | None
    address: str
    as_of: str
    note: str

    def citation(self) -> str:
        """``Publisher (year): source. address`` — for a ledger item's ``source`` field."""
        year = f" ({self.year})" if self.year else ""
        return f"{self.publisher}{year}: {self.source}. {self.address}"


def read_reference_table(path: str | Path = REFERENCE_TABLE) -> dict[str, ReferenceFigure]:
    """Read and check a reference table; raises :class:`SparkInputError` naming each bad row.

    Every row needs an id (unique), a numeric value, a unit, a source, a publisher and an
    address. Rows usable as defaults (table ``defaults``) must be yearly (``kr/år``) and
    carry ``as_of``.
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            expected = {"expected": ", ".join(COLUMNS)}
            raise SparkInputError(
                InputProblem("column.missing", SHEET, 1, missing[0], None, expected)
            )
        figures: dict[str, ReferenceFigure] = {}
        problems: list[InputProblem] = []
        ids: set[str] = set()
        for row_number, row in enumerate(reader, start=2):
            figure_, found = _row(row, row_number, ids)
            ids.add((row.get("id") or "").strip())
            problems += found
            if figure_ is not None:
                figures[figure_.id] = figure_
    if problems:
        raise SparkInputError(problems)
    return figures


def _row(
    row: dict[str, str], row_number: int, seen: set[str]
) -> tuple[ReferenceFigure | None, list[InputProblem]]:
    values = {k: (row.get(k) or "").strip() for k in COLUMNS}
    problems = []
    for column in ("id", "table", "value", "unit", "source", "publisher", "address"):
        if not values[column]:
            problems.append(InputProblem("value.required", SHEET, row_number, column))
    if values["id"] in seen:
        problems.append(
            InputProblem("ledger.data.duplicate", SHEET, row_number, "id", values["id"])
        )
    try:
        value = float(values["value"])
    except ValueError:
        if values["value"]:
            problems.append(
                InputProblem("value.not_number", SHEET, row_number, "value", values["value"])
            )
        value = 0.0
    year = None
    if values["year"]:
        try:
            year = int(values["year"])
        except ValueError:
            problems.append(
                InputProblem("value.not_integer", SHEET, row_number, "year", values["year"])
            )
    if values["table"] == DEFAULTS_TABLE:
        if values["unit"] != YEARLY_UNIT:
            problems.append(
                InputProblem(
                    "ledger.data.not_yearly", SHEET, row_number, "unit", values["unit"],
                    {"unit": YEARLY_UNIT},
                )
            )  # fmt: skip
        if not values["as_of"]:
            problems.append(InputProblem("value.required", SHEET, row_number, "as_of"))
    if problems:
        return None, problems
    fields = {k: v for k, v in values.items() if k not in ("value", "year")}
    return ReferenceFigure(value=value, year=year, **fields), []


@cache
def reference_table() -> dict[str, ReferenceFigure]:
    """The kit's reference table, read once."""
    return read_reference_table(REFERENCE_TABLE)


def figure(figure_id: str) -> ReferenceFigure:
    """One row of the kit's reference table by id (``KeyError`` if there is none)."""
    return reference_table()[figure_id]


def published_figures() -> dict[str, ReferenceFigure]:
    """The published Swedish figures (worked examples, not defaults)."""
    return {k: f for k, f in reference_table().items() if f.table == PUBLISHED_TABLE}


def default_figures() -> dict[str, ReferenceFigure]:
    """Rows a ledger item may use as its yearly default amount (``default_id``)."""
    return {k: f for k, f in reference_table().items() if f.table == DEFAULTS_TABLE}


def ratio(numerator_id: str, denominator_id: str) -> float:
    """One published figure divided by another, for example a cost per person.

    >>> ratio("varmdo_kostnad_till_65", "varmdo_utanfor")
    15750000.0
    """
    return figure(numerator_id).value / figure(denominator_id).value


__all__ = [
    "COLUMNS",
    "REFERENCE_TABLE",
    "ReferenceFigure",
    "default_figures",
    "figure",
    "published_figures",
    "ratio",
    "read_reference_table",
    "reference_table",
]
