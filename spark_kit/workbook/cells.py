"""Turning one spreadsheet cell into a typed value, or a problem naming the cell.

Numbers are accepted as numbers or as text with a decimal comma or point and spaces
between thousands ("1 234,5"). Booleans as ja/nej, yes/no, sant/falskt, true/false, 1/0.

Shares (deadweight, attribution, discount rate …) are stored as fractions 0–1 and accepted
three ways: a fraction (0.25 or "0,25"), an Excel percent cell (shown 25 %, stored 0.25),
or text with a per cent sign ("25 %", "25,5%"). A bare number above 1 with no per cent
sign (25) is refused rather than guessed, and so is anything outside 0–100 %.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from babel.numbers import is_currency

from spark_kit.errors import InputProblem
from spark_kit.workbook.schema import Column, Kind, normalise

MAX_TEXT_LENGTH = 2000
_TRUE = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
_FALSE = {"nej", "n", "no", "false", "falskt", "0"}
_NUMBER = re.compile(r"^[+\-\u2212]?\d+(?:[.,]\d+)?$")


class CellError(Exception):
    """A cell that cannot be used. ``shown`` replaces the raw value in the message when
    the user sees something else in Excel (a percent cell holding 2.5 shows 250 %)."""

    def __init__(self, code: str, shown: Any = None, **params: Any):
        self.code, self.params, self.shown = code, params, shown


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def convert(column: Column, raw: Any, number_format: str | None = None) -> Any:
    """The typed value of ``raw`` for ``column`` (``None`` for a blank cell).

    ``number_format`` is the cell's Excel number format, when known: it tells a percent
    cell (``0%``) from a plain number.
    """
    if is_blank(raw):
        if column.required:
            raise CellError("value.required")
        return None
    if column.kind == Kind.NUMBER:
        return _bounded(column, to_number(raw))
    if column.kind == Kind.INTEGER:
        return _bounded(column, to_integer(raw, negative_ok=column.minimum is not None))
    if column.kind == Kind.BOOL:
        return to_bool(raw)
    if column.kind == Kind.PERCENT:
        return to_fraction(raw, percent_cell=is_percent_format(number_format))
    if column.kind == Kind.CURRENCY:
        return to_currency(raw)
    if column.kind == Kind.CHOICE:
        key = normalise(raw)
        if key not in column.choices:
            stored = list(dict.fromkeys(column.choices.values()))
            allowed = [column.labels[v] for v in stored if v in column.labels]
            allowed += sorted(stored)
            raise CellError("value.choice", choices=", ".join(allowed))
        return column.choices[key]
    return to_text(raw)


def _bounded(column: Column, number: float | int) -> float | int:
    low, high = column.minimum, column.maximum
    if low == 0 and number < 0:
        raise CellError("value.negative")
    if (low is not None and number < low) or (high is not None and number > high):
        if high is None:
            raise CellError("value.too_small", min=_plain(low))
        raise CellError("value.out_of_range", min=_plain(low), max=_plain(high))
    return number


def _plain(number: float | None) -> str:
    return f"{number:g}"


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


def to_integer(raw: Any, negative_ok: bool = False) -> int:
    """A whole number; negative ones are refused unless ``negative_ok`` (when the column
    has its own bounds, which then give the message)."""
    number = to_number(raw)
    if not number.is_integer():
        raise CellError("value.not_integer")
    if number < 0 and not negative_ok:
        raise CellError("value.negative")
    return int(number)


def is_percent_format(number_format: str | None) -> bool:
    """True for an Excel percent format such as ``0%`` or ``0.0%`` (not a quoted "%")."""
    if not number_format:
        return False
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in unquoted


def to_fraction(raw: Any, percent_cell: bool = False) -> float:
    """A share as a fraction 0–1, from 0.25, an Excel percent cell, or "25 %".

    >>> to_fraction("25,5 %")
    0.255
    """
    if isinstance(raw, bool):
        raise CellError("value.not_percent")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise CellError("value.not_percent")
        value = float(raw)
        if percent_cell:
            if not 0.0 <= value <= 1.0:
                raise CellError("value.percent_range", shown=f"{value * 100:g} %")
            return value
        return _fraction(value)
    text = re.sub(r"[\s\u00a0\u202f]", "", str(raw))
    if text.endswith("%"):
        try:
            number = to_number(text[:-1])
        except CellError:
            raise CellError("value.not_percent") from None
        if not 0.0 <= number <= 100.0:
            raise CellError("value.percent_range")
        return number / 100
    try:
        number = to_number(text)
    except CellError:
        raise CellError("value.not_percent") from None
    return _fraction(number)


def _fraction(value: float) -> float:
    if value < 0:
        raise CellError("value.percent_range")
    if value > 1:
        raise CellError("value.percent_bare")
    return value


def share_decimals(fraction: float, most: int = 4) -> int:
    """How many decimals a share needs as a percentage (at most ``most``): 0.2 → 0, 0.035 → 1."""
    for decimals in range(most):
        if round(fraction * 100, decimals) == round(fraction * 100, 9):
            return decimals
    return most


def to_currency(raw: Any) -> str:
    """A three-letter ISO 4217 currency code known to Babel, upper-cased: "sek" → "SEK"."""
    code = str(raw).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or not is_currency(code):
        raise CellError("value.currency")
    return code


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
    shown = raw if error.shown is None else error.shown
    return InputProblem(error.code, sheet, row, column, shown, error.params)
