"""Red-thread checks (röd tråd) on a logic model.

The thread holds when every need is addressed, every resource is used, every activity
leads to an output, every output to an outcome, every outcome (directly or through
other outcomes) towards a long-term effect, every effect is reached, and every outcome
has an indicator with a baseline and a target. Each finding names its element.
"""

from __future__ import annotations

from dataclasses import dataclass

from spark_kit.i18n import t
from spark_kit.impact.logic_model import Level, LogicModel


@dataclass(frozen=True)
class Finding:
    """One break in the red thread. ``code`` is a message key; the element is named."""

    code: str
    element_id: str | None = None
    element_text: str = ""
    detail: str = ""

    def message(self, lang: str | None = None) -> str:
        return t(self.code, lang, id=self.element_id, text=self.element_text, detail=self.detail)


def check_red_thread(model: LogicModel) -> list[Finding]:
    """All findings, in chain order (left to right). An empty list means the thread holds."""
    findings: list[Finding] = []
    for level in (Level.ACTIVITY, Level.IMPACT):
        if not model.by_level(level):
            findings.append(Finding(f"thread.no_{level.value}"))
    for element in model.elements:
        findings += _element_findings(model, element)
    order = {e.id: e.level.order for e in model.elements}
    return sorted(findings, key=lambda f: order.get(f.element_id, -1))


def red_thread_holds(model: LogicModel) -> bool:
    return not check_red_thread(model)


def _element_findings(model: LogicModel, element) -> list[Finding]:
    nexts = {model.element(i).level for i in model.successors(element.id)}
    has_incoming = bool(model.predecessors(element.id))
    level = element.level

    def finding(code: str, detail: str = "") -> Finding:
        return Finding(code, element.id, element.text, detail)

    if level == Level.NEED and not nexts:
        return [finding("thread.need_unaddressed")]
    if level == Level.INPUT and Level.ACTIVITY not in nexts:
        return [finding("thread.input_unused")]
    if level == Level.ACTIVITY and Level.OUTPUT not in nexts:
        return [finding("thread.activity_no_output")]
    if level == Level.OUTPUT:
        found = [] if has_incoming else [finding("thread.orphan")]
        if Level.OUTCOME not in nexts:
            found.append(finding("thread.output_no_outcome"))
        return found
    if level == Level.OUTCOME:
        return _outcome_findings(model, element, has_incoming, finding)
    if level == Level.IMPACT and not has_incoming:
        return [finding("thread.impact_unreached")]
    return []


def _outcome_findings(model: LogicModel, element, has_incoming: bool, finding) -> list[Finding]:
    found = [] if has_incoming else [finding("thread.orphan")]
    if not _reaches_impact(model, element.id):
        found.append(finding("thread.outcome_no_impact"))
    indicators = model.indicators_for(element.id)
    if not indicators:
        found.append(finding("thread.outcome_no_indicator"))
    for indicator in indicators:
        if indicator.baseline is None:
            found.append(finding("thread.indicator_no_baseline", indicator.name))
        if indicator.target is None:
            found.append(finding("thread.indicator_no_target", indicator.name))
    return found


def _reaches_impact(model: LogicModel, start: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        for nxt in model.successors(current):
            if model.element(nxt).level == Level.IMPACT:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False
