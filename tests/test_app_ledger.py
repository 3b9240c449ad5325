"""Samhällsekonomisk kalkyl (spark_kit.apps.ledger_panel) driven headlessly.

The figures shown are compared with what spark_kit.impact.ledger computes on the same ledger
(evaluate, result_table, payback), formatted with spark_kit.i18n. The example ledger is the
fictional Myrbacka ledger (data/examples/myrbacka_bokslut.yaml); its year-1 net for the
municipality, 12 × (0.4 × 177 960 − 45 000) + 8 × (0.4 × 20 000 − 45 000) = 18 208 kr, is
worked out by hand in tests/test_ledger.py.
"""

from __future__ import annotations

import html
import time

import pytest

from spark_kit.apps.ledger_panel import LedgerPanel
from spark_kit.assessment import blank_assessment, load_example
from spark_kit.i18n import format_money, format_number
from spark_kit.impact.ledger import Actor, load_ledger_example

MYRBACKA = "myrbacka_arbetskooperativ"
NBSP = "\u00a0"


def kr(value: float, lang: str = "sv") -> str:
    return format_money(round(value), lang, decimals=0)


def is_error(notice) -> bool:
    return "spark-error" in notice.widget.value and 'role="alert"' in notice.widget.value


def make_panel(assessment, lang: str = "sv") -> LedgerPanel:
    panel = LedgerPanel()
    panel.committed = []
    panel.on_change = panel.committed.append
    panel.show(assessment, lang)
    return panel


@pytest.fixture
def panel():
    return make_panel(load_example(MYRBACKA))


# --- results ---------------------------------------------------------------------------------


def test_myrbacka_shows_every_actors_result_as_evaluate_gives_it(panel):
    ledger = panel.assessment.ledger
    result = ledger.evaluate()
    shown = panel.results.value
    assert kr(result.net[Actor.KOMMUN][0]) == f"18{NBSP}208{NBSP}kr"  # worked out by hand
    for actor in result.actors():
        assert html.escape(actor.label("sv")) in shown
        assert kr(result.total(actor)) in shown
        for value in result.net[actor]:
            assert kr(value) in shown
    assert f"Samhällets nettovinst under 5 år: {kr(result.total(None))}" in shown
    assert "Fiktivt exempel" in panel.heading.value
    assert panel.start_box.layout.display == "none"


def test_the_paying_actor_and_its_payback_are_named(panel):
    result = panel.assessment.ledger.evaluate()
    assert result.payer is Actor.KOMMUN
    years = format_number(result.payback(), "sv", 1)
    assert (
        f"Kommunen betalar den största delen av insatsen och har fått tillbaka det efter {years} år"
        in (panel.results.value)
    )
    society = result.society_payback()
    assert ("För samhället som helhet är insatsen") in panel.results.value
    if society is not None:
        assert format_number(society, "sv", 1) in panel.results.value


def test_transfers_are_explained_to_cancel_for_society(panel):
    assert panel.assessment.ledger.evaluate().transfers_cancel()
    assert "tar de därför ut varandra" in panel.results.value
    assert "aktörernas nettovinster summerar till samhällets varje år" in panel.results.value


def test_charts_are_marked_fictional_and_drawn_when_shown(panel):
    assert 'role="img"' in panel.actor_chart.value
    assert "påhittat exempel" in panel.actor_chart.value
    assert panel.cumulative_chart.value == ""
    panel.charts.select(1)
    assert 'role="img"' in panel.cumulative_chart.value


def test_the_items_of_the_chosen_group_and_part_are_listed(panel):
    group = panel.assessment.ledger.groups[0]
    assert panel.item_form.widgets["section"].value == "exclusion"
    for item in group.exclusion.items:
        assert html.escape(item.label) in panel.items_view.value
        assert kr(item.amount) in panel.items_view.value
    panel.item_form.widgets["section"].value = "activity_cost"
    assert html.escape(group.activity_cost[0].label) in panel.items_view.value


# --- starting a ledger -----------------------------------------------------------------------


def test_without_a_ledger_the_panel_offers_the_fictional_example_or_an_empty_one():
    panel = make_panel(load_example())  # Granbacka has no ledger
    assert panel.main_box.layout.display == "none"
    assert "påhittat" in panel.start_text.value
    assert panel.start_example.description == "Börja från exemplet Myrbacka (påhittat)"
    assert panel.start_blank.description == "Börja med en tom kalkyl"

    panel.start_example.click()
    (committed,) = panel.committed
    assert committed.ledger == load_ledger_example()
    assert committed.ledger.fictional and "Fiktivt exempel" in panel.heading.value
    assert committed.logic_model == load_example().logic_model  # nothing else changed
    assert kr(committed.ledger.evaluate().total(None)) in panel.results.value


def test_an_enterprise_of_its_own_sees_the_example_ledger_marked_fictional():
    panel = make_panel(blank_assessment("Vår kooperativa förening"))
    assert "Fiktivt exempel" not in panel.heading.value
    panel.start_example.click()
    assert not panel.committed[-1].profile.fictional
    assert "Fiktivt exempel" in panel.heading.value  # the ledger is, though the profile is not
    assert "påhittat exempel" in panel.actor_chart.value


def test_an_empty_ledger_has_one_group_and_no_items():
    panel = make_panel(load_example())
    panel.start_blank.click()
    ledger = panel.committed[-1].ledger
    assert [g.name for g in ledger.groups] == ["Deltagare"]
    assert not ledger.fictional
    assert "inga poster" in panel.items_view.value
    assert "Ingen aktör betalar något" in panel.results.value
    assert "inga belopp än" in panel.actor_chart.value  # no empty chart
    assert panel.item_form.widgets["item"].value == 0  # ready for a new item


# --- editing ---------------------------------------------------------------------------------


def test_editing_a_group_commits_and_redraws(panel):
    form = panel.group_form.widgets
    assert form["name"].value == "Långvarigt försörjningsstöd"
    assert form["success_rate"].value == f"40{NBSP}%"
    form["success_rate"].value = "50"
    assert panel.save_group()
    ledger = panel.committed[-1].ledger
    assert ledger.groups[0].success_rate == 0.5
    assert ledger.groups[1] == panel.committed[-1].ledger.groups[1]
    assert kr(ledger.evaluate().total(Actor.KOMMUN)) in panel.results.value


def test_adding_and_removing_a_group(panel):
    form = panel.group_form.widgets
    form["group"].value = 0
    assert form["name"].value == ""
    for name, value in {
        "name": "Unga vuxna",
        "participants": "5",
        "success_rate": "0,3",
        "persistence": "90 %",
        "activity_years": "2",
    }.items():
        form[name].value = value
    assert panel.save_group()
    groups = panel.committed[-1].ledger.groups
    assert [g.name for g in groups][-1] == "Unga vuxna" and groups[-1].persistence == 0.9
    assert panel.committed[-1].ledger.participants == 25
    assert form["group"].value == 3
    assert panel.remove_group()
    assert len(panel.committed[-1].ledger.groups) == 2


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("success_rate", "250 %", "”250 %” ligger utanför 0–100 %"),
        ("persistence", "hög", "”hög” är ingen andel"),
        ("participants", "tolv", "”tolv” är inte ett tal"),
        ("participants", "-3", "får inte vara negativt"),
        ("activity_years", "0", "ska vara minst 1 och högst 50"),
        ("name", "", "Namn: Värde saknas"),
    ],
)
def test_a_bad_group_value_commits_nothing(panel, field, typed, message):
    before = panel.assessment
    panel.group_form.widgets[field].value = typed
    assert not panel.save_group()
    assert is_error(panel.group_notice) and message in panel.group_notice.widget.value
    assert panel.committed == [] and panel.assessment is before


def test_two_groups_with_the_same_name_are_refused_by_the_ledger_rules(panel):
    panel.group_form.widgets["name"].value = "Sjukersättning"
    assert not panel.save_group()
    assert "finns två gånger" in panel.group_notice.widget.value
    assert panel.committed == []


def test_the_last_group_cannot_be_removed():
    panel = make_panel(load_example())
    panel.start_blank.click()
    assert not panel.remove_group()
    assert "minst en grupp" in panel.group_notice.widget.value
    assert len(panel.committed) == 1


def test_editing_an_items_amount(panel):
    form = panel.item_form.widgets
    form["item"].value = 2  # Försörjningsstöd för boende och hushållsel, 66 000 kr
    assert form["amount"].value == "66000" and form["kind"].value == "financial"
    form["amount"].value = "70 000"
    assert panel.save_item()
    item = panel.committed[-1].ledger.groups[0].exclusion.items[1]
    assert item.amount == 70_000 and item.payer is Actor.KOMMUN
    assert item.fictional  # still a made-up teaching figure
    assert kr(panel.committed[-1].ledger.evaluate().total(Actor.KOMMUN)) in panel.results.value


def test_a_new_amount_for_a_reference_figure_drops_its_citation(panel):
    form = panel.item_form.widgets
    assert "Socialstyrelsen" in form["source"].value  # the riksnorm from the reference table
    form["amount"].value = "50000"
    assert panel.save_item()
    item = panel.committed[-1].ledger.groups[0].exclusion.items[0]
    assert item.amount == 50_000 and item.default_id is None and item.source == ""


def test_adding_a_transfer_and_a_real_cost(panel):
    form = panel.item_form.widgets
    form["section"].value = "activity"
    form["item"].value = 0
    for name, value in {
        "label": "Bostadsbidrag",
        "kind": "financial",
        "actor": "försäkringskassan",
        "receiver": "individen",
        "amount": "12 000",
        "source": "Eget antagande",
    }.items():
        form[name].value = value
    assert panel.save_item()
    item = panel.committed[-1].ledger.groups[0].activity.items[-1]
    assert (item.payer, item.receiver, item.amount) == (
        Actor.FORSAKRINGSKASSAN,
        Actor.INDIVIDEN,
        12_000,
    )
    result = panel.committed[-1].ledger.evaluate()
    assert result.transfers_cancel()
    assert kr(result.total(Actor.FORSAKRINGSKASSAN)) in panel.results.value

    form["item"].value = 0
    form["section"].value = "activity_cost"
    form["item"].value = 0
    for name, value in {"label": "Handledning", "kind": "real", "actor": "kommun"}.items():
        form[name].value = value
    form["category"].value = "resursförbrukning"
    form["amount"].value = "5000"
    assert panel.save_item()
    assert panel.committed[-1].ledger.groups[0].activity_cost[-1].amount == 5_000
    assert panel.remove_item()
    assert len(panel.committed[-1].ledger.groups[0].activity_cost) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "-100"}, "får inte vara negativt"),
        ({"amount": "mycket"}, "”mycket” är inte ett tal"),
        ({"amount": ""}, "Värde saknas"),
        ({"label": ""}, "Postens namn: Värde saknas"),
        ({"kind": "financial", "receiver": ""}, "Mottagare (bara transfereringar): Värde saknas"),
        ({"kind": "financial", "actor": "kommun", "receiver": "kommun"}, "samma"),
        ({"kind": "financial", "actor": "ofördelat", "receiver": "kommun"}, "ofördelat"),
    ],
)
def test_a_bad_item_commits_nothing(panel, changes, message):
    form = panel.item_form.widgets
    form["item"].value = 3  # Handläggning inom socialtjänsten, a real cost
    for name, value in changes.items():
        form[name].value = value
    assert not panel.save_item()
    assert is_error(panel.item_notice) and message in panel.item_notice.widget.value
    assert panel.committed == []


def test_the_cost_of_the_activity_cannot_be_a_transfer(panel):
    form = panel.item_form.widgets
    form["section"].value = "activity_cost"
    form["kind"].value = "financial"
    form["receiver"].value = "individen"
    assert not panel.save_item()
    assert "bara vara reala kostnader" in panel.item_notice.widget.value
    assert panel.committed == []


def test_settings_horizon_and_discount_rate(panel):
    form = panel.settings_form.widgets
    assert form["horizon_years"].value == "5" and form["discount_rate"].value == f"0{NBSP}%"
    form["horizon_years"].value = "7"
    form["discount_rate"].value = "3,5"
    assert panel.save_settings()
    ledger = panel.committed[-1].ledger
    assert (ledger.horizon_years, ledger.discount_rate) == (7, 0.035)
    result = ledger.evaluate()
    assert "År 7" in panel.results.value
    assert kr(result.total(None)) in panel.results.value


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("horizon_years", "0", "ska vara minst 1 och högst 50"),
        ("horizon_years", "fem", "”fem” är inte ett tal"),
        ("horizon_years", "", "Värde saknas"),
        ("discount_rate", "250 %", "ligger utanför 0–100 %"),
    ],
)
def test_bad_settings_commit_nothing(panel, field, typed, message):
    panel.settings_form.widgets[field].value = typed
    assert not panel.save_settings()
    assert is_error(panel.settings_notice) and message in panel.settings_notice.widget.value
    assert panel.committed == []


# --- language --------------------------------------------------------------------------------


def test_switching_to_english_relabels_and_keeps_typed_text(panel):
    panel.item_form.widgets["source"].value = "my own note"
    panel.show(panel.assessment, "en")
    result = panel.assessment.ledger.evaluate()
    assert "The ledger compares what society" in panel.heading.value
    assert "Fictional example" in panel.heading.value
    assert kr(result.total(Actor.KOMMUN), "en") in panel.results.value
    assert "Municipality" in panel.results.value and "Society" in panel.results.value
    assert "cancel out" in panel.results.value
    assert panel.group_form.widgets["success_rate"].description == "Success rate (%)"
    assert panel.save_item_button.description == "Save the item"
    assert panel.item_form.widgets["source"].value == "my own note"
    panel.group_form.widgets["participants"].value = "twelve"
    assert not panel.save_group()
    assert "is not a number" in panel.group_notice.widget.value


def test_edit_to_redraw_time_is_measured(panel, capsys):
    times = []
    form = panel.group_form.widgets
    for typed in ("41", "42", "43", "44", "45"):
        form["success_rate"].value = typed
        start = time.perf_counter()
        panel.save_group()
        times.append(time.perf_counter() - start)
    with capsys.disabled():
        median = sorted(times)[len(times) // 2]
        print(f"\n[info] LedgerPanel edit → redraw median {median * 1000:.0f} ms")
