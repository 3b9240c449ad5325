"""The logic model (effektlogik) of one enterprise.

Levels follow ESV's chain, as used by Swedish agencies: behov → resurser (insatser) →
aktiviteter → prestationer → resultat (effekter på kort och medellång sikt) → effekter
(på lång sikt). Links run left to right; outcome → outcome and impact → impact links
(within a level) are allowed, so a short-term outcome can lead to a medium-term one.

A :class:`LogicModel` is always structurally sound: ids are unique, every link and
indicator points at an existing element, no link runs backwards and there is no cycle.
Whether the red thread holds is a separate question, answered by
:func:`spark_kit.impact.red_thread.check_red_thread`.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import t


class Level(str, Enum):
    """A level in the chain, in order from left to right."""

    NEED = "behov"
    INPUT = "resurser"
    ACTIVITY = "aktiviteter"
    OUTPUT = "prestationer"
    OUTCOME = "resultat"
    IMPACT = "effekter"

    @property
    def order(self) -> int:
        return list(Level).index(self)

    def label(self, lang: str | None = None) -> str:
        return t(f"level.{self.value}", lang)

    def short_label(self, lang: str | None = None) -> str:
        """The level's name in running text: ``resultat`` / ``outcomes``."""
        return t(f"level_short.{self.value}", lang)

    @property
    def id_prefix(self) -> str:
        return ID_PREFIXES[self]


ID_PREFIXES = {
    Level.NEED: "B",
    Level.INPUT: "I",
    Level.ACTIVITY: "A",
    Level.OUTPUT: "P",
    Level.OUTCOME: "R",
    Level.IMPACT: "E",
}

#: Levels that may link to an element of the same level.
SAME_LEVEL_LINKS = frozenset({Level.OUTCOME, Level.IMPACT})

#: Levels that carry indicators.
INDICATOR_LEVELS = frozenset({Level.OUTPUT, Level.OUTCOME})


class Horizon(str, Enum):
    """Time horizon of an outcome (resultat): kort or medellång sikt."""

    SHORT = "kort"
    MEDIUM = "medellång"


class StakeholderKind(str, Enum):
    TARGET_GROUP = "målgrupp"
    STAKEHOLDER = "intressent"


class AssumptionKind(str, Enum):
    ASSUMPTION = "antagande"
    RISK = "risk"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)


class Element(_Record):
    """One box in the chain."""

    id: str = Field(min_length=1)
    level: Level
    text: str = Field(min_length=1)
    description: str = ""
    horizon: Horizon | None = None
    stakeholder: str | None = None


class Link(_Record):
    """An arrow: ``source`` leads to ``target``."""

    source: str
    target: str


class Stakeholder(_Record):
    """A target group (målgrupp) or another stakeholder (intressent)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: StakeholderKind = StakeholderKind.TARGET_GROUP
    count: int | None = Field(default=None, ge=0)
    description: str = ""


class Indicator(_Record):
    """How an output or outcome is measured: baseline (utgångsvärde) and target (målvärde)."""

    id: str = Field(min_length=1)
    element: str
    name: str = Field(min_length=1)
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    data_source: str = ""
    frequency: str = ""


class Assumption(_Record):
    """An assumption (antagande) the chain rests on, or a risk, with how it is handled."""

    id: str = Field(min_length=1)
    kind: AssumptionKind = AssumptionKind.ASSUMPTION
    text: str = Field(min_length=1)
    element: str | None = None
    mitigation: str = ""


class LogicModel(_Record):
    """A complete, structurally sound logic model."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    elements: list[Element] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    assumptions: list[Assumption] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_structure(self) -> LogicModel:
        problems = structural_problems(self)
        if problems:
            raise SparkInputError(problems)
        return self

    # --- look-ups -------------------------------------------------------------------

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def by_level(self, level: Level) -> list[Element]:
        return [e for e in self.elements if e.level == level]

    def successors(self, element_id: str) -> list[str]:
        return [link.target for link in self.links if link.source == element_id]

    def predecessors(self, element_id: str) -> list[str]:
        return [link.source for link in self.links if link.target == element_id]

    def indicators_for(self, element_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.element == element_id]

    def next_id(self, level: Level) -> str:
        """A fresh id for a new element at ``level``: the level's letter and a number."""
        used = {e.id for e in self.elements}
        number = len(self.by_level(level)) + 1
        while f"{level.id_prefix}{number}" in used:
            number += 1
        return f"{level.id_prefix}{number}"

    # --- edits: each returns a new, validated model -----------------------------------

    def with_changes(self, **lists: list) -> LogicModel:
        """A copy with some lists replaced, validated again (raises SparkInputError)."""
        data = {name: list(getattr(self, name)) for name in type(self).model_fields}
        data.update(lists)
        # Check before constructing: pydantic would wrap the validator's SparkInputError
        # (a ValueError) in a ValidationError, and callers need the SparkInputError.
        problems = structural_problems(LogicModel.model_construct(**data))
        if problems:
            raise SparkInputError(problems)
        return LogicModel(**data)

    def add_element(self, element: Element) -> LogicModel:
        return self.with_changes(elements=[*self.elements, element])

    def replace_element(self, element_id: str, element: Element) -> LogicModel:
        """Replace an element; a changed id is carried over to its links and indicators."""
        elements = [element if e.id == element_id else e for e in self.elements]
        links = [
            Link(
                source=element.id if link.source == element_id else link.source,
                target=element.id if link.target == element_id else link.target,
            )
            for link in self.links
        ]
        indicators = [
            i.model_copy(update={"element": element.id}) if i.element == element_id else i
            for i in self.indicators
        ]
        assumptions = [
            a.model_copy(update={"element": element.id}) if a.element == element_id else a
            for a in self.assumptions
        ]
        return self.with_changes(
            elements=elements, links=links, indicators=indicators, assumptions=assumptions
        )

    def remove_element(self, element_id: str) -> LogicModel:
        """Remove an element with its links and indicators (assumptions are kept, unlinked)."""
        return self.with_changes(
            elements=[e for e in self.elements if e.id != element_id],
            links=[lk for lk in self.links if element_id not in (lk.source, lk.target)],
            indicators=[i for i in self.indicators if i.element != element_id],
            assumptions=[
                a.model_copy(update={"element": None}) if a.element == element_id else a
                for a in self.assumptions
            ],
        )

    def with_indicator(self, indicator: Indicator) -> LogicModel:
        """Add ``indicator``, or replace the one with the same id (keeping its place)."""
        ids = [i.id for i in self.indicators]
        if indicator.id in ids:
            indicators = [indicator if i.id == indicator.id else i for i in self.indicators]
        else:
            indicators = [*self.indicators, indicator]
        return self.with_changes(indicators=indicators)

    def remove_indicator(self, indicator_id: str) -> LogicModel:
        return self.with_changes(indicators=[i for i in self.indicators if i.id != indicator_id])

    def next_indicator_id(self) -> str:
        """A fresh indicator id: ``M`` and a number."""
        used = {i.id for i in self.indicators}
        number = len(used) + 1
        while f"M{number}" in used:
            number += 1
        return f"M{number}"

    def add_link(self, source: str, target: str) -> LogicModel:
        return self.with_changes(links=[*self.links, Link(source=source, target=target)])

    def remove_link(self, source: str, target: str) -> LogicModel:
        return self.with_changes(
            links=[lk for lk in self.links if (lk.source, lk.target) != (source, target)]
        )


def structural_problems(model: LogicModel) -> list[InputProblem]:
    """Problems that make a model unusable: duplicates, dangling references, cycles."""
    problems: list[InputProblem] = []
    problems += _duplicate_ids("element", [e.id for e in model.elements])
    problems += _duplicate_ids("intressenter", [s.id for s in model.stakeholders])
    problems += _duplicate_ids("indikatorer", [i.id for i in model.indicators])
    problems += _duplicate_ids("antaganden", [a.id for a in model.assumptions])
    levels = {e.id: e.level for e in model.elements}
    stakeholder_ids = {s.id for s in model.stakeholders}

    for row, element in enumerate(model.elements, start=2):
        if element.stakeholder and element.stakeholder not in stakeholder_ids:
            problems.append(
                InputProblem(
                    "id.unknown_stakeholder", "element", row, "intressent", element.stakeholder
                )
            )
    seen_links: set[tuple[str, str]] = set()
    for row, link in enumerate(model.links, start=2):
        problems += _link_problems(link, row, levels, seen_links)
        seen_links.add((link.source, link.target))
    for row, indicator in enumerate(model.indicators, start=2):
        level = levels.get(indicator.element)
        if level is None:
            problems.append(_unknown("indikatorer", row, "element", indicator.element))
        elif level not in INDICATOR_LEVELS:
            problems.append(
                InputProblem(
                    "indicator.level",
                    "indikatorer",
                    row,
                    "element",
                    indicator.element,
                    {"level": level},
                )
            )
    for row, assumption in enumerate(model.assumptions, start=2):
        if assumption.element and assumption.element not in levels:
            problems.append(_unknown("antaganden", row, "element", assumption.element))
    if not problems:
        cycle = find_cycle(model)
        if cycle:
            text = " → ".join([*cycle, cycle[0]])
            problems.append(InputProblem("link.cycle", "kopplingar", params={"cycle": text}))
    return problems


def _link_problems(
    link: Link, row: int, levels: dict[str, Level], seen: set[tuple[str, str]]
) -> list[InputProblem]:
    problems = []
    for column, value in (("från", link.source), ("till", link.target)):
        if value not in levels:
            problems.append(_unknown("kopplingar", row, column, value))
    if problems:
        return problems
    if link.source == link.target:
        return [InputProblem("link.self", "kopplingar", row, "till", link.target)]
    if (link.source, link.target) in seen:
        params = {"source": link.source, "target": link.target}
        return [InputProblem("link.duplicate", "kopplingar", row, "till", link.target, params)]
    source_level, target_level = levels[link.source], levels[link.target]
    same_level_ok = source_level == target_level and source_level in SAME_LEVEL_LINKS
    if target_level.order < source_level.order or (
        target_level == source_level and not same_level_ok
    ):
        params = {
            "source": link.source,
            "target": link.target,
            "source_level": source_level,
            "target_level": target_level,
        }
        return [InputProblem("link.backwards", "kopplingar", row, "till", link.target, params)]
    return []


def _unknown(sheet: str, row: int, column: str, value: str) -> InputProblem:
    return InputProblem("id.unknown", sheet, row, column, value, {"target_sheet": "element"})


def _duplicate_ids(sheet: str, ids: list[str]) -> list[InputProblem]:
    first_row: dict[str, int] = {}
    problems = []
    for row, value in enumerate(ids, start=2):
        if value in first_row:
            problems.append(
                InputProblem(
                    "id.duplicate", sheet, row, "id", value, {"first_row": first_row[value]}
                )
            )
        else:
            first_row[value] = row
    return problems


def find_cycle(model: LogicModel) -> list[str] | None:
    """The ids on one cycle of links, in order, or ``None`` when the links form no cycle.

    Iterative depth-first search, so a long chain cannot exhaust Python's stack.
    """
    graph: dict[str, list[str]] = {e.id: [] for e in model.elements}
    for link in model.links:
        graph.setdefault(link.source, []).append(link.target)
    finished: set[str] = set()
    for start in graph:
        if start in finished:
            continue
        path = [start]
        on_path = {start}
        stack = [iter(graph[start])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                done = path.pop()
                on_path.discard(done)
                finished.add(done)
            elif nxt in on_path:
                return path[path.index(nxt) :]
            elif nxt not in finished:
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(graph.get(nxt, [])))
    return None
