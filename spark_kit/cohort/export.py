"""The program figures as an Excel workbook (``spark-kit cohort FOLDER -o cohort.xlsx``).

One sheet per table of :mod:`spark_kit.cohort.tables` (numbers stay numbers, shares are
percent cells), a first sheet that says where the figures come from (and that they are
SYNTHETIC when the cohort is), and a sheet of the files that were not used. Text is always
stored as text, so a name that starts with "=" can never become a formula.
"""

from __future__ import annotations

import io
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from spark_kit.cohort import tables
from spark_kit.cohort.aggregate import DIMENSIONS, CohortFigures
from spark_kit.i18n import resolve_lang, t

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def _put(ws, row: int, col: int, value, percent: bool = False) -> None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
    elif percent and isinstance(value, (int, float)):
        cell.number_format = "0%"


def _sheet(wb: Workbook, title: str, frame: pd.DataFrame, percent: tuple[str, ...] = ()) -> None:
    ws = wb.create_sheet(title[:31])
    for col, header in enumerate(frame.columns, start=1):
        _put(ws, 1, col, str(header))
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        width = max([len(str(header)), *(len(str(v)) for v in frame.iloc[:, col - 1])], default=8)
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(10, width + 2))
    for row, values in enumerate(frame.itertuples(index=False), start=2):
        for col, (header, value) in enumerate(zip(frame.columns, values, strict=True), start=1):
            _put(ws, row, col, value, percent=header in percent)
    ws.freeze_panes = "A2"


def cohort_workbook(figures: CohortFigures, program: pd.DataFrame, lang: str | None = None):
    """An openpyxl Workbook of the figures (see the module docstring)."""
    lang = resolve_lang(lang)
    cohort = figures.cohort
    wb = Workbook()
    about = wb.active
    about.title = t("cohort.sheet.about", lang)[:31]
    lines = [t("cohort.export.title", lang)]
    if cohort.synthetic:
        lines.append(t("cohort.synthetic_note", lang))
    elif cohort.fictional_count:
        lines.append(t("cohort.fictional_note", lang, count=cohort.fictional_count))
    if cohort.source:
        lines.append(t("cohort.export.source", lang, source=cohort.source))
    lines.append(t("cohort.export.counts", lang, read=len(cohort), issues=len(cohort.issues)))
    lines.append(t("cohort.export.method", lang))
    for row, text in enumerate(lines, start=1):
        _put(about, row, 1, text)
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 110
    share = (t("cohort.col.share", lang),)
    progress = (t("cohort.col.progress", lang),)
    sheets = [
        ("cohort.sheet.enterprises", tables.enterprise_table(figures.enterprises, lang, False), ()),
    ]
    for dimension in DIMENSIONS:
        frame = tables.counts_table(figures.counts[dimension], dimension, lang, formatted=False)
        sheets.append((f"cohort.dim.{dimension}", frame, share))
    sheets += [
        ("cohort.sheet.status", tables.status_table(figures.status, lang, False), share),
        ("cohort.sheet.indicators", tables.progress_table(figures.progress, lang, False), progress),
        ("cohort.sheet.sroi", tables.sroi_table(figures.sroi, lang, False), ()),
        (
            "cohort.sheet.sroi_by_sector",
            tables.sroi_by_table(figures.sroi_by_sector, "sector", lang, False),
            (),
        ),
        ("cohort.sheet.financing", tables.financing_table(figures.financing, lang, False), ()),
        (
            "cohort.sheet.financing_by_sector",
            tables.financing_by_table(figures.financing_by_sector, "sector", lang, False),
            (),
        ),
        ("cohort.sheet.program", tables.program_table(program, lang, False), progress),
        ("cohort.sheet.issues", tables.issues_table(cohort, lang), ()),
    ]
    for key, frame, percent in sheets:
        _sheet(wb, t(key, lang), frame, percent)
    return wb


def cohort_workbook_bytes(
    figures: CohortFigures, program: pd.DataFrame, lang: str | None = None
) -> bytes:
    buffer = io.BytesIO()
    cohort_workbook(figures, program, lang).save(buffer)
    return buffer.getvalue()
