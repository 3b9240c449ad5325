"""The investment-readiness panel driven headlessly: answer items, read the scores shown.

The answers are the FICTIONAL Granbacka byakooperativ's 2026 self-assessment
(data/examples/granbacka_beredskap.yaml, as load_example() carries it); every score shown
must equal spark_kit.finance.readiness.assess on the same answers.
"""

from __future__ import annotations

import re

import pytest

from spark_kit.apps.readiness_panel import SKIP, ReadinessPanel
from spark_kit.assessment import blank_assessment, load_example
from spark_kit.assessment_parts import ReadinessAnswers
from spark_kit.finance.readiness import assess, format_score, load_question_set


class Recorder:
    def __init__(self, panel):
        self.committed = []
        panel.on_change = self.committed.append

    @property
    def last(self):
        return self.committed[-1]


def panel_on(assessment=None, lang="sv"):
    panel = ReadinessPanel()
    recorder = Recorder(panel)
    panel.show(assessment or load_example(), lang)
    return panel, recorder


def shown_scores(panel) -> dict[str, str]:
    """Dimension label → the score in its row of the scores table."""
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>", panel.scores.value)
    return dict(rows)


def test_granbacka_answers_give_the_scores_assess_gives():
    panel, recorder = panel_on()
    answers = load_example().readiness.answers
    result = assess(answers)
    scores = shown_scores(panel)
    for d in result.dimensions:
        assert scores[d.label("sv")] == format_score(d.mean, "sv")
    assert scores["Sammantaget"] == format_score(result.overall, "sv")
    # the example's two weakest dimensions (finance/readiness.py's doctest)
    assert [d.dimension.id for d in result.weakest(2)] == [
        "funding_readiness",
        "financial_management",
    ]
    assert ", ".join(d.label("sv") for d in result.weakest(2)) in panel.scores.value
    assert "ES5" in panel.scores.value  # the skipped item is named
    assert panel.choices["ES5"].value == SKIP and panel.choices["ME1"].value == 4
    assert "<svg" in panel.chart.value and 'role="img"' in panel.chart.value
    assert recorder.committed == []


def test_next_steps_are_the_kit_modules_in_the_package_order():
    panel, _ = panel_on()
    steps = assess(load_example().readiness.answers).next_steps()
    assert [s.module for s in steps] == [
        "06_finansieringskallor",
        "08_lan_och_medlemskapital",
        "07_likviditet_och_nollpunkt",
    ]
    shown = panel.next_steps.value
    positions = [shown.index(s.title("sv")) for s in steps]
    assert positions == sorted(positions)
    for step in steps:
        for action in step.actions("sv"):
            assert action in shown


def test_answering_an_item_commits_it_and_the_mean_shown_follows_assess():
    panel, recorder = panel_on()
    before = dict(load_example().readiness.answers)
    choice = panel.choices["ME1"]
    panel.answer("ME1", 0)
    assert len(recorder.committed) == 1
    committed = recorder.last.readiness
    assert committed.answers["ME1"] == 0
    assert {k: v for k, v in committed.answers.items() if k != "ME1"} == {
        k: v for k, v in before.items() if k != "ME1"
    }
    assert committed.year == 2026
    dimension = assess(committed.answers).dimension("mission_impact")
    assert dimension.mean == pytest.approx((0 + 3 + 3 + 2 + 2) / 5)
    assert shown_scores(panel)["Mission och effekt"] == format_score(dimension.mean, "sv")
    assert panel.choices["ME1"] is choice  # the widgets are not rebuilt
    assert panel.assessment == recorder.last


def test_skipping_an_item_stores_none_and_leaves_it_out_of_the_mean():
    panel, recorder = panel_on()
    panel.choices["FB5"].value = SKIP
    assert recorder.last.readiness.answers["FB5"] is None
    dimension = assess(recorder.last.readiness.answers).dimension("funding_readiness")
    assert dimension.answered == 4
    assert shown_scores(panel)["Finansieringsberedskap"] == format_score(dimension.mean, "sv")


def test_a_blank_assessment_starts_unscored_and_fills_in():
    panel, recorder = panel_on(blank_assessment())
    assert all(score == "ej bedömd" for score in shown_scores(panel).values())
    assert "0 av 30 frågor besvarade" in panel.progress.value
    for item_id in ("MK1", "MK2", "MK3"):
        panel.answer(item_id, 2)
    assert recorder.last.readiness.answers == {"MK1": 2, "MK2": 2, "MK3": 2}
    assert shown_scores(panel)["Marknad och kunder"] == format_score(2.0, "sv")
    assert "3 av 30 frågor besvarade" in panel.progress.value
    assert "Marknad och kunder: 2" in panel.accordion.titles[1]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tjugo", "”tjugo” är inte ett tal"),
        ("1800", "”1800” ska vara minst 1900 och högst 2200"),
        ("2026,5", "”2026,5” är inte ett heltal"),
    ],
)
def test_a_bad_year_is_explained_and_nothing_is_committed(typed, expected):
    panel, recorder = panel_on()
    panel.year.value = typed
    assert expected in panel.year_notice.widget.value
    assert "spark-error" in panel.year_notice.widget.value
    assert recorder.committed == []


def test_a_good_year_is_committed():
    panel, recorder = panel_on()
    panel.year.value = "2027"
    assert recorder.last.readiness.year == 2027
    assert panel.year_notice.widget.value == ""
    assert "Investeringsberedskap 2027" in panel.chart.value


def test_stored_answers_that_cannot_be_used_are_explained_not_a_traceback():
    broken = load_example().model_copy(
        update={"readiness": ReadinessAnswers(year=2026, answers={"ME1": 7, "XX9": 3, "MK1": 2})}
    )
    panel, _ = panel_on(broken)
    assert "går inte att använda" in panel.answers_notice.widget.value
    assert panel.choices["MK1"].value == 2 and panel.choices["ME1"].value == SKIP


def test_language_switch_relabels_questions_choices_and_scores():
    panel, recorder = panel_on()
    item = load_question_set().item("ME1")
    assert item.question("sv") in panel.questions["ME1"].value
    assert panel.choices["ME1"].options[0][0] == "Hoppa över"
    panel.show(panel.assessment, "en")
    assert item.question("en") in panel.questions["ME1"].value
    assert panel.choices["ME1"].options[0][0] == "Skip"
    assert panel.choices["ME1"].options[5][0] == f"4 – {item.level(4, 'en')}"
    assert panel.choices["ME1"].value == 4  # the answer stays
    result = assess(load_example().readiness.answers)
    scores = shown_scores(panel)
    for d in result.dimensions:
        assert scores[d.label("en")] == format_score(d.mean, "en")
    assert "Mission and impact" in panel.accordion.titles[0]
    assert "Next steps" in panel.headings["next"].value
    assert panel.year.description == "Year of the assessment"
    assert recorder.committed == []
