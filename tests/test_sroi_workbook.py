"""The SROI sheets of the assessment workbook: utfall, insatser and inställningar.

Round trips of both fictional examples (Granbacka byakooperativ and Myrbacka
arbetskooperativ, whose value map is Case 3 of impact-methods.md §1.7), the three ways of
writing a share, the settings, and bad value maps. Bad workbooks are made the way a user
makes them: the Myrbacka example is written with ``workbook_bytes``, edited with openpyxl
and saved. Each must give a SparkInputError naming the sheet, the Excel row (header =
row 1), the column as the user wrote it and the value, in Swedish and English.
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
    read_workbook_with_rows,
    workbook_bytes,
)
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.impact.sroi.model import Conventions, ValueMapStakeholder
from spark_kit.workbook.schema import INPUTS, OUTCOMES, SETTINGS, SHEETS

MYRBACKA = "myrbacka_arbetskooperativ"
GRANBACKA = "granbacka_byakooperativ"

# Columns of the written "utfall" sheet (see schema.OUTCOMES), for editing cells.
COL = {c.header: chr(ord("A") + i) for i, c in enumerate(OUTCOMES.columns)}
# Rows of the written "inställningar" sheet: one per setting, under the header.
SETTING_ROW = {c.field: i for i, c in enumerate(SETTINGS.columns, start=2)}


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


def put(sheet: str, cell: str, value, number_format: str | None = None):
    """An edit: write ``value`` into ``cell`` of ``sheet`` (optionally with a number format)."""

    def change(wb):
        wb[sheet][cell] = value
        if number_format:
            wb[sheet][cell].number_format = number_format

    return change


def setting(field: str, value, number_format: str | None = None):
    return put("inställningar", f"B{SETTING_ROW[field]}", value, number_format)


def read_error(data: bytes) -> SparkInputError:
    with pytest.raises(SparkInputError) as error:
        read_workbook(data, require_value_map=True)
    return error.value


def where(problem: InputProblem) -> tuple:
    return (problem.code, problem.sheet, problem.row, problem.column, problem.value)


def assert_clear(problem: InputProblem, error: SparkInputError) -> None:
    """Both languages name the sheet, row, column and value, with no raw placeholders."""
    sv, en = error.message("sv"), error.message("en")
    assert sv != en
    for lang, text, row_word in (("sv", sv, "rad"), ("en", en, "row")):
        assert "{" not in text and "}" not in text and "None" not in text
        assert "Traceback" not in text
        assert text == problem.message(lang)
        for part in (problem.sheet, problem.column, problem.value):
            if part is not None:
                assert str(part) in text, (lang, part, text)
        if problem.row is not None:
            assert f"{row_word} {problem.row}" in text, (lang, text)


# --- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [MYRBACKA, GRANBACKA])
def test_round_trip_of_the_examples_with_their_value_maps(name):
    example = load_example(name)
    assert example.profile.fictional
    assert example.value_map.outcomes and example.value_map.inputs
    back = read_workbook(workbook_bytes(example), require_value_map=True)
    assert back == example
    assert back.value_map == example.value_map


def test_myrbacka_value_map_is_case_3(myrbacka):
    # Source: impact-methods.md §1.7, Case 3 (constructed example): three outcome rows,
    # inputs of 1,500,000 SEK, the guide's conventions, r = 3.5 %.
    rows = [
        (
            r.quantity,
            r.financial_proxy,
            r.deadweight,
            r.displacement,
            r.attribution,
            r.duration_years,
            r.drop_off,
        )
        for r in myrbacka.value_map.outcomes
    ]
    assert rows == [
        (8, 150_000, 0.20, 0.0, 0.25, 3, 0.30),
        (20, 20_000, 0.10, 0.0, 0.20, 2, 0.50),
        (10, 15_000, 0.30, 0.0, 0.30, 2, 0.50),
    ]
    assert sum(i.amount for i in myrbacka.value_map.inputs) == 1_500_000
    assert {i.year for i in myrbacka.value_map.inputs} == {1}
    assert myrbacka.value_map.conventions == Conventions()


def test_value_map_stakeholders_come_from_the_rows_with_logic_model_counts(myrbacka):
    assert myrbacka.value_map.stakeholders == [
        ValueMapStakeholder(name="Deltagare i arbetsträning", count=20),
        ValueMapStakeholder(name="Regionen", count=None),
        ValueMapStakeholder(name="Kommunen", count=None),
        ValueMapStakeholder(name="Medlemmarna i kooperativet", count=9),
    ]
    names = {s.name for s in myrbacka.logic_model.stakeholders}
    assert {s.name for s in myrbacka.value_map.stakeholders} <= names


def test_granbacka_value_map_matches_its_logic_model_and_says_it_is_fictional():
    example = load_example(GRANBACKA)
    names = {s.name for s in example.logic_model.stakeholders}
    rows = example.value_map.outcomes + example.value_map.inputs
    assert {r.stakeholder for r in rows} <= names
    for row in example.value_map.outcomes:
        assert "Fiktivt antagande för utbildning" in row.proxy_source
    for row in example.value_map.inputs:
        assert "fiktiv" in row.description


def test_blank_assessment_round_trips_with_empty_sroi_sheets():
    blank = blank_assessment("Testföreningen")
    data = workbook_bytes(blank)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in wb["utfall"][1]] == [c.header for c in OUTCOMES.columns]
    assert [c.value for c in wb["insatser"][1]] == [
        "intressent",
        "beskrivning",
        "belopp",
        "år",
        "typ",
    ]
    assert wb["utfall"].max_row == 1 and wb["insatser"].max_row == 1
    assert read_workbook(data) == blank


def test_a_workbook_without_the_sroi_sheets_still_reads(myrbacka_bytes):
    def older(wb):
        for name in ("utfall", "insatser", "inställningar"):
            wb.remove(wb[name])

    back = read_workbook(edited(myrbacka_bytes, older))
    assert back.value_map.outcomes == [] and back.value_map.inputs == []
    assert back.value_map.conventions == Conventions()


def test_written_workbook_is_readable_in_excel_terms(myrbacka_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(myrbacka_bytes))
    start = wb.sheetnames.index("utfall")
    assert wb.sheetnames[start : start + 3] == ["utfall", "insatser", "inställningar"]
    ws = wb["utfall"]
    assert ws[f"{COL['dödvikt']}2"].value == 0.2
    assert ws[f"{COL['dödvikt']}2"].number_format == "0%"  # shows 20 % in Excel
    settings = {row[0].value: row[1] for row in wb["inställningar"].iter_rows(min_row=2)}
    assert settings["diskonteringsränta"].value == 0.035
    assert settings["diskonteringsränta"].number_format == "0.0%"  # shows 3,5 %
    assert settings["avtagande från"].value == "år 2"
    assert settings["diskontera år 1"].value == "ja"
    assert settings["avdrag"].value == "multiplikativt"
    assert settings["valuta"].value == "SEK"
    readme = [row[0].value for row in wb["läsmig"].iter_rows()]
    assert "utfall" in readme and "    dödvikt" in readme and "    diskonteringsränta" in readme


def test_english_sheet_names_and_headers_are_accepted(myrbacka, myrbacka_bytes):
    def to_english(wb):
        for spec in (OUTCOMES, INPUTS, SETTINGS):
            ws = wb[spec.name]
            ws.title = spec.alias
            if spec.key_value:
                ws["A1"], ws["B1"] = "key", "value"
                for row in ws.iter_rows(min_row=2):
                    row[0].value = spec.column_for(row[0].value).alias
            else:
                for cell in ws[1]:
                    cell.value = spec.column_for(cell.value).alias

    data = edited(myrbacka_bytes, to_english)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert "outcomes" in wb.sheetnames and wb["outcomes"]["K1"].value == "deadweight"
    assert wb["settings"]["A4"].value == "dropoff_start"
    assert read_workbook(data) == myrbacka


# --- shares: three ways to write them ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (0.25, "General", 0.25),  # a fraction in a plain number cell
        (0.25, "0%", 0.25),  # an Excel percent cell, shown 25 %
        (0.255, "0.0%", 0.255),  # a percent cell with a decimal, shown 25,5 %
        ("25 %", None, 0.25),  # text with a per cent sign (Swedish spacing)
        ("25%", None, 0.25),
        ("25\u00a0%", None, 0.25),  # a no-break space, as Babel writes it
        ("25,5 %", None, 0.255),  # decimal comma
        ("25.5%", None, 0.255),
        ("0,25", None, 0.25),  # a fraction as Swedish text
        ("0 %", None, 0.0),
        ("100 %", None, 1.0),
        (1, "General", 1.0),  # 100 % as a fraction
        (0, "General", 0.0),
    ],
)
def test_a_share_can_be_written_three_ways(myrbacka_bytes, value, number_format, expected):
    data = edited(myrbacka_bytes, put("utfall", f"{COL['dödvikt']}2", value, number_format))
    back = read_workbook(data)
    assert back.value_map.outcomes[0].deadweight == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("value", ["3,5 %", "3.5%", 0.035, "0,035"])
def test_discount_rate_as_percent_text_or_fraction(myrbacka_bytes, value):
    back = read_workbook(edited(myrbacka_bytes, setting("discount_rate", value)))
    assert back.value_map.conventions.discount_rate == pytest.approx(0.035, abs=1e-15)


def test_settings_accept_swedish_and_english_values(myrbacka_bytes):
    def english(wb):
        for field, value in [
            ("dropoff_start", "year1"),
            ("discount_first_year", "false"),
            ("filters", "additive"),
            ("currency", "eur"),
            ("discount_rate", "0 %"),
        ]:
            setting(field, value)(wb)

    conventions = read_workbook(edited(myrbacka_bytes, english)).value_map.conventions
    assert conventions == Conventions(
        discount_rate=0.0,
        currency="EUR",
        dropoff_start="year1",
        discount_first_year=False,
        filters="additive",
    )

    def swedish(wb):
        setting("dropoff_start", "År 1")(wb)
        setting("discount_first_year", "nej")(wb)
        setting("filters", "additivt")(wb)

    conventions = read_workbook(edited(myrbacka_bytes, swedish)).value_map.conventions
    assert (conventions.dropoff_start, conventions.discount_first_year) == ("year1", False)
    assert conventions.filters == "additive"


def test_blank_settings_take_the_defaults(myrbacka_bytes):
    def blank(wb):
        for row in wb["inställningar"].iter_rows(min_row=2):
            row[1].value = None

    assert read_workbook(edited(myrbacka_bytes, blank)).value_map.conventions == Conventions()


def test_blank_optional_cells_take_the_defaults(myrbacka_bytes):
    def blank(wb):
        wb["utfall"][f"{COL['startår']}2"] = None
        wb["insatser"]["D2"] = None

    back = read_workbook(edited(myrbacka_bytes, blank))
    assert back.value_map.outcomes[0].outcome_start == 1
    assert back.value_map.inputs[0].year == 1


def test_rows_of_the_value_map_are_the_excel_rows(myrbacka_bytes):
    def gaps(wb):
        wb["utfall"].insert_rows(3, amount=2)  # rows 2, 5, 6 after two blank rows

    assessment, rows = read_workbook_with_rows(edited(myrbacka_bytes, gaps))
    assert rows["outcomes"] == ("utfall", [2, 5, 6])
    assert rows["inputs"] == ("insatser", [2, 3, 4])
    assert len(assessment.value_map.outcomes) == 3


# --- bad value maps: at least 15 kinds ---------------------------------------------------


def _remove(sheet: str):
    return lambda wb: wb.remove(wb[sheet])


def _delete_column(sheet: str, index: int):
    return lambda wb: wb[sheet].delete_cols(index)


def _empty(sheet: str):
    return lambda wb: wb[sheet].delete_rows(2, wb[sheet].max_row)


def _key(row: int, key: str):
    return put("inställningar", f"A{row}", key)


E, F, I_, J = COL["antal"], COL["finansiell proxy"], COL["varaktighet"], COL["startår"]
K, M, N = COL["dödvikt"], COL["attribution"], COL["avtagande"]

# name → (edit, (code, sheet, row, column, value))
BAD = {
    "missing sheet utfall": (_remove("utfall"), ("sheet.missing", "utfall", None, None, None)),
    "missing sheet insatser": (
        _remove("insatser"),
        ("sheet.missing", "insatser", None, None, None),
    ),
    "no outcome rows": (_empty("utfall"), ("value_map.no_outcomes", "utfall", None, None, None)),
    "no input rows": (_empty("insatser"), ("value_map.no_inputs", "insatser", None, None, None)),
    "missing column antal": (
        _delete_column("utfall", 5),
        ("column.missing", "utfall", 1, "antal", None),
    ),
    "misspelled column dödvikt": (
        put("utfall", f"{K}1", "dödvickt"),
        ("column.misspelled", "utfall", 1, "dödvickt", None),
    ),
    "text in quantity": (
        put("utfall", f"{E}2", "åtta"),
        ("value.not_number", "utfall", 2, "antal", "åtta"),
    ),
    "negative quantity": (
        put("utfall", f"{E}3", -20),
        ("value.negative", "utfall", 3, "antal", -20),
    ),
    "negative proxy": (
        put("utfall", f"{F}4", "-15 000"),
        ("value.negative", "utfall", 4, "finansiell proxy", "-15 000"),
    ),
    "percentage 250 %": (
        put("utfall", f"{K}2", "250 %"),
        ("value.percent_range", "utfall", 2, "dödvikt", "250 %"),
    ),
    "percent cell showing 250 %": (
        put("utfall", f"{N}2", 2.5, "0%"),
        ("value.percent_range", "utfall", 2, "avtagande", "250 %"),
    ),
    "bare 25 for deadweight": (
        put("utfall", f"{K}2", 25, "General"),  # a plain number cell, not a percent cell
        ("value.percent_bare", "utfall", 2, "dödvikt", 25),
    ),
    "bare text 25 for attribution": (
        put("utfall", f"{M}3", "25"),
        ("value.percent_bare", "utfall", 3, "attribution", "25"),
    ),
    "minus 5 %": (
        put("utfall", f"{M}3", "-5 %"),
        ("value.percent_range", "utfall", 3, "attribution", "-5 %"),
    ),
    "negative fraction": (
        put("utfall", f"{N}3", -0.1, "General"),
        ("value.percent_range", "utfall", 3, "avtagande", -0.1),
    ),
    "text mycket in attribution": (
        put("utfall", f"{M}2", "mycket"),
        ("value.not_percent", "utfall", 2, "attribution", "mycket"),
    ),
    "blank deadweight": (
        put("utfall", f"{K}4", None),
        ("value.required", "utfall", 4, "dödvikt", None),
    ),
    "duration 0": (
        put("utfall", f"{I_}2", 0),
        ("value.out_of_range", "utfall", 2, "varaktighet", 0),
    ),
    "duration 51": (
        put("utfall", f"{I_}2", 51),
        ("value.out_of_range", "utfall", 2, "varaktighet", 51),
    ),
    "duration as text": (
        put("utfall", f"{I_}3", "tre år"),
        ("value.not_number", "utfall", 3, "varaktighet", "tre år"),
    ),
    "duration 2,5": (
        put("utfall", f"{I_}3", "2,5"),
        ("value.not_integer", "utfall", 3, "varaktighet", "2,5"),
    ),
    "outcome start 3": (
        put("utfall", f"{J}2", 3),
        ("value.out_of_range", "utfall", 2, "startår", 3),
    ),
    "empty stakeholder": (
        put("utfall", "A3", None),
        ("value.required", "utfall", 3, "intressent", None),
    ),
    "input amount as text": (
        put("insatser", "C2", "mycket pengar"),
        ("value.not_number", "insatser", 2, "belopp", "mycket pengar"),
    ),
    "negative input amount": (
        put("insatser", "C3", -200000),
        ("value.negative", "insatser", 3, "belopp", -200000),
    ),
    "input year 0": (
        put("insatser", "D2", 0),
        ("value.out_of_range", "insatser", 2, "år", 0),
    ),
    "unknown dropoff_start": (
        setting("dropoff_start", "år 3"),
        ("value.choice", "inställningar", SETTING_ROW["dropoff_start"], "värde", "år 3"),
    ),
    "discount rate abc": (
        setting("discount_rate", "abc"),
        ("value.not_percent", "inställningar", SETTING_ROW["discount_rate"], "värde", "abc"),
    ),
    "discount rate 3.5 without %": (
        setting("discount_rate", 3.5, "General"),
        ("value.percent_bare", "inställningar", SETTING_ROW["discount_rate"], "värde", 3.5),
    ),
    "near-miss settings key": (
        _key(SETTING_ROW["discount_rate"], "discount_rat"),
        ("key.misspelled", "inställningar", SETTING_ROW["discount_rate"], "fält", "discount_rat"),
    ),
    "unknown settings key": (
        _key(SETTING_ROW["currency"], "ränta"),
        ("key.unknown", "inställningar", SETTING_ROW["currency"], "fält", "ränta"),
    ),
    "duplicate settings key": (
        lambda wb: wb["inställningar"].append(["valuta", "EUR"]),  # row 7; valuta is on row 3
        ("key.duplicate", "inställningar", 7, "fält", "valuta"),
    ),
    "filters both": (
        setting("filters", "both"),
        ("value.choice", "inställningar", SETTING_ROW["filters"], "värde", "both"),
    ),
    "discount first year kanske": (
        setting("discount_first_year", "kanske"),
        ("value.not_bool", "inställningar", SETTING_ROW["discount_first_year"], "värde", "kanske"),
    ),
    "currency not a code": (
        setting("currency", "kronor"),
        ("value.currency", "inställningar", SETTING_ROW["currency"], "värde", "kronor"),
    ),
    "currency unknown code": (
        setting("currency", "XYZ"),
        ("value.currency", "inställningar", SETTING_ROW["currency"], "värde", "XYZ"),
    ),
    "proxy year 1800": (
        put("utfall", f"{COL['proxyår']}2", 1800),
        ("value.out_of_range", "utfall", 2, "proxyår", 1800),
    ),
}


def test_at_least_15_kinds_of_bad_value_map_are_covered():
    assert len(BAD) >= 15
    assert len({expected[0] for _, expected in BAD.values()}) >= 15  # distinct problem codes


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_value_map(myrbacka_bytes, name):
    change, expected = BAD[name]
    error = read_error(edited(myrbacka_bytes, change))
    assert len(error.problems) == 1, [p.message("en") for p in error.problems]
    problem = error.problems[0]
    assert where(problem) == expected
    assert_clear(problem, error)


def test_bad_value_map_messages_in_full(myrbacka_bytes):
    error = read_error(edited(myrbacka_bytes, put("utfall", f"{K}2", 25, "General")))
    assert error.message("sv") == (
        "bladet ”utfall”, rad 2, kolumnen ”dödvikt”: ”25” är större än 1 och saknar "
        "procenttecken. Skriv procent med tecknet (25 %) eller en andel mellan 0 och 1 (0,25)."
    )
    assert error.message("en") == (
        "sheet “utfall”, row 2, column “dödvikt”: “25” is greater than 1 and has no % sign. "
        "Write a percentage with the sign (25%) or a fraction between 0 and 1 (0.25)."
    )


def test_suggestions_name_the_right_spelling(myrbacka_bytes):
    error = read_error(edited(myrbacka_bytes, _key(SETTING_ROW["discount_rate"], "discount_rat")))
    assert error.problems[0].params["suggestion"] == "discount_rate"
    assert "menade du ”discount_rate”?" in error.message("sv")
    error = read_error(edited(myrbacka_bytes, put("utfall", f"{K}1", "dödvickt")))
    assert error.problems[0].params["suggestion"] == "dödvikt"
    error = read_error(edited(myrbacka_bytes, setting("filters", "both")))
    assert "multiplikativt" in error.message("sv") and "additive" in error.message("en")


def test_english_headers_are_named_as_written(myrbacka_bytes):
    def english(wb):
        wb["utfall"][f"{K}1"] = "Deadweight"
        wb["utfall"][f"{K}3"] = "mycket"
        wb["inställningar"]["B1"] = "value"
        setting("filters", "both")(wb)

    error = read_error(edited(myrbacka_bytes, english))
    assert [where(p) for p in error.problems] == [
        ("value.not_percent", "utfall", 3, "Deadweight", "mycket"),
        ("value.choice", "inställningar", SETTING_ROW["filters"], "value", "both"),
    ]


def test_rows_after_blank_rows_are_excel_rows(myrbacka_bytes):
    def shifted(wb):
        wb["utfall"].insert_rows(2, amount=3)  # the first outcome moves to row 5
        wb["utfall"][f"{E}5"] = "åtta"

    problem = read_error(edited(myrbacka_bytes, shifted)).problems[0]
    assert where(problem) == ("value.not_number", "utfall", 5, "antal", "åtta")


def test_every_problem_is_reported_at_once(myrbacka_bytes):
    def several(wb):
        wb["utfall"][f"{E}2"] = "åtta"
        wb["utfall"][f"{K}3"] = "250 %"
        wb["insatser"]["D4"] = 0
        setting("discount_rate", "abc")(wb)

    error = read_error(edited(myrbacka_bytes, several))
    assert sorted((p.sheet, p.row, p.code) for p in error.problems) == [
        ("insatser", 4, "value.out_of_range"),
        ("inställningar", SETTING_ROW["discount_rate"], "value.not_percent"),
        ("utfall", 2, "value.not_number"),
        ("utfall", 3, "value.percent_range"),
    ]
    assert error.message("sv").startswith("4 problem hittades:")
    assert error.message("en").startswith("4 problems were found:")


def test_a_missing_sroi_sheet_is_fine_without_an_sroi_calculation(myrbacka_bytes):
    data = edited(myrbacka_bytes, _remove("utfall"))
    assert read_workbook(data).value_map.outcomes == []
    assert "utfall" in read_error(data).problems[0].params["expected"]


def test_the_sroi_sheets_are_documented_in_every_sheet_list():
    names = [spec.name for spec in SHEETS]
    start = names.index("utfall")
    assert names[start : start + 3] == ["utfall", "insatser", "inställningar"]
    assert [OUTCOMES.alias, INPUTS.alias, SETTINGS.alias] == ["outcomes", "inputs", "settings"]
    english = {c.alias for c in OUTCOMES.columns}
    assert {
        "stakeholder",
        "outcome",
        "indicator",
        "quantity",
        "financial_proxy",
        "proxy_source",
        "duration_years",
        "outcome_start",
        "deadweight",
        "displacement",
        "attribution",
        "drop_off",
    } <= english
    assert [c.alias for c in INPUTS.columns] == [
        "stakeholder",
        "description",
        "amount",
        "year",
        "kind",
    ]
    assert [c.alias for c in SETTINGS.columns] == [
        "discount_rate",
        "currency",
        "dropoff_start",
        "discount_first_year",
        "filters",
    ]


def test_inputs_say_whether_they_are_cash_or_in_kind():
    """The value map's inputs are cash or in kind (the SROI value map's stage 2, impact-methods.md
    §1.3); the examples' volunteer and supervisor time is in kind and round-trips as such."""
    example = load_example("myrbacka_arbetskooperativ")
    kinds = [i.kind.value for i in example.value_map.inputs]
    assert kinds == ["kontant", "kontant", "i natura"]
    assert read_workbook(workbook_bytes(example)) == example
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(example)))
    wb["insatser"]["E2"] = "in kind"  # the English word is accepted
    wb["insatser"]["E3"] = None  # blank means cash
    buffer = io.BytesIO()
    wb.save(buffer)
    read = read_workbook(buffer.getvalue())
    assert [i.kind.value for i in read.value_map.inputs] == ["i natura", "kontant", "i natura"]
    wb["insatser"]["E2"] = "lån"
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(SparkInputError) as caught:
        read_workbook(buffer.getvalue())
    problem = caught.value.problems[0]
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "insatser",
        2,
        "typ",
        "lån",
    )
    assert "välj bland i natura, kontant" in caught.value.message("sv")
