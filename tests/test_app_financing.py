"""The financing panels (Finansieringsguiden) driven headlessly: set widget values, press
buttons, and compare what is shown and committed with what the package computes.

The examples are the kit's FICTIONAL enterprises: Granbacka byakooperativ (its cash flow in
data/examples/granbacka_finansiering.yaml: funding gap 270 000 kr in August 2027, bridging
need 320 000 kr, as notebooks/07_likviditet_och_nollpunkt.ipynb teaches) and Myrbacka
arbetskooperativ (data/examples/myrbacka_finansiering.yaml: gap 470 000 kr in May 2027).
"""

from __future__ import annotations

import re

import pytest

from spark_kit.apps.cashflow_panel import NEW, CashFlowPanel, parse_budget_month
from spark_kit.apps.financing_panel import FinancingPanel
from spark_kit.apps.funding_panel import CrowdfundingPanel, MemberCapitalPanel, example_campaign
from spark_kit.apps.loans_panel import LoansPanel
from spark_kit.apps.matcher_panel import MatcherPanel
from spark_kit.assessment import Profile, blank_assessment, load_example
from spark_kit.errors import SparkInputError
from spark_kit.finance.cashflow import CashFlowBudget, compute_cashflow
from spark_kit.finance.crowdfunding import plan_from_example
from spark_kit.finance.loan_exercises import offer_schedules
from spark_kit.finance.loans import compare_loans, loan_schedule
from spark_kit.finance.matcher import match
from spark_kit.finance.member_capital import member_capital_plan
from spark_kit.finance.sources import load_catalogue
from spark_kit.finance.sources_exercises import granbacka_profile
from spark_kit.i18n import format_date, format_money, format_number, format_percent

MYRBACKA = "myrbacka_arbetskooperativ"


def kr(value: float, lang: str = "sv") -> str:
    return format_money(value, lang, decimals=0)


def text_of(html: str) -> str:
    """The visible text of an HTML fragment (tags removed, entities for quotes decoded)."""
    return re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"')


class Recorder:
    """Captures what a panel commits."""

    def __init__(self, panel):
        self.committed = []
        panel.on_change = self.committed.append

    @property
    def last(self):
        return self.committed[-1]


def cashflow_panel(example=None, lang="sv"):
    panel = CashFlowPanel()
    recorder = Recorder(panel)
    panel.show(load_example(example) if example else load_example(), lang)
    return panel, recorder


def notice(form, name=None) -> str:
    return (form.notices[name] if name else form.notice).widget.value


# --- the cash flow: shown as the package computes it ------------------------------------------


def test_granbacka_gap_month_and_bridging_need_are_shown_as_computed():
    panel, _ = cashflow_panel()
    result = compute_cashflow(load_example().cashflow)
    # data/examples/granbacka_finansiering.yaml (fictional), notebooks/07: 270 000 kr, augusti
    assert (result.funding_gap, result.gap_month, result.bridge) == (270_000, 8, 320_000)
    figures = panel.figures.value
    assert kr(270_000) in figures and "augusti 2027" in figures
    assert kr(320_000) in figures
    assert result.summary("sv") in figures
    assert "<svg" in panel.chart.value and 'role="img"' in panel.chart.value
    assert "aria-label=" in panel.chart.value
    assert "december 2027" in figures  # the bridging loan can be repaid then
    lines = panel.lines_table.value
    assert "Leaderstöd till projektet" in lines and "efter slutrapport" in lines


def test_myrbacka_gap_is_shown_as_computed():
    panel, _ = cashflow_panel(MYRBACKA)
    result = compute_cashflow(load_example(MYRBACKA).cashflow)
    # data/examples/myrbacka_finansiering.yaml (fictional): 470 000 kr in May 2027
    assert (result.funding_gap, result.gap_month) == (470_000, 5)
    assert kr(470_000) in panel.figures.value and "maj 2027" in panel.figures.value
    assert kr(result.bridge) in panel.figures.value


def test_english_shows_the_same_figures_in_english():
    panel, _ = cashflow_panel(lang="en")
    assert kr(270_000, "en") in panel.figures.value
    assert "August 2027" in panel.figures.value
    assert panel.save_line_button.description == "Save line"
    assert "Cash at the end of the month" in panel.chart.value


def test_language_switch_relabels_and_keeps_what_is_typed():
    panel, recorder = cashflow_panel()
    assert panel.save_settings_button.description == "Spara inställningarna"
    panel.settings_form.widgets["buffer"].value = "75000"  # typed, not saved
    panel.show(panel.assessment, "en")
    assert panel.save_settings_button.description == "Save settings"
    assert panel.settings_form.widgets["horizon"].description == "Number of months"
    assert "The funding gap" in panel.headings["result"].value
    assert panel.settings_form.widgets["buffer"].value == "75000"
    assert dict(panel.settings_form.widgets["start_month"].options)["January"] == 1
    assert recorder.committed == []


def test_editing_a_line_commits_a_new_assessment_and_the_gap_updates():
    panel, recorder = cashflow_panel()
    form = panel.line_form
    form.widgets["line"].value = 0  # Försäljning i butiken och på macken, 400 000 kr a month
    assert form.widgets["amount"].value == "400000"
    assert form.widgets["month"].value == "januari 2027"
    form.widgets["amount"].value = "410 000"
    assert panel.save_line()
    committed = recorder.last
    assert committed.cashflow.lines[0].amount == 410_000
    assert committed.cashflow.lines[1:] == load_example().cashflow.lines[1:]
    new = compute_cashflow(committed.cashflow)
    assert new.funding_gap < 270_000
    assert kr(new.funding_gap) in panel.figures.value
    assert kr(270_000) not in panel.figures.value
    assert "sparades" in notice(form)
    assert panel.assessment == committed


def test_adding_a_bridging_loan_line_closes_the_gap():
    panel, recorder = cashflow_panel()
    form = panel.line_form
    form.widgets["line"].value = NEW
    form.widgets["kind"].value = "lån in"
    form.widgets["description"].value = "Brygglån"
    form.widgets["amount"].value = "320000"
    form.widgets["pattern"].value = "en gång"
    form.widgets["month"].value = "mars 2027"
    assert panel.save_line()
    line = recorder.last.cashflow.lines[-1]
    assert (line.kind.value, line.amount, line.month, line.pattern.value) == (
        "lån in",
        320_000,
        3,
        "en gång",
    )
    result = compute_cashflow(recorder.last.cashflow)
    assert result.funding_gap == 0 and result.lowest_balance == 50_000
    assert result.summary("sv") in panel.figures.value
    assert form.widgets["line"].value == len(recorder.last.cashflow.lines) - 1


def test_editing_the_grant_and_removing_a_line():
    panel, recorder = cashflow_panel()
    form = panel.line_form
    form.widgets["line"].value = 6  # Leaderstöd: efter slutrapport, 4 months' delay
    assert form.visible("delay") and not form.visible("pattern")
    assert not form.visible("withheld")  # only for grants paid in arrears
    form.widgets["delay"].value = "6"
    assert panel.save_line()
    assert recorder.last.cashflow.lines[6].delay == 6
    result = compute_cashflow(recorder.last.cashflow)
    assert result.month_label(result.bridge_repay_month, "sv") in panel.figures.value
    form.widgets["line"].value = 7
    assert panel.remove_line()
    assert len(recorder.last.cashflow.lines) == 7
    assert "Insatser från nya medlemmar" not in panel.lines_table.value
    assert form.widgets["line"].value == NEW


def test_settings_edit_commits_and_relabels_the_months():
    panel, recorder = cashflow_panel()
    form = panel.settings_form
    form.widgets["buffer"].value = "100 000"
    form.widgets["start_year"].value = "2028"
    assert panel.save_settings()
    budget = recorder.last.cashflow
    assert (budget.buffer, budget.start_year) == (100_000, 2028)
    result = compute_cashflow(budget)
    assert result.bridge == 370_000
    assert kr(370_000) in panel.figures.value and "augusti 2028" in panel.figures.value


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("amount", "tio tusen", "”tio tusen” är inte ett tal"),
        ("amount", "-5000", "får inte vara negativt"),
        ("month", "smarch", "”smarch” är ingen månad i budgeten"),
        ("month", "40", "månad 40 ligger utanför budgeten"),
        ("month", "mars", "”mars” finns flera gånger i budgeten"),
        ("end_month", "-3", "månad -3 ligger utanför budgeten"),
        ("amounts", "10 000; tio", "är ingen lista med belopp"),
    ],
)
def test_bad_line_input_is_shown_under_its_field_and_nothing_is_committed(field, typed, expected):
    panel, recorder = cashflow_panel()
    form = panel.line_form
    form.widgets["line"].value = 1  # Varuinköp och drivmedel
    form.widgets[field].value = typed
    if field == "amounts":
        form.widgets["amount"].value = ""
    assert not panel.save_line()
    assert expected in notice(form, field)
    assert "spark-error" in notice(form, field) and 'role="alert"' in notice(form, field)
    assert recorder.committed == []
    assert panel.assessment == load_example()


def test_a_grant_in_arrears_with_a_share_withheld():
    panel, recorder = cashflow_panel(MYRBACKA)
    form = panel.line_form
    form.widgets["line"].value = 5  # ESF+-stöd, paid in arrears every 3 months, 3 months late
    assert (form.widgets["every"].value, form.widgets["delay"].value) == ("3", "3")
    form.widgets["withheld"].value = "20 %"
    assert panel.save_line()
    assert recorder.last.cashflow.lines[5].withheld == pytest.approx(0.2)
    assert form.widgets["withheld"].value == format_percent(0.2, "sv")
    assert f"({format_percent(0.2, 'sv')} innehålls till slutrapporten)" in panel.lines_table.value
    result = compute_cashflow(recorder.last.cashflow)
    assert kr(result.funding_gap) in panel.figures.value


def test_a_share_of_250_percent_withheld_is_refused():
    panel, recorder = cashflow_panel(MYRBACKA)
    form = panel.line_form
    form.widgets["line"].value = 5  # ESF+-stöd, paid in arrears
    assert form.visible("withheld")
    form.widgets["withheld"].value = "250 %"
    assert not panel.save_line()
    assert "”250 %” ligger utanför 0–100 %" in notice(form, "withheld")
    form.widgets["withheld"].value = "250"
    assert not panel.save_line()
    assert "saknar procenttecken" in notice(form, "withheld")
    assert recorder.committed == []


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("horizon", "-12", "Budgeten ska gälla 12–36 månader, inte -12"),
        ("horizon", "tolv", "”tolv” är inte ett tal"),
        ("horizon", "", "Värde saknas"),
        ("start_year", "tjugo", "”tjugo” är inte ett tal"),
        ("opening_balance", "mycket", "”mycket” är inte ett tal"),
        ("buffer", "-1", "får inte vara negativt"),
    ],
)
def test_bad_settings_are_shown_under_their_field_and_nothing_is_committed(field, typed, expected):
    panel, recorder = cashflow_panel()
    panel.settings_form.widgets[field].value = typed
    assert not panel.save_settings()
    assert expected in notice(panel.settings_form, field)
    assert recorder.committed == []
    assert kr(270_000) in panel.figures.value  # the result still shows the stored budget


def test_a_shorter_budget_that_cuts_a_line_is_refused_with_the_line_named():
    panel, recorder = cashflow_panel()
    panel.settings_form.widgets["horizon"].value = "12"  # the Leader money comes in month 12
    panel.settings_form.widgets["start_year"].value = "2027"
    assert panel.save_settings()  # 12 months still hold every payment
    assert recorder.last.cashflow.horizon == 12
    panel.line_form.widgets["line"].value = 6
    panel.line_form.widgets["delay"].value = "5"
    assert not panel.save_line()
    assert "efter budgetens sista månad" in notice(panel.line_form, "delay")


def test_english_errors():
    panel, recorder = cashflow_panel(lang="en")
    panel.line_form.widgets["line"].value = 1
    panel.line_form.widgets["month"].value = "Smarch"
    assert not panel.save_line()
    assert "“Smarch” is not a month of the budget" in notice(panel.line_form, "month")
    assert recorder.committed == []


def test_a_blank_assessment_gets_a_budget_line_by_line():
    panel = CashFlowPanel()
    recorder = Recorder(panel)
    panel.show(blank_assessment(), "sv")
    assert "inga rader" in panel.lines_table.value
    form = panel.line_form
    form.widgets["kind"].value = "kostnad"
    form.widgets["amount"].value = "1000"
    form.widgets["month"].value = "1"
    assert panel.save_line()
    assert compute_cashflow(recorder.last.cashflow).funding_gap == 12_000
    assert kr(12_000) in panel.figures.value


def test_months_are_read_by_number_or_name():
    budget = load_example().cashflow  # January 2027, 24 months
    for typed in ("8", "augusti 2027", "Aug 2027", "aug. 2027", "2027-08", "August 2027"):
        assert parse_budget_month(typed, budget) == 8
    assert parse_budget_month("december 2028", budget) == 24
    with pytest.raises(SparkInputError, match="more than once"):
        parse_budget_month("augusti", budget, "en")
    with pytest.raises(SparkInputError, match="is not a month of the budget"):
        parse_budget_month("januari 2030", budget, "en")
    short = CashFlowBudget(horizon=12, start_month=3)  # no year: names occur once
    assert parse_budget_month("maj", short) == 3


# --- the matcher (what-if) --------------------------------------------------------------------


def granbacka_inputs(panel: MatcherPanel) -> None:
    """sources_exercises.granbacka_profile(): 7 years, 2 employees, 4 800 000 kr (fictional)."""
    form = panel.form.widgets
    form["purpose"].value = "investment"
    form["amount_sek"].value = "300 000"
    form["age_years"].value = "7"
    form["employees"].value = "2"
    form["turnover_sek"].value = "4 800 000"


def test_matcher_takes_the_legal_form_from_the_profile_and_prefills_from_the_cash_flow():
    panel = MatcherPanel()
    recorder = Recorder(panel)
    panel.show(load_example(), "sv")
    assert "ekonomisk förening" in panel.legal_form.value
    assert "sparas inte" in panel.intro.value
    values = panel.form.values()
    assert (values["amount_sek"], values["purpose"], values["region"]) == (
        "320000",
        "bridging",
        "vasterbotten",
    )
    assert kr(320_000) in panel.prefill_note.value
    granbacka_inputs(panel)
    assert panel.run()
    assert recorder.committed == []  # what-if: nothing is stored


def test_matcher_shows_the_package_ranking_with_conditions_sources_and_dates():
    panel = MatcherPanel()
    panel.show(load_example(), "sv")
    granbacka_inputs(panel)
    assert panel.run()
    expected = match(granbacka_profile(), lang="sv")
    shown = panel.results.value
    positions = [shown.index(f"{rank}. {s.name}") for rank, s in enumerate(expected.suggestions, 1)]
    assert positions == sorted(positions)
    assert [s.source_id for s in panel.result.suggestions] == [
        s.source_id for s in expected.suggestions
    ]
    facts = {f.id: f for f in load_catalogue().all_facts()}
    top = expected.suggestions[0]
    for line in top.conditions:
        assert line.text.replace('"', "&quot;") in shown or line.text in text_of(shown)
        fact = facts[line.fact_id]
        assert f'href="{fact.address}"' in shown
        assert format_date(fact.as_of, "sv") in shown
    for item in expected.excluded:
        assert item.name in shown
        assert item.reason.split(":")[0] in text_of(shown)
    assert f"Källor som inte passar ({len(expected.excluded)})" in shown


def test_matcher_in_english():
    panel = MatcherPanel()
    panel.show(load_example(), "sv")
    granbacka_inputs(panel)
    assert panel.run()
    panel.show(panel.assessment, "en")
    assert panel.match_button.description == "Show sources that fit"
    assert panel.form.widgets["age_years"].description == "Years trading"
    expected = match(granbacka_profile(), lang="en")
    assert expected.suggestions[0].reasons[0] in text_of(panel.results.value)
    assert "Sources that do not fit" in panel.results.value


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("age_years", "sju", "”sju” är inte ett tal"),
        ("employees", "2,5", "”2,5” är inte ett heltal"),
        ("amount_sek", "-5", "”-5” får inte vara negativt"),
        ("turnover_sek", "", "Värde saknas"),
    ],
)
def test_matcher_bad_inputs_are_shown_under_their_field(field, typed, expected):
    panel = MatcherPanel()
    panel.show(load_example(), "sv")
    granbacka_inputs(panel)
    panel.form.widgets[field].value = typed
    assert not panel.run()
    assert expected in notice(panel.form, field)
    assert panel.result is None and panel.results.value == ""


def test_matcher_without_a_legal_form_in_the_profile_says_so():
    panel = MatcherPanel()
    assessment = blank_assessment()
    panel.show(
        assessment.model_copy(update={"profile": Profile(name="X", county="Jämtland")}), "sv"
    )
    assert "saknas" in panel.legal_form.value
    assert panel.form.values()["region"] == "jamtland"
    granbacka_inputs(panel)
    assert not panel.run()
    assert "profilen" in notice(panel.form)


# --- loans (what-if) --------------------------------------------------------------------------


def loans_panel(lang="sv"):
    panel = LoansPanel()
    recorder = Recorder(panel)
    panel.show(load_example(), lang)
    return panel, recorder


def test_loans_start_from_the_fictional_offers_and_show_the_package_comparison():
    panel, recorder = loans_panel()
    expected = compare_loans(offer_schedules(), "sv", formatted=True)
    shown = panel.comparison.value
    for value in expected.to_numpy().ravel():
        assert value in shown
    for label in expected.index:
        assert label in shown
    assert "påhittade" in panel.intro.value
    assert "<svg" in panel.chart.value
    best = min(offer_schedules().items(), key=lambda kv: kv[1].effective_annual_rate)
    assert f"Lägst effektiv ränta har ”{best[0]}”" in shown
    assert recorder.committed == []


def test_changing_an_offer_recomputes_and_the_third_is_optional():
    panel, _ = loans_panel()
    offer = panel.offers[1].widgets
    offer["method"].value = "straight"
    offer["grace_months"].value = "12"
    expected = loan_schedule(180_000, 0.06, 5, method="straight", grace_months=12)
    assert panel.schedules["B"].payment == pytest.approx(expected.payment)
    assert format_money(expected.total_paid, "sv") in panel.comparison.value
    panel.include_third.value = False
    assert list(panel.schedules) == ["A", "B"]
    assert panel.columns[2].layout.display == "none"


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("rate", "250 %", "”250 %” är orimlig"),
        ("rate", "5,5", "saknar procenttecken"),
        ("amount", "mycket", "”mycket” är inte ett tal"),
        ("years", "-5", "Löptiden måste vara längre än 0 år"),
        ("setup_fee", "-100", "En avgift kan inte vara negativ"),
    ],
)
def test_bad_loan_terms_are_shown_under_the_field_and_the_offer_left_out(field, typed, expected):
    panel, _ = loans_panel()
    panel.offers[0].widgets[field].value = typed
    assert expected in notice(panel.offers[0], field)
    assert list(panel.schedules) == ["B", "C"]
    assert "”A” är inte med i jämförelsen" in panel.comparison.value


def test_loans_in_english():
    panel, _ = loans_panel("en")
    assert panel.offers[0].widgets["rate"].value == format_percent(0.055, "en", 1)
    assert "Effective annual rate" in panel.comparison.value
    assert panel.include_third.description == "Compare a third loan"


# --- crowdfunding and member capital (what-if) ---------------------------------------------


def test_crowdfunding_starts_from_the_fictional_campaign_as_the_package_plans_it():
    panel = CrowdfundingPanel()
    recorder = Recorder(panel)
    panel.show(load_example(), "sv")
    plan = plan_from_example({"campaign": example_campaign()})
    shown = panel.figures.value
    assert kr(plan.pledged_goal) in shown and kr(plan.matched) in shown
    assert kr(plan.net) in shown
    assert format_number(plan.backers_needed, "sv") in shown
    assert format_percent(plan.probability, "sv") in shown
    assert plan.if_goal_missed("sv") in text_of(shown)
    assert "<svg" in panel.chart.value
    assert "påhittade" in panel.intro.value and recorder.committed == []


def test_crowdfunding_without_matching():
    panel = CrowdfundingPanel()
    panel.show(load_example(), "sv")
    panel.form.widgets["use_matching"].value = False
    assert panel.plan is not None and panel.plan.matching is None
    assert not panel.form.visible("match_rate")
    assert "Matchning vid målet" not in panel.figures.value


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("platform_fee", "250 %", "”250 %” ligger utanför 0–100 %"),
        ("average_pledge", "fyrahundra", "”fyrahundra” är inte ett tal"),
        ("list_size", "-3", "ska vara ett heltal, minst 1"),
        ("match_rate", "-1", "får inte vara negativ"),
    ],
)
def test_crowdfunding_bad_inputs(field, typed, expected):
    panel = CrowdfundingPanel()
    panel.show(load_example(), "sv")
    panel.form.widgets[field].value = typed
    assert expected in notice(panel.form, field)
    assert panel.plan is None and panel.figures.value == ""


def test_member_capital_starts_from_the_funding_gap():
    panel = MemberCapitalPanel()
    panel.show(load_example(), "sv")
    plan = member_capital_plan(270_000, 1_000)
    assert panel.plan == plan and plan.new_members == 270
    assert f"{format_number(270, 'sv')} nya medlemmar" in panel.figures.value
    assert kr(270_000) in panel.prefill_note.value
    panel.form.widgets["paid_share"].value = "50 %"
    assert panel.plan.new_members == 540
    panel.show(panel.assessment, "en")
    assert "new members" in panel.figures.value


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("insats", "0", "måste vara större än 0 kr"),
        ("paid_share", "250 %", "”250 %” ligger utanför 0–100 %"),
        ("capital_need", "abc", "”abc” är inte ett tal"),
    ],
)
def test_member_capital_bad_inputs(field, typed, expected):
    panel = MemberCapitalPanel()
    panel.show(load_example(), "sv")
    panel.form.widgets[field].value = typed
    assert expected in notice(panel.form, field)
    assert panel.plan is None


# --- the tabbed composition --------------------------------------------------------------------


def test_financing_panel_tabs_relabel_and_forward_the_cash_flow_commit():
    panel = FinancingPanel()
    recorder = Recorder(panel)
    panel.show(load_example(), "sv")
    titles = [b.description for b in panel.tabs.buttons]
    assert titles == ["Finansieringskällor", "Likviditet", "Lån", "Crowdfunding", "Medlemsinsatser"]
    panel.tabs.buttons[1].click()
    assert panel.part is panel.cashflow and panel.widget.children[1] is panel.cashflow.widget
    panel.cashflow.settings_form.widgets["buffer"].value = "0"
    assert panel.cashflow.save_settings()
    assert recorder.last.cashflow.buffer == 0 and panel.assessment == recorder.last
    panel.tabs.buttons[4].click()  # the member capital part sees the committed assessment
    assert panel.member_capital.plan.new_members == 270
    panel.show(panel.assessment, "en")
    assert [b.description for b in panel.tabs.buttons][1] == "Cash flow"
    assert "new members" in panel.member_capital.figures.value
    files = panel.downloads()
    assert files and files[0].data.startswith(b"\x89PNG")
