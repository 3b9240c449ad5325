"""The fast workbook reader gives exactly what openpyxl gave.

``spark_kit.workbook.xlsx`` replaced ``openpyxl.load_workbook(read_only=True,
data_only=True, keep_links=False)`` when an assessment workbook is read (the program view
reads a hundred of them). The reference implementations are kept here, in the test only:

* **openpyxl read-only**: the kit's opener before the change (``safety.open_workbook``
  built the workbook with that call; the checks before it are unchanged) — the reader then
  sees openpyxl's ``ReadOnlyWorksheet``;
* **openpyxl full**: ``load_workbook(data_only=True)`` without ``read_only``, openpyxl's
  non-streaming path, which builds every cell in memory.

Every workbook in ``data/cohort/workbooks`` (SYNTHETIC), the templates in ``book/mallar``
and both fictional examples must read to the same Assessment (compared field by field and
as JSON, so 1 and 1.0 differ), the same tables (the typed values and the problems found,
compared by ``repr``) and the same Excel rows. Then variants of the examples are made the
way other programs write workbooks — shared strings (Excel's way) with rich text and a
namespace prefix, formulas with and without a cached value, dates and times (also in the
1904 date system), percent formats, sheets without a ``<dimension>`` or with a wrong one,
rows and cells without a reference, missing and unordered rows — and broken or unsafe
ones, and each must give the same result (the same Assessment, or the same problems) as
openpyxl. The semantics the kit relies on are also asserted directly: a formula cell
reads as its cached value and as empty without one; a date cell in a text column reads
as its ISO date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from spark_kit.assessment import (
    blank_assessment,
    load_example,
    read_workbook_with_rows,
    workbook_bytes,
)
from spark_kit.errors import SparkInputError
from spark_kit.workbook import reader, safety
from spark_kit.workbook.schema import SHEETS

ROOT = Path(__file__).resolve().parents[1]
COHORT = sorted((ROOT / "data" / "cohort" / "workbooks").glob("*.xlsx"))
TEMPLATES = sorted((ROOT / "book" / "mallar").glob("*.xlsx"))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ET.register_namespace("x", MAIN)  # variants are written with a prefix: <x:c>, <x:row> …

assert len(COHORT) == 100 and len(TEMPLATES) == 3


# --- the reference readers ---------------------------------------------------------------


def openpyxl_read_only(data: bytes):
    """The kit's workbook before the fast reader (``safety.open_workbook``'s last step)."""
    return openpyxl.load_workbook(
        io.BytesIO(data), read_only=True, data_only=True, keep_links=False
    )


def openpyxl_full(data: bytes):
    """openpyxl's full, non-streaming path: every cell built in memory."""
    return openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)


def outcome(data: bytes, monkeypatch, opener: Callable | None = None) -> tuple:
    """What the kit makes of ``data``: the Assessment (as a model and as JSON), the Excel
    rows of the value map, and the tables read (typed values and problems, by ``repr``) —
    or the problems raised. With ``opener``, the workbook is opened by it instead."""
    seen: list[str] = []
    read_tables = reader.read_tables

    def spy(workbook, sheets=SHEETS):
        content = read_tables(workbook, sheets)
        seen.append(repr(content))
        return content

    with monkeypatch.context() as patch:
        patch.setattr(reader, "read_tables", spy)
        if opener is not None:
            patch.setattr(safety, "Book", opener)
        try:
            assessment, rows = read_workbook_with_rows(data)
        except SparkInputError as error:
            return ("problems", [repr(p) for p in error.problems], seen)
    return ("assessment", assessment, assessment.model_dump_json(), rows, seen)


def raw_cells(workbook) -> list:
    """Every worksheet's rows, by ``repr`` (types kept): values only, then (value, format);
    for a sheet that cannot be read, the rows before the error and the error's type."""
    sheets = []
    for ws in workbook.worksheets:
        for values_only in (True, False):
            rows = []
            try:
                for row in ws.iter_rows(values_only=values_only):
                    if values_only:
                        rows.append(repr(row))
                    else:
                        rows.append([(repr(c.value), c.number_format) for c in row])
            except Exception as error:
                rows.append(type(error).__name__)
            sheets.append((ws.title, values_only, rows))
    workbook.close()
    return sheets


def assert_same_as_openpyxl(data: bytes, monkeypatch, full: bool = True) -> tuple:
    """``data`` reads the same with the fast reader as with openpyxl (read-only, and the
    full path unless the variant is about ``<dimension>``, which only read-only uses)."""
    fast = outcome(data, monkeypatch)
    assert fast == outcome(data, monkeypatch, openpyxl_read_only)
    if full:
        assert fast[:-1] == outcome(data, monkeypatch, openpyxl_full)[:-1]
    if fast[0] == "assessment":
        assert raw_cells(safety.open_workbook(data)) == raw_cells(openpyxl_read_only(data))
    return fast


# --- every shipped workbook --------------------------------------------------------------


@pytest.fixture(scope="module")
def granbacka() -> bytes:
    return workbook_bytes(load_example())


@pytest.fixture(scope="module")
def myrbacka() -> bytes:
    return workbook_bytes(load_example("myrbacka_arbetskooperativ"))


@pytest.mark.parametrize("path", COHORT, ids=lambda p: p.stem)
def test_cohort_workbooks_read_the_same(path, monkeypatch):
    data = path.read_bytes()
    fast = outcome(data, monkeypatch)
    assert fast[0] == "assessment"
    assert fast == outcome(data, monkeypatch, openpyxl_read_only)
    if path.stem.endswith("0"):  # every tenth: openpyxl's full path is slow
        assert fast[:-1] == outcome(data, monkeypatch, openpyxl_full)[:-1]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_templates_read_the_same(path, monkeypatch):
    assert assert_same_as_openpyxl(path.read_bytes(), monkeypatch)[0] == "assessment"


def test_examples_read_the_same(granbacka, myrbacka, monkeypatch):
    for data, example in (
        (granbacka, load_example()),
        (myrbacka, load_example("myrbacka_arbetskooperativ")),
        (workbook_bytes(blank_assessment("Testföreningen")), blank_assessment("Testföreningen")),
    ):
        fast = assert_same_as_openpyxl(data, monkeypatch)
        assert fast[1] == example


# --- making variants ---------------------------------------------------------------------


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def sheet_paths(members: dict[str, bytes]) -> dict[str, str]:
    """Sheet title → the worksheet's member in the zip."""
    targets = {
        rel.get("Id"): rel.get("Target")
        for rel in ET.fromstring(members["xl/_rels/workbook.xml.rels"])
    }
    paths = {}
    for sheet in ET.fromstring(members["xl/workbook.xml"]).iter(f"{{{MAIN}}}sheet"):
        target = targets[sheet.get(f"{{{REL}}}id")]
        paths[sheet.get("name")] = target[1:] if target.startswith("/") else "xl/" + target
    return paths


def with_xml(data: bytes, sheet: str, change: Callable[[bytes], bytes]) -> bytes:
    """``data`` with the XML of worksheet ``sheet`` changed as bytes."""
    members = unzip(data)
    path = sheet_paths(members)[sheet]
    members[path] = change(members[path])
    return rezip(members)


def with_tree(data: bytes, sheet: str, change: Callable[[ET.Element], None]) -> bytes:
    """``data`` with worksheet ``sheet`` changed as a tree (written back with a prefix)."""

    def edit(xml: bytes) -> bytes:
        root = ET.fromstring(xml)
        change(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    return with_xml(data, sheet, edit)


def q(tag: str) -> str:
    return f"{{{MAIN}}}{tag}"


def put(root: ET.Element, ref: str, inner: str = "", **attrs: str) -> None:
    """Replace (or add, in column order) cell ``ref`` with ``<c r=ref attrs>inner</c>``."""
    _letters, number = coordinate_from_string(ref)
    row = next(r for r in root.iter(q("row")) if r.get("r") == str(number))
    new = ET.fromstring(f'<c xmlns="{MAIN}" r="{ref}">{inner}</c>')
    new.attrib.update(attrs)
    old = [c for c in row if c.get("r") == ref]
    cells = [c for c in row if c.get("r") != ref] + [new]
    for cell in list(row):
        row.remove(cell)
    for cell in sorted(
        cells, key=lambda c: column_index_from_string(re.sub(r"\d", "", c.get("r")))
    ):
        row.append(cell)
    assert len(old) <= 1


def header_ref(data: bytes, sheet: str, header: str, row: int) -> str:
    """The reference of the cell in column ``header`` on ``row`` of ``sheet``."""
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    column = next(c.column_letter for c in ws[1] if c.value == header)
    return f"{column}{row}"


def key_ref(data: bytes, sheet: str, key: str) -> str:
    """The reference of the value beside ``key`` on a key/value sheet."""
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == key)
    return f"B{row}"


def edited(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def shared_strings(data: bytes, rich: bool = True) -> bytes:
    """Every inline string moved to a shared-strings part, as Excel saves a workbook; with
    ``rich``, strings with a space are written as two runs of rich text (same text)."""
    members = unzip(data)
    table: dict[str, int] = {}
    items: list[ET.Element] = []
    for path in sheet_paths(members).values():
        root = ET.fromstring(members[path])
        for cell in root.iter(q("c")):
            if cell.get("t") != "inlineStr":
                continue
            inline = cell.find(q("is"))
            cell.set("t", "s")
            if inline is None:
                del cell.attrib["t"]
                continue
            text = "".join(t.text or "" for t in inline.iter(q("t")))
            if text not in table:
                table[text] = len(items)
                item = ET.Element(q("si"))
                head, space, tail = text.partition(" ")
                if rich and space:
                    for part, bold in ((head, False), (space + tail, True)):
                        run = ET.SubElement(item, q("r"))
                        if bold:
                            ET.SubElement(ET.SubElement(run, q("rPr")), q("b"))
                        t = ET.SubElement(run, q("t"))
                        t.text = part
                        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                else:
                    ET.SubElement(item, q("t")).text = text
                items.append(item)
            cell.remove(inline)
            ET.SubElement(cell, q("v")).text = str(table[text])
        members[path] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    sst = ET.Element(q("sst"), {"count": str(len(items)), "uniqueCount": str(len(items))})
    sst.extend(items)
    members["xl/sharedStrings.xml"] = ET.tostring(sst, encoding="utf-8", xml_declaration=True)
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />'
    )
    types = members["[Content_Types].xml"].decode("utf-8")
    members["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    return rezip(members)


# --- variants that read ------------------------------------------------------------------


def test_shared_strings_with_rich_text(granbacka, myrbacka, monkeypatch):
    for data, name in ((granbacka, None), (myrbacka, "myrbacka_arbetskooperativ")):
        for rich in (False, True):
            variant = shared_strings(data, rich)
            assert b"inlineStr" not in unzip(variant)["xl/worksheets/sheet3.xml"]
            fast = assert_same_as_openpyxl(variant, monkeypatch)
            assert fast[1] == load_example(name) if name else load_example()


def test_shared_string_escapes(granbacka, monkeypatch):
    # openpyxl removes "x005F_" from shared strings (Excel's escape of "_x"), not elsewhere
    name = load_example().profile.name
    members = unzip(shared_strings(granbacka, rich=False))
    escaped = f"<t>{name}_x005F_x000D_</t>".encode()
    members["xl/sharedStrings.xml"] = members["xl/sharedStrings.xml"].replace(
        f"<x:t>{name}</x:t>".encode(), escaped.replace(b"<t>", b"<x:t>").replace(b"</t>", b"</x:t>")
    )
    fast = assert_same_as_openpyxl(rezip(members), monkeypatch)
    assert fast[1].profile.name == name + "_x000D_"


def test_formulas_read_their_cached_value(granbacka, monkeypatch):
    baseline = header_ref(granbacka, "indikatorer", "utgångsvärde", 2)
    target = header_ref(granbacka, "indikatorer", "målvärde", 2)
    source = header_ref(granbacka, "indikatorer", "datakälla", 2)
    frequency = header_ref(granbacka, "indikatorer", "frekvens", 2)
    unit = header_ref(granbacka, "indikatorer", "enhet", 2)
    fictional = key_ref(granbacka, "organisation", "fiktiv")

    def formulas(root):
        put(root, baseline, "<f>10+2</f><v>12</v>")
        put(root, target, "<f>A1*2</f>")  # no cached value: empty
        put(root, source, '<f>"Egen "&amp;"räkning"</f><v>Egen räkning</v>', t="str")
        put(root, frequency, "<f>1/0</f><v>#DIV/0!</v>", t="e")
        put(root, unit, "<f>A1</f><v></v>")  # an empty cached value: empty

    variant = with_tree(granbacka, "indikatorer", formulas)
    variant = with_tree(variant, "organisation", lambda r: put(r, fictional, "<v>1</v>", t="b"))
    fast = assert_same_as_openpyxl(variant, monkeypatch)
    indicator = fast[1].logic_model.indicators[0]
    assert indicator.baseline == 12
    assert indicator.target is None
    assert indicator.data_source == "Egen räkning"
    assert indicator.frequency == "#DIV/0!"
    assert indicator.unit is None or indicator.unit == ""
    assert fast[1].profile.fictional is True


@pytest.mark.parametrize("epoch", ["1900", "1904"])
def test_dates_and_times(granbacka, epoch, monkeypatch):
    ws_rows = {"beskrivning": [2, 3, 4, 5]}

    def dates(wb):
        if epoch == "1904":
            wb.epoch = CALENDAR_MAC_1904
        ws = wb["element"]
        column = next(c.column_letter for c in ws[1] if c.value == "beskrivning")
        rows = ws_rows["beskrivning"]
        ws[f"{column}{rows[0]}"] = dt.datetime(2024, 5, 17)
        ws[f"{column}{rows[1]}"] = dt.datetime(2024, 5, 17, 13, 45)
        ws[f"{column}{rows[2]}"] = dt.time(8, 30)
        ws[f"{column}{rows[3]}"] = 2.5
        ws[f"{column}{rows[3]}"].number_format = "[h]:mm:ss"  # a duration

    fast = assert_same_as_openpyxl(edited(granbacka, dates), monkeypatch)
    texts = [e.description for e in fast[1].logic_model.elements[:4]]
    assert texts[:2] == ["2024-05-17", "2024-05-17T13:45:00"]
    assert texts[2] == "08:30:00"


def test_a_date_in_a_number_column(granbacka, monkeypatch):
    def date(wb):
        ws = wb["indikatorer"]
        column = next(c.column_letter for c in ws[1] if c.value == "utgångsvärde")
        ws[f"{column}2"] = dt.datetime(2024, 5, 17)

    fast = assert_same_as_openpyxl(edited(granbacka, date), monkeypatch)
    assert fast[0] == "problems" and "value.not_number" in fast[1][0]


def test_percent_and_other_number_formats(myrbacka, monkeypatch):
    def formats(wb):
        ws = wb["utfall"]
        headers = {c.value: c.column_letter for c in ws[1]}
        ws[f"{headers['dödvikt']}2"].number_format = "0.00%"
        ws[f"{headers['undanträngning']}2"].number_format = '0.00" %"'  # a quoted sign
        ws[f"{headers['attribution']}2"] = 0.3
        ws[f"{headers['attribution']}2"].number_format = "0%"
        ws[f"{headers['avtagande']}3"] = "25 %"
        ws[f"{headers['antal']}2"].number_format = "# ##0"

    assert_same_as_openpyxl(edited(myrbacka, formats), monkeypatch)


def _dimension(ref: str | None) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        found = re.search(rb"<dimension ref=\"[^\"]*\" ?/>", xml)
        assert found is not None
        new = b"" if ref is None else f'<dimension ref="{ref}" />'.encode()
        return xml.replace(found.group(0), new)

    return change


@pytest.mark.parametrize(
    "ref",
    [None, "A1:C5", "A1:F40", "A1:Z9", "A1", "A1:B17", "1:6", "B2:D9"],
    ids=lambda r: f"dimension-{r}",
)
def test_sheet_dimensions(granbacka, ref, monkeypatch):
    # read-only openpyxl pads and cuts rows to <dimension>, even a wrong one
    assert_same_as_openpyxl(with_xml(granbacka, "element", _dimension(ref)), monkeypatch, False)


def _strip_refs(root: ET.Element, rows: bool, cells: bool) -> None:
    for row in root.iter(q("row")):
        if rows:
            del row.attrib["r"]
        for cell in row:
            if cells:
                cell.attrib.pop("r", None)


@pytest.mark.parametrize(("rows", "cells"), [(True, False), (False, True), (True, True)])
def test_rows_and_cells_without_references(granbacka, rows, cells, monkeypatch):
    for sheet in ("element", "kopplingar", "organisation"):
        variant = with_tree(granbacka, sheet, lambda r: _strip_refs(r, rows, cells))
        assert_same_as_openpyxl(variant, monkeypatch, False)


def test_missing_unordered_and_decimal_rows(granbacka, monkeypatch):
    def shuffle(root):
        sheet_data = root.find(q("sheetData"))
        rows = list(sheet_data)
        sheet_data.remove(rows[4])  # row 5 is missing: an empty row in Excel
        sheet_data.remove(rows[7])
        sheet_data.insert(9, rows[7])  # row 8 after row 10: openpyxl skips it
        rows[2].set("r", "3.0")

    assert_same_as_openpyxl(with_tree(granbacka, "element", shuffle), monkeypatch, False)


def test_sheet_names_and_unread_sheets(granbacka, monkeypatch):
    def rename(wb):
        wb["element"].title = "ELEMENTS"
        wb["kopplingar"].title = "Links"
        wb["indikatorer"].title = "indikatorerr"  # misspelled: reported
        wb.create_sheet("Anteckningar")["A1"] = "egna anteckningar"
        wb.create_chartsheet("Diagram")

    assert_same_as_openpyxl(edited(granbacka, rename), monkeypatch)


# --- variants that are refused -----------------------------------------------------------

ENTITIES = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'


def _entities(xml: bytes) -> bytes:
    return xml.replace(b"<worksheet", ENTITIES.encode() + b"<worksheet", 1)


def _late_entities(xml: bytes) -> bytes:
    # the declaration comes after the first 16 KB the parsers read: the guard still sees it
    doctype = "<!DOCTYPE x [<!-- " + "x" * 40_000 + ' --><!ENTITY a "aaaa">]>'
    return xml.replace(b"<worksheet", doctype.encode() + b"<worksheet", 1)


def _truncated(share: float) -> Callable[[bytes], bytes]:
    return lambda xml: xml[: int(len(xml) * share)]


def _cut_before_dimension(xml: bytes) -> bytes:
    return xml[: xml.index(b"<dimension")]


def _misspell_and_truncate(xml: bytes) -> bytes:
    return xml.replace(b"<t>niv\xc3\xa5</t>", b"<t>niv\xc3\xa5\xc3\xa5</t>", 1)[: len(xml) * 3 // 4]


BROKEN: dict[str, tuple[str, Callable[[bytes], bytes], str | None]] = {
    "entities in a sheet that is read": ("element", _entities, "file.unsafe"),
    "entities declared after 40 KB": ("element", _late_entities, "file.unsafe"),
    # every sheet is read up to its <dimension> when the workbook is opened, as in openpyxl
    "entities in a sheet that is not read": ("läsmig", _entities, "file.unsafe"),
    "an unread sheet cut before its dimension": ("läsmig", _cut_before_dimension, "file.not_xlsx"),
    "an unread sheet cut after its dimension": ("läsmig", _truncated(0.5), None),
    "a truncated sheet": ("element", _truncated(0.6), "file.not_xlsx"),
    "a sheet cut before its dimension": ("element", _cut_before_dimension, "file.not_xlsx"),
    # the header's problems end the sheet's reading: the break further down is not met
    "a bad header, then a truncated sheet": (
        "element",
        _misspell_and_truncate,
        "column.misspelled",
    ),
    "an empty sheet part": ("element", lambda xml: b"", "file.not_xlsx"),
    "a bad dimension": ("element", _dimension("A1:ZZZZ9"), "file.not_xlsx"),
    "a bad row number": (
        "element",
        lambda xml: xml.replace(b'<row r="4"', b'<row r="4.5"'),
        "file.not_xlsx",
    ),
    "a bad cell reference": (
        "element",
        lambda xml: xml.replace(b'r="C3"', b'r="3C"'),
        "file.not_xlsx",
    ),
    "a bad number": (
        "indikatorer",
        lambda xml: re.sub(rb"<v>(\d+)</v>", rb"<v>\1,5</v>", xml, count=1),
        "file.not_xlsx",
    ),
    "a boolean cell without a value": (
        "element",
        lambda xml: xml.replace(b'r="C3" t="inlineStr"', b'r="C3" t="b"'),
        "value.required",
    ),
    "an undefined entity": (
        "element",
        lambda xml: xml.replace(b"<t>B1</t>", b"<t>&nbsp;</t>"),
        "file.not_xlsx",
    ),
    "an external entity": (
        "element",
        lambda xml: xml.replace(
            b"<worksheet", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet', 1
        ),
        "file.unsafe",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_and_unsafe_sheets(granbacka, case, monkeypatch):
    sheet, change, code = BROKEN[case]
    fast = assert_same_as_openpyxl(with_xml(granbacka, sheet, change), monkeypatch, False)
    if code is None:
        assert fast[0] == "assessment"
    else:
        assert fast[0] == "problems" and f"code='{code}'" in fast[1][0]


def test_a_bad_shared_string_index(granbacka, monkeypatch):
    members = unzip(shared_strings(granbacka, rich=False))
    path = sheet_paths(members)["element"]
    members[path] = re.sub(
        rb'(t="s">)<x:v>\d+</x:v>', rb"\1<x:v>99999</x:v>", members[path], count=1
    )
    fast = assert_same_as_openpyxl(rezip(members), monkeypatch, False)
    assert fast[0] == "problems" and "code='file.not_xlsx'" in fast[1][0]


@pytest.mark.parametrize(("sheet", "code"), [("läsmig", None), ("element", "file.not_xlsx")])
def test_a_corrupted_worksheet_member(granbacka, sheet, code, monkeypatch):
    # a byte of the compressed XML near its end is changed: only a sheet that is read to
    # its end notices (openpyxl reads an unread sheet only up to its <dimension>)
    members = unzip(granbacka)
    path = sheet_paths(members)[sheet]
    members[path] = members[path] + b"<!--" + bytes(range(32, 127)) * 400 + b"-->"
    data = bytearray(rezip(members))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(path)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size - 40] ^= 0xFF
    fast = assert_same_as_openpyxl(bytes(data), monkeypatch, False)
    if code is None:
        assert fast[0] == "assessment"
    else:
        assert fast[0] == "problems" and f"code='{code}'" in fast[1][0]
