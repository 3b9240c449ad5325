"""The book's page on the workbook documents every sheet and column the reader accepts."""

from __future__ import annotations

from spark_kit.paths import REPO_ROOT
from spark_kit.workbook.schema import SHEETS, Kind


def test_every_sheet_and_column_is_documented_in_the_book():
    page = (REPO_ROOT / "book" / "arbetsboken.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"## Bladet `{sheet.name}` (engelska: `{sheet.alias}`)" in page
        for column in sheet.columns:
            assert f"| `{column.header}` | `{column.alias}` |" in page, (sheet.name, column.header)


def test_every_column_has_an_explanation_for_the_readme_sheet():
    missing = [(s.name, c.header) for s in SHEETS for c in s.columns if not c.help_sv]
    assert missing == []


KIND_WORDS = {
    Kind.TEXT: "text",
    Kind.NUMBER: "tal",
    Kind.INTEGER: "heltal",
    Kind.BOOL: "ja/nej",
    Kind.CHOICE: "val",
    Kind.PERCENT: "andel",
    Kind.CURRENCY: "valutakod",
}


def _section(page: str, sheet) -> str:
    start = page.index(f"## Bladet `{sheet.name}`")
    end = page.find("\n## ", start + 1)
    return page[start:] if end < 0 else page[start:end]


def test_each_column_row_gives_the_type_and_whether_it_must_be_filled_in():
    page = (REPO_ROOT / "book" / "arbetsboken.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        section = _section(page, sheet)
        must = "Bladet måste finnas." if sheet.required else "Bladet kan utelämnas"
        assert must in " ".join(section.split()), sheet.name
        for column in sheet.columns:
            prefix = f"| `{column.header}` | `{column.alias}` | "
            line = next(x for x in section.splitlines() if x.startswith(prefix))
            assert line.startswith(prefix + KIND_WORDS[column.kind] + " |"), line
            assert ("Måste fyllas i." in line) == column.required, line
