"""Turning one spreadsheet cell into a typed value, or a problem naming the cell.

Numbers are accepted as numbers or as text with a decimal comma or point and spaces
between thousands ("1 234,5"). Booleans as ja/nej, yes/no, sant/falskt, true/false, 1/0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from spark_kit.errors import InputProblem
from spark_kit.workbook.schema import Column, Kind, normalise

MAX_TEXT_LENGTH = 2000
_TRUE = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
_FALSE = {"nej", "n", "no", "false", "falskt", "0"}
_NUMBER = re.compile(r"^[+\-\u2212]?\d+(?:[.,]\d+)?$")


class CellError(Exception):
    def __init__(self, code: str, **params: Any):
        self.code, self.params = code, params


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def convert(column: Column, raw: Any) -> Any:
    """The typed value of ``raw`` for ``column`` (``None`` for a blank cell)."""
    if is_blank(raw):
        if column.required:
            raise CellError("value.required")
        return None
    if column.kind == Kind.NUMBER:
        return to_number(raw)
    if column.kind == Kind.INTEGER:
        return to_integer(raw)
    if column.kind == Kind.BOOL:
        return to_bool(raw)
    if column.kind == Kind.CHOICE:
        key = normalise(raw)
        if key not in column.choices:
            allowed = sorted(set(column.choices.values()))
            raise CellError("value.choice", choices=", ".join(allowed))
        return column.choices[key]
    return to_text(raw)


def to_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    text = str(raw).strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise CellError("value.too_long", length=len(text), limit=MAX_TEXT_LENGTH)
    return text


def to_number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise CellError("value.not_number")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise CellError("value.not_number")
        return float(raw)
    text = re.sub(r"[\s\u00a0\u202f]", "", str(raw))
    if not _NUMBER.match(text):
        raise CellError("value.not_number")
    return float(text.replace(",", ".").replace("\u2212", "-"))


def to_integer(raw: Any) -> int:
    number = to_number(raw)
    if not number.is_integer():
        raise CellError("value.not_integer")
    if number < 0:
        raise CellError("value.negative")
    return int(number)


def to_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    key = normalise(raw)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError("value.not_bool")


def problem(error: CellError, sheet: str, row: int, column: str, raw: Any) -> InputProblem:
    return InputProblem(error.code, sheet, row, column, raw, error.params)
