"""Numbers, money (SEK), percentages and dates through Babel.

Swedish output uses no-break spaces (U+00A0) as Babel does: ``1\u00a0234,50\u00a0kr``.
Compute locale-neutral; format only at presentation.
"""

from __future__ import annotations

import datetime as dt

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from matplotlib.ticker import FuncFormatter

LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def _locale(lang: str | None) -> str:
    from spark_kit.i18n import resolve_lang

    return LOCALES[resolve_lang(lang)]


def format_number(value: float, lang: str | None = None, decimals: int | None = None) -> str:
    """Format a number, e.g. ``1\u00a0234,5`` in Swedish; ``decimals`` fixes the decimals."""
    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=_locale(lang))


def format_money(
    value: float, lang: str | None = None, currency: str = "SEK", decimals: int = 2
) -> str:
    """Format money: ``1\u00a0234,50\u00a0kr`` (sv) or ``SEK1,234.50`` (en, as CLDR has it)."""
    pattern = None
    if decimals != 2:
        digits = "." + "0" * decimals if decimals else ""
        pattern = f"#,##0{digits}\u00a0¤" if _locale(lang) == "sv_SE" else f"¤#,##0{digits}"
    return babel_numbers.format_currency(
        value, currency, format=pattern, locale=_locale(lang), currency_digits=decimals == 2
    )


def format_percent(fraction: float, lang: str | None = None, decimals: int = 0) -> str:
    """Format a fraction as a percentage: 0.256 → ``26\u00a0%`` (sv), ``26%`` (en)."""
    pattern = None
    if decimals:
        pattern = "#,##0." + "0" * decimals + ("\u00a0%" if _locale(lang) == "sv_SE" else "%")
    return babel_numbers.format_percent(fraction, format=pattern, locale=_locale(lang))


def format_date(value: dt.date, lang: str | None = None, style: str = "long") -> str:
    """Format a date: ``27 november 2026`` (sv, long)."""
    return babel_dates.format_date(value, format=style, locale=_locale(lang))


def number_formatter(lang: str | None = None, suffix: str = "", decimals: int = 0):
    """A matplotlib tick formatter using Babel (no OS locale needed)."""

    def _format(value: float, _pos: int | None = None) -> str:
        return format_number(value, lang, decimals=decimals) + suffix

    return FuncFormatter(_format)


def money_axis(axis, lang: str | None = None) -> None:
    """Format a matplotlib axis (``ax.yaxis``) in whole kronor: ``200\u00a0000 kr``."""
    from spark_kit.i18n import resolve_lang

    suffix = "\u00a0kr" if resolve_lang(lang) == "sv" else "\u00a0SEK"
    axis.set_major_formatter(number_formatter(lang, suffix=suffix))
