"""The red thread (röd tråd) through a logic model: each break is found and named.

Levels are the Swedish agency chain in /work/shared/reference/impact-methods.md §4
(behov → resurser → aktiviteter → prestationer → resultat → effekter; ESV's vocabulary,
with "behov" from RISE/SHIC's effektlogik template). The example enterprise is the
fictional Granbacka byakooperativ; each test breaks it in one way.
"""

from __future__ import annotations

import pytest

from spark_kit.assessment import load_example
from spark_kit.impact.logic_model import Element, Horizon, Level, LogicModel
from spark_kit.impact.red_thread import Finding, check_red_thread, red_thread_holds


@pytest.fixture
def model() -> LogicModel:
    return load_example().logic_model


def _found(model: LogicModel) -> list[tuple[str, str | None]]:
    return [(f.code, f.element_id) for f in check_red_thread(model)]


def _with_indicator(model: LogicModel, indicator_id: str, **update) -> LogicModel:
    indicators = [
        i.model_copy(update=update) if i.id == indicator_id else i for i in model.indicators
    ]
    return model.with_changes(indicators=indicators)


def _assert_names_element(finding: Finding, model: LogicModel) -> None:
    """Both languages name the element by id and by its text."""
    text = model.element(finding.element_id).text
    assert finding.element_text == text
    sv, en = finding.message("sv"), finding.message("en")
    assert sv != en
    for message in (sv, en):
        assert finding.element_id in message
        assert text in message
        assert "{" not in message and "None" not in message


def test_example_holds(model):
    assert check_red_thread(model) == []
    assert red_thread_holds(model)


def test_example_outcome_reaches_impact_through_another_outcome(model):
    # R1 has no direct link to an impact, but R1 → R4 → E1: that counts.
    assert all(model.element(s).level == Level.OUTCOME for s in model.successors("R1"))
    assert "thread.outcome_no_impact" not in {f.code for f in check_red_thread(model)}


def test_baseline_zero_is_a_value_not_a_gap(model):
    assert [i.baseline for i in model.indicators_for("R4")] == [0]
    assert red_thread_holds(model)


def test_activity_without_output(model):
    broken = model.remove_link("A1", "P1")
    # A1 leads nowhere now, and P1 is left with nothing leading to it: both are named.
    assert _found(broken) == [("thread.activity_no_output", "A1"), ("thread.orphan", "P1")]
    findings = check_red_thread(broken)
    for finding in findings:
        _assert_names_element(finding, broken)
    assert "prestation" in findings[0].message("sv")
    assert "output" in findings[0].message("en")
    assert not red_thread_holds(broken)


def test_output_without_outcome(model):
    broken = model.remove_link("P3", "R2")
    assert _found(broken) == [("thread.output_no_outcome", "P3"), ("thread.orphan", "R2")]
    output_finding, orphan = check_red_thread(broken)
    _assert_names_element(output_finding, broken)
    _assert_names_element(orphan, broken)
    assert "resultat" in output_finding.message("sv")
    assert "outcome" in output_finding.message("en")


def test_outcome_that_does_not_reach_an_impact(model):
    broken = model.remove_link("R2", "E1")
    # E1 is still reached from R4, so only R2 is named.
    assert _found(broken) == [("thread.outcome_no_impact", "R2")]
    (finding,) = check_red_thread(broken)
    _assert_names_element(finding, broken)
    assert "effekt" in finding.message("sv")
    assert "impact" in finding.message("en")


def test_outcome_without_indicator(model):
    broken = model.with_changes(indicators=[i for i in model.indicators if i.element != "R2"])
    assert _found(broken) == [("thread.outcome_no_indicator", "R2")]
    (finding,) = check_red_thread(broken)
    _assert_names_element(finding, broken)
    assert "indikator" in finding.message("sv")
    assert "indicator" in finding.message("en")


def test_indicator_without_baseline(model):
    broken = _with_indicator(model, "M3", baseline=None)
    assert _found(broken) == [("thread.indicator_no_baseline", "R1")]
    (finding,) = check_red_thread(broken)
    _assert_names_element(finding, broken)
    name = "Andel hushåll som handlar i byn minst en gång i veckan"
    assert finding.detail == name
    assert name in finding.message("sv") and "utgångsvärde" in finding.message("sv")
    assert name in finding.message("en") and "baseline" in finding.message("en")


def test_indicator_without_target(model):
    broken = _with_indicator(model, "M6", target=None)
    assert _found(broken) == [("thread.indicator_no_target", "R4")]
    (finding,) = check_red_thread(broken)
    _assert_names_element(finding, broken)
    assert finding.detail == "Sparade bilresor till stan per hushåll och månad"
    assert "målvärde" in finding.message("sv")
    assert "target" in finding.message("en")


def test_indicator_without_baseline_and_target_gives_two_findings(model):
    broken = _with_indicator(model, "M7", baseline=None, target=None)
    assert _found(broken) == [
        ("thread.indicator_no_baseline", "R5"),
        ("thread.indicator_no_target", "R5"),
    ]


def test_unlinked_need(model):
    broken = model.add_element(Element(id="B4", level=Level.NEED, text="Ingen bank i byn"))
    assert _found(broken) == [("thread.need_unaddressed", "B4")]
    (finding,) = check_red_thread(broken)
    _assert_names_element(finding, broken)
    assert "Behovet" in finding.message("sv")
    assert "need" in finding.message("en")


def test_unused_input(model):
    broken = model.add_element(Element(id="I4", level=Level.INPUT, text="Bidrag från kommunen"))
    assert _found(broken) == [("thread.input_unused", "I4")]
    (finding,) = check_red_thread(broken)
    _assert_names_element(finding, broken)
    assert "Resursen" in finding.message("sv")
    assert "input" in finding.message("en")


def test_input_linked_only_to_something_else_than_an_activity_is_unused(model):
    broken = model.add_element(
        Element(id="I4", level=Level.INPUT, text="Bidrag från kommunen")
    ).add_link("I4", "P1")
    assert _found(broken) == [("thread.input_unused", "I4")]


def test_impact_nothing_reaches(model):
    broken = model.add_element(
        Element(id="E3", level=Level.IMPACT, text="Byn blir en förebild i regionen")
    )
    assert _found(broken) == [("thread.impact_unreached", "E3")]
    (finding,) = check_red_thread(broken)
    _assert_names_element(finding, broken)
    assert "Effekten" in finding.message("sv")
    assert "impact" in finding.message("en")


def test_output_with_nothing_leading_to_it(model):
    broken = model.add_element(
        Element(id="P5", level=Level.OUTPUT, text="Anslagstavla i butiken")
    ).add_link("P5", "R1")
    assert _found(broken) == [("thread.orphan", "P5")]
    _assert_names_element(check_red_thread(broken)[0], broken)


def test_new_outcome_has_several_gaps(model):
    broken = model.add_element(
        Element(id="R6", level=Level.OUTCOME, horizon=Horizon.SHORT, text="Fler föreningsmöten")
    )
    assert _found(broken) == [
        ("thread.orphan", "R6"),
        ("thread.outcome_no_impact", "R6"),
        ("thread.outcome_no_indicator", "R6"),
    ]


def test_empty_model():
    findings = check_red_thread(LogicModel())
    assert _found(LogicModel()) == [("thread.no_aktiviteter", None), ("thread.no_effekter", None)]
    assert not red_thread_holds(LogicModel())
    no_activities, no_impact = findings
    assert "aktiviteter" in no_activities.message("sv")
    assert "activities" in no_activities.message("en")
    assert "effekt" in no_impact.message("sv")
    assert "impact" in no_impact.message("en")
    for finding in findings:
        for lang in ("sv", "en"):
            assert "None" not in finding.message(lang)


def test_model_without_impacts(model):
    without = model.remove_element("E1").remove_element("E2")
    found = _found(without)
    assert found[0] == ("thread.no_effekter", None)
    # every outcome now fails to reach an impact
    assert {i for c, i in found if c == "thread.outcome_no_impact"} == {
        "R1",
        "R2",
        "R3",
        "R4",
        "R5",
    }


def test_findings_come_in_chain_order(model):
    broken = (
        model.add_element(Element(id="E3", level=Level.IMPACT, text="Förebild"))
        .add_element(Element(id="I4", level=Level.INPUT, text="Bidrag"))
        .add_element(Element(id="B4", level=Level.NEED, text="Ingen bank"))
        .remove_link("P3", "R2")
    )
    assert _found(broken) == [
        ("thread.need_unaddressed", "B4"),
        ("thread.input_unused", "I4"),
        ("thread.output_no_outcome", "P3"),
        ("thread.orphan", "R2"),
        ("thread.impact_unreached", "E3"),
    ]


def test_repairing_the_break_makes_the_thread_hold_again(model):
    broken = model.remove_link("A1", "P1")
    assert not red_thread_holds(broken)
    assert red_thread_holds(broken.add_link("A1", "P1"))
