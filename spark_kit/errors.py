"""One family of input errors: each problem names sheet, row, column and value.

Messages exist in Swedish and English; :func:`SparkInputError.message` picks one.
Row numbers are the row a person sees in Excel (the header is row 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spark_kit.i18n import resolve_lang, t


@dataclass(frozen=True)
class InputProblem:
    """One problem in the user's input, located as precisely as we can.

    ``code`` is a message key in :mod:`spark_kit.i18n.messages`; ``params`` fill it in.
    """

    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    params: dict[str, Any] = field(default_factory=dict)

    def location(self, lang: str | None = None) -> str:
        parts = []
        if self.sheet is not None:
            parts.append(t("loc.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("loc.row", lang, row=self.row))
        if self.column is not None:
            parts.append(t("loc.column", lang, column=self.column))
        return ", ".join(parts)

    def message(self, lang: str | None = None, with_location: bool = True) -> str:
        params = {k: _localise(v, lang) for k, v in self.params.items()}
        text = t(self.code, lang, value=_show(self.value), **params)
        where = self.location(lang) if with_location else ""
        return f"{where}: {text}" if where else text


def _localise(value: Any, lang: str | None) -> Any:
    """Values that know their own label (such as a logic-model level) are shown in ``lang``."""
    label = getattr(value, "short_label", None)
    return label(lang) if callable(label) else value


def _show(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


class SparkInputError(ValueError):
    """Raised when input cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[InputProblem] | InputProblem):
        self.problems = [problems] if isinstance(problems, InputProblem) else list(problems)
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None, with_location: bool = True) -> str:
        """All problems as text; ``with_location=False`` leaves out sheet/row/column (for
        edits made in an app, where there is no sheet)."""
        lang = resolve_lang(lang)
        lines = [p.message(lang, with_location) for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        head = t("errors.several", lang, count=len(lines))
        return head + "\n" + "\n".join(f"- {line}" for line in lines)
