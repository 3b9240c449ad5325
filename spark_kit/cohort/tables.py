"""The program figures as tables for people: headers and labels in Swedish or English.

Each function takes a table from :mod:`spark_kit.cohort.aggregate` (or
:func:`~spark_kit.cohort.program_logic.program_indicators`) and returns a DataFrame to show.
With ``formatted=True`` (for HTML and the terminal) numbers, money and shares are text
through Babel (``1 234 kr``, ``37 %``); with ``formatted=False`` (for Excel) they stay
numbers and only the headers and labels are translated.
"""

from __future__ import annotations

import math

import pandas as pd

from spark_kit.cohort.aggregate import FINANCING_KINDS
from spark_kit.cohort.load import Cohort
from spark_kit.i18n import format_money, format_number, format_percent, resolve_lang, t
from spark_kit.impact.indicators import Status

DASH = "–"


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def money(value: float | None, lang: str) -> str:
    return DASH if _blank(value) else format_money(round(value), lang, decimals=0)


def number(value: float | None, lang: str) -> str:
    if _blank(value):
        return DASH
    return format_number(value, lang, decimals=0 if float(value).is_integer() else 1)


def share(value: float | None, lang: str) -> str:
    return DASH if _blank(value) else format_percent(value, lang)


def ratio(value: float | None, lang: str) -> str:
    return DASH if _blank(value) else format_number(value, lang, decimals=2)


def category(value: str, lang: str) -> str:
    """A municipality, legal form or sector as written; "" as "(ej angivet)"."""
    return value if value else t("cohort.unspecified", lang)


def dimension_label(dimension: str, lang: str | None = None) -> str:
    return t(f"cohort.dim.{dimension}", lang)


def status_label(value: str, lang: str | None = None) -> str:
    return Status(value).label(lang)


def kind_label(kind: str, lang: str | None = None) -> str:
    return t(f"cohort.financing.{kind}", lang)


def counts_table(counts: pd.DataFrame, dimension: str, lang=None, formatted=True) -> pd.DataFrame:
    lang = resolve_lang(lang)
    return pd.DataFrame(
        {
            dimension_label(dimension, lang): [category(v, lang) for v in counts[dimension]],
            t("cohort.col.enterprises", lang): counts["enterprises"].tolist(),
            t("cohort.col.share", lang): [
                share(v, lang) if formatted else v for v in counts["share"]
            ],
        }
    )


def status_table(status: pd.DataFrame, lang=None, formatted=True) -> pd.DataFrame:
    lang = resolve_lang(lang)
    return pd.DataFrame(
        {
            t("cohort.col.status", lang): [status_label(v, lang) for v in status["status"]],
            t("cohort.col.indicators", lang): status["indicators"].tolist(),
            t("cohort.col.share", lang): [
                share(v, lang) if formatted else v for v in status["share"]
            ],
            t("cohort.col.enterprises_with", lang): status["enterprises"].tolist(),
        }
    )


def sroi_table(sroi: pd.DataFrame, lang=None, formatted=True) -> pd.DataFrame:
    """The SROI totals as rows of (figure, value)."""
    lang = resolve_lang(lang)
    row = sroi.iloc[0]
    shown = {
        "enterprises": number if formatted else None,
        "present_value": money if formatted else None,
        "total_inputs": money if formatted else None,
        "npv": money if formatted else None,
        "sroi_ratio": ratio if formatted else None,
        "median_ratio": ratio if formatted else None,
    }
    return pd.DataFrame(
        {
            t("cohort.col.figure", lang): [t(f"cohort.sroi.{key}", lang) for key in shown],
            t("cohort.col.value", lang): [
                fmt(row[key], lang) if fmt else row[key] for key, fmt in shown.items()
            ],
        }
    )


def sroi_by_table(frame: pd.DataFrame, dimension: str, lang=None, formatted=True) -> pd.DataFrame:
    lang = resolve_lang(lang)

    def col(key, fmt):
        return [fmt(v, lang) if formatted else v for v in frame[key]]

    return pd.DataFrame(
        {
            dimension_label(dimension, lang): [category(v, lang) for v in frame[dimension]],
            t("cohort.col.enterprises", lang): frame["enterprises"].tolist(),
            t("cohort.sroi.present_value", lang): col("present_value", money),
            t("cohort.sroi.total_inputs", lang): col("total_inputs", money),
            t("cohort.sroi.sroi_ratio", lang): col("sroi_ratio", ratio),
        }
    )


def financing_table(financing: pd.DataFrame, lang=None, formatted=True) -> pd.DataFrame:
    lang = resolve_lang(lang)
    return pd.DataFrame(
        {
            t("cohort.col.kind", lang): [kind_label(k, lang) for k in financing["kind"]],
            t("cohort.col.amount", lang): [
                money(v, lang) if formatted else v for v in financing["amount"]
            ],
            t("cohort.col.enterprises_with", lang): financing["enterprises"].tolist(),
        }
    )


def financing_by_table(
    frame: pd.DataFrame, dimension: str, lang=None, formatted=True
) -> pd.DataFrame:
    lang = resolve_lang(lang)
    data = {dimension_label(dimension, lang): [category(v, lang) for v in frame[dimension]]}
    for kind in [*FINANCING_KINDS, "financing"]:
        label = kind_label("total" if kind == "financing" else kind, lang)
        data[label] = [money(v, lang) if formatted else v for v in frame[kind]]
    data[t("cohort.col.enterprises_with", lang)] = frame["enterprises"].tolist()
    return pd.DataFrame(data)


def _program_value(value, kind: str, lang: str) -> str:
    if kind == "money":
        return money(value, lang)
    if kind == "share":
        return share(value, lang)
    return number(value, lang)


def program_table(program: pd.DataFrame, lang=None, formatted=True) -> pd.DataFrame:
    """The program's indicators: id, name, element, baseline, target, value, progress."""
    lang = resolve_lang(lang)

    def col(key):
        if not formatted:
            return program[key].tolist()
        return [
            _program_value(v, k, lang) for v, k in zip(program[key], program["kind"], strict=True)
        ]

    return pd.DataFrame(
        {
            t("cohort.col.id", lang): program["id"].tolist(),
            t("cohort.col.indicator", lang): program["name"].tolist(),
            t("cohort.col.element", lang): program["element"].tolist(),
            t("cohort.col.baseline", lang): col("baseline"),
            t("cohort.col.target", lang): col("target"),
            t("cohort.col.value_now", lang): col("value"),
            t("cohort.col.progress", lang): [
                share(v, lang) if formatted else v for v in program["progress"]
            ],
        }
    )


def enterprise_table(table: pd.DataFrame, lang=None, formatted=True) -> pd.DataFrame:
    """One row per enterprise, for the export and a detail view."""
    lang = resolve_lang(lang)
    yes, no = t("cohort.yes", lang), t("cohort.no", lang)

    def flag(column):
        return [yes if v else no for v in table[column]]

    def col(key, fmt):
        return [fmt(v, lang) if formatted else v for v in table[key]]

    data = {
        t("cohort.col.file", lang): table["file"].tolist(),
        t("cohort.col.name", lang): table["name"].tolist(),
    }
    for dimension in ("municipality", "legal_form", "sector"):
        data[dimension_label(dimension, lang)] = [category(v, lang) for v in table[dimension]]
    data[t("cohort.col.fictional", lang)] = flag("fictional")
    data[t("cohort.col.indicators", lang)] = table["indicators"].tolist()
    data[t("cohort.col.follow_up", lang)] = flag("follow_up")
    data[t("cohort.col.value_map", lang)] = flag("value_map")
    data[t("cohort.sroi.present_value", lang)] = col("present_value", money)
    data[t("cohort.sroi.total_inputs", lang)] = col("total_inputs", money)
    data[t("cohort.sroi.sroi_ratio", lang)] = col("sroi_ratio", ratio)
    data[t("cohort.col.cashflow", lang)] = flag("cashflow")
    for kind in FINANCING_KINDS:
        data[kind_label(kind, lang)] = col(kind, money)
    data[t("cohort.col.readiness", lang)] = flag("readiness")
    return pd.DataFrame(data)


def progress_table(progress: pd.DataFrame, lang=None, formatted=True) -> pd.DataFrame:
    """Every indicator of every enterprise with its status (for the export)."""
    lang = resolve_lang(lang)

    def col(key, fmt):
        return [fmt(v, lang) if formatted else (None if _blank(v) else v) for v in progress[key]]

    return pd.DataFrame(
        {
            t("cohort.col.file", lang): progress["file"].tolist(),
            t("cohort.col.name", lang): progress["name"].tolist(),
            t("cohort.col.id", lang): progress["indicator"].tolist(),
            t("cohort.col.indicator", lang): progress["indicator_name"].tolist(),
            t("cohort.col.unit", lang): progress["unit"].tolist(),
            t("cohort.col.baseline", lang): col("baseline", number),
            t("cohort.col.target", lang): col("target", number),
            t("cohort.col.year", lang): col("year", number),
            t("cohort.col.actual", lang): col("actual", number),
            t("cohort.col.progress", lang): col("progress", share),
            t("cohort.col.status", lang): [status_label(v, lang) for v in progress["status"]],
        }
    )


def issues_table(cohort: Cohort, lang=None) -> pd.DataFrame:
    lang = resolve_lang(lang)
    return pd.DataFrame(
        {
            t("cohort.col.file", lang): [issue.name for issue in cohort.issues],
            t("cohort.col.what", lang): [
                t("cohort.skipped" if issue.skipped else "cohort.refused", lang)
                for issue in cohort.issues
            ],
            t("cohort.col.message", lang): [issue.error().message(lang) for issue in cohort.issues],
        }
    )
