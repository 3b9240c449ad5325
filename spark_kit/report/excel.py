"""The report's numbers as an Excel workbook: values only, never a formula.

One sheet per section of the report, after a first sheet (``om`` / ``about``) that says
what the file is, when it was made and whether the data are fictional. Numbers are
written as numbers (unrounded, with a display format), text as text; headers are in the
report's language.

Safety: no cell holds a formula. Text is stored as a string cell (as
:mod:`spark_kit.workbook.writer` does), and text that a spreadsheet could take for the start
of a formula — beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — gets
an apostrophe in front (:func:`neutralise`), so that it stays text even when the sheet is
saved as CSV and opened again.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from spark_kit import __version__
from spark_kit.i18n import t
from spark_kit.report.content import ReportContent, Value
from spark_kit.workbook.cells import share_decimals
from spark_kit.workbook.writer import HEADER_FILL, HEADER_FONT

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
MAX_SHEET_NAME = 31


def neutralise(text: str) -> str:
    """``text`` with an apostrophe in front when a spreadsheet could read it as a formula.

    >>> neutralise('=HYPERLINK("x")'), neutralise("+cmd"), neutralise("Granbacka")
    ('\\'=HYPERLINK("x")', "'+cmd", 'Granbacka')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def number_format(value: Value) -> str | None:
    """The Excel display format for a :class:`Value` (the cell keeps the full number)."""
    kind = value.kind
    if kind == "money":
        return "#,##0" if value.decimals == 0 else "#,##0.00"
    if kind == "ratio":
        return "0.00"
    if kind in ("share", "percent"):
        decimals = share_decimals(value.raw) if kind == "share" else (value.decimals or 0)
        return "0%" if decimals == 0 else "0." + "0" * decimals + "%"
    if kind == "integer":
        return "#,##0"
    if kind == "year":
        return "0"
    if kind == "date":
        return "yyyy-mm-dd"
    if kind == "number" and value.decimals is not None:
        return "#,##0" if value.decimals == 0 else "#,##0." + "0" * value.decimals
    return None


def _unit(value: Value, lang: str) -> str:
    if value.raw is None:
        return ""
    if value.kind == "money":
        return value.currency
    return value.suffix.strip().removeprefix(":1")


class _Sheet:
    """Writes rows to one worksheet, every cell a value."""

    def __init__(self, workbook: Workbook, name: str, lang: str):
        self.ws = workbook.create_sheet(name)
        self.lang = lang
        self.row = 1
        self.widths: dict[int, int] = {}

    def put(self, column: int, value: Any, *, font: Font | None = None) -> None:
        cell = self.ws.cell(row=self.row, column=column)
        shown = value
        if isinstance(value, Value):
            raw = value.raw
            if raw is None or (isinstance(raw, float) and math.isnan(raw)):
                shown = value.missing
            elif value.kind == "text":
                shown = str(raw)
            elif value.kind == "date":
                shown = raw if isinstance(raw, dt.date) else str(raw)
                cell.number_format = "yyyy-mm-dd"
            else:
                shown = float(raw) if isinstance(raw, float) else raw
                fmt = number_format(value)
                if fmt:
                    cell.number_format = fmt
        if hasattr(shown, "item"):  # a numpy scalar
            shown = shown.item()
        if isinstance(shown, str):
            shown = neutralise(shown)
            cell.value = shown
            cell.data_type = "s"  # never a formula, whatever the text
        else:
            cell.value = shown
        if font is not None:
            cell.font = font
        length = len(str(shown)) if shown is not None else 0
        self.widths[column] = max(self.widths.get(column, 0), min(length, 60))

    def line(self, *values: Any, font: Font | None = None) -> None:
        for column, value in enumerate(values, start=1):
            self.put(column, value, font=font)
        self.row += 1

    def header(self, *values: str) -> None:
        for column, value in enumerate(values, start=1):
            self.put(column, value, font=HEADER_FONT)
            self.ws.cell(row=self.row, column=column).fill = HEADER_FILL
        self.row += 1

    def blank(self) -> None:
        self.row += 1

    def finish(self) -> None:
        for column, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = max(10, width + 2)
        for row in self.ws.iter_rows(min_col=1, max_col=1):
            row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _sheet_name(text: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:MAX_SHEET_NAME] or "blad"
    candidate, number = name, 2
    while candidate.lower() in used:
        suffix = f" {number}"
        candidate = name[: MAX_SHEET_NAME - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def excel_workbook(content: ReportContent) -> Workbook:
    """The workbook of ``content`` (see the module docstring)."""
    lang = content.lang
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    names = {
        section.key: _sheet_name(t(f"report.sheet.{section.key}", lang), used)
        for section in content.sections
    }
    about = _Sheet(workbook, _sheet_name(t("report.sheet.about", lang), used), lang)
    _about(about, content, names)
    for section in content.sections:
        sheet = _Sheet(workbook, names[section.key], lang)
        _section(sheet, section, lang)
        sheet.finish()
    about.finish()
    workbook.active = 0
    return workbook


def _about(sheet: _Sheet, content: ReportContent, names: dict[str, str]) -> None:
    lang = content.lang
    profile = content.assessment.profile
    sheet.line(t("report.excel.title", lang, name=profile.name), font=TITLE_FONT)
    if profile.fictional:
        sheet.line(t("report.fictional", lang), font=BOLD)
    sheet.line(t("report.excel.what", lang))
    sheet.line(t("report.excel.values_only", lang))
    sheet.blank()
    sheet.line(t("report.excel.enterprise", lang), profile.name)
    sheet.line(t("report.excel.made_with", lang), f"SPARK-kitet {__version__}")
    sheet.line(t("report.excel.language", lang), lang)
    sheet.line(
        t("report.excel.fictional", lang),
        t("sroi_cli.yes" if profile.fictional else "sroi_cli.no", lang),
    )
    for label, value in content.cover:
        sheet.line(label, value)
    sheet.blank()
    sheet.header(t("report.excel.sheet", lang), t("report.excel.holds", lang))
    for section in content.sections:
        state = "" if section.filled else f" ({t('report.not_filled_mark', lang)})"
        sheet.line(names[section.key], section.title + state)


def _section(sheet: _Sheet, section, lang: str) -> None:
    sheet.line(section.title, font=TITLE_FONT)
    sheet.blank()
    for block in section.blocks:
        kind = block.kind
        if kind == "paragraph":
            sheet.line(block.text)
        elif kind == "facts":
            if block.title:
                sheet.line(block.title, font=BOLD)
            sheet.header(*(t(f"report.excel.{key}", lang) for key in ("item", "value", "unit")))
            for label, value in block.rows:
                sheet.line(label, value, _unit(value, lang))
        elif kind == "table":
            sheet.line(block.title, font=BOLD)
            sheet.header(*block.columns)
            for row in block.rows:
                sheet.line(*row)
            if block.note:
                sheet.line(block.note)
        elif kind == "bullets":
            if block.title:
                sheet.line(block.title, font=BOLD)
            for number, item in enumerate(block.items, start=1):
                sheet.line(f"{number}. {item}" if block.ordered else item)
        elif kind == "links":
            if block.title:
                sheet.line(block.title, font=BOLD)
            for label, url in block.items:
                sheet.line(label, url)
        else:  # a figure: its numbers are in the tables beside it
            continue
        sheet.blank()


def excel_bytes(content: ReportContent) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    excel_workbook(content).save(buffer)
    return buffer.getvalue()


__all__ = ["excel_bytes", "excel_workbook", "neutralise", "number_format"]
