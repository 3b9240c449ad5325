"""The self-checking exercises of notebooks/01_effektlogik.ipynb.

Right answers are accepted; each kind of wrong answer is refused with a message that
names the problem, in Swedish and English. Levels and terms follow the Swedish agency
chain in /work/shared/reference/impact-methods.md §4 (ESV: resurser → aktiviteter →
prestationer → resultat → effekter). Statements come from the fictional example
enterprise, Granbacka byakooperativ.
"""

from __future__ import annotations

import pytest

from spark_kit.assessment import load_example
from spark_kit.impact.exercises import (
    Feedback,
    check_exercise_1,
    check_exercise_2,
    exercise_1_solution,
    exercise_1_statements,
    exercise_2_model,
    parse_level,
)
from spark_kit.impact.logic_model import Element, Indicator, Level, LogicModel
from spark_kit.impact.red_thread import check_red_thread

LANGS = ["sv", "en"]
OPEN_HOURS = "Butiken har öppet 70 timmar i veckan året runt"
SHOPPING = "Byborna gör sina vardagsinköp i byn"
DELIVER = "Köra ut varor till äldre varje vecka"
STAFF = "Två anställda och ideella insatser från medlemmar, cirka 1 200 timmar per år"


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- Feedback --------------------------------------------------------------------------


def test_feedback_reads_as_text_and_as_html():
    feedback = Feedback(False, "Inte riktigt än.\nA & B är fel.\nC är fel.")
    assert str(feedback) == feedback.message
    page = feedback._repr_html_()
    assert "Inte riktigt än." in page
    assert page.count("<li>") == 2
    assert "A &amp; B är fel." in page  # escaped
    assert "✘" in page


def test_feedback_html_for_a_right_answer_has_no_list():
    page = Feedback(True, "Rätt!")._repr_html_()
    assert "Rätt!" in page and "✔" in page and "<ul" not in page


# --- Exercise 1: levels ----------------------------------------------------------------


def test_statements_are_example_texts_at_every_level():
    model = load_example().logic_model
    texts = {e.text: e.level for e in model.elements}
    solution = exercise_1_solution()
    assert list(solution) == exercise_1_statements()
    assert all(texts[s] == level for s, level in solution.items())
    assert set(solution.values()) == set(Level)
    assert solution[OPEN_HOURS] == Level.OUTPUT
    assert solution[SHOPPING] == Level.OUTCOME
    assert solution[DELIVER] == Level.ACTIVITY
    assert solution[STAFF] == Level.INPUT


@pytest.mark.parametrize("lang", LANGS)
def test_right_answer_as_levels(lang):
    feedback = check_exercise_1(exercise_1_solution(), lang)
    assert feedback.correct
    assert ("Rätt" if lang == "sv" else "Right") in feedback.message
    assert "7" in feedback.message


@pytest.mark.parametrize(
    "words",
    [
        {"behov": "behov", "resurser": "Resurser", "aktiviteter": "aktivitet",
         "prestationer": "prestation", "resultat": "RESULTAT", "effekter": "effekt på lång sikt"},
        {"behov": "needs", "resurser": "input", "aktiviteter": "activities",
         "prestationer": "Outputs", "resultat": "outcome", "effekter": "impact"},
    ],
)  # fmt: skip
def test_right_answer_in_swedish_or_english_words(words):
    answers = {s: words[level.value] for s, level in exercise_1_solution().items()}
    assert check_exercise_1(answers).correct


def test_statements_match_ignoring_case_and_spaces():
    answers = {"  " + s.upper().replace(" ", "  "): lv for s, lv in exercise_1_solution().items()}
    assert check_exercise_1(answers).correct


@pytest.mark.parametrize(
    ("word", "level"),
    [("insatser", Level.INPUT), ("effekter på kort sikt", Level.OUTCOME),
     ("Effekter på lång sikt", Level.IMPACT), (Level.NEED, Level.NEED), ("vet ej", None),
     (3, None)],
)  # fmt: skip
def test_parse_level(word, level):
    assert parse_level(word) == level


def _answers(**changes) -> dict:
    answers = {s: level.value for s, level in exercise_1_solution().items()}
    answers.update(changes)
    return answers


@pytest.mark.parametrize("lang", LANGS)
def test_output_called_outcome_is_explained(lang):
    feedback = check_exercise_1(_answers(**{OPEN_HOURS: "resultat"}), lang)
    assert not feedback.correct
    assert ("6 av 7" if lang == "sv" else "6 of 7") in feedback.message
    point = next(p for p in feedback.message.split("\n")[1:] if OPEN_HOURS in p)
    if lang == "sv":
        assert "inte ett resultat utan en prestation" in point
        assert "levererar och kan räkna" in point  # what an output is
        assert "förändring hos målgruppen" in point  # what an outcome is
    else:
        assert "not an outcome but an output" in point
        assert "delivers and can count" in point
        assert "change for the target group" in point


@pytest.mark.parametrize("lang", LANGS)
def test_outcome_called_output_is_explained(lang):
    feedback = check_exercise_1(_answers(**{SHOPPING: "prestationer"}), lang)
    assert not feedback.correct
    expected = (
        "inte en prestation utan ett resultat" if lang == "sv" else "not an output but an outcome"
    )
    assert expected in feedback.message and SHOPPING in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_every_wrong_statement_is_named_and_only_those(lang):
    feedback = check_exercise_1(
        _answers(**{STAFF: "aktiviteter", DELIVER: "prestationer", SHOPPING: "effekter"}), lang
    )
    points = feedback.message.split("\n")[1:]
    assert len(points) == 3
    for statement in (STAFF, DELIVER, SHOPPING):
        assert sum(statement in p for p in points) == 1
    assert OPEN_HOURS not in feedback.message
    assert ("4 av 7" if lang == "sv" else "4 of 7") in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_missing_statement(lang):
    answers = _answers()
    del answers[DELIVER]
    feedback = check_exercise_1(answers, lang)
    assert not feedback.correct
    assert DELIVER in feedback.message
    assert ("saknar svar" if lang == "sv" else "has no answer") in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_statement(lang):
    feedback = check_exercise_1(_answers(**{"Butiken säljer glass": "prestationer"}), lang)
    assert not feedback.correct
    assert "Butiken säljer glass" in feedback.message
    expected = "inte ett av påståendena" if lang == "sv" else "not one of the exercise's statements"
    assert expected in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_answer_that_is_not_a_level(lang):
    feedback = check_exercise_1(_answers(**{STAFF: "pengar"}), lang)
    assert not feedback.correct
    assert "pengar" in feedback.message and STAFF in feedback.message
    assert ("ingen nivå" if lang == "sv" else "not a level") in feedback.message


def test_empty_answer_lists_every_statement():
    feedback = check_exercise_1({})
    assert not feedback.correct
    assert "0 av 7" in feedback.message
    assert all(s in feedback.message for s in exercise_1_statements())


# --- Exercise 2: repair the broken model ------------------------------------------------


def _repair_outcomes(model: LogicModel) -> LogicModel:
    """Link R2 on to E1 and give R3 back its indicator."""
    indicator = next(i for i in load_example().logic_model.indicators if i.id == "M5")
    repaired = model.add_link("R2", "E1")
    return repaired.with_changes(indicators=[*repaired.indicators, indicator])


def _repair(model: LogicModel) -> LogicModel:
    return _repair_outcomes(model.add_link("A3", "P3"))


def _as_sets(model: LogicModel) -> tuple[set, set, set]:
    return (
        {e.model_dump_json() for e in model.elements},
        {(lk.source, lk.target) for lk in model.links},
        {i.model_dump_json() for i in model.indicators},
    )


def test_broken_model_has_four_findings_naming_the_broken_elements():
    broken = exercise_2_model()
    found = [(f.code, f.element_id) for f in check_red_thread(broken)]
    assert found == [
        ("thread.activity_no_output", "A3"),
        ("thread.orphan", "P3"),
        ("thread.outcome_no_impact", "R2"),
        ("thread.outcome_no_indicator", "R3"),
    ]
    assert {e.id for e in broken.elements} == {e.id for e in load_example().logic_model.elements}


@pytest.mark.parametrize("lang", LANGS)
def test_unrepaired_model_lists_its_findings(lang):
    feedback = check_exercise_2(exercise_2_model(), lang)
    assert not feedback.correct
    assert ("4 brister" if lang == "sv" else "4 gaps") in feedback.message
    for element_id in ("A3", "P3", "R2", "R3"):
        assert element_id in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_right_repair(lang):
    repaired = _repair(exercise_2_model())
    feedback = check_exercise_2(repaired, lang)
    assert feedback.correct, feedback.message
    assert ("Rätt" if lang == "sv" else "Right") in feedback.message
    assert _as_sets(repaired) == _as_sets(load_example().logic_model)


def test_another_valid_indicator_is_accepted():
    model = exercise_2_model().add_link("A3", "P3").add_link("R2", "E1")
    own = Indicator(id="M9", element="R3", name="Deltagare med referens", baseline=0, target=3)
    assert check_exercise_2(model.with_changes(indicators=[*model.indicators, own])).correct


@pytest.mark.parametrize("lang", LANGS)
def test_partial_repair_lists_what_remains(lang):
    feedback = check_exercise_2(exercise_2_model().add_link("A3", "P3"), lang)
    assert not feedback.correct
    assert ("2 brister" if lang == "sv" else "2 gaps") in feedback.message
    assert "R2" in feedback.message and "R3" in feedback.message
    assert "A3" not in feedback.message and "P3" not in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_one_remaining_gap(lang):
    model = _repair(exercise_2_model()).remove_link("R2", "E1")
    feedback = check_exercise_2(model, lang)
    assert not feedback.correct
    assert ("en brist" if lang == "sv" else "one gap") in feedback.message
    assert "R2" in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_indicator_without_target_is_not_a_repair(lang):
    model = exercise_2_model().add_link("A3", "P3").add_link("R2", "E1")
    bare = Indicator(id="M5", element="R3", name="Deltagare som fullföljer", baseline=2)
    feedback = check_exercise_2(model.with_changes(indicators=[*model.indicators, bare]), lang)
    assert not feedback.correct
    assert ("målvärde" if lang == "sv" else "target") in feedback.message


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_broken_elements_is_rejected(lang):
    """Cutting A3, P3 and R2 away hides three findings; the checker names each one."""
    broken = exercise_2_model()
    cut = broken.remove_element("A3").remove_element("P3").remove_element("R2")
    feedback = check_exercise_2(cut, lang)
    assert not feedback.correct
    first = feedback.message.split("\n")[0]
    assert ("klippa bort" if lang == "sv" else "cut away") in first
    for element_id in ("A3", "P3", "R2"):
        text = broken.element(element_id).text
        assert any(element_id in p and text in p for p in feedback.message.split("\n")[1:])


def test_deleting_even_with_a_holding_thread_is_rejected():
    """Cutting away every broken part, and all that hangs on it, leaves a thread that holds."""
    cut = exercise_2_model()
    for element_id in ("B2", "A3", "P3", "R2", "B3", "A4", "P4", "R3", "R5", "E2"):
        cut = cut.remove_element(element_id)
    assert check_red_thread(cut) == []  # the thread "holds" – by amputation
    feedback = check_exercise_2(cut)
    assert not feedback.correct
    assert feedback.message.count("har tagits bort") == 10


@pytest.mark.parametrize("lang", LANGS)
def test_moving_an_element_to_another_level_is_rejected(lang):
    """Made an output, A3 no longer needs an output of its own; P3 is fed by A1 instead."""
    broken = exercise_2_model()
    as_output = Element(id="A3", level=Level.OUTPUT, text=broken.element("A3").text)
    model = broken.replace_element("A3", as_output).add_link("A3", "R2").add_link("A1", "P3")
    model = _repair_outcomes(model)
    assert check_red_thread(model) == []
    feedback = check_exercise_2(model, lang)
    assert not feedback.correct
    point = next(p for p in feedback.message.split("\n") if p.startswith("A3"))
    assert ("Aktiviteter" if lang == "sv" else "Activities") in point
    assert ("Prestationer" if lang == "sv" else "Outputs") in point


@pytest.mark.parametrize("lang", LANGS)
def test_not_a_model(lang):
    feedback = check_exercise_2(load_example(), lang)
    assert not feedback.correct
    assert "Assessment" in feedback.message and "LogicModel" in feedback.message


def test_language_follows_the_environment(monkeypatch):
    monkeypatch.setenv("SPARK_KIT_LANG", "en")
    assert check_exercise_2(exercise_2_model()).message.startswith("Not done yet")
    monkeypatch.setenv("SPARK_KIT_LANG", "sv")
    assert check_exercise_2(exercise_2_model()).message.startswith("Inte klart än")
