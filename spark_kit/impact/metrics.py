"""Tagging indicators with IRIS+ metrics and UN Sustainable Development Goal (SDG) targets.

The kit's reference table ``data/reference/metrics_iris_sdg.csv`` lists IRIS+ metric ids and
names (Global Impact Investing Network) and SDG targets, each with its source, publisher,
year, address and the date it was checked (``as_of``). Only ids in the table can be used:
an id that is not there is rejected with a message that names it (and suggests a close
one), so that a report never carries a made-up or mistyped id.

Ids are written as IRIS+ ids (two capital letters and four digits: ``PI4060``) and as SDG
targets (``SDG 8.5``, ``SDG 11.a``). When tagging, ``pi4060``, ``8.5``, ``SDG8.5`` and
``Mål 8.5`` are understood too.

>>> normalise_metric_id("pi4060"), normalise_metric_id("8.5"), normalise_metric_id("mål 11.A")
('PI4060', 'SDG 8.5', 'SDG 11.a')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import resolve_lang, t
from spark_kit.impact.logic_model import Indicator
from spark_kit.paths import DATA_DIR

METRICS_PATH = DATA_DIR / "reference" / "metrics_iris_sdg.csv"
SOURCE_COLUMNS = ("source", "publisher", "year", "address", "as_of")
REQUIRED_COLUMNS = ("id", "framework", "name", *SOURCE_COLUMNS)
FRAMEWORKS = ("IRIS+", "SDG")

#: IRIS+ ids: a section prefix (OD, PD, FP, OI, PI) and four digits.
IRIS_ID = re.compile(r"^(OD|PD|FP|OI|PI)\d{4}$")
#: SDG targets: goal 1–17, then a number (outcome targets) or a letter (means of
#: implementation), e.g. "SDG 8.5", "SDG 11.a".
SDG_ID = re.compile(r"^SDG (1[0-7]|[1-9])\.([1-9]\d?|[a-z])$")

_SDG_LOOSE = re.compile(r"^(?:sdg|mål|mal|goal|delmål|target)?\s*(\d{1,2})\.(\d{1,2}|[a-z])$")


def normalise_metric_id(text: str) -> str | None:
    """The canonical form of an IRIS+ id or SDG target, or ``None`` if ``text`` is neither."""
    cleaned = " ".join(str(text).split())
    upper = cleaned.upper().replace(" ", "")
    if IRIS_ID.match(upper):
        return upper
    match = _SDG_LOOSE.match(cleaned.casefold())
    if match:
        candidate = f"SDG {int(match.group(1))}.{match.group(2)}"
        return candidate if SDG_ID.match(candidate) else None
    return None


def framework_of(metric_id: str) -> str | None:
    """``"IRIS+"`` or ``"SDG"`` from the form of a canonical id, else ``None``."""
    if IRIS_ID.match(metric_id):
        return "IRIS+"
    if SDG_ID.match(metric_id):
        return "SDG"
    return None


def load_metrics(path: str | Path = METRICS_PATH) -> pd.DataFrame:
    """The reference table, indexed by id, after checking it: the required columns exist,
    every row has its source columns filled, ids have the right form for their framework
    and are unique. A broken table raises :class:`~spark_kit.errors.SparkInputError`."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        expected = ", ".join(REQUIRED_COLUMNS)
        raise SparkInputError(
            [
                InputProblem("column.missing", None, 1, c, None, {"expected": expected})
                for c in missing
            ]
        )
    problems: list[InputProblem] = []
    first_row: dict[str, int] = {}
    for row, record in enumerate(table.to_dict("records"), start=2):
        metric_id = record["id"].strip()
        if record["framework"] not in FRAMEWORKS:
            problems.append(
                InputProblem(
                    "value.choice",
                    None,
                    row,
                    "framework",
                    record["framework"],
                    {"choices": ", ".join(FRAMEWORKS)},
                )
            )
        elif framework_of(metric_id) != record["framework"]:
            problems.append(InputProblem("metric.table_bad_id", None, row, "id", metric_id))
        if metric_id in first_row:
            problems.append(
                InputProblem(
                    "id.duplicate", None, row, "id", metric_id, {"first_row": first_row[metric_id]}
                )
            )
        first_row.setdefault(metric_id, row)
        for column in ("name", *SOURCE_COLUMNS):
            if not record[column].strip():
                problems.append(InputProblem("value.required", None, row, column))
    if problems:
        raise SparkInputError(problems)
    return table.set_index("id", drop=False)


@cache
def _default_metrics() -> pd.DataFrame:
    return load_metrics()


def _unknown_problem(indicator_id: str, given: str, known: Iterable[str]) -> InputProblem:
    canonical = normalise_metric_id(given)
    if canonical is None:
        return InputProblem(
            "metric.bad_format", None, None, None, given, {"indicator": indicator_id}
        )
    # Suggest only within the same framework, and for SDG only targets of the same goal.
    if framework_of(canonical) == "SDG":
        goal = canonical.split(".")[0] + "."
        candidates = [k for k in known if k.startswith(goal)]
    else:
        candidates = [k for k in known if framework_of(k) == "IRIS+"]
    close = difflib.get_close_matches(canonical, candidates, n=1, cutoff=0.6)
    if close:
        return InputProblem(
            "metric.unknown_suggest",
            None,
            None,
            None,
            canonical,
            {"indicator": indicator_id, "suggestion": close[0]},
        )
    return InputProblem("metric.unknown", None, None, None, canonical, {"indicator": indicator_id})


def tag_indicators(
    indicators: Iterable[Indicator],
    tags: Mapping[str, Iterable[str]],
    metrics: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tag indicators with metric ids: ``tags`` maps an indicator id to the metric ids
    (IRIS+ or SDG) that it reports on.

    Returns one row per indicator and metric, with the indicator's name and the metric's
    framework, name, Swedish name (if any) and source columns. Every problem is collected
    and raised together as :class:`~spark_kit.errors.SparkInputError`: an indicator that
    does not exist, an id of neither form, and a well-formed id missing from the reference
    table (with the closest known id suggested).
    """
    table = _default_metrics() if metrics is None else metrics
    by_id = {i.id: i for i in indicators}
    problems: list[InputProblem] = []
    rows = []
    for indicator_id, metric_ids in tags.items():
        indicator = by_id.get(indicator_id)
        if indicator is None:
            problems.append(
                InputProblem(
                    "metric.unknown_indicator",
                    None,
                    None,
                    None,
                    indicator_id,
                    {"known": ", ".join(by_id)},
                )
            )
            continue
        if isinstance(metric_ids, str):
            metric_ids = [metric_ids]
        for given in metric_ids:
            canonical = normalise_metric_id(given)
            if canonical is None or canonical not in table.index:
                problems.append(_unknown_problem(indicator_id, given, table.index))
                continue
            metric = table.loc[canonical]
            rows.append(
                {
                    "indicator": indicator_id,
                    "indicator_name": indicator.name,
                    "metric": canonical,
                    "framework": metric["framework"],
                    "name": metric["name"],
                    "name_sv": metric.get("name_sv", ""),
                    **{column: metric[column] for column in SOURCE_COLUMNS},
                }
            )
    if problems:
        raise SparkInputError(problems)
    columns = ["indicator", "indicator_name", "metric", "framework", "name", "name_sv"]
    return pd.DataFrame(rows, columns=[*columns, *SOURCE_COLUMNS])


def tag_table(tagged: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The tags for display: indicator, metric id, framework, name and where it comes from.

    In Swedish an SDG target is shown with its Swedish text where the table has one (from
    Statistics Sweden); IRIS+ names are shown in English, as IRIS+ publishes them.
    """
    lang = resolve_lang(lang)
    rows = []
    for record in tagged.to_dict("records"):
        name = record["name"]
        if lang == "sv" and record.get("name_sv"):
            name = record["name_sv"]
        rows.append(
            {
                t(
                    "metrics.col.indicator", lang
                ): f"{record['indicator']} {record['indicator_name']}",
                t("metrics.col.metric", lang): record["metric"],
                t("metrics.col.name", lang): name,
                t("metrics.col.source", lang): f"{record['publisher']} ({record['year']})",
            }
        )
    return pd.DataFrame(rows)
