"""``spark-kit report``: the report of an assessment workbook, as HTML or Excel.

The workbooks are the bundled examples written with ``write_workbook`` (the value map, the
logic model and the cash flow round-trip through the workbook). The Myrbacka example
(fictional) holds the value map of Case 3 in /work/shared/reference/impact-methods.md §1.7:
PV 2 002 354,37 kr, NPV 502 354,37 kr, ratio 1,3349.
"""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

from spark_kit.assessment import blank_assessment, load_example, write_workbook
from spark_kit.cli import main
from spark_kit.i18n import format_money, format_number, t
from spark_kit.workbook.schema import OUTCOMES

COL = {c.header: chr(ord("A") + i) for i, c in enumerate(OUTCOMES.columns)}
ORE = 0.005
# Source: impact-methods.md §1.7, Case 3 — results table (guide conventions, r = 3.5 %).
CASE_3 = {"present_value": 2_002_354.37, "npv": 502_354.37, "sroi_ratio": 1.3349}


@pytest.fixture(autouse=True)
def _swedish_by_default(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


@pytest.fixture(scope="module")
def myrbacka(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "myrbacka.xlsx"
    return write_workbook(load_example("myrbacka_arbetskooperativ"), path)


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = tmp_path_factory.mktemp("blank") / "tom.xlsx"
    return write_workbook(blank_assessment(), path)


def sroi_json(capsys, path) -> dict:
    assert main(["sroi", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def facts(path, sheet: str) -> dict:
    workbook = openpyxl.load_workbook(path)
    found: dict = {}
    for row in workbook[sheet].iter_rows(values_only=True):
        if row and isinstance(row[0], str) and len(row) > 1:
            found.setdefault(row[0], row[1])
    return found


# --- success -------------------------------------------------------------------------------


def test_excel_report_agrees_with_the_sroi_command(myrbacka, tmp_path, capsys):
    cli = sroi_json(capsys, myrbacka)
    out = tmp_path / "rapport.xlsx"
    assert main(["report", str(myrbacka), "-o", str(out)]) == 0
    assert t("cli.wrote", "sv", path=str(out)) in capsys.readouterr().out
    cells = facts(out, "SROI")
    for key, label in (
        ("present_value", "sroi_cli.present_value"),
        ("total_inputs", "sroi_cli.total_inputs"),
        ("npv", "sroi_cli.npv"),
        ("sroi_ratio", "sroi_cli.sroi_ratio"),
        ("net_sroi_ratio", "sroi_cli.net_sroi_ratio"),
        ("payback_months", "sroi_cli.payback"),
    ):
        assert cells[t(label, "sv")] == pytest.approx(cli[key], rel=1e-15, abs=0), key
    # Source: impact-methods.md §1.7, Case 3.
    assert cells[t("sroi_cli.present_value", "sv")] == pytest.approx(
        CASE_3["present_value"], abs=ORE
    )
    assert cells[t("sroi_cli.npv", "sv")] == pytest.approx(CASE_3["npv"], abs=ORE)
    assert round(cells[t("sroi_cli.sroi_ratio", "sv")], 4) == CASE_3["sroi_ratio"]
    for sheet in openpyxl.load_workbook(out).worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_html_report_in_the_chosen_language(myrbacka, tmp_path, capsys, lang):
    cli = sroi_json(capsys, myrbacka)
    out = tmp_path / "rapport.html"
    assert main(["report", str(myrbacka), "-o", str(out), "--lang", lang]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    assert f"<h2>{t('report.section.sroi', lang)}</h2>" in page
    assert f"<h2>{t('report.section.financing', lang)}</h2>" in page
    for key in ("present_value", "npv"):
        assert format_money(cli[key], lang) in page
    assert format_number(cli["sroi_ratio"], lang, 2) + ":1" in page
    english = "<h2>Social return on investment (SROI)</h2>"
    assert (english in page) is (lang == "en")


def test_default_output_next_to_the_workbook(blank, capsys):
    assert main(["report", str(blank)]) == 0
    out = blank.with_name("tom_rapport.html")
    assert out.is_file()
    assert t("cli.wrote", "sv", path=str(out)) in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert t("report.not_filled.sroi", "sv") in page


def test_report_as_a_subprocess(blank, tmp_path):
    out = tmp_path / "blank.html"
    result = subprocess.run(
        [sys.executable, "-m", "spark_kit.cli", "report", str(blank), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file() and "Traceback" not in result.stderr


# --- bad input: exit 2 with a message, never a traceback ----------------------------------


def _bad_deadweight(myrbacka, target):
    workbook = openpyxl.load_workbook(myrbacka)
    cell = workbook["utfall"][f"{COL['dödvikt']}2"]
    cell.value, cell.number_format = 25, "General"
    workbook.save(target)
    return target


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "bladet ”utfall”, rad 2, kolumnen ”dödvikt”: ”25” är större än 1"),
        ("en", "sheet “utfall”, row 2, column “dödvikt”: “25” is greater than 1"),
    ],
)
def test_bad_workbook_exits_2_naming_sheet_and_row(myrbacka, tmp_path, capsys, lang, expected):
    path = _bad_deadweight(myrbacka, tmp_path / "bad.xlsx")
    out = tmp_path / "rapport.html"
    assert main(["report", str(path), "-o", str(out), "--lang", lang]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err
    assert captured.out == "" and "Traceback" not in captured.err
    assert not out.exists()


def test_missing_workbook(tmp_path, capsys):
    assert main(["report", str(tmp_path / "finns_inte.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "finns inte" in err and "Traceback" not in err


def test_unknown_output_type(blank, tmp_path, capsys):
    assert main(["report", str(blank), "-o", str(tmp_path / "rapport.pdf")]) == 2
    err = capsys.readouterr().err
    assert ".html" in err and ".xlsx" in err


def test_output_that_cannot_be_written(blank, tmp_path, capsys):
    out = tmp_path / "saknas" / "rapport.html"
    assert main(["report", str(blank), "-o", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Cannot write to" in err and str(out) in err and "Traceback" not in err


def test_the_report_is_never_written_over_the_workbook(blank, capsys):
    before = blank.read_bytes()
    assert main(["report", str(blank), "-o", str(blank)]) == 2
    assert "arbetsboken" in capsys.readouterr().err
    assert blank.read_bytes() == before
