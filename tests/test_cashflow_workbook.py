"""The cash-flow sheets of the assessment workbook: likviditetsbudget and likviditet.

Round trips of both fictional examples (their financing situations come from
data/examples/*_finansiering.yaml through load_example), English sheet names and headers, the
monthly amounts written as text, and bad cells located by sheet, Excel row, the header as
written and the value, in Swedish and English.
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
from spark_kit.errors import SparkInputError
from spark_kit.finance.cashflow import CashFlowBudget, LineKind, PaymentRule, load_financing
from spark_kit.workbook.schema import CASHFLOW, CASHFLOW_BUDGET, SHEETS

GRANBACKA = "granbacka_byakooperativ"
MYRBACKA = "myrbacka_arbetskooperativ"
COL = {c.header: chr(ord("A") + i) for i, c in enumerate(CASHFLOW.columns)}
KEY_ROW = {c.header: i for i, c in enumerate(CASHFLOW_BUDGET.columns, start=2)}


@pytest.fixture(scope="module")
def granbacka() -> Assessment:
    return load_example(GRANBACKA)


@pytest.fixture(scope="module")
def granbacka_bytes(granbacka) -> bytes:
    return workbook_bytes(granbacka)


def edited(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_error(data: bytes) -> SparkInputError:
    with pytest.raises(SparkInputError) as error:
        read_workbook(data)
    return error.value


@pytest.mark.parametrize("name", [GRANBACKA, MYRBACKA])
def test_examples_carry_their_fictional_financing_and_round_trip(name):
    example = load_example(name)
    financing = load_financing(name)
    assert financing.fictional and example.profile.fictional
    assert example.cashflow == financing.cashflow and example.cashflow.lines
    assert read_workbook(workbook_bytes(example)) == example


def test_blank_assessment_has_an_empty_budget_and_round_trips():
    blank = blank_assessment()
    assert blank.cashflow == CashFlowBudget() and blank.cashflow.is_empty()
    assert read_workbook(workbook_bytes(blank)) == blank


def test_sheets_headers_and_cells_as_written(granbacka_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(granbacka_bytes))
    names = wb.sheetnames
    assert names.index("likviditetsbudget") + 1 == names.index("likviditet")
    assert names.index("inställningar") < names.index("likviditetsbudget")  # after the value map
    assert [c.value for c in wb["likviditet"][1]][:4] == ["typ", "beskrivning", "belopp", "mönster"]
    ws = wb["likviditet"]
    assert ws[f"{COL['typ']}7"].value == "kostnad"
    assert ws[f"{COL['månadsbelopp']}7"].value == "250000; 150000; 25000; 25000; 25000; 25000"
    assert ws[f"{COL['utbetalning']}8"].value == "efter slutrapport"
    assert ws[f"{COL['fördröjning']}8"].value == 4
    settings = {row[0].value: row[1].value for row in wb["likviditetsbudget"].iter_rows(min_row=2)}
    assert settings == {
        "horisont": 24,
        "startmånad": 1,
        "startår": 2027,
        "ingående saldo": 150_000,
        "buffert": 50_000,
    }
    readme = [row[0].value for row in wb["läsmig"].iter_rows()]
    assert "likviditet" in readme and "    månadsbelopp" in readme


def test_english_sheet_names_headers_and_values(granbacka, granbacka_bytes):
    def to_english(wb):
        for spec in (CASHFLOW_BUDGET, CASHFLOW):
            ws = wb[spec.name]
            ws.title = spec.alias
            if spec.key_value:
                ws["A1"], ws["B1"] = "key", "value"
                for row in ws.iter_rows(min_row=2):
                    row[0].value = spec.column_for(row[0].value).alias
            else:
                for cell in ws[1]:
                    cell.value = spec.column_for(cell.value).alias
        ws = wb["cashflow"]
        ws["A2"] = "revenue"
        ws[f"{COL['utbetalning']}8"] = "after the final report"
        ws[f"{COL['mönster']}9"] = "once"

    back = read_workbook(edited(granbacka_bytes, to_english))
    assert back == granbacka


def test_a_workbook_without_the_cashflow_sheets_reads_with_an_empty_budget(granbacka_bytes):
    def remove(wb):
        del wb["likviditet"]
        del wb["likviditetsbudget"]

    back = read_workbook(edited(granbacka_bytes, remove))
    assert back.cashflow == CashFlowBudget()


def test_monthly_amounts_typed_with_swedish_numbers(granbacka_bytes):
    def retype(wb):
        wb["likviditet"][f"{COL['månadsbelopp']}7"] = (
            "250 000; 150 000,0; 25 000; 25000; 25 000;25 000"
        )

    back = read_workbook(edited(granbacka_bytes, retype))
    assert back.cashflow.lines[5].amounts == [250_000, 150_000, 25_000, 25_000, 25_000, 25_000]


def test_a_grant_with_a_share_withheld_as_a_percent_cell(granbacka_bytes):
    def withhold(wb):
        ws = wb["likviditet"]
        ws[f"{COL['utbetalning']}8"] = "efterskott"
        ws[f"{COL['innehålls']}8"] = 0.2
        ws[f"{COL['innehålls']}8"].number_format = "0%"

    line = read_workbook(edited(granbacka_bytes, withhold)).cashflow.lines[6]
    assert line.kind == LineKind.GRANT and line.payment == PaymentRule.ARREARS
    assert line.withheld == 0.2


def test_results_from_the_workbook_match_the_example(granbacka_bytes):
    result = read_workbook(granbacka_bytes).cashflow.compute()
    assert (result.funding_gap, result.gap_month, result.bridge) == (270_000, 8, 320_000)


# --- bad cells: sheet, Excel row, header as written, value; Swedish and English ----------------


def put(sheet: str, cell: str, value):
    def change(wb):
        wb[sheet][cell] = value

    return change


def test_unknown_kind(granbacka_bytes):
    error = read_error(edited(granbacka_bytes, put("likviditet", "A3", "gåva")))
    (problem,) = error.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "likviditet", 3, "typ", "gåva"
    )  # fmt: skip
    assert "välj bland" in error.message("sv") and "choose from" in error.message("en")


def test_a_delay_past_the_horizon_names_the_line_month_and_excel_row(granbacka_bytes):
    def late(wb):
        ws = wb["likviditet"]
        ws.insert_rows(3)  # a blank row: the grant moves to Excel row 9
        ws[f"{COL['fördröjning']}1"] = "Fördröjning"  # the header as the user wrote it
        ws[f"{COL['fördröjning']}9"] = 20  # August + 20 = month 28 > 24

    error = read_error(edited(granbacka_bytes, late))
    (problem,) = error.problems
    assert problem.code == "cashflow.past_horizon"
    assert (problem.sheet, problem.row, problem.column) == ("likviditet", 9, "Fördröjning")
    assert problem.params["month"] == 28
    sv = error.message("sv")
    assert sv.startswith("bladet ”likviditet”, rad 9, kolumnen ”Fördröjning”: Bidraget ”Leaderstöd")
    assert "månad 28" in sv
    assert "is paid in month 28, after the budget's last month (24)" in error.message("en")


def test_horizon_outside_12_to_36(granbacka_bytes):
    data = edited(granbacka_bytes, put("likviditetsbudget", f"B{KEY_ROW['horisont']}", 48))
    (problem,) = read_error(data).problems
    assert (problem.sheet, problem.row, problem.column) == (
        "likviditetsbudget", KEY_ROW["horisont"], "värde"
    )  # fmt: skip
    assert "minst 12 och högst 36" in problem.message("sv")


def test_a_twelve_month_budget_still_holds_the_leader_payment(granbacka_bytes):
    data = edited(granbacka_bytes, put("likviditetsbudget", f"B{KEY_ROW['horisont']}", 12))
    result = read_workbook(data).cashflow.compute()
    assert result.horizon == 12 and result.closing[-1] == 50_000  # paid in month 12


def test_negative_amount_in_a_cell(granbacka_bytes):
    data = edited(granbacka_bytes, put("likviditet", f"{COL['belopp']}3", -310_000))
    (problem,) = read_error(data).problems
    assert (problem.sheet, problem.row, problem.column, problem.code) == (
        "likviditet", 3, "belopp", "value.negative"
    )  # fmt: skip


def test_month_outside_the_horizon_and_other_problems_at_once(granbacka_bytes):
    def several(wb):
        ws = wb["likviditet"]
        ws[f"{COL['mönster']}9"] = "en gång"
        ws[f"{COL['månad']}9"] = 30  # a 24-month budget
        ws[f"{COL['fördröjning']}2"] = 2  # only for grants

    error = read_error(edited(granbacka_bytes, several))
    found = {(p.code, p.row, p.column) for p in error.problems}
    assert found == {
        ("cashflow.month_outside", 9, "månad"),
        ("cashflow.only_grants", 2, "fördröjning"),
    }
    assert error.message("sv").startswith("2 problem hittades:")
    assert "month 30 is outside the budget, which has months 1–24" in error.message("en")


def test_misspelled_sheet_is_reported(granbacka_bytes):
    def rename(wb):
        wb["likviditet"].title = "likviditett"

    error = read_error(edited(granbacka_bytes, rename))
    assert error.problems[0].code == "sheet.misspelled"


def test_the_cashflow_sheets_are_in_the_sheet_list_and_documented():
    assert CASHFLOW in SHEETS and CASHFLOW_BUDGET in SHEETS
    assert (CASHFLOW.name, CASHFLOW.alias) == ("likviditet", "cashflow")
    assert [c.alias for c in CASHFLOW.columns] == [
        "kind", "description", "amount", "pattern", "amounts", "month", "end_month",
        "payment", "every", "delay", "withheld",
    ]  # fmt: skip
