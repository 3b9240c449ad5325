"""Reading the assessment workbook (.xlsx) into typed records.

Every problem found is collected (not just the first) and reported with the sheet, the
Excel row (header = row 1), the column header as the user wrote it, and the value.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.workbook import cells, safety
from spark_kit.workbook.schema import (
    KEY_ALIASES,
    README_SHEET,
    SHEETS,
    VALUE_ALIASES,
    Sheet,
    normalise,
)

MAX_ROWS = 5000


@dataclass
class Table:
    """The rows of one sheet as field dicts, with where each came from."""

    sheet: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    excel_rows: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # canonical header → as written


@dataclass
class WorkbookContent:
    tables: dict[str, Table]
    problems: list[InputProblem]


def read_tables(workbook, sheets: tuple[Sheet, ...] = SHEETS) -> WorkbookContent:
    """Read every known sheet of an open workbook; unknown sheets are ignored unless
    their name is a near miss of a known one (then it is reported as misspelled)."""
    problems: list[InputProblem] = []
    by_name = {normalise(ws.title): ws for ws in workbook.worksheets}
    known = {normalise(n) for s in sheets for n in (s.name, s.alias)} | {normalise(README_SHEET)}
    tables: dict[str, Table] = {}
    for spec in sheets:
        ws = by_name.get(normalise(spec.name)) or by_name.get(normalise(spec.alias))
        if ws is None:
            if spec.required:
                expected = ", ".join(s.name for s in sheets if s.required)
                problems.append(
                    InputProblem("sheet.missing", spec.name, params={"expected": expected})
                )
            tables[spec.name] = Table(spec.name)
            continue
        reader = _read_key_value if spec.key_value else _read_table
        table, found = reader(ws, spec)
        tables[spec.name] = table
        problems += found
    for ws in workbook.worksheets:
        name = normalise(ws.title)
        if name in known:
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
        if close:
            problems.append(
                InputProblem("sheet.misspelled", ws.title, params={"suggestion": close[0]})
            )
    return WorkbookContent(tables, problems)


def _guarded(rows: Iterator[tuple]) -> Iterator[tuple]:
    """Rows from a read-only sheet; a sheet whose XML is broken raises SparkInputError."""
    while True:
        with safety.parsing():
            values = next(rows, None)
        if values is None:
            return
        yield values


def _header_map(spec: Sheet, header_row: tuple, sheet_title: str):
    """Map column positions to columns; report missing, duplicate and misspelled headers."""
    problems: list[InputProblem] = []
    positions: dict[int, Any] = {}
    written: dict[str, str] = {}
    known_names = sorted({normalise(n) for c in spec.columns for n in (c.header, c.alias)})
    for index, raw in enumerate(header_row):
        if cells.is_blank(raw):
            continue
        column = spec.column_for(str(raw))
        if column is None:
            close = difflib.get_close_matches(normalise(raw), known_names, n=1, cutoff=0.75)
            if close:
                problems.append(
                    InputProblem(
                        "column.misspelled",
                        sheet_title,
                        1,
                        str(raw),
                        params={"suggestion": close[0]},
                    )
                )
            continue
        if column.header in written:
            problems.append(InputProblem("column.duplicate", sheet_title, 1, str(raw)))
            continue
        positions[index] = column
        written[column.header] = str(raw).strip()
    misspelled = any(p.code == "column.misspelled" for p in problems)
    for column in spec.columns:
        if column.required and column.header not in written and not misspelled:
            expected = ", ".join(c.header for c in spec.columns if c.required)
            problems.append(
                InputProblem(
                    "column.missing", sheet_title, 1, column.header, params={"expected": expected}
                )
            )
    return positions, written, problems


def _read_table(ws, spec: Sheet) -> tuple[Table, list[InputProblem]]:
    rows = _guarded(ws.iter_rows(values_only=True))
    header = next(rows, ())
    positions, written, problems = _header_map(spec, header or (), ws.title)
    table = Table(ws.title, headers=written)
    if any(p.code.startswith("column.") for p in problems):
        return table, problems
    for excel_row, values in enumerate(rows, start=2):
        if all(cells.is_blank(v) for v in values):
            continue
        if len(table.rows) >= MAX_ROWS:
            problems.append(
                InputProblem("sheet.too_many_rows", ws.title, excel_row, params={"limit": MAX_ROWS})
            )
            break
        record: dict[str, Any] = {}
        for index, column in positions.items():
            raw = values[index] if index < len(values) else None
            try:
                record[column.field] = cells.convert(column, raw)
            except cells.CellError as error:
                problems.append(
                    cells.problem(error, ws.title, excel_row, written[column.header], raw)
                )
        table.rows.append(record)
        table.excel_rows.append(excel_row)
    return table, problems


def _read_key_value(ws, spec: Sheet) -> tuple[Table, list[InputProblem]]:
    table = Table(ws.title, headers={c.header: c.header for c in spec.columns})
    problems: list[InputProblem] = []
    record: dict[str, Any] = {}
    rows = _guarded(ws.iter_rows(values_only=True))
    header = [normalise(v) for v in (next(rows, ()) or ())]
    if len(header) < 2 or header[0] not in KEY_ALIASES or header[1] not in VALUE_ALIASES:
        problems.append(
            InputProblem(
                "column.missing", ws.title, 1, "fält / värde", params={"expected": "fält, värde"}
            )
        )
        return table, problems
    for excel_row, values in enumerate(rows, start=2):
        if excel_row > MAX_ROWS or not values or cells.is_blank(values[0]):
            continue
        column = spec.column_for(str(values[0]))
        if column is None:
            continue
        raw = values[1] if len(values) > 1 else None
        try:
            record[column.field] = cells.convert(column, raw)
        except cells.CellError as error:
            problems.append(cells.problem(error, ws.title, excel_row, "värde", raw))
    for column in spec.columns:
        if column.required and column.field not in record:
            problems.append(InputProblem("value.required", ws.title, None, column.header))
    table.rows, table.excel_rows = [record], [0]
    return table, problems


def build_records(
    table: Table, model: type[BaseModel]
) -> tuple[list[BaseModel], list[InputProblem]]:
    """Validate each row as ``model``; blank optional cells take the model's default."""
    records, problems = [], []
    for row, excel_row in zip(table.rows, table.excel_rows, strict=True):
        values = {k: v for k, v in row.items() if v is not None}
        try:
            records.append(model(**values))
        except ValidationError as error:
            for item in error.errors():
                name = str(item["loc"][0]) if item["loc"] else None
                header = _header_for(table, model, name)
                problems.append(
                    InputProblem(
                        "value.invalid",
                        table.sheet,
                        excel_row or None,
                        header,
                        item.get("input"),
                        {"reason": item.get("msg", "")},
                    )
                )
    return records, problems


def _header_for(table: Table, model: type[BaseModel], field_name: str | None) -> str | None:
    for spec in SHEETS:
        for column in spec.columns:
            if column.field == field_name and column.header in table.headers:
                return table.headers[column.header]
    return field_name


def relocate(problem: InputProblem, tables: dict[str, Table]) -> InputProblem:
    """Map a problem located by list position (row = index + 2, Swedish header) to the
    Excel row and the header as the user wrote it."""
    table = tables.get(problem.sheet or "")
    if table is None:
        return problem

    def excel_row(row: int | None) -> int | None:
        if row is not None and 0 <= row - 2 < len(table.excel_rows):
            return table.excel_rows[row - 2]
        return row

    params = dict(problem.params)
    if "first_row" in params:  # id.duplicate names the earlier row too
        params["first_row"] = excel_row(params["first_row"])
    column = table.headers.get(problem.column or "", problem.column)
    return InputProblem(
        problem.code, table.sheet, excel_row(problem.row), column, problem.value, params
    )


def raise_if(problems: list[InputProblem]) -> None:
    if problems:
        raise SparkInputError(problems)
