"""The book's page on the workbook documents every sheet and column the reader accepts."""

from __future__ import annotations

from spark_kit.paths import REPO_ROOT
from spark_kit.workbook.schema import SHEETS


def test_every_sheet_and_column_is_documented_in_the_book():
    page = (REPO_ROOT / "book" / "arbetsboken.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"## Bladet `{sheet.name}` (engelska: `{sheet.alias}`)" in page
        for column in sheet.columns:
            assert f"| `{column.header}` | `{column.alias}` |" in page, (sheet.name, column.header)


def test_every_column_has_an_explanation_for_the_readme_sheet():
    missing = [(s.name, c.header) for s in SHEETS for c in s.columns if not c.help_sv]
    assert missing == []
