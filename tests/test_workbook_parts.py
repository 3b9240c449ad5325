"""The workbook sheets of the later assessment parts: follow-up, five dimensions, ledger and
readiness (spark_kit.assessment_parts, spark_kit.workbook.schema).

The examples are the fictional Granbacka byakooperativ (measurements, impact profiles,
readiness) and the fictional Myrbacka arbetskooperativ (every part; the socioeconomic ledger is
its alone). Bad workbooks are made the way a user makes them: an example is written with
``workbook_bytes``, one cell is edited with openpyxl, and the workbook is read again. Every
problem must name the sheet, the Excel row, the column as written and the value, in Swedish and
in English.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest

from spark_kit.assessment import (
    Assessment,
    blank_assessment,
    load_example,
    read_workbook,
    workbook_bytes,
)
from spark_kit.assessment_parts import FollowUp, ReadinessAnswers
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.finance.readiness import load_question_set
from spark_kit.impact.five_dimensions import Rating
from spark_kit.impact.ledger import Actor, Transfer
from spark_kit.workbook.schema import (
    FOLLOW_UP,
    IMPACT_PROFILES,
    LEDGER,
    LEDGER_GROUPS,
    LEDGER_ITEMS,
    MEASUREMENTS,
    READINESS,
    README_SHEET,
    SHEETS,
)

MYRBACKA = "myrbacka_arbetskooperativ"
PART_SHEETS = (FOLLOW_UP, MEASUREMENTS, IMPACT_PROFILES, LEDGER, LEDGER_GROUPS, LEDGER_ITEMS)
PART_SHEETS += (READINESS,)


@pytest.fixture(scope="module")
def granbacka() -> Assessment:
    return load_example()


@pytest.fixture(scope="module")
def granbacka_bytes(granbacka) -> bytes:
    return workbook_bytes(granbacka)


@pytest.fixture(scope="module")
def myrbacka() -> Assessment:
    return load_example(MYRBACKA)


@pytest.fixture(scope="module")
def myrbacka_bytes(myrbacka) -> bytes:
    return workbook_bytes(myrbacka)


def edited(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def column_letter(ws, header: str) -> str:
    return next(cell.column_letter for cell in ws[1] if cell.value == header)


def set_cell(sheet: str, row: int, header: str, value) -> Callable[[openpyxl.Workbook], None]:
    def change(wb):
        ws = wb[sheet]
        ws[f"{column_letter(ws, header)}{row}"] = value

    return change


def set_key(sheet: str, key: str, value) -> Callable[[openpyxl.Workbook], None]:
    def change(wb):
        row = next(r for r in wb[sheet].iter_rows(min_row=2) if r[0].value == key)
        row[1].value = value

    return change


def both(*changes):
    def change(wb):
        for one in changes:
            one(wb)

    return change


def read_problems(data: bytes) -> list[InputProblem]:
    with pytest.raises(SparkInputError) as error:
        read_workbook(data)
    sv, en = error.value.message("sv"), error.value.message("en")
    assert sv != en
    for text in (sv, en):
        assert "{" not in text and "None" not in text and "Traceback" not in text
    return error.value.problems


def only(data: bytes) -> InputProblem:
    problems = read_problems(data)
    assert len(problems) == 1, [p.message("en") for p in problems]
    return problems[0]


def where(problem: InputProblem) -> tuple:
    return (problem.code, problem.sheet, problem.row, problem.column, problem.value)


def assert_located(problem: InputProblem, shown=None) -> None:
    """Both languages name the sheet, the Excel row, the column and the value."""
    value = problem.value if shown is None else shown
    for lang, row_word in (("sv", "rad"), ("en", "row")):
        text = problem.message(lang)
        assert problem.sheet and problem.sheet in text, text
        assert problem.column and problem.column in text, text
        assert problem.row is not None and f"{row_word} {problem.row}" in text, text
        assert value is not None and str(value) in text, text


# --- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [load_example, lambda: load_example(MYRBACKA), blank_assessment],
    ids=["granbacka", "myrbacka", "blank"],
)
def test_round_trip_keeps_every_part(make):
    assessment = make()
    back = read_workbook(workbook_bytes(assessment))
    assert back.model_dump() == assessment.model_dump()
    assert back == assessment


def test_the_examples_have_the_parts_the_round_trip_checks(granbacka, myrbacka):
    # So that the round trip above is not trivially empty.
    assert (granbacka.follow_up.baseline_year, granbacka.follow_up.target_year) == (2023, 2027)
    assert len(granbacka.follow_up.measurements) == 21
    assert [p.outcome_id for p in granbacka.impact_profiles] == ["R1", "R2", "R3", "R4", "R5"]
    assert granbacka.readiness.year == 2026 and len(granbacka.readiness.answers) == 30
    assert granbacka.readiness.answers["ES5"] is None  # a skipped item survives the trip
    assert granbacka.ledger is None
    assert [g.name for g in myrbacka.ledger.groups] == [
        "Långvarigt försörjningsstöd",
        "Sjukersättning",
    ]
    assert [p.outcome_id for p in myrbacka.impact_profiles] == ["R1", "R2", "R3", "R4"]
    assert (myrbacka.follow_up.baseline_year, myrbacka.follow_up.target_year) == (2024, 2027)
    assert len(myrbacka.follow_up.measurements) == 10
    assert myrbacka.readiness.year == 2026 and len(myrbacka.readiness.answers) == 30


def test_a_workbook_without_the_new_sheets_still_reads(granbacka, granbacka_bytes):
    def older(wb):
        for spec in PART_SHEETS:
            wb.remove(wb[spec.name])

    back = read_workbook(edited(granbacka_bytes, older))
    assert back.follow_up == FollowUp()
    assert back.impact_profiles == []
    assert back.ledger is None
    assert back.readiness == ReadinessAnswers()
    assert back.logic_model == granbacka.logic_model and back.value_map == granbacka.value_map


def test_the_sheets_come_in_the_order_of_the_method(granbacka_bytes):
    names = [spec.name for spec in SHEETS]
    assert names == [
        "organisation",
        "element",
        "kopplingar",
        "intressenter",
        "indikatorer",
        "antaganden",
        "uppföljning",
        "mätvärden",
        "utfall",
        "insatser",
        "inställningar",
        "effektprofiler",
        "bokslut",
        "bokslut_grupper",
        "bokslut_poster",
        "likviditetsbudget",
        "likviditet",
        "beredskap",
    ]
    wb = openpyxl.load_workbook(io.BytesIO(granbacka_bytes))
    assert wb.sheetnames == [README_SHEET, *names]
    readme = [row[0].value for row in wb[README_SHEET].iter_rows()]
    for spec in PART_SHEETS:
        assert spec.name in readme
        assert all(f"    {c.header}" in readme for c in spec.columns)


def test_headers_as_written(granbacka_bytes, myrbacka_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(granbacka_bytes))
    assert [c.value for c in wb["mätvärden"][1]] == ["indikator", "år", "mätvärde", "anmärkning"]
    assert [r[0].value for r in wb["uppföljning"].iter_rows()] == ["fält", "utgångsår", "målår"]
    assert [c.value for c in wb["beredskap"][1]] == ["fråga", "svar", "frågetext", "år"]
    profiles = [c.value for c in wb["effektprofiler"][1]]
    assert profiles[:6] == ["id", "grund", "resultat", "indikator", "enhet", "resultatnivå"]
    assert profiles[-9:] == [
        "evidensrisk",
        "extern risk",
        "delaktighetsrisk",
        "risk för avtagande",
        "effektivitetsrisk",
        "genomföranderisk",
        "förankringsrisk",
        "uthållighetsrisk",
        "risk för oväntade effekter",
    ]
    wb = openpyxl.load_workbook(io.BytesIO(myrbacka_bytes))
    assert [c.value for c in wb["bokslut_grupper"][1]] == [
        "grupp",
        "deltagare",
        "beskrivning",
        "insatsår",
        "andel som lyckas",
        "andel som består",
        "effektsannolikhet",
    ]
    assert [c.value for c in wb["bokslut_poster"][1]] == [
        "grupp",
        "scenario",
        "typ",
        "post",
        "aktör",
        "betalare",
        "mottagare",
        "kategori",
        "belopp",
        "källa",
        "schablon-id",
        "fiktiv",
    ]
    first = [c.value for c in wb["bokslut_poster"][2]]
    assert first[:3] == ["Långvarigt försörjningsstöd", "utanförskap", "finansiell"]
    assert first[8] == 48960  # riksnorm_2019_ensamstaende_ar, taken from the table
    settings = {r[0].value: r[1] for r in wb["bokslut"].iter_rows(min_row=2)}
    assert settings["horisont"].value == 5 and settings["diskonteringsränta"].number_format == "0%"
    groups = wb["bokslut_grupper"]
    assert groups["E2"].value == 0.4 and groups["E2"].number_format == "0%"  # shows 40 %


def test_readiness_sheet_shows_every_question_and_its_text(granbacka, granbacka_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(granbacka_bytes))
    rows = list(wb["beredskap"].iter_rows(min_row=2, values_only=True))
    items = load_question_set().items
    assert [r[0] for r in rows] == [item.id for item in items]
    assert [r[2] for r in rows] == [item.question("sv") for item in items]
    assert {r[3] for r in rows} == {2026}
    assert dict((r[0], r[1]) for r in rows) == granbacka.readiness.answers

    def scribble(wb):  # the question text is not read back
        for row in wb["beredskap"].iter_rows(min_row=2):
            row[2].value = "vad som helst"
        wb["beredskap"]["D5"] = None  # the year on some rows is enough

    assert read_workbook(edited(granbacka_bytes, scribble)) == granbacka


def test_a_blank_workbook_writes_the_questions_but_no_answers():
    data = workbook_bytes(blank_assessment())
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["beredskap"].max_row == 1 + len(load_question_set().items)
    assert read_workbook(data).readiness == ReadinessAnswers()


def test_a_year_without_answers_and_a_partial_self_assessment(granbacka_bytes):
    def year_only(wb):
        for row in wb["beredskap"].iter_rows(min_row=2):
            row[1].value = None

    assert read_workbook(edited(granbacka_bytes, year_only)).readiness == ReadinessAnswers(
        year=2026
    )

    def one_answer(wb):
        year_only(wb)
        wb["beredskap"]["B2"] = "3"  # ME1, typed as text

    readiness = read_workbook(edited(granbacka_bytes, one_answer)).readiness
    assert readiness.answers["ME1"] == 3 and readiness.answered == 1
    assert len(readiness.answers) == 30  # every item, None where skipped


def test_english_sheet_names_headers_and_words(myrbacka, myrbacka_bytes):
    def to_english(wb):
        for spec in (LEDGER, LEDGER_GROUPS, LEDGER_ITEMS):
            ws = wb[spec.name]
            ws.title = spec.alias
            if spec.key_value:
                ws["A1"], ws["B1"] = "key", "value"
                for row in ws.iter_rows(min_row=2):
                    row[0].value = spec.column_for(row[0].value).alias
            else:
                for cell in ws[1]:
                    cell.value = spec.column_for(cell.value).alias
        words = {"utanförskap": "exclusion", "i verksamhet": "activity", "finansiell": "financial"}
        words |= {"kommun": "municipality", "arbetsförmedlingen": "AF", "individen": "individual"}
        words |= {"insatsens kostnad": "activity cost", "resursförbrukning": "resource use"}
        for row in wb["ledger_items"].iter_rows(min_row=2):
            for cell in row:
                cell.value = words.get(cell.value, cell.value)

    data = edited(myrbacka_bytes, to_english)
    assert openpyxl.load_workbook(io.BytesIO(data))["ledger_items"]["B2"].value == "exclusion"
    assert read_workbook(data) == myrbacka


def test_ratings_in_english_are_accepted(granbacka, granbacka_bytes):
    change = both(
        set_cell("effektprofiler", 2, "evidensrisk", "High"),
        set_cell("effektprofiler", 2, "betydelse", "low"),
    )
    profile = read_workbook(edited(granbacka_bytes, change)).impact_profiles[0]
    assert profile.risk.evidence is Rating.HIGH and profile.what.importance is Rating.LOW


# --- uppföljning ----------------------------------------------------------------------------


def test_follow_up_text_where_a_year_belongs(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_key("uppföljning", "målår", "tjugotjugosju")))
    assert where(problem) == ("value.not_number", "uppföljning", 3, "värde", "tjugotjugosju")
    assert_located(problem)


def test_follow_up_year_must_be_whole(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_key("uppföljning", "utgångsår", 2023.5)))
    assert where(problem) == ("value.not_integer", "uppföljning", 2, "värde", 2023.5)
    assert_located(problem)


def test_follow_up_target_year_must_come_after_the_baseline_year(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_key("uppföljning", "målår", 2023)))
    assert where(problem) == ("tracking.years", "uppföljning", 3, "målår", 2023)
    assert_located(problem)
    assert "2023" in problem.message("sv") and "efter" in problem.message("sv")


def test_follow_up_unknown_field(granbacka_bytes):
    problem = only(edited(granbacka_bytes, _rename_key))
    assert where(problem) == ("key.unknown", "uppföljning", 3, "fält", "slutår")
    assert_located(problem)


def _rename_key(wb):
    wb["uppföljning"]["A3"] = "slutår"


# --- mätvärden ------------------------------------------------------------------------------


def test_measurement_of_an_unknown_indicator(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("mätvärden", 4, "indikator", "M99")))
    assert where(problem) == ("tracking.unknown_indicator", "mätvärden", 4, "indikator", "M99")
    assert_located(problem)
    assert "M1, M2, M3, M4, M5, M6, M7" in problem.message("en")


def test_measurement_year_is_not_a_whole_number(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("mätvärden", 3, "år", "2025,5")))
    assert where(problem) == ("value.not_integer", "mätvärden", 3, "år", "2025,5")
    assert_located(problem)


def test_measurement_value_is_text(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("mätvärden", 5, "mätvärde", "sjuttio")))
    assert where(problem) == ("value.not_number", "mätvärden", 5, "mätvärde", "sjuttio")
    assert_located(problem)


def test_measurement_year_out_of_range(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("mätvärden", 2, "år", 24)))
    assert where(problem) == ("value.out_of_range", "mätvärden", 2, "år", 24)
    assert_located(problem)


def test_two_measurements_of_one_indicator_in_one_year(granbacka, granbacka_bytes):
    first = granbacka.follow_up.measurements[0]
    change = both(
        set_cell("mätvärden", 3, "indikator", first.indicator),
        set_cell("mätvärden", 3, "år", first.year),
    )
    problem = only(edited(granbacka_bytes, change))
    assert where(problem) == ("tracking.duplicate", "mätvärden", 3, "år", first.year)
    assert problem.params["first_row"] == 2
    assert_located(problem)


def test_a_blank_measurement_means_not_measured(granbacka_bytes):
    back = read_workbook(edited(granbacka_bytes, set_cell("mätvärden", 2, "mätvärde", None)))
    assert back.follow_up.measurements[0].value is None


# --- effektprofiler -------------------------------------------------------------------------


def test_profile_rating_that_is_not_a_rating(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("effektprofiler", 3, "betydelse", "enorm")))
    assert where(problem) == ("value.choice", "effektprofiler", 3, "betydelse", "enorm")
    assert_located(problem)
    assert all(word in problem.message("sv") for word in ("låg", "medel", "hög"))


def test_profile_text_where_a_number_belongs(granbacka_bytes):
    change = set_cell("effektprofiler", 4, "resultatnivå", "ganska hög")
    problem = only(edited(granbacka_bytes, change))
    assert where(problem) == ("value.not_number", "effektprofiler", 4, "resultatnivå", "ganska hög")
    assert_located(problem)


def test_profile_sdg_out_of_range(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("effektprofiler", 2, "globalt mål", 18)))
    assert where(problem) == ("value.out_of_range", "effektprofiler", 2, "globalt mål", 18)
    assert_located(problem)


def test_profile_duration_zero_is_refused_by_the_model(granbacka_bytes):
    # Not a cell rule: ImpactProfile's duration_years > 0, reported at the column.
    problem = only(edited(granbacka_bytes, set_cell("effektprofiler", 6, "varaktighet", 0)))
    assert where(problem) == ("fd.too_small", "effektprofiler", 6, "varaktighet", 0)
    assert_located(problem)
    assert problem.message("sv").endswith("”0” är för litet; värdet ska vara större än 0.")


def test_profile_risk_missing(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("effektprofiler", 2, "uthållighetsrisk", None)))
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        "value.required",
        "effektprofiler",
        2,
        "uthållighetsrisk",
    )


def test_profile_duplicate_outcome_id(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("effektprofiler", 4, "id", "R1")))
    assert where(problem) == ("id.duplicate", "effektprofiler", 4, "id", "R1")
    assert problem.params["first_row"] == 2
    assert_located(problem)


def test_profile_problem_names_the_english_header_as_written(granbacka_bytes):
    def english(wb):
        ws = wb["effektprofiler"]
        for cell in ws[1]:
            cell.value = IMPACT_PROFILES.column_for(cell.value).alias
        ws[f"{column_letter(ws, 'significant')}3"] = "kanske"

    problem = only(edited(granbacka_bytes, english))
    assert where(problem) == ("value.not_bool", "effektprofiler", 3, "significant", "kanske")
    assert_located(problem)


# --- bokslut --------------------------------------------------------------------------------


def test_ledger_discount_rate_250(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_key("bokslut", "diskonteringsränta", "250 %")))
    assert where(problem) == ("value.percent_range", "bokslut", 6, "värde", "250 %")
    assert_located(problem)


def test_ledger_discount_rate_bare_number(myrbacka_bytes):
    def bare(wb):
        rows = wb["bokslut"].iter_rows(min_row=2)
        cell = next(r for r in rows if r[0].value == "diskonteringsränta")[1]
        cell.value, cell.number_format = 250, "General"

    problem = only(edited(myrbacka_bytes, bare))
    assert where(problem) == ("value.percent_bare", "bokslut", 6, "värde", 250)
    assert_located(problem)


def test_ledger_discount_rate_in_a_percent_cell_shows_as_excel_does(myrbacka_bytes):
    # 250 in the written percent cell shows 25 000 % in Excel: the message says so.
    problem = only(edited(myrbacka_bytes, set_key("bokslut", "diskonteringsränta", 250)))
    assert where(problem) == ("value.percent_range", "bokslut", 6, "värde", "25000 %")
    assert_located(problem)


def test_ledger_horizon_is_text(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_key("bokslut", "horisont", "fem")))
    assert where(problem) == ("value.not_number", "bokslut", 5, "värde", "fem")
    assert_located(problem)


def test_ledger_currency_is_not_a_code(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_key("bokslut", "valuta", "kronor")))
    assert where(problem) == ("value.currency", "bokslut", 4, "värde", "kronor")
    assert_located(problem)


def test_ledger_is_none_when_its_sheets_are_empty(myrbacka_bytes):
    def empty(wb):
        for name in ("bokslut_grupper", "bokslut_poster"):
            wb[name].delete_rows(2, wb[name].max_row)
        for row in wb["bokslut"].iter_rows(min_row=2):
            row[1].value = None

    assert read_workbook(edited(myrbacka_bytes, empty)).ledger is None


def test_ledger_settings_without_groups_is_an_error(myrbacka_bytes):
    def no_groups(wb):
        for name in ("bokslut_grupper", "bokslut_poster"):
            wb[name].delete_rows(2, wb[name].max_row)

    problem = only(edited(myrbacka_bytes, no_groups))
    assert (problem.code, problem.sheet) == ("ledger.no_groups", "bokslut_grupper")
    assert "bokslut_grupper" in problem.message("sv") and "group" in problem.message("en")


# --- bokslut_grupper ------------------------------------------------------------------------


def test_group_success_rate_250_percent(myrbacka_bytes):
    change = set_cell("bokslut_grupper", 3, "andel som lyckas", "250 %")
    problem = only(edited(myrbacka_bytes, change))
    assert where(problem) == (
        "value.percent_range",
        "bokslut_grupper",
        3,
        "andel som lyckas",
        "250 %",
    )
    assert_located(problem)


def test_group_participants_is_text(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_grupper", 2, "deltagare", "tolv")))
    assert where(problem) == ("value.not_number", "bokslut_grupper", 2, "deltagare", "tolv")
    assert_located(problem)


def test_group_probability_list_with_a_word(myrbacka_bytes):
    change = set_cell("bokslut_grupper", 2, "effektsannolikhet", "0,9; mycket; 0,7; 0,6; 0,5")
    problem = only(edited(myrbacka_bytes, change))
    assert where(problem) == (
        "value.not_percent",
        "bokslut_grupper",
        2,
        "effektsannolikhet",
        "mycket",
    )
    assert_located(problem)


def test_group_probability_list_of_the_wrong_length(myrbacka_bytes):
    change = set_cell("bokslut_grupper", 3, "effektsannolikhet", "0,9; 0,8; 0,7")
    problem = only(edited(myrbacka_bytes, change))
    assert where(problem) == (
        "ledger.probability_count",
        "bokslut_grupper",
        3,
        "effektsannolikhet",
        "0,9; 0,8; 0,7",
    )
    assert_located(problem, shown="Sjukersättning")
    assert "3 sannolikheter" in problem.message("sv") and "5" in problem.message("en")


def test_group_probabilities_year_by_year_are_read(myrbacka_bytes):
    change = set_cell("bokslut_grupper", 2, "effektsannolikhet", "40 %; 0,32; 0,256; 0,2; 0,1")
    group = read_workbook(edited(myrbacka_bytes, change)).ledger.groups[0]
    assert group.effect_probability == [0.4, 0.32, 0.256, 0.2, 0.1]
    again = read_workbook(workbook_bytes(read_workbook(edited(myrbacka_bytes, change))))
    assert again.ledger.groups[0].effect_probability == group.effect_probability


def test_group_named_twice(myrbacka, myrbacka_bytes):
    first = myrbacka.ledger.groups[0].name
    problem, *others = read_problems(
        edited(myrbacka_bytes, set_cell("bokslut_grupper", 3, "grupp", first))
    )
    assert where(problem) == ("ledger.duplicate_group", "bokslut_grupper", 3, "grupp", first)
    assert_located(problem)
    # The renamed group's items now name a group that is not there: each says so.
    assert others and {(p.code, p.value) for p in others} == {
        ("ledger.unknown_group", "Sjukersättning")
    }


# --- bokslut_poster -------------------------------------------------------------------------


def test_item_of_an_unknown_group(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 4, "grupp", "Pensionärer")))
    assert where(problem) == ("ledger.unknown_group", "bokslut_poster", 4, "grupp", "Pensionärer")
    assert_located(problem)
    assert "Sjukersättning" in problem.message("sv")


def test_item_actor_that_is_no_actor(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 4, "aktör", "banken")))
    assert where(problem) == ("value.choice", "bokslut_poster", 4, "aktör", "banken")
    assert_located(problem)
    assert "arbetsförmedlingen" in problem.message("en")


def test_item_amount_is_text(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 5, "belopp", "mycket")))
    assert where(problem) == ("value.not_number", "bokslut_poster", 5, "belopp", "mycket")
    assert_located(problem)


def test_item_amount_negative(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 5, "belopp", -100)))
    assert where(problem) == ("value.negative", "bokslut_poster", 5, "belopp", -100)
    assert_located(problem)


def test_item_scenario_unknown(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 6, "scenario", "i morgon")))
    assert where(problem) == ("value.choice", "bokslut_poster", 6, "scenario", "i morgon")
    assert_located(problem)
    assert "utanförskap" in problem.message("sv") and "insatsens kostnad" in problem.message("sv")


def test_item_kind_unknown(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 4, "typ", "konstig")))
    assert where(problem) == ("value.choice", "bokslut_poster", 4, "typ", "konstig")
    assert_located(problem)


def test_transfer_to_the_payer_itself(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 3, "mottagare", "kommun")))
    assert where(problem) == ("ledger.transfer_self", "bokslut_poster", 3, "mottagare", "kommun")
    assert_located(problem)


def test_real_cost_with_a_payer(myrbacka_bytes):
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 4, "betalare", "region")))
    assert where(problem) == (
        "workbook.ledger.field_not_used",
        "bokslut_poster",
        4,
        "betalare",
        "region",
    )
    assert_located(problem)


def test_unknown_default_id(myrbacka_bytes):
    change = set_cell("bokslut_poster", 2, "schablon-id", "finns_inte")
    problem = only(edited(myrbacka_bytes, change))
    assert where(problem) == (
        "ledger.unknown_default",
        "bokslut_poster",
        2,
        "schablon-id",
        "finns_inte",
    )
    assert_located(problem)


def test_transfer_in_the_cost_of_the_activity(myrbacka_bytes):
    # Row 15 is the first item of the activity's cost (6 + 7 items before it, header row 1).
    problem = only(edited(myrbacka_bytes, set_cell("bokslut_poster", 15, "typ", "finansiell")))
    assert where(problem) == ("value.choice", "bokslut_poster", 15, "typ", "finansiell")
    assert_located(problem)
    assert problem.message("sv").endswith("välj bland real.")


def test_kind_left_blank_is_taken_from_payer_and_receiver(myrbacka, myrbacka_bytes):
    def blank_kinds(wb):
        ws = wb["bokslut_poster"]
        for row in range(2, ws.max_row + 1):
            ws[f"{column_letter(ws, 'typ')}{row}"] = None

    back = read_workbook(edited(myrbacka_bytes, blank_kinds))
    assert back == myrbacka
    first = back.ledger.groups[0].exclusion.items[0]
    assert isinstance(first, Transfer) and first.payer is Actor.KOMMUN


def test_amount_from_the_default_table_when_left_blank(myrbacka, myrbacka_bytes):
    back = read_workbook(edited(myrbacka_bytes, set_cell("bokslut_poster", 2, "belopp", None)))
    assert back.ledger.groups[0].exclusion.items[0].amount == 48960.0
    assert back == myrbacka


# --- beredskap ------------------------------------------------------------------------------


def test_readiness_unknown_question(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("beredskap", 2, "fråga", "ME9")))
    assert (problem.code, problem.sheet, problem.row, problem.column, problem.value) == (
        "readiness.answer.unknown_item_suggest",
        "beredskap",
        2,
        "fråga",
        "ME9",
    )
    assert_located(problem)


def test_readiness_answer_outside_the_scale(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("beredskap", 3, "svar", 5)))
    assert where(problem) == ("readiness.answer.out_of_range", "beredskap", 3, "svar", 5)
    assert_located(problem)


def test_readiness_answer_is_text(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("beredskap", 4, "svar", "ganska")))
    assert where(problem) == ("value.not_number", "beredskap", 4, "svar", "ganska")
    assert_located(problem)


def test_readiness_answer_is_not_whole(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("beredskap", 4, "svar", "2,5")))
    assert where(problem) == ("readiness.answer.not_integer", "beredskap", 4, "svar", 2.5)
    assert_located(problem)


def test_readiness_years_differ(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("beredskap", 7, "år", 2025)))
    assert where(problem) == ("workbook.readiness.years_differ", "beredskap", 7, "år", 2025)
    assert problem.params == {"year": 2026, "first_row": 2}
    assert_located(problem)


def test_readiness_question_answered_twice(granbacka_bytes):
    problem = only(edited(granbacka_bytes, set_cell("beredskap", 3, "fråga", "me1")))
    assert where(problem) == ("readiness.answer.duplicate", "beredskap", 3, "fråga", "me1")
    assert_located(problem)
