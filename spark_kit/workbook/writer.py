"""Writing the assessment workbook (.xlsx) from typed records.

Headers are Swedish; choice columns get a drop-down list (of their Swedish labels, where
a column has them); shares are written as Excel percent cells; a "läsmig" sheet documents
every sheet and column. Text is always stored as text, so a value that starts with "="
can never become a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from spark_kit.workbook.cells import share_decimals
from spark_kit.workbook.schema import (
    KEY_HEADER,
    README_SHEET,
    SHEETS,
    VALUE_HEADER,
    Column,
    Kind,
    Sheet,
)

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
WIDE = {"text", "beskrivning", "namn", "hantering", "datakälla", "utfall", "proxykälla"}
WIDE |= {"intressenternas röst", "indikator", "månadsbelopp"}
WIDE |= {"resultat", "tröskelkälla", "kännetecken", "belägg", "post", "källa", "frågetext"}


def _cell_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value


def _put(ws, row: int, col: int, value: Any, column: Column | None = None) -> None:
    cell = ws.cell(row=row, column=col)
    value = _cell_value(value)
    if column is not None and isinstance(value, str):
        value = column.labels.get(value, value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif column is not None and column.kind == Kind.PERCENT and isinstance(value, (int, float)):
        cell.number_format = percent_format(value)


def percent_format(fraction: float) -> str:
    """An Excel percent format showing the share without losing decimals: ``0%``, ``0.0%``…"""
    decimals = share_decimals(fraction)
    return "0%" if decimals == 0 else "0." + "0" * decimals + "%"


def _style_header(ws, widths: Iterable[int]) -> None:
    for index, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def write_table(wb: Workbook, spec: Sheet, records: list[dict[str, Any]]) -> None:
    ws = wb.create_sheet(spec.name)
    for col, column in enumerate(spec.columns, start=1):
        _put(ws, 1, col, column.header)
    for row, record in enumerate(records, start=2):
        for col, column in enumerate(spec.columns, start=1):
            _put(ws, row, col, record.get(column.field), column)
    _style_header(ws, (48 if c.header in WIDE else 16 for c in spec.columns))
    for col, column in enumerate(spec.columns, start=1):
        if column.kind == Kind.CHOICE:
            _add_choice_list(ws, col, column)


def _add_choice_list(ws, col: int, column: Column, cells: str | None = None) -> None:
    values = list(dict.fromkeys(column.choices.values()))
    values = [column.labels.get(v, v) for v in values]
    letter = get_column_letter(col)
    validation = DataValidation(
        type="list", formula1='"' + ",".join(values) + '"', allow_blank=not column.required
    )
    validation.error = "Välj bland: " + ", ".join(values)
    validation.showErrorMessage = False  # English aliases are accepted on reading
    validation.add(cells or f"{letter}2:{letter}1000")
    ws.add_data_validation(validation)


def write_key_value(wb: Workbook, spec: Sheet, record: dict[str, Any]) -> None:
    ws = wb.create_sheet(spec.name)
    _put(ws, 1, 1, KEY_HEADER)
    _put(ws, 1, 2, VALUE_HEADER)
    for row, column in enumerate(spec.columns, start=2):
        _put(ws, row, 1, column.header)
        _put(ws, row, 2, record.get(column.field), column)
        if column.kind == Kind.CHOICE:
            _add_choice_list(ws, 2, column, f"B{row}")
    _style_header(ws, (22, 70))


def write_readme(wb: Workbook, title: str, note: str) -> None:
    ws = wb.create_sheet(README_SHEET, 0)
    lines: list[tuple[str, str, str]] = [(title, "", ""), (note, "", ""), ("", "", "")]
    lines.append(("blad / kolumn", "engelskt namn", "förklaring"))
    for spec in SHEETS:
        lines.append((spec.name, spec.alias, spec.help_sv))
        for column in spec.columns:
            need = " (måste fyllas i)" if column.required else ""
            lines.append((f"    {column.header}", column.alias, column.help_sv + need))
    for row, values in enumerate(lines, start=1):
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABC", (28, 18, 90), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=5):
        row[2].alignment = Alignment(wrap_text=True)


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
