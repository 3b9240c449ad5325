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
    Kind,
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
    key_rows: dict[str, int] = field(default_factory=dict)  # key/value sheets: field → row


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
    known_names = spec.known_names
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
    with_formats = any(c.kind == Kind.PERCENT for c in spec.columns)
    rows = _guarded(ws.iter_rows(values_only=not with_formats))
    header = _values(next(rows, ()) or (), with_formats)
    positions, written, problems = _header_map(spec, header, ws.title)
    table = Table(ws.title, headers=written)
    if any(p.code.startswith("column.") for p in problems):
        return table, problems
    for excel_row, row_cells in enumerate(rows, start=2):
        values = _values(row_cells, with_formats)
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
            number_format = None
            if with_formats and index < len(row_cells):
                number_format = getattr(row_cells[index], "number_format", None)
            try:
                record[column.field] = cells.convert(column, raw, number_format)
            except cells.CellError as error:
                problems.append(
                    cells.problem(error, ws.title, excel_row, written[column.header], raw)
                )
        table.rows.append(record)
        table.excel_rows.append(excel_row)
    return table, problems


def _values(row: tuple, with_formats: bool) -> tuple:
    return tuple(getattr(c, "value", None) for c in row) if with_formats else tuple(row)


def _read_key_value(ws, spec: Sheet) -> tuple[Table, list[InputProblem]]:
    """A two-column table: one row per field (key), its value beside it.

    Keys that are near misses of a known one are reported as misspelled; other unknown
    keys are ignored, except on a sheet with ``closed_keys``, where they are errors too.
    """
    table = Table(ws.title, headers={c.header: c.header for c in spec.columns})
    problems: list[InputProblem] = []
    record: dict[str, Any] = {}
    rows = _guarded(ws.iter_rows())
    header_cells = next(rows, ()) or ()
    written = [str(c.value).strip() if c.value is not None else "" for c in header_cells]
    header = [normalise(v) for v in written]
    if len(header) < 2 or header[0] not in KEY_ALIASES or header[1] not in VALUE_ALIASES:
        problems.append(
            InputProblem(
                "column.missing", ws.title, 1, "fält / värde", params={"expected": "fält, värde"}
            )
        )
        return table, problems
    key_header, value_header = written[0], written[1]
    known = spec.known_names
    for excel_row, row_cells in enumerate(rows, start=2):
        values = _values(row_cells, True)
        if excel_row > MAX_ROWS or not values or cells.is_blank(values[0]):
            continue
        key = str(values[0]).strip()
        column = spec.column_for(key)
        if column is None:
            problems += _unknown_key(spec, ws.title, excel_row, key_header, key, known)
            continue
        if column.field in table.key_rows:
            first_row = table.key_rows[column.field]
            problems.append(
                InputProblem(
                    "key.duplicate", ws.title, excel_row, key_header, key, {"first_row": first_row}
                )
            )
            continue
        table.key_rows[column.field] = excel_row
        raw = values[1] if len(values) > 1 else None
        number_format = getattr(row_cells[1], "number_format", None) if len(values) > 1 else None
        try:
            record[column.field] = cells.convert(column, raw, number_format)
        except cells.CellError as error:
            problems.append(cells.problem(error, ws.title, excel_row, value_header, raw))
    for column in spec.columns:
        if column.required and column.field not in record:
            problems.append(InputProblem("value.required", ws.title, None, column.header))
    table.rows, table.excel_rows = [record], [0]
    return table, problems


def _unknown_key(
    spec: Sheet, sheet_title: str, row: int, key_header: str, key: str, known: tuple[str, ...]
) -> list[InputProblem]:
    close = difflib.get_close_matches(normalise(key), known, n=1, cutoff=0.75)
    if close:
        spelled = {normalise(n): n for c in spec.columns for n in (c.alias, c.header)}
        params = {"suggestion": spelled[close[0]]}
        return [InputProblem("key.misspelled", sheet_title, row, key_header, key, params)]
    if spec.closed_keys:
        expected = ", ".join(c.header for c in spec.columns)
        params = {"expected": expected}
        return [InputProblem("key.unknown", sheet_title, row, key_header, key, params)]
    return []


def build_records(
    table: Table, model: type[BaseModel], spec: Sheet | None = None
) -> tuple[list[BaseModel], list[InputProblem]]:
    """Validate each row as ``model``; blank optional cells take the model's default.

    ``spec`` (the sheet the table was read as) names the columns in problems; without it
    the column is looked up among all sheets.
    """
    records, problems = [], []
    for row, excel_row in zip(table.rows, table.excel_rows, strict=True):
        values = {k: v for k, v in row.items() if v is not None}
        try:
            records.append(model(**values))
        except ValidationError as error:
            for item in error.errors():
                name = str(item["loc"][0]) if item["loc"] else None
                header = _header_for(table, name, spec)
                problems.append(
                    InputProblem(
                        "value.invalid",
                        table.sheet,
                        excel_row or table.key_rows.get(name or "") or None,
                        header,
                        item.get("input"),
                        {"reason": item.get("msg", "")},
                    )
                )
    return records, problems


def _header_for(table: Table, field_name: str | None, spec: Sheet | None) -> str | None:
    for sheet in (spec,) if spec is not None else SHEETS:
        for column in sheet.columns:
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
