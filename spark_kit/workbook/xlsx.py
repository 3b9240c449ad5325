"""The cells of an .xlsx workbook, read fast and with openpyxl's read-only semantics.

``openpyxl.load_workbook(read_only=True, data_only=True)`` finds every worksheet's
dimensions when it opens a workbook, and builds each row it reads, through defusedxml's
pure-Python parser and openpyxl's descriptors: most of the time of reading an assessment
went there. This module gives the same values, faster:

* the workbook itself (content types, ``workbook.xml`` and its relationships, shared
  strings, styles, defined names) is still read by openpyxl's own ``ExcelReader``, with
  the same options as before (values only, external links not kept); only the step that
  opens the worksheets is replaced;
* every worksheet's ``<dimension>`` is found when the workbook is opened, as openpyxl
  does, by expat with defusedxml's rules (an entity declaration or an external
  reference raises defusedxml's own exception) and stopping there;
* a worksheet's rows are parsed only when asked for, by ElementTree's C parser behind an
  :class:`EntityGuard` (defusedxml's refusal of entities, first), and each row and cell
  is turned into values as openpyxl's ``WorkSheetParser`` and ``ReadOnlyWorksheet`` do
  with ``data_only=True``: a formula's cached value is read, never the formula (a formula
  cell with no cached value is empty); shared strings, inline strings (rich text and
  phonetic runs through openpyxl's own ``Text``), booleans, ISO dates, and numbers whose
  cell style has a date or time format become ``datetime`` (or ``time``, ``timedelta``)
  with the workbook's epoch; rows are padded and cut to the sheet's dimension and missing
  rows are yielded empty, so Excel row numbers stay right; a cell's ``number_format`` is
  its style's.

A parse error in a worksheet surfaces while its rows are read, after the rows before it
(as with openpyxl's read-only sheets), so :func:`spark_kit.workbook.safety.parsing` turns
it into an input problem. Size limits are checked before this module is used
(:mod:`spark_kit.workbook.safety`).
"""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, Any
from xml.parsers import expat

from defusedxml.common import EntitiesForbidden, ExternalReferenceForbidden
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.cell.text import Text
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.workbook.defined_name import DefinedNameDict
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHEET_MAIN_NS

CHUNK = 16 * 1024  # bytes of XML read and parsed at a time, as openpyxl's iterparse does

_MAIN = "{" + SHEET_MAIN_NS + "}"
_ROW = _MAIN + "row"
_VALUE = _MAIN + "v"
_INLINE = _MAIN + "is"
_DIMENSION = _MAIN + "dimension"


def _cast_number(value: str) -> int | float:
    """As openpyxl: a number written with a point or an exponent is a float."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


_column_of = lru_cache(maxsize=4096)(lambda coordinate: coordinate_to_tuple(coordinate)[1])


_TEXT = _MAIN + "t"


def _inline_text(element: ET.Element) -> str:
    """The text of an ``<is>`` element, as ``openpyxl.cell.text.Text(…).content`` gives it."""
    if len(element) == 1 and element[0].tag == _TEXT and not element.attrib:
        text = element[0].text  # the common case: <is><t>text</t></is>
        return text if text is not None else ""
    if not element.attrib and all(child.tag.rpartition("}")[2] == "t" for child in element):
        plain = element[-1].text if len(element) else None  # the last <t> wins, as in openpyxl
        return plain if plain is not None else ""
    return Text.from_tree(element).content  # rich text, phonetic runs …: openpyxl's own rules


class ReadCell:
    """A cell of a row read with formats: its value and its Excel number format."""

    __slots__ = ("number_format", "value")

    def __init__(self, value: Any, number_format: str | None):
        self.value, self.number_format = value, number_format

    def __repr__(self) -> str:
        return f"ReadCell({self.value!r}, {self.number_format!r})"


class _Placeholder:
    """Stands in for a worksheet in openpyxl's workbook while defined names are bound."""

    def __init__(self, title: str):
        self.title = title
        self.defined_names = DefinedNameDict()


class _BookReader(ExcelReader):
    """openpyxl's reader, except that worksheets are listed, not opened."""

    def read_worksheets(self) -> None:
        self.sheet_parts: list[tuple[str, str]] = []
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            rels_path = get_rels_path(rel.target)
            if rels_path in self.valid_files:
                get_dependents(self.archive, rels_path)  # parsed as openpyxl does (errors too)
            self.wb._sheets.append(_Placeholder(sheet.name))
            self.sheet_parts.append((sheet.name, rel.target))


class Book:
    """An open workbook: its worksheets (in workbook order) and a ``close()``."""

    def __init__(self, data: bytes):
        reader = _BookReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        self._archive: zipfile.ZipFile = reader.archive
        try:
            reader.read()
        except BaseException:
            self._archive.close()
            raise
        wb = reader.wb
        self.epoch = wb.epoch
        self.shared_strings = reader.shared_strings
        self.date_formats = wb._date_formats
        self.timedelta_formats = wb._timedelta_formats
        self._cell_styles = wb._cell_styles
        self._custom_formats = wb._number_formats
        self._formats: dict[Any, str] = {}
        self.worksheets: list[Sheet] = []
        try:
            for title, path in reader.sheet_parts:
                with self._archive.open(path) as stream:
                    dimension = sheet_dimension(stream)
                self.worksheets.append(Sheet(self, title, path, dimension))
        except BaseException:
            self._archive.close()
            raise

    def close(self) -> None:
        self._archive.close()

    def open(self, path: str) -> IO[bytes]:
        return self._archive.open(path)

    def number_format(self, style_id: Any) -> str:
        """The number format of cell style ``style_id``, as ``ReadOnlyCell.number_format``."""
        known = self._formats.get(style_id)
        if known is not None:
            return known
        format_id = self._cell_styles[style_id].numFmtId
        if format_id < BUILTIN_FORMATS_MAX_SIZE:
            found = BUILTIN_FORMATS.get(format_id, "General")
        else:
            found = self._custom_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
        self._formats[style_id] = found
        return found


class Sheet:
    """One worksheet: its title as written, and its rows on demand."""

    def __init__(self, book: Book, title: str, path: str, dimension: tuple | None):
        self.parent, self.title, self._path, self.dimension = book, title, path, dimension

    def __repr__(self) -> str:
        return f"<Sheet {self.title!r}>"

    def iter_rows(self, values_only: bool = False) -> Iterator[tuple]:
        """Every row from row 1, as ``ReadOnlyWorksheet.iter_rows()`` gives them: tuples of
        values, or of cells with ``value`` and ``number_format`` (``EMPTY_CELL`` where the
        sheet has no cell)."""
        filler: Any = None if values_only else EMPTY_CELL
        max_col = max_row = None
        if self.dimension is not None:
            _min_col, _min_row, max_col, max_row = self.dimension
        empty_row: Any = []
        if max_col is not None:
            empty_row = (filler,) * max_col
        counter, idx = 1, 1
        with self.parent.open(self._path) as stream:
            for idx, cells in _SheetParser(self.parent).rows(stream):
                if max_row is not None and idx > max_row:
                    break
                for _ in range(counter, idx):  # rows missing from the file
                    counter += 1
                    yield empty_row
                if counter <= idx:
                    counter += 1
                    yield self._row(cells, max_col, values_only)
        if max_row is not None and max_row < idx:
            for _ in range(counter, max_row + 1):
                yield empty_row

    def _row(self, cells: list, max_col: int | None, values_only: bool) -> tuple:
        """One row padded to the sheet's width (``ReadOnlyWorksheet._get_row``)."""
        if not cells and not max_col:
            return ()
        width = max_col or cells[-1][0]
        if values_only:
            row: list[Any] = [None] * width
            for column, value, _style in cells:
                if 1 <= column <= width:
                    row[column - 1] = value
        else:
            row = [EMPTY_CELL] * width
            number_format = self.parent.number_format
            for column, value, style in cells:
                if 1 <= column <= width:
                    row[column - 1] = ReadCell(value, number_format(style))
        return tuple(row)


def _refuse_entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)


def _refuse_unparsed_entity(name, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)


def _refuse_external(context, base, sysid, pubid):
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def _defused_expat(**handlers: Any) -> Any:
    """An expat parser (namespaces as ``uri}local``) with defusedxml's rules: an entity
    declaration or an external reference raises defusedxml's own exception."""
    parser = expat.ParserCreate(None, "}")
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_unparsed_entity
    parser.ExternalEntityRefHandler = _refuse_external
    for name, handler in handlers.items():
        setattr(parser, name, handler)
    return parser


class _Stop(Exception):
    """Ends a partial parse, carrying what it found."""

    def __init__(self, found: Any = None):
        self.found = found


def _feed(parser: Any, stream: IO[bytes]) -> None:
    """Feed ``stream`` to expat in chunks, as openpyxl's ``iterparse`` reads a part."""
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


_X_DIMENSION = SHEET_MAIN_NS + "}dimension"
_X_SHEET_DATA = SHEET_MAIN_NS + "}sheetData"


def sheet_dimension(stream: IO[bytes]) -> tuple | None:
    """The worksheet's ``<dimension>`` as (min col, min row, max col, max row), or ``None``.

    openpyxl's ``WorkSheetParser.parse_dimensions`` (what ``ReadOnlyWorksheet`` does for
    every sheet when a workbook is opened): the first ``<dimension>`` to end before
    ``<sheetData>`` ends. The XML up to there is parsed under defusedxml's rules, and a
    broken document or a bad ``ref`` raises, as it does in openpyxl.
    """
    opened: list[dict[str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == _X_DIMENSION:
            opened.append(attrs)

    def end(name: str) -> None:
        if name == _X_DIMENSION:
            raise _Stop(opened.pop())
        if name == _X_SHEET_DATA:
            raise _Stop()

    parser = _defused_expat(StartElementHandler=start, EndElementHandler=end)
    try:
        _feed(parser, stream)
    except _Stop as stop:
        if stop.found is None:
            return None
        attrs = {("{" + k if "}" in k else k): v for k, v in stop.found.items()}
        return SheetDimension.from_tree(ET.Element(_DIMENSION, attrs)).boundaries
    return None


def _root_reached(name: str, attrs: dict[str, str]) -> None:
    raise _Stop()


class EntityGuard:
    """defusedxml's refusal of entities, for a parser that does not have it.

    Entities can only be declared before the root element. Each chunk of a document is
    fed here before it is fed to the other parser: expat, with defusedxml's handlers,
    raises ``EntitiesForbidden`` (or ``ExternalReferenceForbidden``) on a declaration, and
    stops looking once the root element starts. A syntax error is left to the other
    parser, which reports it in order.
    """

    def __init__(self) -> None:
        self._parser: Any = _defused_expat(StartElementHandler=_root_reached)

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self._parser is None:
            return
        try:
            self._parser.Parse(chunk, final)
        except (_Stop, expat.ExpatError):
            self._parser = None


class _SheetParser:
    """A worksheet's rows as ``(row number, [(column, value, style id), …])``, in file
    order: openpyxl's ``WorkSheetParser.parse`` with ``data_only=True``, on ElementTree's
    C parser behind an :class:`EntityGuard`. A parse error is raised where it is met,
    after the rows before it."""

    def __init__(self, book: Book):
        self.book = book
        self.row_counter = self.col_counter = 0

    def rows(self, stream: IO[bytes]) -> Iterator[tuple[int, list]]:
        guard = EntityGuard()
        pull = ET.XMLPullParser(events=("end",))
        while chunk := stream.read(CHUNK):
            guard.feed(chunk)
            pull.feed(chunk)
            for _event, element in pull.read_events():  # raises a parse error in order
                if element.tag == _ROW:
                    yield self._row(element)
                    element.clear()
        guard.feed(b"", final=True)
        pull.close()  # raises if the document is unfinished
        for _event, element in pull.read_events():
            if element.tag == _ROW:
                yield self._row(element)

    def _row(self, row: ET.Element) -> tuple[int, list]:
        """``WorkSheetParser.parse_row``: the row's number and every child as a cell."""
        number = row.get("r")
        if number is not None:
            try:
                self.row_counter = int(number)
            except ValueError:
                as_float = float(number)
                if not as_float.is_integer():
                    raise ValueError(f"{number} is not a valid row number") from None
                self.row_counter = int(as_float)
        else:
            self.row_counter += 1
        self.col_counter = 0
        return self.row_counter, [self._cell(element) for element in row]

    def _cell(self, element: ET.Element) -> tuple[int, Any, Any]:
        """``WorkSheetParser.parse_cell`` with ``data_only=True``: (column, value, style)."""
        data_type = element.get("t", "n")
        coordinate = element.get("r")
        style_id: Any = element.get("s", 0)
        if style_id:
            style_id = int(style_id)
        if data_type == "inlineStr":
            value: Any = None
        else:
            value = element.findtext(_VALUE, None) or None
        if coordinate:
            column = _column_of(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            column = self.col_counter
        if value is not None:
            book = self.book
            if data_type == "n":
                value = _cast_number(value)
                if style_id in book.date_formats:
                    try:
                        value = from_excel(
                            value, book.epoch, timedelta=style_id in book.timedelta_formats
                        )
                    except (OverflowError, ValueError):
                        warnings.warn(
                            f"Cell {coordinate} is marked as a date but the serial value "
                            f"{value} is outside the limits for dates. The cell will be "
                            "treated as an error.",
                            stacklevel=2,
                        )
                        value = "#VALUE!"
            elif data_type == "s":
                value = book.shared_strings[int(value)]
            elif data_type == "b":
                value = bool(int(value))
            elif data_type == "d":
                value = from_ISO8601(value)
        elif data_type == "inlineStr":
            child = element.find(_INLINE)
            if child is not None:
                value = _inline_text(child)
        return column, value, style_id
