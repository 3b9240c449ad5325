"""SROI-kalkylatorn (spark_kit.apps.sroi_panel) driven headlessly: set widget values, press
buttons, read the HTML and the committed assessment.

Expected figures:

- **Case 3** — /work/shared/reference/impact-methods.md §1.7, "Case 3 — rural Swedish WISE in
  SEK (constructed example)": PV 2,002,354.37, NPV 502,354.37, ratio 1.3349, net SROI 0.3349,
  payback 16.64 months; convention variants: year 1 not discounted 1.3816, undiscounted
  1.4127, drop-off already in year 1 0.8654; break-even values for row 1: proxy 99,234.81 SEK,
  deadweight 47.07 %, attribution 50.38 %. The fictional example Myrbacka arbetskooperativ
  carries this value map (data/examples/myrbacka_arbetskooperativ.yaml).
- Everything else is compared with what the package's own functions compute on the same data
  (calculate_sroi, one_at_a_time, break_even, monte_carlo, check_quality), formatted with
  spark_kit.i18n.
"""

from __future__ import annotations

import html
import time

import pytest

from spark_kit.apps.form_widgets import format_share, parse_typed
from spark_kit.apps.sroi_panel import SroiPanel, what_if_value_map
from spark_kit.assessment import blank_assessment, load_example
from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_money, format_number, format_percent
from spark_kit.impact.sroi import calculate_sroi, check_quality, monte_carlo, one_at_a_time
from spark_kit.workbook.schema import OUTCOMES

MYRBACKA = "myrbacka_arbetskooperativ"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def myrbacka():
    return load_example(MYRBACKA)


@pytest.fixture
def panel(myrbacka):
    panel = SroiPanel()
    panel.committed = []
    panel.on_change = panel.committed.append
    panel.show(myrbacka, "sv")
    return panel


def money(value: float, lang: str = "sv") -> str:
    return format_money(value, lang)


def ratio(value: float, lang: str = "sv") -> str:
    return format_number(value, lang, 2) + ":1"


def is_error(notice) -> bool:
    return "spark-error" in notice.widget.value and 'role="alert"' in notice.widget.value


# --- the result equals spark-kit sroi's --------------------------------------------------------


def test_myrbacka_shows_the_case_3_result(panel, myrbacka):
    result = calculate_sroi(myrbacka.value_map)
    shown = panel.summary.value
    # impact-methods.md §1.7 Case 3: PV 2,002,354.37, NPV 502,354.37, ratio 1.3349
    assert money(result.present_value) == f"2{NBSP}002{NBSP}354,37{NBSP}kr"
    assert money(result.npv) == f"502{NBSP}354,37{NBSP}kr"
    assert ratio(result.sroi_ratio) == "1,33:1"
    for text in (
        money(result.present_value),
        money(result.total_inputs),
        money(result.npv),
        ratio(result.sroi_ratio),
        format_number(result.net_sroi_ratio, "sv", 2),
        "16,64 månader",  # payback 16.64 months (Case 3)
        format_share(0.035, "sv"),
    ):
        assert text in shown
    assert "Fiktivt exempel" in panel.heading.value  # Myrbacka is fictional, and says so
    assert "Vad händer om" not in shown  # no what-if column while the sliders are idle


def test_granbacka_shows_what_calculate_sroi_gives():
    assessment = load_example()
    panel = SroiPanel()
    panel.show(assessment, "sv")
    result = calculate_sroi(assessment.value_map)
    for value in (result.present_value, result.total_inputs, result.npv):
        assert money(value) in panel.summary.value
    assert ratio(result.sroi_ratio) in panel.summary.value


def test_every_quality_warning_is_shown(panel, myrbacka):
    warnings = check_quality(myrbacka.value_map)
    assert warnings  # row 3 has no stakeholder voice
    for warning in warnings:
        assert html.escape(warning.message("sv")) in panel.warnings.value


def test_the_value_map_table_lists_each_row_with_its_present_value(panel, myrbacka):
    result = calculate_sroi(myrbacka.value_map)
    for row in result.by_outcome:
        assert html.escape(row["outcome"]) in panel.value_map_table.value
        assert money(row["present_value"]) in panel.value_map_table.value


def test_a_blank_assessment_draws_without_a_ratio():
    panel = SroiPanel()
    panel.show(blank_assessment(), "sv")
    assert "– (går inte att räkna ut)" in panel.summary.value
    assert "inga utfall" in panel.value_map_table.value
    for index in range(3):
        panel.charts.select(index)
    assert "inga utfall" in panel.by_year.value and "inga utfall" in panel.tornado.value
    assert "ingen SROI-kvot" in panel.break_even_table.value  # the package's own message


# --- editing the value map -----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["30", "30 %", "0,3", "30,0%"])
def test_editing_a_share_commits_the_new_value_map(panel, typed):
    form = panel.outcome_form.widgets
    assert form["row"].value == 1
    form["deadweight"].value = typed
    assert panel.save_outcome()
    (committed,) = panel.committed
    assert committed.value_map.outcomes[0].deadweight == pytest.approx(0.3)
    assert committed.value_map.outcomes[1:] == panel.assessment.value_map.outcomes[1:]
    result = calculate_sroi(committed.value_map)
    assert ratio(result.sroi_ratio) in panel.summary.value
    assert money(result.present_value) in panel.summary.value
    assert form["deadweight"].value == f"30{NBSP}%"  # shown back as a percentage


def test_adding_and_removing_an_outcome_row(panel, myrbacka):
    form = panel.outcome_form.widgets
    form["row"].value = 0  # (ny rad)
    assert form["stakeholder"].value == ""
    values = {
        "stakeholder": "Kommunen",
        "outcome": "Färre placeringar",
        "quantity": "2",
        "financial_proxy": "10 000",
        "duration_years": "1",
        "deadweight": "50",
        "displacement": "0",
        "attribution": "0,5",
        "drop_off": "0 %",
    }
    for name, value in values.items():
        form[name].value = value
    assert panel.save_outcome()
    rows = panel.committed[-1].value_map.outcomes
    assert len(rows) == 4
    assert rows[3].financial_proxy == 10_000 and rows[3].attribution == 0.5
    assert form["row"].value == 4
    assert "Kommunen" in [s.name for s in panel.committed[-1].value_map.stakeholders]

    assert panel.remove_outcome()
    assert panel.committed[-1].value_map.outcomes == myrbacka.value_map.outcomes
    assert "Rad 4 togs bort" in panel.outcome_notice.widget.value


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("deadweight", "250 %", "”250 %” ligger utanför 0–100 %"),
        ("deadweight", "250", "”250” ligger utanför 0–100 %"),
        ("attribution", "mycket", "”mycket” är ingen andel"),
        ("quantity", "åtta", "”åtta” är inte ett tal"),
        ("financial_proxy", "-5", "”-5” får inte vara negativt"),
        ("duration_years", "2,5", "”2,5” är inte ett heltal"),
        ("duration_years", "60", "”60” ska vara minst 1 och högst 50"),
        ("stakeholder", "", "Intressent: Värde saknas"),
        ("outcome", "   ", "Utfall: Värde saknas"),
    ],
)
def test_a_bad_outcome_value_is_explained_and_nothing_is_committed(panel, field, typed, message):
    before = panel.assessment
    panel.outcome_form.widgets[field].value = typed
    assert not panel.save_outcome()
    assert is_error(panel.outcome_notice)
    assert message in panel.outcome_notice.widget.value
    assert panel.committed == [] and panel.assessment is before


def test_several_bad_values_are_listed_together(panel):
    form = panel.outcome_form.widgets
    form["deadweight"].value = "250 %"
    form["quantity"].value = "abc"
    assert not panel.save_outcome()
    assert "2 problem hittades" in panel.outcome_notice.widget.value
    assert panel.committed == []


def test_editing_an_input(panel):
    form = panel.input_form.widgets
    assert form["input"].value == 1 and form["amount"].value == "900000"
    form["amount"].value = "1 000 000"
    assert panel.save_input()
    value_map = panel.committed[-1].value_map
    assert value_map.inputs[0].amount == 1_000_000
    assert money(calculate_sroi(value_map).total_inputs) in panel.summary.value
    assert money(1_600_000) in panel.summary.value


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("amount", "-100", "får inte vara negativt"),
        ("amount", "mycket", "är inte ett tal"),
        ("amount", "", "Värde (kr): Värde saknas"),
        ("stakeholder", "", "Vem satsar: Värde saknas"),
        ("year", "0", "ska vara minst 1 och högst 50"),
    ],
)
def test_a_bad_input_value_commits_nothing(panel, field, typed, message):
    panel.input_form.widgets[field].value = typed
    assert not panel.save_input()
    assert is_error(panel.input_notice) and message in panel.input_notice.widget.value
    assert panel.committed == []


def test_removing_every_input_leaves_no_ratio_and_a_warning(panel):
    for _ in range(3):
        assert panel.remove_input()
    assert panel.committed[-1].value_map.inputs == []
    assert "– (går inte att räkna ut)" in panel.summary.value
    assert html.escape(check_quality(panel.committed[-1].value_map)[-1].message("sv")) in (
        panel.warnings.value
    )
    panel.charts.select(1)
    assert "ingen SROI-kvot" in panel.tornado.value  # no traceback: the package's message


# --- conventions (reference: Case 3 convention sensitivity) --------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("discount_first_year", False, 1.3816),  # year 1 not discounted
        ("dropoff_start", "year1", 0.8654),  # drop-off already in year 1
    ],
)
def test_a_convention_dropdown_commits_the_convention(panel, field, value, expected):
    panel.conventions_form.widgets[field].value = value
    (committed,) = panel.committed
    assert getattr(committed.value_map.conventions, field) == value
    result = calculate_sroi(committed.value_map)
    assert result.sroi_ratio == pytest.approx(expected, abs=5e-5)
    assert ratio(result.sroi_ratio) in panel.summary.value


def test_additive_filters_are_a_convention_too(panel):
    panel.conventions_form.widgets["filters"].value = "additive"
    assert panel.committed[-1].value_map.conventions.filters == "additive"
    result = calculate_sroi(panel.committed[-1].value_map)
    assert ratio(result.sroi_ratio) in panel.summary.value


# --- what if: the sliders do not change the saved value map --------------------------------


def test_the_deadweight_slider_is_a_what_if_view(panel, myrbacka):
    panel.what_if_sliders["deadweight"].value = 20
    assert panel.committed == []
    assert panel.assessment.value_map == myrbacka.value_map
    expected = calculate_sroi(what_if_value_map(myrbacka.value_map, {"deadweight": 0.2}))
    # the same +20 % as the tornado chart's deadweight bar
    (tornado,) = one_at_a_time(myrbacka.value_map, 0.2, parameters=("deadweight",))
    assert expected.sroi_ratio == pytest.approx(tornado.ratio_plus)
    shown = panel.summary.value
    assert "Vad händer om" in shown and "Sparad kalkyl" in shown
    assert ratio(expected.sroi_ratio) in shown and "1,33:1" in shown
    assert "den sparade kalkylen är oförändrad" in panel.what_if_banner.value.lower()
    assert "+20" in panel.what_if_readouts["deadweight"].value

    panel.reset_what_if()
    assert "Vad händer om" not in panel.summary.value and panel.what_if_banner.value == ""


def test_the_what_if_map_changes_every_row_relatively_and_keeps_zeros(myrbacka):
    changed = what_if_value_map(myrbacka.value_map, {"displacement": 0.5, "deadweight": -0.5})
    assert [r.displacement for r in changed.outcomes] == [0.0, 0.0, 0.0]  # 0 stays 0
    assert [r.deadweight for r in changed.outcomes] == pytest.approx([0.1, 0.05, 0.15])
    assert myrbacka.value_map.outcomes[0].deadweight == 0.2  # the original is not changed
    with pytest.raises(ValueError):
        what_if_value_map(myrbacka.value_map, {"quantity": 0.1})


def test_the_discount_rate_slider_shows_first_and_saves_on_the_button(panel):
    panel.rate_slider.value = 0.0
    assert panel.committed == []
    assert "1,41:1" in panel.summary.value  # undiscounted: 1.4127 (Case 3)
    assert panel.assessment.value_map.conventions.discount_rate == 0.035
    assert panel.save_rate()
    (committed,) = panel.committed
    assert committed.value_map.conventions.discount_rate == 0.0
    assert calculate_sroi(committed.value_map).sroi_ratio == pytest.approx(1.4127, abs=5e-5)
    assert "Vad händer om" not in panel.summary.value  # the slider is the saved rate now
    assert "0 %" in panel.rate_notice.widget.value.replace(NBSP, " ")


# --- charts, break-even and Monte Carlo ----------------------------------------------------


def test_charts_are_drawn_with_alt_text_when_their_tab_is_shown(panel):
    assert 'role="img"' in panel.by_year.value and "Värdet av effekterna" in panel.by_year.value
    assert panel.tornado.value == ""  # not drawn until shown
    panel.charts.select(1)
    assert 'role="img"' in panel.tornado.value and "Tornadodiagram" in panel.tornado.value
    assert "fiktivt exempel" in panel.tornado.value


def test_the_break_even_table_gives_case_3_row_1(panel):
    panel.charts.select(2)
    table = panel.break_even_table.value
    # impact-methods.md §1.7 Case 3, row 1: proxy 99,234.81 SEK, deadweight 47.07 %,
    # attribution 50.38 %
    assert "99\u00a0234,81\u00a0kr" in table
    assert "47,07\u00a0%" in table and "50,38\u00a0%" in table
    assert "ingen inom gränserna" in table  # row 2 cannot bring the ratio down to 1


def test_monte_carlo_runs_on_the_button_seeded_and_states_its_draws(panel, myrbacka):
    panel.charts.select(3)
    assert panel.mc_output.value == ""  # nothing until the button is pressed
    panel.mc_button.click()
    expected = monte_carlo(myrbacka.value_map, draws=10_000, seed=2026)
    shown = panel.mc_output.value
    assert "10\u00a0000 simuleringar med slumpfrö 2026" in shown
    assert format_number(expected.percentiles[50], "sv", 2) in shown
    assert format_percent(expected.probability_at_least_one, "sv", 1) in shown
    assert 'role="img"' in shown
    summary = shown.split("<div", 1)[0]
    panel.mc_button.click()
    assert panel.mc_output.value.split("<div", 1)[0] == summary  # same seed, same result

    panel.what_if_sliders["drop_off"].value = 10  # the value map shown changes ...
    assert "Kör den igen" in panel.mc_output.value  # ... so the old result is withdrawn


@pytest.mark.parametrize("seed", ["", "tjugo", "-1"])
def test_a_bad_seed_is_explained(panel, seed):
    panel.charts.select(3)
    panel.mc_seed.value = seed
    assert not panel.run_monte_carlo()
    assert is_error(panel.mc_notice) and "Slumpfrö" in panel.mc_notice.widget.value


# --- language ------------------------------------------------------------------------------


def test_switching_to_english_relabels_everything_and_keeps_typed_text(panel, myrbacka):
    panel.outcome_form.widgets["indicator"].value = "half typed"
    panel.show(panel.assessment, "en")
    result = calculate_sroi(myrbacka.value_map)
    assert "value map shows" in panel.heading.value and "Fictional example" in panel.heading.value
    assert money(result.present_value, "en") in panel.summary.value
    assert ratio(result.sroi_ratio, "en") == "1.33:1" and "1.33:1" in panel.summary.value
    assert panel.outcome_form.widgets["deadweight"].description == "Deadweight (%)"
    assert panel.save_outcome_button.description == "Save the row"
    assert panel.charts.tab.titles[1] == "Tornado chart"
    assert "Value of the outcomes" in panel.by_year.value
    assert panel.outcome_form.widgets["indicator"].value == "half typed"  # not lost

    panel.outcome_form.widgets["deadweight"].value = "250%"
    assert not panel.save_outcome()
    assert "is outside 0–100%" in panel.outcome_notice.widget.value


# --- the field parser ----------------------------------------------------------------------


def test_parse_typed_reads_shares_as_the_workbook_does_and_bare_numbers_as_per_cent():
    column = next(c for c in OUTCOMES.columns if c.field == "deadweight")
    for typed in ("25", "25 %", "25%", "0,25", "0.25", " 25\u00a0% "):
        assert parse_typed(column, typed, "Dödvikt") == pytest.approx(0.25)
    with pytest.raises(SparkInputError) as caught:
        parse_typed(column, "250", "Dödvikt")
    (problem,) = caught.value.problems
    assert problem.column == "Dödvikt" and problem.value == "250"


# --- speed, for information (never asserted) -----------------------------------------------


def test_edit_to_redraw_time_is_measured(panel, capsys):
    times = []
    form = panel.outcome_form.widgets
    for typed in ("21", "22", "23", "24", "25"):
        form["deadweight"].value = typed
        start = time.perf_counter()
        panel.save_outcome()
        times.append(time.perf_counter() - start)
    with capsys.disabled():
        median = sorted(times)[len(times) // 2]
        print(f"\n[info] SroiPanel edit → redraw median {median * 1000:.0f} ms")
