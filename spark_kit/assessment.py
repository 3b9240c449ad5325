"""One enterprise's assessment: the model, and its workbook (.xlsx) reading and writing.

An assessment holds the organisation's profile, its logic model, its SROI value map and its
cash-flow budget (likviditetsbudget, empty by default), and the parts of
:mod:`spark_kit.assessment_parts` (follow-up, impact profiles, ledger, readiness), each with
optional sheets of its own (see that module). The workbook is the file an enterprise keeps
from year to year: :func:`write_workbook` and :func:`read_workbook` round-trip every field
without loss.

The value map's stakeholders are not a sheet of their own: they are the stakeholders named
on the outcome rows (``utfall``) and input rows (``insatser``), in order of first
appearance, with the head count of the logic-model stakeholder (``intressenter``) of the
same name or id. :func:`value_map_stakeholders` derives them, and an assessment whose value
map lists no stakeholders gets them filled in.

The cash-flow budget is two sheets, ``likviditetsbudget`` (settings) and ``likviditet`` (one
row per line); both may be left out. An example's financing situation lives in its own file,
``data/examples/<first word>_finansiering.yaml`` (e.g. ``granbacka_finansiering.yaml``):
:func:`load_example` adds its ``cashflow`` part when the file exists.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from openpyxl import Workbook
from pydantic import BaseModel, ConfigDict, Field, model_validator

from spark_kit.assessment_parts import (
    FollowUp,
    ReadinessAnswers,
    example_parts,
    follow_up_from_tables,
    follow_up_records,
    impact_profile_records,
    impact_profiles_from_table,
    ledger_from_tables,
    ledger_records,
    readiness_from_table,
    readiness_records,
)
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.cashflow import (
    CashFlowBudget,
    CashFlowLine,
    budget_problems,
    financing_path,
    format_amounts,
)
from spark_kit.impact.five_dimensions import ImpactProfile
from spark_kit.impact.ledger import Ledger
from spark_kit.impact.logic_model import (
    Assumption,
    Element,
    Indicator,
    Link,
    LogicModel,
    Stakeholder,
    structural_problems,
)
from spark_kit.impact.sroi.model import (
    Conventions,
    Input,
    OutcomeRow,
    ValueMap,
    ValueMapStakeholder,
)
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.workbook import reader, safety, writer
from spark_kit.workbook.schema import (
    CASHFLOW,
    CASHFLOW_BUDGET,
    FOLLOW_UP,
    IMPACT_PROFILES,
    INPUTS,
    LEDGER,
    LEDGER_GROUPS,
    LEDGER_ITEMS,
    LOGIC_MODEL_SHEETS,
    MEASUREMENTS,
    ORGANISATION,
    OUTCOMES,
    READINESS,
    SETTINGS,
    SHEETS,
    normalise,
)

EXAMPLE_NAME = "granbacka_byakooperativ"
RECORD_TYPES = {
    "elements": Element,
    "links": Link,
    "stakeholders": Stakeholder,
    "indicators": Indicator,
    "assumptions": Assumption,
}


class Profile(BaseModel):
    """Who the enterprise is. ``fictional`` marks example and synthetic data."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1)
    legal_form: str = ""
    municipality: str = ""
    county: str = ""
    sector: str = ""
    year: int | None = None
    description: str = ""
    fictional: bool = False


class Assessment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: Profile
    logic_model: LogicModel = Field(default_factory=LogicModel)
    value_map: ValueMap = Field(default_factory=ValueMap)
    cashflow: CashFlowBudget = Field(default_factory=CashFlowBudget)
    follow_up: FollowUp = Field(default_factory=FollowUp)
    impact_profiles: list[ImpactProfile] = Field(default_factory=list)
    ledger: Ledger | None = None
    readiness: ReadinessAnswers = Field(default_factory=ReadinessAnswers)

    @model_validator(mode="after")
    def _fill_value_map_stakeholders(self) -> Assessment:
        if not self.value_map.stakeholders:
            derived = value_map_stakeholders(self.value_map, self.logic_model)
            if derived:
                self.value_map = self.value_map.model_copy(update={"stakeholders": derived})
        return self


def value_map_stakeholders(
    value_map: ValueMap, logic_model: LogicModel
) -> list[ValueMapStakeholder]:
    """The stakeholders named on the value map's outcome and input rows, in order of first
    appearance, each with the count of the logic-model stakeholder whose name or id it is."""
    counts: dict[str, int | None] = {}
    for stakeholder in logic_model.stakeholders:
        for key in (stakeholder.name, stakeholder.id):
            counts.setdefault(normalise(key), stakeholder.count)
    names = [row.stakeholder for row in value_map.outcomes]
    names += [row.stakeholder for row in value_map.inputs]
    return [
        ValueMapStakeholder(name=name, count=counts.get(normalise(name)))
        for name in dict.fromkeys(names)
    ]


def blank_assessment(name: str = "Vår organisation") -> Assessment:
    return Assessment(profile=Profile(name=name))


def load_example(name: str = EXAMPLE_NAME) -> Assessment:
    """The bundled example enterprise (fictional, and marked so), with the cash-flow budget
    of its financing situation (``data/examples/<first word>_finansiering.yaml``, also
    fictional) when that file exists and the example has no budget of its own, and the
    parts kept in files of their own (:func:`~spark_kit.assessment_parts.example_parts`)."""
    path = EXAMPLES_DIR / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    financing = financing_path(name)
    if "cashflow" not in data and financing.exists():
        extra = yaml.safe_load(financing.read_text(encoding="utf-8")) or {}
        if extra.get("cashflow"):
            data["cashflow"] = extra["cashflow"]
    parts = example_parts(name)
    measurements = parts.pop("measurements", None)
    for part, value in parts.items():
        data.setdefault(part, value)
    if measurements is not None:
        data.setdefault("follow_up", {}).setdefault("measurements", measurements)
    return Assessment.model_validate(data)


def read_workbook(source: str | Path | bytes, *, require_value_map: bool = False) -> Assessment:
    """Read an assessment workbook from a path or the bytes of an upload.

    The SROI sheets (``utfall``, ``insatser``, ``inställningar``) may be left out, as in a
    workbook made before they existed; with ``require_value_map`` (for an SROI calculation)
    ``utfall`` and ``insatser`` must be there and hold at least one row each.

    Raises :class:`~spark_kit.errors.SparkInputError` listing every problem found, each
    with sheet, row, column and value.
    """
    return read_workbook_with_rows(source, require_value_map=require_value_map)[0]


def read_workbook_with_rows(
    source: str | Path | bytes, *, require_value_map: bool = False
) -> tuple[Assessment, dict[str, tuple[str, list[int]]]]:
    """Like :func:`read_workbook`, and also where the value map's rows were: for
    ``"outcomes"`` and ``"inputs"``, the sheet name as written and the Excel row of each
    record (so that a later message about outcome 3 can name its row in Excel)."""
    sheets = SHEETS
    if require_value_map:
        needed = (OUTCOMES.name, INPUTS.name)
        sheets = tuple(
            replace(spec, required=True) if spec.name in needed else spec for spec in SHEETS
        )
    workbook = safety.open_workbook(safety.read_bytes(source))
    try:
        content = reader.read_tables(workbook, sheets)
    finally:
        workbook.close()
    reader.raise_if(content.problems)
    tables = content.tables
    problems = []
    profiles, found = reader.build_records(tables[ORGANISATION.name], Profile, ORGANISATION)
    problems += found
    lists = {}
    for field, spec in LOGIC_MODEL_SHEETS.items():
        records, found = reader.build_records(tables[spec.name], RECORD_TYPES[field], spec)
        lists[field] = records
        problems += found
    outcomes, found = reader.build_records(tables[OUTCOMES.name], OutcomeRow, OUTCOMES)
    problems += found
    inputs, found = reader.build_records(tables[INPUTS.name], Input, INPUTS)
    problems += found
    cashflow, found = _read_cashflow(tables)
    problems += found
    indicator_ids = [indicator.id for indicator in lists["indicators"]]
    follow_up, found = follow_up_from_tables(
        tables[FOLLOW_UP.name], tables[MEASUREMENTS.name], indicator_ids
    )
    problems += found
    impact_profiles, found = impact_profiles_from_table(tables[IMPACT_PROFILES.name])
    problems += found
    ledger, found = ledger_from_tables(
        tables[LEDGER.name], tables[LEDGER_GROUPS.name], tables[LEDGER_ITEMS.name]
    )
    problems += found
    readiness, found = readiness_from_table(tables[READINESS.name])
    problems += found
    settings_table = tables[SETTINGS.name]
    conventions = [Conventions()]
    if settings_table.rows:
        conventions, found = reader.build_records(settings_table, Conventions, SETTINGS)
        problems += found
    if require_value_map:
        for spec, rows, code in (
            (OUTCOMES, outcomes, "value_map.no_outcomes"),
            (INPUTS, inputs, "value_map.no_inputs"),
        ):
            if not rows and not any(p.sheet == tables[spec.name].sheet for p in problems):
                problems.append(InputProblem(code, tables[spec.name].sheet))
    reader.raise_if(problems)
    unchecked = LogicModel.model_construct(**lists)
    located = [reader.relocate(p, tables) for p in structural_problems(unchecked)]
    located += _cashflow_problems(cashflow, tables)
    reader.raise_if(located)
    value_map = ValueMap(outcomes=outcomes, inputs=inputs, conventions=conventions[0])
    assessment = Assessment(
        profile=profiles[0],
        logic_model=LogicModel(**lists),
        value_map=value_map,
        cashflow=cashflow,
        follow_up=follow_up,
        impact_profiles=impact_profiles,
        ledger=ledger,
        readiness=readiness,
    )
    rows = {
        field: (tables[spec.name].sheet, list(tables[spec.name].excel_rows))
        for field, spec in (("outcomes", OUTCOMES), ("inputs", INPUTS))
    }
    return assessment, rows


def _read_cashflow(tables) -> tuple[CashFlowBudget, list[InputProblem]]:
    """The budget from the sheets ``likviditetsbudget`` and ``likviditet`` (either may be
    missing: then the defaults, and no lines)."""
    problems: list[InputProblem] = []
    budget = CashFlowBudget()
    settings = tables[CASHFLOW_BUDGET.name]
    if settings.rows:
        found_budgets, found = reader.build_records(settings, CashFlowBudget, CASHFLOW_BUDGET)
        problems += found
        budget = found_budgets[0] if found_budgets else budget
    lines, found = reader.build_records(tables[CASHFLOW.name], CashFlowLine, CASHFLOW)
    problems += found
    return budget.model_copy(update={"lines": lines}), problems


def _cashflow_problems(budget: CashFlowBudget, tables) -> list[InputProblem]:
    """The budget's rules (a delay past the horizon …), located at the Excel row and the
    header as written; a setting's problem names the row of its key."""
    located = []
    settings = tables[CASHFLOW_BUDGET.name]
    fields = {c.header: c.field for c in CASHFLOW_BUDGET.columns}
    for problem in budget_problems(budget):
        if problem.sheet == CASHFLOW_BUDGET.name:
            row = settings.key_rows.get(fields.get(problem.column or "", ""))
            problem = replace(problem, row=row)
            if not settings.rows:  # the sheet was left out: name it as the kit does
                located.append(problem)
                continue
        located.append(reader.relocate(problem, tables))
    return located


def to_workbook(assessment: Assessment) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    profile = assessment.profile
    contents = _sheet_contents(assessment)
    for spec in SHEETS:  # every sheet, in the order of SHEETS
        content = contents[spec.name]
        if spec.key_value:
            writer.write_key_value(wb, spec, content)
        else:
            writer.write_table(wb, spec, content)
    note = (
        "FIKTIVT EXEMPEL – påhittade uppgifter för utbildning."
        if profile.fictional
        else "Fyll i bladen nedan. Rubrikerna på rad 1 ska stå kvar."
    )
    writer.write_readme(wb, f"SPARK-kitet: bedömning för {profile.name}", note)
    return wb


def _sheet_contents(assessment: Assessment) -> dict:
    """Sheet name → the record (key/value sheet) or rows (table) it shows of ``assessment``."""
    model, value_map, budget = assessment.logic_model, assessment.value_map, assessment.cashflow
    follow_settings, measurements = follow_up_records(assessment.follow_up)
    ledger, groups, items = ledger_records(assessment.ledger)
    return {
        ORGANISATION.name: assessment.profile.model_dump(),
        **{
            spec.name: [r.model_dump() for r in getattr(model, field)]
            for field, spec in LOGIC_MODEL_SHEETS.items()
        },
        FOLLOW_UP.name: follow_settings,
        MEASUREMENTS.name: measurements,
        OUTCOMES.name: [r.model_dump() for r in value_map.outcomes],
        INPUTS.name: [r.model_dump() for r in value_map.inputs],
        SETTINGS.name: value_map.conventions.model_dump(),
        IMPACT_PROFILES.name: impact_profile_records(assessment.impact_profiles),
        LEDGER.name: ledger,
        LEDGER_GROUPS.name: groups,
        LEDGER_ITEMS.name: items,
        CASHFLOW_BUDGET.name: budget.model_dump(exclude={"lines"}),
        CASHFLOW.name: [_line_record(line) for line in budget.lines],
        READINESS.name: readiness_records(assessment.readiness),
    }


def _line_record(line: CashFlowLine) -> dict:
    record = line.model_dump()
    if line.amounts is not None:
        record["amounts"] = format_amounts(line.amounts)
    return record


def workbook_bytes(assessment: Assessment) -> bytes:
    """The assessment as the bytes of an .xlsx file."""
    return writer.workbook_bytes(to_workbook(assessment))


def write_workbook(assessment: Assessment, path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(workbook_bytes(assessment))
    return path


__all__ = [
    "Assessment",
    "Profile",
    "SparkInputError",
    "blank_assessment",
    "load_example",
    "read_workbook",
    "read_workbook_with_rows",
    "value_map_stakeholders",
    "workbook_bytes",
    "write_workbook",
]
