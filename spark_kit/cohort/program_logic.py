"""The program's own effect logic, and its indicators computed from the cohort.

The SPARK program is itself an intervention with a logic model (effektlogik), built here as
a :class:`~spark_kit.impact.logic_model.LogicModel` like any enterprise's:

    behov B1 → aktiviteter A1 (hålla SPARK-träffar), A2 (visa verktygen)
      → prestationer P1 (träffar hållna), P2 (företag använder verktygen)
      → resultat R1 (företagen mäter sin effekt, kort sikt)
      → resultat R2 (bättre tillgång till kapital, medellång sikt) → effekt E1

Its indicators (:data:`PROGRAM_INDICATORS`) are counted from the enterprises' workbooks,
except the number of meetups held, which no workbook records: it comes from the program's
settings (:class:`ProgramSettings`, ``data/cohort/program.yaml`` — SYNTHETIC figures and
targets that go with the synthetic cohort). Baselines are 0 unless the settings say
otherwise (before the program no enterprise used the kit); progress towards each target is
:func:`spark_kit.impact.indicators.progress`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from spark_kit.cohort.aggregate import CohortFigures
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import resolve_lang, t
from spark_kit.impact.indicators import Status, progress
from spark_kit.impact.logic_model import Element, Indicator, Link, LogicModel, Stakeholder
from spark_kit.paths import DATA_DIR

#: The synthetic program settings that go with the synthetic cohort.
PROGRAM_FILE = DATA_DIR / "cohort" / "program.yaml"

Kind = Literal["count", "share", "money"]


class ProgramSettings(BaseModel):
    """What the workbooks cannot tell: meetups held, the plan's years, baselines, targets.

    ``targets`` and ``baselines`` map indicator ids (M1 …) to values in the indicator's
    unit (a share as a fraction, money in kr). ``synthetic`` marks made-up settings.
    """

    model_config = ConfigDict(extra="forbid")

    synthetic: bool = False
    baseline_year: int | None = Field(default=None, ge=1900, le=2200)
    target_year: int | None = Field(default=None, ge=1900, le=2200)
    meetups_held: int | None = Field(default=None, ge=0)
    baselines: dict[str, float] = Field(default_factory=dict)
    targets: dict[str, float] = Field(default_factory=dict)

    @field_validator("baselines", "targets")
    @classmethod
    def _known_ids(cls, values: dict[str, float]) -> dict[str, float]:
        known = [spec.id for spec in PROGRAM_INDICATORS]
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"unknown indicator ids {unknown}; known: {known}")
        return values


def load_program(path: str | Path = PROGRAM_FILE) -> ProgramSettings:
    """Read program settings from YAML; a bad file raises :class:`SparkInputError`."""
    path = Path(path)
    if not path.is_file():
        raise SparkInputError(InputProblem("file.not_found", params={"path": str(path)}))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return ProgramSettings.model_validate(data)
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as error:
        if isinstance(error, ValidationError):
            reason = "; ".join(
                f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
                for item in error.errors()
            )
        else:
            reason = str(error).splitlines()[0]
        raise SparkInputError(
            InputProblem("cohort.bad_program", params={"path": path.name, "reason": reason[:300]})
        ) from error


@dataclass(frozen=True)
class ProgramIndicator:
    """One program indicator: its id, the element it measures and how it is shown."""

    id: str
    element: str
    kind: Kind
    unit_key: str

    def name(self, lang: str | None = None) -> str:
        return t(f"cohort.ind.{self.id}", lang)

    def unit(self, lang: str | None = None) -> str:
        return t(self.unit_key, lang)


PROGRAM_INDICATORS = (
    ProgramIndicator("M1", "P1", "count", "cohort.unit.meetups"),
    ProgramIndicator("M2", "P2", "count", "cohort.unit.enterprises"),
    ProgramIndicator("M3", "P2", "count", "cohort.unit.enterprises"),
    ProgramIndicator("M4", "R1", "count", "cohort.unit.enterprises"),
    ProgramIndicator("M5", "R1", "count", "cohort.unit.enterprises"),
    ProgramIndicator("M6", "R1", "share", "cohort.unit.share"),
    ProgramIndicator("M7", "R2", "money", "cohort.unit.kr"),
    ProgramIndicator("M8", "R2", "count", "cohort.unit.enterprises"),
)
ELEMENTS = (
    ("B1", "behov", None),
    ("I1", "resurser", None),
    ("A1", "aktiviteter", None),
    ("A2", "aktiviteter", None),
    ("P1", "prestationer", None),
    ("P2", "prestationer", None),
    ("R1", "resultat", "kort"),
    ("R2", "resultat", "medellång"),
    ("E1", "effekter", None),
)
LINKS = (
    ("B1", "A1"), ("I1", "A1"), ("I1", "A2"), ("A1", "P1"), ("A1", "P2"), ("A2", "P2"),
    ("P1", "R1"), ("P2", "R1"), ("P2", "R2"), ("R1", "R2"), ("R1", "E1"), ("R2", "E1"),
)  # fmt: skip
#: Statuses of an indicator that is followed (it has a target and a measurement).
FOLLOWED = (Status.ACHIEVED, Status.ON_TRACK, Status.BEHIND)


def program_logic_model(
    lang: str | None = None,
    settings: ProgramSettings | None = None,
    enterprises: int | None = None,
) -> LogicModel:
    """The program's logic model in ``lang``, its indicators with the baselines and targets
    of ``settings``; ``enterprises`` is the target group's count (the cohort's size)."""
    lang = resolve_lang(lang)
    settings = settings or ProgramSettings()
    elements = [
        Element(
            id=element_id,
            level=level,
            horizon=horizon,
            text=t(f"cohort.logic.{element_id}", lang),
            stakeholder="S1" if level in ("behov", "resultat") else None,
        )
        for element_id, level, horizon in ELEMENTS
    ]
    indicators = [
        Indicator(
            id=spec.id,
            element=spec.element,
            name=spec.name(lang),
            unit=spec.unit(lang),
            baseline=settings.baselines.get(spec.id, 0.0),
            target=settings.targets.get(spec.id),
            data_source=t(
                "cohort.source.program" if spec.id == "M1" else "cohort.source.workbooks", lang
            ),
        )
        for spec in PROGRAM_INDICATORS
    ]
    stakeholder = Stakeholder(
        id="S1", name=t("cohort.logic.S1", lang), kind="målgrupp", count=enterprises
    )
    return LogicModel(
        elements=elements,
        links=[Link(source=s, target=d) for s, d in LINKS],
        stakeholders=[stakeholder],
        indicators=indicators,
    )


def program_indicator_values(
    figures: CohortFigures, settings: ProgramSettings | None = None
) -> dict[str, float | None]:
    """Each program indicator's value (None when it cannot be computed):

    - M1 meetups held: from ``settings`` (no workbook records it);
    - M2 enterprises using the tools: the workbooks read;
    - M3 enterprises whose logic model has at least one indicator;
    - M4 enterprises that follow up their indicators (a measurement after the baseline year);
    - M5 enterprises with an SROI calculation (a value map with outcomes and inputs);
    - M6 the share of followed indicators (status uppnått, på väg or efter plan) that are
      uppnått or på väg; None when no indicator is followed;
    - M7 financing mobilised (grants, loans and member capital in the budgets), kr;
    - M8 enterprises whose budget has a grant or a loan.
    """
    settings = settings or ProgramSettings()
    table = figures.enterprises
    status = figures.progress["status"]
    followed = int(status.isin([s.value for s in FOLLOWED]).sum())
    good = int(status.isin([Status.ACHIEVED.value, Status.ON_TRACK.value]).sum())
    return {
        "M1": None if settings.meetups_held is None else float(settings.meetups_held),
        "M2": float(len(table)),
        "M3": float((table["indicators"] > 0).sum()),
        "M4": float(table["follow_up"].sum()),
        "M5": float(table["value_map"].sum()),
        "M6": good / followed if followed else None,
        "M7": float(table["financing"].sum()),
        "M8": float(((table["grants"] > 0) | (table["loans"] > 0)).sum()),
    }


def program_indicators(
    figures: CohortFigures, settings: ProgramSettings | None = None, lang: str | None = None
) -> pd.DataFrame:
    """The program's indicators with their values: columns ``id``, ``element``, ``name``,
    ``unit``, ``kind`` (count, share or money), ``baseline``, ``target``, ``value`` and
    ``progress`` (towards the target; NaN without a target or a value)."""
    settings = settings or ProgramSettings()
    values = program_indicator_values(figures, settings)
    model = program_logic_model(lang, settings, len(figures.enterprises))
    kinds = {spec.id: spec.kind for spec in PROGRAM_INDICATORS}
    rows = []
    for indicator in model.indicators:
        value = values[indicator.id]
        share = progress(value, indicator.baseline, indicator.target)
        rows.append(
            {
                "id": indicator.id,
                "element": indicator.element,
                "name": indicator.name,
                "unit": indicator.unit,
                "kind": kinds[indicator.id],
                "baseline": indicator.baseline,
                "target": indicator.target,
                "value": value,
                "progress": share,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("baseline", "target", "value", "progress"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame
