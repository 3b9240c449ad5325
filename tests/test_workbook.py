"""The assessment workbook (.xlsx): round trips, English aliases, and bad files.

Bad workbooks are made the way a user makes them: the example (the fictional Granbacka
byakooperativ) is written with ``workbook_bytes``, edited with openpyxl, and saved. Each
bad file must give a SparkInputError whose problems name the sheet, the row a person sees
in Excel (header = row 1), the column as written and the value, readable in Swedish and
English — never a traceback, never a silent guess.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

import openpyxl
import pytest

from spark_kit.assessment import (
    Assessment,
    blank_assessment,
    load_example,
    read_workbook,
    workbook_bytes,
    write_workbook,
)
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.workbook import safety
from spark_kit.workbook.schema import README_SHEET, SHEETS


@pytest.fixture(scope="module")
def example() -> Assessment:
    return load_example()


@pytest.fixture(scope="module")
def example_bytes(example) -> bytes:
    return workbook_bytes(example)


def edited(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    """The workbook ``data`` after ``change`` (openpyxl, in memory), saved to bytes."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rezipped(data: bytes, replace: dict[str, bytes] | None = None, add=None) -> bytes:
    """The zip ``data`` with some members replaced and others added (compressed)."""
    replace, add = replace or {}, add or {}
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            target.writestr(name, replace.get(name, source.read(name)))
        for name, content in add.items():
            target.writestr(name, content)
    return buffer.getvalue()


def read_error(source) -> SparkInputError:
    with pytest.raises(SparkInputError) as error:
        read_workbook(source)
    assert_readable(error.value)
    return error.value


def assert_readable(error: SparkInputError) -> None:
    sv, en = error.message("sv"), error.message("en")
    assert sv != en
    for text in (sv, en):
        assert text.strip()
        assert "{" not in text and "}" not in text
        assert "None" not in text and "Traceback" not in text
    assert str(error) == en


def only(error: SparkInputError) -> InputProblem:
    assert len(error.problems) == 1, [p.message("en") for p in error.problems]
    return error.problems[0]


def where(problem: InputProblem) -> tuple:
    return (problem.code, problem.sheet, problem.row, problem.column, problem.value)


def assert_located(problem: InputProblem) -> None:
    """The text in both languages names the sheet, row, column and value it carries."""
    for lang, row_word in (("sv", "rad"), ("en", "row")):
        text = problem.message(lang)
        for part in (problem.sheet, problem.column, problem.value):
            if part is not None:
                assert str(part) in text, (part, text)
        if problem.row is not None:
            assert f"{row_word} {problem.row}" in text


# --- round trips --------------------------------------------------------------------------


def test_round_trip_through_bytes(example, example_bytes):
    assert read_workbook(example_bytes) == example


def test_round_trip_through_a_file(example, tmp_path):
    path = write_workbook(example, tmp_path / "granbacka.xlsx")
    assert path.is_file()
    assert read_workbook(path) == example
    assert read_workbook(str(path)) == example


def test_round_trip_of_a_blank_assessment():
    blank = blank_assessment("Testföreningen")
    assert read_workbook(workbook_bytes(blank)) == blank


def test_workbook_has_the_documented_sheets(example_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(example_bytes))
    assert wb.sheetnames == [README_SHEET] + [spec.name for spec in SHEETS]
    assert [c.value for c in wb["kopplingar"][1]] == ["från", "till"]
    assert "FIKTIVT" in wb[README_SHEET]["A2"].value  # the example says it is made up


def test_english_aliases_are_accepted(example, example_bytes):
    def to_english(wb):
        for spec in SHEETS:
            ws = wb[spec.name]
            ws.title = spec.alias
            if spec.key_value:
                ws["A1"], ws["B1"] = "field", "value"
                for row in ws.iter_rows(min_row=2):
                    row[0].value = spec.column_for(row[0].value).alias
            else:
                for cell in ws[1]:
                    cell.value = spec.column_for(cell.value).alias

    data = edited(example_bytes, to_english)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert "links" in wb.sheetnames and [c.value for c in wb["links"][1]] == ["from", "to"]
    assert read_workbook(data) == example


def test_headers_ignore_case_spaces_and_underscores(example, example_bytes):
    def shout(wb):
        wb["indikatorer"]["E1"] = "  UTGÅNGSVÄRDE "
        wb["indikatorer"]["G1"] = "Data_Source"
        ws = wb["kopplingar"]
        ws.title = "tmp"  # openpyxl would call it "Kopplingar1" if renamed directly
        ws.title = "Kopplingar"

    assert read_workbook(edited(example_bytes, shout)) == example


def test_english_level_names_are_accepted(example, example_bytes):
    def english_levels(wb):
        wb["element"]["B2"] = "need"  # B1
        wb["element"]["B8"] = "Activity"  # A1
        wb["element"]["B16"] = "outcome"  # R1

    assert read_workbook(edited(example_bytes, english_levels)) == example


def test_an_unrelated_extra_sheet_is_ignored(example, example_bytes):
    def add_notes(wb):
        wb.create_sheet("Anteckningar")["A1"] = "Mina egna anteckningar"

    assert read_workbook(edited(example_bytes, add_notes)) == example


def test_text_starting_with_equals_stays_text(example):
    changed = example.model_copy(deep=True)
    changed.profile.description = "=1+1"
    changed.logic_model.elements[0].description = "=SUM(A1:A2)"
    changed.logic_model.indicators[0].data_source = '=HYPERLINK("http://example.org")'
    data = workbook_bytes(changed)

    wb = openpyxl.load_workbook(io.BytesIO(data))  # not data_only: formulas would show
    cell = wb["element"]["D2"]
    assert cell.value == "=SUM(A1:A2)"
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert wb["indikatorer"]["G2"].data_type == "s"

    back = read_workbook(data)
    assert back == changed
    assert back.logic_model.elements[0].description == "=SUM(A1:A2)"
    assert back.profile.description == "=1+1"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        (" 12,5 ", 12.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234", 1234.0),
        ("\u22123", -3.0),
        ("-0,25", -0.25),
    ],
)
def test_numbers_typed_as_swedish_text(example_bytes, typed, number):
    def type_baseline(wb):
        wb["indikatorer"]["E2"] = typed  # M1's utgångsvärde, as text

    back = read_workbook(edited(example_bytes, type_baseline))
    assert back.logic_model.indicators[0].id == "M1"
    assert back.logic_model.indicators[0].baseline == pytest.approx(number)


def test_blank_rows_are_skipped(example, example_bytes):
    def blank_rows(wb):
        wb["kopplingar"].insert_rows(2, amount=3)
        wb["element"].insert_rows(10)

    assert read_workbook(edited(example_bytes, blank_rows)) == example


# --- bad structure: sheets and columns ----------------------------------------------------


def test_missing_sheet(example_bytes):
    error = read_error(edited(example_bytes, lambda wb: wb.remove(wb["kopplingar"])))
    problem = only(error)
    assert (problem.code, problem.sheet) == ("sheet.missing", "kopplingar")
    assert "kopplingar" in problem.params["expected"]
    assert "kopplingar" in error.message("sv") and "saknas" in error.message("sv")
    assert "kopplingar" in error.message("en") and "missing" in error.message("en")


def test_missing_column(example_bytes):
    error = read_error(edited(example_bytes, lambda wb: wb["element"].delete_cols(2)))
    problem = only(error)
    assert where(problem) == ("column.missing", "element", 1, "nivå", None)
    assert_located(problem)
    assert "saknas" in error.message("sv") and "missing" in error.message("en")


def test_misspelled_column(example_bytes):
    def misspell(wb):
        wb["element"]["B1"] = "nivåå"

    error = read_error(edited(example_bytes, misspell))
    problem = only(error)  # not also "nivå is missing"
    assert where(problem) == ("column.misspelled", "element", 1, "nivåå", None)
    assert problem.params["suggestion"] == "nivå"
    assert_located(problem)
    assert "menade du ”nivå”" in error.message("sv")
    assert "did you mean “nivå”" in error.message("en")


def test_misspelled_optional_sheet(example_bytes):
    def misspell(wb):
        wb["indikatorer"].title = "indikatorerr"

    error = read_error(edited(example_bytes, misspell))
    problem = only(error)
    assert (problem.code, problem.sheet) == ("sheet.misspelled", "indikatorerr")
    assert problem.params["suggestion"] == "indikatorer"
    assert "indikatorerr" in error.message("sv") and "”indikatorer”?" in error.message("sv")
    assert "indikatorerr" in error.message("en") and "“indikatorer”?" in error.message("en")


def test_misspelled_required_sheet_is_also_missing(example_bytes):
    def misspell(wb):
        wb["kopplingar"].title = "kopplngar"

    error = read_error(edited(example_bytes, misspell))
    assert [(p.code, p.sheet) for p in error.problems] == [
        ("sheet.missing", "kopplingar"),
        ("sheet.misspelled", "kopplngar"),
    ]


def test_duplicate_column(example_bytes):
    def twice(wb):
        wb["kopplingar"]["C1"] = "till"

    problem = only(read_error(edited(example_bytes, twice)))
    assert where(problem) == ("column.duplicate", "kopplingar", 1, "till", None)


# --- bad files ----------------------------------------------------------------------------


def test_empty_file():
    error = read_error(b"")
    assert only(error).code == "file.empty"
    assert error.message("sv") == "Filen är tom."
    assert error.message("en") == "The file is empty."


def _plain_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


NOT_XLSX = {
    "csv": "id;nivå;text\nA1;aktiviteter;Driva butiken\n".encode(),
    "random binary": random.Random(2026).randbytes(4096),
    "zip without xl/workbook.xml": _plain_zip({"hej.txt": b"hej", "data/a.csv": b"1,2"}),
    "zip with broken xl/workbook.xml": _plain_zip({"xl/workbook.xml": b"<workbook"}),
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
}


@pytest.mark.parametrize("kind", sorted(NOT_XLSX))
def test_not_an_xlsx(kind):
    error = read_error(NOT_XLSX[kind])
    assert only(error).code == "file.not_xlsx"
    assert ".xlsx" in error.message("sv") and "Excel" in error.message("sv")
    assert ".xlsx" in error.message("en") and "Excel" in error.message("en")


def test_not_an_xlsx_on_disk(tmp_path):
    path = tmp_path / "bedömning.csv"
    path.write_bytes(NOT_XLSX["csv"])
    assert only(read_error(path)).code == "file.not_xlsx"


def test_missing_file(tmp_path):
    path = tmp_path / "finns_inte.xlsx"
    error = read_error(path)
    assert only(error).code == "file.not_found"
    assert str(path) in error.message("sv") and str(path) in error.message("en")


def test_worksheet_with_broken_xml(example_bytes):
    # Read-only sheets are parsed while their rows are read: a truncated sheet must still
    # give SparkInputError, not an XML ParseError.
    with zipfile.ZipFile(io.BytesIO(example_bytes)) as archive:
        sheet = archive.read("xl/worksheets/sheet3.xml")  # "element"
    broken = rezipped(example_bytes, replace={"xl/worksheets/sheet3.xml": sheet[: len(sheet) // 2]})
    assert only(read_error(broken)).code == "file.not_xlsx"


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet3.xml"])
def test_xml_entities_are_refused(example_bytes, member):
    with zipfile.ZipFile(io.BytesIO(example_bytes)) as archive:
        xml = archive.read(member).decode("utf-8")
    root = "<workbook" if member == "xl/workbook.xml" else "<worksheet"
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    evil = xml.replace(root, doctype + root, 1).encode("utf-8")
    error = read_error(rezipped(example_bytes, replace={member: evil}))
    problem = only(error)
    assert problem.code == "file.unsafe"
    assert "XML" in problem.params["reason"]


def test_macro_enabled_workbook(example_bytes):
    xlsm = rezipped(example_bytes, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})
    error = read_error(xlsm)
    problem = only(error)
    assert problem.code == "file.unsafe"
    assert "makron" in error.message("sv") and "säkert" in error.message("sv")
    assert "macros" in error.message("en") and "safely" in error.message("en")


def test_zip_bomb(example_bytes):
    bomb = rezipped(example_bytes, add={"xl/media/image1.bin": b"\0" * (5 * 1024 * 1024)})
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert unpacked > safety.MAX_RATIO * len(bomb)  # the test file really is a bomb
    error = read_error(bomb)
    problem = only(error)
    assert problem.code == "file.unsafe"
    assert "zip" in problem.params["reason"]
    assert "säkert" in error.message("sv") and "safely" in error.message("en")


def test_unpacked_size_limit(example_bytes, monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNPACKED_BYTES", 10_000)
    assert only(read_error(example_bytes)).code == "file.unsafe"


def test_file_too_large_as_bytes(example_bytes, monkeypatch):
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", len(example_bytes) - 1)
    error = read_error(example_bytes)
    problem = only(error)
    assert problem.code == "file.too_large"
    assert set(problem.params) == {"size", "limit"}
    assert "för stor" in error.message("sv") and "too large" in error.message("en")
    assert "MB" in error.message("sv") and "MB" in error.message("en")


def test_file_too_large_on_disk(example, tmp_path, monkeypatch):
    path = write_workbook(example, tmp_path / "stor.xlsx")
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1000)
    assert only(read_error(path)).code == "file.too_large"


def test_file_just_under_the_limit_is_read(example, example_bytes, monkeypatch):
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", len(example_bytes))
    assert read_workbook(example_bytes) == example


# --- bad values ---------------------------------------------------------------------------


def test_duplicate_ids_in_element(example_bytes):
    def duplicate(wb):
        wb["element"].append(["A1", "aktiviteter", "Dubblett av A1"])  # row 23

    error = read_error(edited(example_bytes, duplicate))
    problem = only(error)
    assert where(problem) == ("id.duplicate", "element", 23, "id", "A1")
    assert problem.params["first_row"] == 8
    assert_located(problem)
    assert "rad 8" in error.message("sv") and "row 8" in error.message("en")


def test_duplicate_ids_name_real_excel_rows_after_blank_rows(example_bytes):
    def duplicate(wb):
        wb["element"].insert_rows(2)  # A1 moves from row 8 to row 9
        wb["element"].append(["A1", "aktiviteter", "Dubblett av A1"])  # row 24

    problem = only(read_error(edited(example_bytes, duplicate)))
    assert (problem.row, problem.params["first_row"]) == (24, 9)


def test_link_to_unknown_element(example_bytes):
    def unknown(wb):
        wb["kopplingar"]["B12"] = "P9"  # was A1 → P1, the eleventh link

    error = read_error(edited(example_bytes, unknown))
    problem = only(error)
    assert where(problem) == ("id.unknown", "kopplingar", 12, "till", "P9")
    assert_located(problem)
    assert "finns inte" in error.message("sv") and "not among" in error.message("en")


def test_link_to_unknown_element_after_blank_rows(example_bytes):
    def unknown(wb):
        ws = wb["kopplingar"]
        ws.insert_rows(2, amount=2)  # two blank rows: the links start on row 4
        assert (ws["A6"].value, ws["B6"].value) == ("B2", "A3")
        ws["A6"] = "A9"

    problem = only(read_error(edited(example_bytes, unknown)))
    # The third link is on Excel row 6, although it is the third row read.
    assert where(problem) == ("id.unknown", "kopplingar", 6, "från", "A9")
    assert_located(problem)


def test_links_written_with_english_headers_name_the_header_as_written(example_bytes):
    def english(wb):
        wb["kopplingar"]["A1"], wb["kopplingar"]["B1"] = "from", "to"
        wb["kopplingar"]["B12"] = "P9"

    problem = only(read_error(edited(example_bytes, english)))
    assert where(problem) == ("id.unknown", "kopplingar", 12, "to", "P9")


def test_cycle(example_bytes):
    def cycle(wb):
        wb["kopplingar"].append(["R4", "R1"])  # R1 → R4 is already there

    error = read_error(edited(example_bytes, cycle))
    problem = only(error)
    assert (problem.code, problem.sheet) == ("link.cycle", "kopplingar")
    assert problem.params["cycle"] == "R1 → R4 → R1"
    assert "R1 → R4 → R1" in error.message("sv") and "cirkel" in error.message("sv")
    assert "R1 → R4 → R1" in error.message("en") and "cycle" in error.message("en")


def test_backwards_link(example_bytes):
    def backwards(wb):
        wb["kopplingar"].append(["E2", "A4"])  # row 25

    problem = only(read_error(edited(example_bytes, backwards)))
    assert where(problem) == ("link.backwards", "kopplingar", 25, "till", "A4")
    assert_located(problem)


def test_indicator_on_an_activity(example_bytes):
    def on_activity(wb):
        wb["indikatorer"]["B2"] = "A1"  # M1 was on P1

    problem = only(read_error(edited(example_bytes, on_activity)))
    assert where(problem) == ("indicator.level", "indikatorer", 2, "element", "A1")
    assert_located(problem)


def test_text_where_a_number_belongs(example_bytes):
    def words(wb):
        wb["indikatorer"]["E3"] = "tolv"  # M2's utgångsvärde

    error = read_error(edited(example_bytes, words))
    problem = only(error)
    assert where(problem) == ("value.not_number", "indikatorer", 3, "utgångsvärde", "tolv")
    assert_located(problem)
    assert error.message("sv") == (
        "bladet ”indikatorer”, rad 3, kolumnen ”utgångsvärde”: ”tolv” är inte ett tal."
    )
    assert error.message("en") == (
        "sheet “indikatorer”, row 3, column “utgångsvärde”: “tolv” is not a number."
    )


def test_invalid_level(example_bytes):
    def bad_level(wb):
        wb["element"]["B4"] = "mål"  # B3's nivå

    error = read_error(edited(example_bytes, bad_level))
    problem = only(error)
    assert where(problem) == ("value.choice", "element", 4, "nivå", "mål")
    assert_located(problem)
    for level in ("behov", "resurser", "aktiviteter", "prestationer", "resultat", "effekter"):
        assert level in problem.params["choices"]
    assert "välj bland" in error.message("sv") and "choose from" in error.message("en")


def test_required_value_missing(example_bytes):
    def blank_text(wb):
        wb["element"]["C9"] = None  # A2's text

    problem = only(read_error(edited(example_bytes, blank_text)))
    assert where(problem) == ("value.required", "element", 9, "text", None)
    assert_located(problem)


def test_negative_count(example_bytes):
    def negative(wb):
        wb["intressenter"]["D2"] = -5  # S1's antal

    problem = only(read_error(edited(example_bytes, negative)))
    assert where(problem) == ("value.negative", "intressenter", 2, "antal", -5)


def test_bad_yes_no_in_organisation(example_bytes):
    def maybe(wb):
        ws = wb["organisation"]
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "fiktiv")
        row[1].value = "kanske"

    problem = only(read_error(edited(example_bytes, maybe)))
    assert (problem.code, problem.sheet, problem.value) == (
        "value.not_bool",
        "organisation",
        "kanske",
    )
    assert problem.row == 9  # fiktiv is the eighth field, under the header


def test_several_bad_numbers_are_all_reported(example_bytes):
    def words(wb):
        wb["indikatorer"]["E3"] = "tolv"
        wb["indikatorer"]["F5"] = "många"

    error = read_error(edited(example_bytes, words))
    assert [where(p) for p in error.problems] == [
        ("value.not_number", "indikatorer", 3, "utgångsvärde", "tolv"),
        ("value.not_number", "indikatorer", 5, "målvärde", "många"),
    ]
    sv, en = error.message("sv"), error.message("en")
    assert sv.startswith("2 problem hittades:")
    assert en.startswith("2 problems were found:")
    assert "rad 3" in sv and "rad 5" in sv and "tolv" in sv and "många" in sv
    assert "row 3" in en and "row 5" in en and "tolv" in en and "många" in en


def test_problems_on_several_sheets_are_all_reported(example_bytes):
    def several(wb):
        wb["element"]["B4"] = "mål"
        wb["indikatorer"]["E3"] = "tolv"
        wb["intressenter"]["D3"] = "sextio"

    error = read_error(edited(example_bytes, several))
    assert sorted((p.sheet, p.row, p.code) for p in error.problems) == [
        ("element", 4, "value.choice"),
        ("indikatorer", 3, "value.not_number"),
        ("intressenter", 3, "value.not_number"),
    ]
    for problem in error.problems:
        assert_located(problem)
