"""One enterprise's assessment: the model, and its workbook (.xlsx) reading and writing.

An assessment holds the organisation's profile and its logic model now; later methods
(SROI, socioeconomic ledger, financing) add their own parts. The workbook is the file an
enterprise keeps from year to year: :func:`write_workbook` and :func:`read_workbook`
round-trip every field without loss.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from openpyxl import Workbook
from pydantic import BaseModel, ConfigDict, Field

from spark_kit.errors import SparkInputError
from spark_kit.impact.logic_model import (
    Assumption,
    Element,
    Indicator,
    Link,
    LogicModel,
    Stakeholder,
    structural_problems,
)
from spark_kit.paths import EXAMPLES_DIR
from spark_kit.workbook import reader, safety, writer
from spark_kit.workbook.schema import LOGIC_MODEL_SHEETS, ORGANISATION

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


def blank_assessment(name: str = "Vår organisation") -> Assessment:
    return Assessment(profile=Profile(name=name))


def load_example(name: str = EXAMPLE_NAME) -> Assessment:
    """The bundled example enterprise (fictional, and marked so)."""
    path = EXAMPLES_DIR / f"{name}.yaml"
    return Assessment.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def read_workbook(source: str | Path | bytes) -> Assessment:
    """Read an assessment workbook from a path or the bytes of an upload.

    Raises :class:`~spark_kit.errors.SparkInputError` listing every problem found, each
    with sheet, row, column and value.
    """
    workbook = safety.open_workbook(safety.read_bytes(source))
    try:
        content = reader.read_tables(workbook)
    finally:
        workbook.close()
    reader.raise_if(content.problems)
    problems = []
    profile_table = content.tables[ORGANISATION.name]
    profiles, found = reader.build_records(profile_table, Profile)
    problems += found
    lists = {}
    for field, spec in LOGIC_MODEL_SHEETS.items():
        records, found = reader.build_records(content.tables[spec.name], RECORD_TYPES[field])
        lists[field] = records
        problems += found
    reader.raise_if(problems)
    unchecked = LogicModel.model_construct(**lists)
    located = [reader.relocate(p, content.tables) for p in structural_problems(unchecked)]
    reader.raise_if(located)
    return Assessment(profile=profiles[0], logic_model=LogicModel(**lists))


def to_workbook(assessment: Assessment) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    profile = assessment.profile
    writer.write_key_value(wb, ORGANISATION, profile.model_dump())
    model = assessment.logic_model
    for field, spec in LOGIC_MODEL_SHEETS.items():
        writer.write_table(wb, spec, [r.model_dump() for r in getattr(model, field)])
    note = (
        "FIKTIVT EXEMPEL – påhittade uppgifter för utbildning."
        if profile.fictional
        else "Fyll i bladen nedan. Rubrikerna på rad 1 ska stå kvar."
    )
    writer.write_readme(wb, f"SPARK-kitet: bedömning för {profile.name}", note)
    return wb


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
    "workbook_bytes",
    "write_workbook",
]
