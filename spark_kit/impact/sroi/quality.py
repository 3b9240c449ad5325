"""Quality warnings on a value map: reminders of the principles, not errors.

An SROI can be computed from any complete value map, but some choices make the result
claim more than the evidence allows. Each check here points at one principle of Social
Value (impact-methods.md §2: involve stakeholders, be transparent, do not over-claim):

``no_deadweight_attribution``
    a row with deadweight and attribution both 0 %: neither "would it have happened
    anyway?" nor "did others contribute?" has been considered (do not over-claim);
``long_duration``
    a row whose outcome is claimed for more than :data:`LONG_DURATION_YEARS` years: the
    further ahead, the weaker the evidence (do not over-claim). Five years is the kit's
    own threshold for a reminder, not a rule from the guide;
``proxy_without_source``
    a financial proxy with no source (be transparent);
``no_stakeholder_voice``
    an outcome with no note of how the stakeholders themselves described or confirmed it
    (involve stakeholders);
``no_inputs``
    the value of the inputs is zero, so the ratio cannot be computed (the whole map).

Row numbers are 1-based in value-map order (the first outcome row is row 1). The
workbook, whose header is on Excel row 1, shows outcome row *n* on Excel row *n* + 1: the
workbook code adds 1 when it points at a cell.

>>> from spark_kit.impact.sroi.model import ValueMap
>>> [w.code for w in check_quality(ValueMap())]
['no_inputs']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spark_kit.i18n import format_money, t
from spark_kit.impact.sroi.model import OutcomeRow, ValueMap

#: A claimed duration longer than this many years gets a reminder (the kit's threshold).
LONG_DURATION_YEARS = 5

#: Codes in the order the checks run on each row.
ROW_CODES = (
    "no_deadweight_attribution",
    "long_duration",
    "proxy_without_source",
    "no_stakeholder_voice",
)
MAP_CODES = ("no_inputs",)


@dataclass(frozen=True)
class QualityWarning:
    """One warning. ``row`` is the 1-based outcome row (``None`` for the whole map).

    ``code`` is one of :data:`ROW_CODES` or :data:`MAP_CODES`; its text is the message key
    ``sroi.quality.<code>``, filled in with ``params`` (raw values, formatted in
    :meth:`message`).
    """

    code: str
    row: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None, with_row: bool = True) -> str:
        """The warning in Swedish or English, naming the outcome and (``with_row``) its row.

        ``with_row=False`` leaves out "Rad n" for a caller that shows its own location (the
        workbook's sheet and Excel row, which is n + 1).
        """
        params = dict(self.params)
        if "proxy" in params:
            proxy = params["proxy"]
            decimals = 0 if float(proxy).is_integer() else 2
            params["proxy"] = format_money(proxy, lang, params.pop("currency", "SEK"), decimals)
        params.pop("currency", None)
        text = t(f"sroi.quality.{self.code}", lang, **params)
        if self.row is None:
            return text
        named = t(
            "sroi.quality.outcome",
            lang,
            outcome=self.params.get("outcome", ""),
            stakeholder=self.params.get("stakeholder", ""),
        )
        if with_row:
            named = t("sroi.quality.row", lang, row=self.row) + ", " + named
        return f"{named}: {text}"

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """``{"code", "row", "message"}``, JSON-ready."""
        return {"code": self.code, "row": self.row, "message": self.message(lang)}


def check_quality(value_map: ValueMap) -> list[QualityWarning]:
    """Every warning for ``value_map``: row warnings in row order, then map warnings."""
    currency = value_map.conventions.currency
    warnings: list[QualityWarning] = []
    for number, row in enumerate(value_map.outcomes, start=1):
        warnings += _row_warnings(number, row, currency)
    if sum(i.amount for i in value_map.inputs) <= 0:
        warnings.append(QualityWarning("no_inputs"))
    return warnings


def _row_warnings(number: int, row: OutcomeRow, currency: str) -> list[QualityWarning]:
    named = {"stakeholder": row.stakeholder, "outcome": row.outcome}
    found = []
    if row.deadweight == 0 and row.attribution == 0:
        found.append(QualityWarning("no_deadweight_attribution", number, named))
    if row.duration_years > LONG_DURATION_YEARS:
        params = {**named, "years": row.duration_years, "limit": LONG_DURATION_YEARS}
        found.append(QualityWarning("long_duration", number, params))
    if not row.proxy_source.strip():
        params = {**named, "proxy": row.financial_proxy, "currency": currency}
        found.append(QualityWarning("proxy_without_source", number, params))
    if not row.stakeholder_voice.strip():
        found.append(QualityWarning("no_stakeholder_voice", number, named))
    return found
