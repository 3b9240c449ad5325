"""Swedish and English texts, and number, money, percent and date formatting (Babel).

Language is chosen from an explicit argument, then the ``SPARK_KIT_LANG`` environment
variable, then Swedish.
"""

from __future__ import annotations

import os

from spark_kit.i18n.formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
    money_axis,
    number_formatter,
)
from spark_kit.i18n.messages import MESSAGES

LANGUAGES = ("sv", "en")
DEFAULT_LANG = "sv"
ENV_VAR = "SPARK_KIT_LANG"

__all__ = [
    "DEFAULT_LANG",
    "LANGUAGES",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "money_axis",
    "number_formatter",
    "resolve_lang",
    "t",
]


def resolve_lang(lang: str | None = None) -> str:
    """Return ``"sv"`` or ``"en"``: the argument, else ``$SPARK_KIT_LANG``, else Swedish.

    >>> resolve_lang("en")
    'en'
    """
    for candidate in (lang, os.environ.get(ENV_VAR)):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return DEFAULT_LANG


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The text for ``key`` in the chosen language, with ``{name}`` fields filled in.

    A key missing from the catalogue raises ``KeyError``: every text shown must exist in
    both languages (a test checks this).
    """
    entry = MESSAGES[key]
    text = entry[resolve_lang(lang)]
    return text.format(**params) if params else text
