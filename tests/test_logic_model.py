"""The logic model (effektlogik): structure, edits, and the errors for unsound models.

Terms and order of the levels follow the Swedish agency chain documented in
/work/shared/reference/impact-methods.md §4: behov → resurser (insatser) → aktiviteter →
prestationer → resultat (effekter på kort och medellång sikt) → effekter (på lång sikt).
The resurser–aktiviteter–prestationer–effekter vocabulary is ESV's (verksamhetslogik,
ESV 2016:31); "behov" as the first box is from RISE/SHIC's effektlogik template, cited in
the same section. The example enterprise is the fictional Granbacka byakooperativ.
"""

from __future__ import annotations

import itertools

import pytest

from spark_kit.assessment import load_example
from spark_kit.errors import SparkInputError
from spark_kit.impact.logic_model import (
    Element,
    Horizon,
    Indicator,
    Level,
    Link,
    LogicModel,
    find_cycle,
    structural_problems,
)


@pytest.fixture
def model() -> LogicModel:
    return load_example().logic_model


def _ids(model: LogicModel, level: Level) -> list[str]:
    return [e.id for e in model.by_level(level)]


def _links(model: LogicModel) -> set[tuple[str, str]]:
    return {(lk.source, lk.target) for lk in model.links}


def _only_problem(error: pytest.ExceptionInfo[SparkInputError]):
    problems = error.value.problems
    assert len(problems) == 1, [p.code for p in problems]
    return problems[0]


def _messages(error: pytest.ExceptionInfo[SparkInputError]) -> tuple[str, str]:
    sv, en = error.value.message("sv"), error.value.message("en")
    assert sv != en
    for text in (sv, en):
        assert text.strip()
        assert "{" not in text and "}" not in text
    return sv, en


# --- the example ------------------------------------------------------------------------


def test_example_is_fictional_and_says_so():
    example = load_example()
    assert example.profile.fictional is True
    assert "fiktiv" in example.profile.municipality


def test_example_levels(model):
    assert _ids(model, Level.NEED) == ["B1", "B2", "B3"]
    assert _ids(model, Level.INPUT) == ["I1", "I2", "I3"]
    assert _ids(model, Level.ACTIVITY) == ["A1", "A2", "A3", "A4"]
    assert _ids(model, Level.OUTPUT) == ["P1", "P2", "P3", "P4"]
    assert _ids(model, Level.OUTCOME) == ["R1", "R2", "R3", "R4", "R5"]
    assert _ids(model, Level.IMPACT) == ["E1", "E2"]
    assert len(model.links) == 23
    assert len(model.indicators) == 7
    assert len(model.stakeholders) == 5
    assert len(model.assumptions) == 4


def test_example_is_structurally_sound(model):
    assert structural_problems(model) == []
    assert find_cycle(model) is None
    ids = {e.id for e in model.elements}
    assert len(ids) == len(model.elements)
    for link in model.links:
        assert link.source in ids and link.target in ids
        source, target = model.element(link.source), model.element(link.target)
        assert source.level.order <= target.level.order, (link.source, link.target)
    for indicator in model.indicators:
        assert model.element(indicator.element).level in (Level.OUTPUT, Level.OUTCOME)
    stakeholder_ids = {s.id for s in model.stakeholders}
    assert all(e.stakeholder in stakeholder_ids for e in model.elements if e.stakeholder)


def test_example_outcomes_have_horizons(model):
    horizons = {e.id: e.horizon for e in model.by_level(Level.OUTCOME)}
    assert horizons == {
        "R1": Horizon.SHORT,
        "R2": Horizon.SHORT,
        "R3": Horizon.SHORT,
        "R4": Horizon.MEDIUM,
        "R5": Horizon.MEDIUM,
    }


def test_lookups(model):
    assert model.element("P3").text == "Hemleveranser till äldre varje vecka"
    assert model.successors("R1") == ["R4"]
    assert sorted(model.predecessors("A1")) == ["B1", "I1", "I2", "I3"]
    assert [i.id for i in model.indicators_for("R2")] == ["M4"]
    with pytest.raises(KeyError):
        model.element("X9")


def test_levels_run_left_to_right():
    assert [level.value for level in Level] == [
        "behov",
        "resurser",
        "aktiviteter",
        "prestationer",
        "resultat",
        "effekter",
    ]
    assert [level.order for level in Level] == [0, 1, 2, 3, 4, 5]
    assert "".join(level.id_prefix for level in Level) == "BIAPRE"


def test_empty_model_is_sound():
    empty = LogicModel()
    assert empty.elements == [] and empty.links == []
    assert structural_problems(empty) == []


# --- edits --------------------------------------------------------------------------------


def test_add_element(model):
    new = Element(id="A5", level=Level.ACTIVITY, text="Ordna bytardag i kaféet")
    changed = model.add_element(new)
    assert changed.element("A5") == new
    assert len(changed.elements) == len(model.elements) + 1
    assert "A5" not in {e.id for e in model.elements}  # the original is untouched


def test_replace_element_same_id(model):
    changed = model.replace_element(
        "P1", Element(id="P1", level=Level.OUTPUT, text="Öppet 80 timmar i veckan")
    )
    assert changed.element("P1").text == "Öppet 80 timmar i veckan"
    assert _links(changed) == _links(model)
    assert model.element("P1").text == "Butiken har öppet 70 timmar i veckan året runt"


def test_replace_element_new_id_is_carried_to_links_and_indicators(model):
    renamed = Element(
        id="R9",
        level=Level.OUTCOME,
        horizon=Horizon.SHORT,
        text="Äldre bor kvar hemma",
        stakeholder="S2",
    )
    changed = model.replace_element("R2", renamed)
    assert "R2" not in {e.id for e in changed.elements}
    assert changed.element("R9") == renamed
    assert ("P3", "R9") in _links(changed) and ("R9", "E1") in _links(changed)
    assert not any("R2" in link for link in _links(changed))
    assert [i.id for i in changed.indicators_for("R9")] == ["M4"]
    assert changed.indicators_for("R2") == []
    assert len(changed.links) == len(model.links)
    # the position in the list is kept
    assert [e.id for e in changed.elements].index("R9") == [e.id for e in model.elements].index(
        "R2"
    )


def test_replace_element_new_id_is_carried_to_assumptions(model):
    changed = model.replace_element(
        "A4", Element(id="A9", level=Level.ACTIVITY, text="Arbetsträning")
    )
    assert {a.id: a.element for a in changed.assumptions}["T2"] == "A9"


def test_replace_with_an_existing_id_is_refused(model):
    with pytest.raises(SparkInputError) as error:
        model.replace_element("A2", Element(id="A1", level=Level.ACTIVITY, text="Krock"))
    assert {p.code for p in error.value.problems} >= {"id.duplicate"}


def test_remove_element_takes_its_links_and_indicators(model):
    changed = model.remove_element("R2")
    assert "R2" not in {e.id for e in changed.elements}
    assert ("P3", "R2") not in _links(changed) and ("R2", "E1") not in _links(changed)
    assert len(changed.links) == len(model.links) - 2
    assert "M4" not in {i.id for i in changed.indicators}


def test_remove_element_keeps_its_assumptions_unlinked(model):
    changed = model.remove_element("A4")
    by_id = {a.id: a for a in changed.assumptions}
    assert by_id["T2"].element is None
    assert by_id["T2"].text == model.assumptions[1].text
    assert len(changed.assumptions) == len(model.assumptions)


def test_add_and_remove_link(model):
    changed = model.add_link("P2", "R4")
    assert ("P2", "R4") in _links(changed)
    assert ("P2", "R4") not in _links(model)
    back = changed.remove_link("P2", "R4")
    assert _links(back) == _links(model)


def test_links_within_outcomes_and_impacts_are_allowed(model):
    changed = model.add_link("R2", "R4").add_link("E1", "E2")
    assert {("R2", "R4"), ("E1", "E2")} <= _links(changed)


def test_removing_a_link_that_does_not_exist_changes_nothing(model):
    assert _links(model.remove_link("A1", "P4")) == _links(model)


def test_next_id(model):
    assert model.next_id(Level.NEED) == "B4"
    assert model.next_id(Level.ACTIVITY) == "A5"
    assert model.next_id(Level.OUTCOME) == "R6"
    assert model.next_id(Level.IMPACT) == "E3"
    assert LogicModel().next_id(Level.OUTPUT) == "P1"


def test_next_id_skips_ids_in_use(model):
    # After removing A2 there are three activities, but A4 is still taken.
    changed = model.remove_element("A2")
    assert changed.next_id(Level.ACTIVITY) == "A5"
    # an id with another level's letter is respected too
    odd = model.add_element(Element(id="E3", level=Level.OUTCOME, text="Udda id"))
    assert odd.next_id(Level.IMPACT) == "E4"


def test_next_id_is_accepted_by_add_element(model):
    new_id = model.next_id(Level.OUTPUT)
    changed = model.add_element(Element(id=new_id, level=Level.OUTPUT, text="Ny prestation"))
    assert changed.next_id(Level.OUTPUT) != new_id


# --- unsound models raise SparkInputError, in Swedish and English ------------------------


def test_duplicate_id(model):
    with pytest.raises(SparkInputError) as error:
        model.add_element(Element(id="A1", level=Level.ACTIVITY, text="Dubblett"))
    problem = _only_problem(error)
    assert problem.code == "id.duplicate"
    assert (problem.sheet, problem.column, problem.value) == ("element", "id", "A1")
    assert problem.row == len(model.elements) + 2  # the new, last element
    assert problem.params["first_row"] == 8  # A1 is the seventh element: row 8
    sv, en = _messages(error)
    assert "A1" in sv and "används redan" in sv and "rad 8" in sv
    assert "A1" in en and "already used" in en and "row 8" in en


def test_link_to_unknown_element(model):
    with pytest.raises(SparkInputError) as error:
        model.add_link("A1", "P9")
    problem = _only_problem(error)
    assert problem.code == "id.unknown"
    assert (problem.sheet, problem.column, problem.value) == ("kopplingar", "till", "P9")
    assert problem.row == len(model.links) + 2
    sv, en = _messages(error)
    assert "P9" in sv and "finns inte" in sv
    assert "P9" in en and "not among" in en


def test_link_from_unknown_element(model):
    with pytest.raises(SparkInputError) as error:
        model.add_link("X1", "P1")
    problem = _only_problem(error)
    assert (problem.code, problem.column, problem.value) == ("id.unknown", "från", "X1")


def test_self_link(model):
    with pytest.raises(SparkInputError) as error:
        model.add_link("R1", "R1")
    problem = _only_problem(error)
    assert (problem.code, problem.value) == ("link.self", "R1")
    sv, en = _messages(error)
    assert "R1" in sv and "sig självt" in sv
    assert "R1" in en and "itself" in en


def test_duplicate_link(model):
    with pytest.raises(SparkInputError) as error:
        model.add_link("A1", "P1")
    problem = _only_problem(error)
    assert problem.code == "link.duplicate"
    assert problem.row == len(model.links) + 2
    sv, en = _messages(error)
    assert "A1 → P1" in sv and "finns redan" in sv
    assert "A1 → P1" in en and "already exists" in en


def test_backwards_link(model):
    with pytest.raises(SparkInputError) as error:
        model.add_link("R1", "A1")
    problem = _only_problem(error)
    assert problem.code == "link.backwards"
    assert (problem.sheet, problem.column, problem.value) == ("kopplingar", "till", "A1")
    assert problem.params["source_level"] == "resultat"
    assert problem.params["target_level"] == "aktiviteter"
    sv, en = _messages(error)
    assert "R1" in sv and "A1" in sv and "bakåt" in sv
    assert "R1" in en and "A1" in en and "backwards" in en


@pytest.mark.parametrize(("source", "target"), [("A1", "A2"), ("P1", "P2"), ("B1", "B2")])
def test_link_within_a_level_other_than_outcomes_and_impacts_is_refused(model, source, target):
    with pytest.raises(SparkInputError) as error:
        model.add_link(source, target)
    assert _only_problem(error).code == "link.backwards"


def test_cycle_among_outcomes(model):
    with pytest.raises(SparkInputError) as error:
        model.add_link("R1", "R2").add_link("R2", "R1")
    problem = _only_problem(error)
    assert problem.code == "link.cycle"
    assert problem.sheet == "kopplingar"
    assert problem.params["cycle"] == "R1 → R2 → R1"
    sv, en = _messages(error)
    assert "R1 → R2 → R1" in sv and "cirkel" in sv
    assert "R1 → R2 → R1" in en and "cycle" in en


def test_longer_cycle_is_named_in_order(model):
    with pytest.raises(SparkInputError) as error:
        model.add_link("R2", "R3").add_link("R3", "R1").add_link("R4", "R2")
    # R1 → R4 is in the example; R4 → R2 → R3 → R1 closes the loop.
    cycle = _only_problem(error).params["cycle"]
    steps = cycle.split(" → ")
    assert steps[0] == steps[-1]
    assert sorted(steps[:-1]) == ["R1", "R2", "R3", "R4"]
    for source, target in itertools.pairwise(steps):
        assert (source, target) in {("R1", "R4"), ("R4", "R2"), ("R2", "R3"), ("R3", "R1")}


def test_find_cycle_on_an_unchecked_model(model):
    links = [*model.links, Link(source="R4", target="R1")]
    unchecked = model.model_copy(update={"links": links})  # not validated again
    assert sorted(find_cycle(unchecked)) == ["R1", "R4"]
    assert [p.code for p in structural_problems(unchecked)] == ["link.cycle"]


def test_indicator_on_an_activity(model):
    indicator = Indicator(id="M8", element="A1", name="Öppetdagar", baseline=360, target=365)
    with pytest.raises(SparkInputError) as error:
        model.with_changes(indicators=[*model.indicators, indicator])
    problem = _only_problem(error)
    assert problem.code == "indicator.level"
    assert (problem.sheet, problem.column, problem.value) == ("indikatorer", "element", "A1")
    assert problem.row == len(model.indicators) + 2
    sv, en = _messages(error)
    assert "A1" in sv and "prestationer och resultat" in sv
    assert "A1" in en and "outputs and outcomes" in en


def test_indicator_on_an_unknown_element(model):
    indicator = Indicator(id="M8", element="R9", name="Något")
    with pytest.raises(SparkInputError) as error:
        model.with_changes(indicators=[*model.indicators, indicator])
    problem = _only_problem(error)
    assert (problem.code, problem.sheet, problem.value) == ("id.unknown", "indikatorer", "R9")


def test_unknown_stakeholder(model):
    with pytest.raises(SparkInputError) as error:
        model.add_element(Element(id="B4", level=Level.NEED, text="Nytt behov", stakeholder="S9"))
    problem = _only_problem(error)
    assert (problem.code, problem.column, problem.value) == (
        "id.unknown_stakeholder",
        "intressent",
        "S9",
    )


def test_several_problems_are_all_reported(model):
    elements = [*model.elements, Element(id="P1", level=Level.OUTPUT, text="Dubblett")]
    links = [*model.links, Link(source="A1", target="Q7")]
    with pytest.raises(SparkInputError) as error:
        model.with_changes(elements=elements, links=links)
    assert [p.code for p in error.value.problems] == ["id.duplicate", "id.unknown"]
    sv, en = _messages(error)
    assert sv.startswith("2 problem hittades:")
    assert en.startswith("2 problems were found:")
    assert "P1" in sv and "Q7" in sv and "P1" in en and "Q7" in en


def test_a_refused_edit_leaves_the_model_unchanged(model):
    before = model.model_dump()
    with pytest.raises(SparkInputError):
        model.add_link("R1", "A1")
    assert model.model_dump() == before


def test_error_is_a_value_error_with_english_text(model):
    with pytest.raises(ValueError, match="backwards"):
        model.add_link("R1", "A1")


def test_indicators_are_added_replaced_in_place_and_removed():
    model = load_example().logic_model
    new_id = model.next_indicator_id()
    assert new_id not in {i.id for i in model.indicators}
    added = model.with_indicator(Indicator(id=new_id, element="P2", name="Liter per år"))
    assert added.indicators[-1].id == new_id
    changed = added.with_indicator(added.indicators[0].model_copy(update={"target": 99.0}))
    assert changed.indicators[0].target == 99.0 and len(changed.indicators) == len(added.indicators)
    assert new_id not in {i.id for i in changed.remove_indicator(new_id).indicators}
    with pytest.raises(SparkInputError):
        model.with_indicator(Indicator(id="X1", element="A1", name="På en aktivitet"))
