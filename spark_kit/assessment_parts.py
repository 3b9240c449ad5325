"""The parts of an assessment beyond the profile, logic model, value map and cash flow.

Each part is optional and empty by default, so an assessment can be filled in one step at a
time (the order of "Min effektrapport"):

- :class:`FollowUp`: the indicators' measured values per year, with the baseline year and
  the target year (indikatoruppföljning);
- ``impact_profiles``: the five dimensions of impact per outcome
  (:class:`~spark_kit.impact.five_dimensions.ImpactProfile`);
- ``ledger``: the socioeconomic ledger (:class:`~spark_kit.impact.ledger.Ledger`), or None;
- :class:`ReadinessAnswers`: the investment-readiness self-assessment, item id → 0–4 or
  None for a skipped item.

The bundled examples keep these parts in files of their own beside the example
(``data/examples/<first word>_indikatorer.csv``, ``_fem_dimensioner.yaml``,
``_bokslut.yaml``, ``_beredskap.yaml``); :func:`example_parts` reads those that exist.

In the assessment workbook (:mod:`spark_kit.workbook.schema`) each part has optional sheets;
the functions at the end of this module turn the sheets' rows into the part and back, each
problem located at the sheet, the Excel row, the column as written and the value:

- follow-up: ``uppföljning`` (utgångsår, målår) and ``mätvärden`` (indikator, år, mätvärde,
  anmärkning). A measurement must name an indicator in ``indikatorer``, once per year; the
  target year must come after the baseline year.
- five dimensions: ``effektprofiler``, one row per outcome, flat columns for the nested
  :class:`~spark_kit.impact.five_dimensions.ImpactProfile` (the column's field is the path,
  ``what.level``); outcome ids must be unique.
- ledger: ``bokslut`` (settings), ``bokslut_grupper`` (one row per group) and
  ``bokslut_poster`` (one row per item, naming its group and scenario: utanförskap, i
  verksamhet or insatsens kostnad). With no group and no item the ledger is None.
- readiness: ``beredskap``, one row per question (fråga, svar, frågetext, år). The writer
  writes every question of the question set with its text; the reader ignores the text. The
  year is written on every row, and the rows that give one must agree. When no question is
  answered the answers are empty (``{}``); otherwise every item id of the question set is
  present, None where it is skipped (as :func:`~spark_kit.finance.readiness.parse_answers`
  gives them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.readiness import load_question_set, parse_answers
from spark_kit.impact.five_dimensions import ImpactProfile, problems_from_validation
from spark_kit.impact.five_dimensions import profile_from_dict as _profile_from_dict
from spark_kit.impact.ledger import (
    CostItem,
    Ledger,
    ParticipantGroup,
    RealCost,
    Scenario,
)
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.workbook import cells
from spark_kit.workbook.reader import Table, build_records
from spark_kit.workbook.schema import (
    FOLLOW_UP,
    IMPACT_PROFILES,
    LEDGER,
    LEDGER_GROUPS,
    LEDGER_ITEMS,
    MEASUREMENTS,
    READINESS,
    Sheet,
)


class Measurement(BaseModel):
    """One indicator's measured value in one year; ``value`` None = not measured."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    indicator: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2200)
    value: float | None = None
    note: str = ""


class FollowUp(BaseModel):
    """The indicators followed from ``baseline_year`` to ``target_year``."""

    model_config = ConfigDict(extra="forbid")

    baseline_year: int | None = Field(default=None, ge=1900, le=2200)
    target_year: int | None = Field(default=None, ge=1900, le=2200)
    measurements: list[Measurement] = Field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """The measurements as :func:`spark_kit.impact.indicators.check_measurements`
        expects them (columns ``indikator``, ``år``, ``mätvärde``, ``anmärkning``)."""
        from spark_kit.impact import indicators as ind

        rows = [
            {
                ind.INDICATOR_COLUMN: m.indicator,
                ind.YEAR_COLUMN: str(m.year),
                ind.VALUE_COLUMN: "" if m.value is None else repr(float(m.value)),
                ind.NOTE_COLUMN: m.note,
            }
            for m in self.measurements
        ]
        columns = [ind.INDICATOR_COLUMN, ind.YEAR_COLUMN, ind.VALUE_COLUMN, ind.NOTE_COLUMN]
        return pd.DataFrame(rows, columns=columns, dtype=str)


class ReadinessAnswers(BaseModel):
    """The self-assessment's answers (item id → 0–4, None = skipped) and the year given."""

    model_config = ConfigDict(extra="forbid")

    year: int | None = Field(default=None, ge=1900, le=2200)
    answers: dict[str, int | None] = Field(default_factory=dict)

    @property
    def answered(self) -> int:
        return sum(value is not None for value in self.answers.values())


def _stem(name: str) -> str:
    return name.split("_")[0]


def example_parts(name: str) -> dict[str, Any]:
    """The parts of the bundled example ``name`` kept in files of their own (fictional, as
    the example is), as data for :class:`~spark_kit.assessment.Assessment`."""
    stem = _stem(name)
    parts: dict[str, Any] = {}
    measurements = EXAMPLES_DIR / f"{stem}_indikatorer.csv"
    if measurements.exists():
        parts["measurements"] = _example_measurements(measurements)
    profiles = EXAMPLES_DIR / f"{stem}_fem_dimensioner.yaml"
    if profiles.exists():
        parts["impact_profiles"] = _yaml(profiles)["profiles"]
    ledger = EXAMPLES_DIR / f"{stem}_bokslut.yaml"
    if ledger.exists():
        parts["ledger"] = _yaml(ledger)
    readiness = EXAMPLES_DIR / f"{stem}_beredskap.yaml"
    if readiness.exists():
        latest = max(_yaml(readiness)["assessments"], key=lambda a: int(a["year"]))
        parts["readiness"] = {"year": latest["year"], "answers": latest["answers"]}
    return parts


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _example_measurements(path: Path) -> list[dict]:
    from spark_kit.impact.indicators import read_measurements

    table = read_measurements(path)
    return [
        {
            "indicator": row["indikator"],
            "year": int(row["år"]),
            "value": None if pd.isna(row["mätvärde"]) else float(row["mätvärde"]),
            "note": "" if pd.isna(row.get("anmärkning")) else str(row.get("anmärkning") or ""),
        }
        for _, row in table.iterrows()
    ]


# --- the workbook sheets ---------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A whole float as an int, so that a message shows 0 and not 0.0 for a cell holding 0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _shown(problem: InputProblem, sheet: str, row: int | None, column: str | None, value: Any):
    """``problem`` moved to the cell (sheet, row, column), with whole numbers shown plainly."""
    params = {k: _plain(v) for k, v in problem.params.items()}
    return InputProblem(problem.code, sheet, row, column, _plain(value), params)


def _headers(table: Table, spec: Sheet) -> dict[str, str]:
    """Field → the column header as written in the sheet (the Swedish one if not there)."""
    return {c.field: table.headers.get(c.header, c.header) for c in spec.columns}


def _sheet_name(table: Table, spec: Sheet) -> str:
    return table.sheet or spec.name


# follow-up


def follow_up_from_tables(
    settings: Table, measurements: Table, indicator_ids: list[str]
) -> tuple[FollowUp, list[InputProblem]]:
    """The follow-up from the sheets ``uppföljning`` and ``mätvärden`` (either may be
    missing), with every measurement's indicator checked against ``indicator_ids``."""
    problems: list[InputProblem] = []
    years = FollowUp()
    if settings.rows:
        found_years, found = build_records(settings, FollowUp, FOLLOW_UP)
        problems += found
        years = found_years[0] if found_years else years
    rows, found = build_records(measurements, Measurement, MEASUREMENTS)
    problems += found
    if found:
        return years, problems
    headers = _headers(measurements, MEASUREMENTS)
    known = list(dict.fromkeys(indicator_ids))
    seen: dict[tuple[str, int], int] = {}
    for measurement, row in zip(rows, measurements.excel_rows, strict=True):
        if measurement.indicator not in known:
            problems.append(
                InputProblem(
                    "tracking.unknown_indicator",
                    measurements.sheet,
                    row,
                    headers["indicator"],
                    measurement.indicator,
                    {"known": ", ".join(known) or "–"},
                )
            )
            continue
        key = (measurement.indicator, measurement.year)
        if key in seen:
            params = {"first_row": seen[key], "indicator": key[0], "year": key[1]}
            problems.append(
                InputProblem(
                    "tracking.duplicate",
                    measurements.sheet,
                    row,
                    headers["year"],
                    measurement.year,
                    params,
                )
            )
            continue
        seen[key] = row
    base, target = years.baseline_year, years.target_year
    if base is not None and target is not None and target <= base:
        problems.append(
            InputProblem(
                "tracking.years",
                _sheet_name(settings, FOLLOW_UP),
                settings.key_rows.get("target_year"),
                _headers(settings, FOLLOW_UP)["target_year"],
                target,
                {"baseline_year": base, "target_year": target},
            )
        )
    return years.model_copy(update={"measurements": rows}), problems


def follow_up_records(follow_up: FollowUp) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The follow-up as the key/value record of ``uppföljning`` and the rows of
    ``mätvärden``."""
    settings = follow_up.model_dump(exclude={"measurements"})
    return settings, [m.model_dump() for m in follow_up.measurements]


# five dimensions


def _nested(row: dict[str, Any]) -> dict[str, Any]:
    """``{"what.level": 70}`` → ``{"what": {"level": 70}}``; blank cells are left out, so
    that the model's defaults apply."""
    data: dict[str, Any] = {}
    for path, value in row.items():
        if value is None:
            continue
        *parents, leaf = path.split(".")
        target = data
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value
    return data


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flat(value, path + "."))
        else:
            flat[path] = value
    return flat


def impact_profiles_from_table(table: Table) -> tuple[list[ImpactProfile], list[InputProblem]]:
    """The profiles on the sheet ``effektprofiler``, one per row; outcome ids unique."""
    headers = _headers(table, IMPACT_PROFILES)
    profiles: list[ImpactProfile] = []
    problems: list[InputProblem] = []
    first_row: dict[str, int] = {}
    for row, excel_row in zip(table.rows, table.excel_rows, strict=True):
        try:
            profile = _profile_from_dict(_nested(row), excel_row)
        except SparkInputError as error:
            problems += [
                _shown(p, table.sheet, excel_row, headers.get(p.column or "", p.column), p.value)
                for p in error.problems
            ]
            continue
        if profile.outcome_id in first_row:
            problems.append(
                InputProblem(
                    "id.duplicate",
                    table.sheet,
                    excel_row,
                    headers["outcome_id"],
                    profile.outcome_id,
                    {"first_row": first_row[profile.outcome_id]},
                )
            )
            continue
        first_row[profile.outcome_id] = excel_row
        profiles.append(profile)
    return profiles, problems


def impact_profile_records(profiles: list[ImpactProfile]) -> list[dict[str, Any]]:
    """The rows of ``effektprofiler``: each profile flattened to dotted paths."""
    return [_flat(profile.model_dump()) for profile in profiles]


# ledger

_TAGS = ("real", "financial")
#: The column a ledger rule is about (the model names no field for these).
_RULE_FIELDS = {
    "ledger_transfer_self": "receiver",
    "ledger_transfer_unallocated": "payer",
    "ledger_unknown_default": "default_id",
}
_ITEM_ADAPTER: TypeAdapter = TypeAdapter(CostItem)


def _validation_problems(
    error: ValidationError,
    sheet: str,
    row: int | None,
    headers: dict[str, str],
    key_rows: dict[str, int] | None = None,
    given: dict[str, Any] | None = None,
) -> list[InputProblem]:
    """Pydantic's errors for one row (or one key/value sheet) as located problems, worded
    as :func:`~spark_kit.impact.five_dimensions.problems_from_validation` words them, the
    ledger's own rules with the ledger's messages. ``given`` (field → the value read from
    the cell) shows the value as the user wrote it (``finansiell``, not ``financial``)."""
    located = []
    items = error.errors()
    for problem, item in zip(problems_from_validation(error, row), items, strict=True):
        kind = item["type"]
        context = item.get("ctx") or {}
        path = [str(p) for p in item["loc"] if p not in _TAGS and not isinstance(p, int)]
        field = ".".join(path)
        code, value, params = problem.code, problem.value, problem.params
        if kind.startswith("ledger_"):
            code = kind.replace("_", ".", 1)
            params = {k: getattr(v, "value", v) for k, v in context.items() if k != "value"}
            value = next((params[k] for k in ("actor", "default_id", "name") if k in params), None)
            field = field or _RULE_FIELDS.get(kind, "")
        elif kind == "union_tag_invalid":
            code, field = "value.choice", "kind"
            value, params = context.get("tag"), {"choices": "real, finansiell"}
        elif kind == "literal_error":
            expected = str(context.get("expected", "")).replace("'", "")
            code, params = "value.choice", {"choices": expected}
        elif kind == "extra_forbidden":
            code, value = "workbook.ledger.field_not_used", item.get("input")
        if given and field in given and not kind.startswith("ledger_"):
            value = given[field]
        where = (key_rows or {}).get(field, row)
        problem = InputProblem(code, params=params)
        located.append(_shown(problem, sheet, where, headers.get(field, field or None), value))
    return located


def _probabilities(text: str) -> list[float]:
    """``"0,9; 0,8; 80 %"`` → ``[0.9, 0.8, 0.8]``; raises :class:`cells.CellError` naming
    the part that is not a share."""
    parts = [part.strip() for part in text.split(";")]
    if parts and not parts[-1]:
        parts = parts[:-1]
    values = []
    for part in parts:
        try:
            values.append(cells.to_fraction(part))
        except cells.CellError as error:
            error.shown = part if error.shown is None else error.shown
            raise
    return values


def format_probabilities(values: list[float]) -> str:
    """The workbook's text for a list of probabilities: ``"0,9; 0,8"`` (decimal comma)."""
    return "; ".join(repr(float(v)).replace(".", ",") for v in values)


def ledger_from_tables(
    settings: Table, groups: Table, items: Table
) -> tuple[Ledger | None, list[InputProblem]]:
    """The ledger from ``bokslut``, ``bokslut_grupper`` and ``bokslut_poster``; None when
    there is neither a group nor an item (a filled-in ``bokslut`` with no group is an
    error: the ledger needs at least one group)."""
    problems: list[InputProblem] = []
    record = settings.rows[0] if settings.rows else {}
    setting = {k: v for k, v in record.items() if v is not None}
    if not groups.rows and not items.rows:
        if setting:
            problems.append(InputProblem("ledger.no_groups", _sheet_name(groups, LEDGER_GROUPS)))
        return None, problems
    group_headers = _headers(groups, LEDGER_GROUPS)
    item_headers = _headers(items, LEDGER_ITEMS)
    horizon = setting.get("horizon_years", Ledger.model_fields["horizon_years"].default)
    found: dict[str, dict[str, Any]] = {}
    group_rows: dict[str, int] = {}
    named: dict[str, int] = {}  # every group on the sheet (→ row), also those with a problem
    for row, excel_row in zip(groups.rows, groups.excel_rows, strict=True):
        data = {k: v for k, v in row.items() if v is not None}
        name = data.get("name", "")
        if name in named:
            problems.append(
                InputProblem(
                    "ledger.duplicate_group",
                    groups.sheet,
                    excel_row,
                    group_headers["name"],
                    name,
                    {"name": name},
                )
            )
            continue
        named[name] = excel_row
        text = data.get("effect_probability")
        if text is not None:
            header = group_headers["effect_probability"]
            try:
                data["effect_probability"] = _probabilities(text)
            except cells.CellError as error:
                problems.append(cells.problem(error, groups.sheet, excel_row, header, text))
                continue
            count = len(data["effect_probability"])
            if count != horizon:
                params = {"group": name, "count": count, "years": horizon}
                problems.append(
                    InputProblem(
                        "ledger.probability_count", groups.sheet, excel_row, header, text, params
                    )
                )
                continue
        data.update(exclusion=[], activity=[], activity_cost=[])
        found[name] = data
        group_rows[name] = excel_row
    for row, excel_row in zip(items.rows, items.excel_rows, strict=True):
        data = {k: v for k, v in row.items() if v is not None}
        group, section = data.pop("group"), data.pop("section")
        if group not in found:
            names = ", ".join(named) or "–"
            if group not in named:
                problems.append(
                    InputProblem(
                        "ledger.unknown_group",
                        items.sheet,
                        excel_row,
                        item_headers["group"],
                        group,
                        {"names": names},
                    )
                )
            continue
        try:
            if section == "activity_cost":
                item = RealCost.model_validate(data)
            else:
                item = _ITEM_ADAPTER.validate_python(data)
        except ValidationError as error:
            problems += _validation_problems(
                error, items.sheet, excel_row, item_headers, given=data
            )
            continue
        found[group][section].append(item)
    if problems:
        return None, problems
    built = []
    for name, data in found.items():
        data["exclusion"] = Scenario(items=data["exclusion"])
        data["activity"] = Scenario(items=data["activity"])
        try:
            built.append(ParticipantGroup.model_validate(data))
        except ValidationError as error:
            row = group_rows[name]
            problems += _validation_problems(error, groups.sheet, row, group_headers)
    if problems:
        return None, problems
    try:
        return Ledger.model_validate({**setting, "groups": built}), []
    except ValidationError as error:
        sheet = _sheet_name(settings, LEDGER)
        headers = _headers(settings, LEDGER)
        return None, _validation_problems(error, sheet, None, headers, settings.key_rows)


def ledger_records(
    ledger: Ledger | None,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The ledger as the record of ``bokslut`` and the rows of ``bokslut_grupper`` and
    ``bokslut_poster`` (all empty for None)."""
    if ledger is None:
        return {}, [], []
    settings = ledger.model_dump(exclude={"groups"})
    groups, items = [], []
    for group in ledger.groups:
        record = group.model_dump(exclude={"exclusion", "activity", "activity_cost"})
        if group.effect_probability is not None:
            record["effect_probability"] = format_probabilities(group.effect_probability)
        groups.append(record)
        sections = (
            ("exclusion", group.exclusion.items),
            ("activity", group.activity.items),
            ("activity_cost", group.activity_cost),
        )
        for section, section_items in sections:
            for item in section_items:
                items.append({"group": group.name, "section": section, **item.model_dump()})
    return settings, groups, items


# readiness


def readiness_from_table(table: Table) -> tuple[ReadinessAnswers, list[InputProblem]]:
    """The self-assessment on the sheet ``beredskap`` (see the module docstring)."""
    headers = _headers(table, READINESS)
    known = {item.id.upper(): item.id for item in load_question_set().items}
    problems: list[InputProblem] = []
    answers: dict[str, Any] = {}
    seen: dict[str, int] = {}
    year, year_row = None, None
    for row, excel_row in zip(table.rows, table.excel_rows, strict=True):
        raw_id, answer = row.get("item"), _plain(row.get("answer"))
        if row.get("year") is not None:
            if year is None:
                year, year_row = row["year"], excel_row
            elif row["year"] != year:
                problems.append(
                    InputProblem(
                        "workbook.readiness.years_differ",
                        table.sheet,
                        excel_row,
                        headers["year"],
                        row["year"],
                        {"year": year, "first_row": year_row},
                    )
                )
        try:
            parse_answers({raw_id: answer})
        except SparkInputError as error:
            for p in error.problems:
                field = "item" if "unknown_item" in p.code else "answer"
                problems.append(
                    InputProblem(p.code, table.sheet, excel_row, headers[field], p.value, p.params)
                )
            continue
        item_id = known[str(raw_id).strip().upper()]
        if item_id in seen:
            problems.append(
                InputProblem(
                    "readiness.answer.duplicate",
                    table.sheet,
                    excel_row,
                    headers["item"],
                    raw_id,
                    {"item": item_id},
                )
            )
            continue
        seen[item_id] = excel_row
        answers[item_id] = answer
    if problems:
        return ReadinessAnswers(), problems
    if all(value is None for value in answers.values()):
        return ReadinessAnswers(year=year), []
    return ReadinessAnswers(year=year, answers=parse_answers(answers)), []


def readiness_records(readiness: ReadinessAnswers) -> list[dict[str, Any]]:
    """The rows of ``beredskap``: every question of the question set, in order, with its
    Swedish text and the answer (blank where there is none), then any other answered id."""
    question_set = load_question_set()
    rows = [
        {
            "item": item.id,
            "answer": readiness.answers.get(item.id),
            "question_text": item.question("sv"),
            "year": readiness.year,
        }
        for item in question_set.items
    ]
    listed = {item.id for item in question_set.items}
    rows += [
        {"item": key, "answer": value, "question_text": "", "year": readiness.year}
        for key, value in readiness.answers.items()
        if key not in listed
    ]
    return rows
