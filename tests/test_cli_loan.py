"""``spark-kit loan``: the reference's loan test vectors through the command, its JSON keys,
and clear messages (exit status 2, no traceback) for bad input in Swedish and English.

Sources: financing.md §2.2 (Compricer test vector A, mystep test vector B), §2.3 (Compricer
effective rate), §2.1 (numpy-financial's pmt example).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from spark_kit.cli import main

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _swedish_by_default(monkeypatch):
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


def loan_json(capsys, *args: str) -> dict:
    assert main(["loan", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def loan_error(capsys, *args: str) -> str:
    assert main(["loan", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    return captured.err


def test_compricer_annuity_json(capsys):
    # Source: compricer.se (financing.md §2.2, test vector A).
    data = loan_json(capsys, "--amount", "40000", "--rate", "6%", "--years", "5")
    assert data["payment"] == 773.31
    assert data["total_interest"] == 6398.72
    assert data["schedule"][0] == {
        "period": 1,
        "payment": 773.31,
        "interest": 200.0,
        "amortisation": 573.31,
        "fee": 0.0,
        "balance": 39426.69,
    }
    assert len(data["schedule"]) == 60 and data["schedule"][-1]["balance"] == 0
    assert data["total_fees"] == 0 and data["total_paid"] == 46398.72


def test_compricer_straight_line_json(capsys):
    # Source: compricer.se (financing.md §2.2, test vector A).
    data = loan_json(
        capsys, "--amount", "40000", "--rate", "0.06", "--years", "5", "--method", "straight"
    )
    assert data["payment"] == 866.67
    assert data["schedule"][-1]["payment"] == 670.00
    assert data["total_interest"] == 6100.00


def test_mystep_annuity_json(capsys):
    # Source: mystep.se/lanekalkylator (financing.md §2.2, test vector B): 859.29.
    data = loan_json(capsys, "--amount", "10000", "--rate", "5.70%", "--years", "1")
    assert data["payment"] == 859.29


def test_compricer_effective_rate_json(capsys):
    # Source: compricer.se (financing.md §2.3): 18.37 % nominal ≈ 20 % effective (0.19998).
    data = loan_json(capsys, "--amount", "10000", "--rate", "18,37 %", "--years", "1")
    assert round(data["effective_annual_rate"], 5) == 0.19998
    assert data["schedule"][0]["interest"] == 153.08


def test_pmt_documentation_vector_json(capsys):
    # Source: numpy-financial pmt docstring (financing.md §2.1): 1854.02.
    data = loan_json(capsys, "--amount", "200000", "--rate", "7.5%", "--years", "15")
    assert data["payment"] == 1854.02 and len(data["schedule"]) == 180


def test_fees_grace_and_quarterly(capsys):
    data = loan_json(
        capsys, "--amount", "250 000", "--rate", "8%", "--years", "6", "--payments-per-year",
        "4", "--grace-months", "12", "--setup-fee", "500", "--period-fee", "30",
    )  # fmt: skip
    assert len(data["schedule"]) == 24
    assert [row["amortisation"] for row in data["schedule"][:4]] == [0.0] * 4
    assert data["schedule"][0]["interest"] == 5000.0
    assert data["total_fees"] == 500 + 24 * 30
    assert data["effective_annual_rate"] > (1 + 0.08 / 4) ** 4 - 1
    assert data["payment"] == round(data["schedule"][4]["payment"], 2)


def test_table_in_swedish_and_english(capsys):
    assert main(["loan", "--amount", "40000", "--rate", "6%", "--years", "5"]) == 0
    out = capsys.readouterr().out
    assert "Betalningsplan" in out and f"773,31{NBSP}kr" in out and "Effektiv ränta" in out
    assert f"6{NBSP}398,72{NBSP}kr" in out
    assert main(["loan", "--amount", "40000", "--rate", "6%", "--years", "5", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Payment plan" in out and "Effective annual rate" in out and "773.31" in out


BASE = {"--amount": "40000", "--rate": "6%", "--years": "5"}


@pytest.mark.parametrize(
    ("option", "value", "sv_words", "en_words"),
    [
        ("--amount", "-5", "Lånebeloppet", "loan amount"),
        ("--amount", "0", "större än 0", "greater than 0"),
        ("--amount", "mycket", "inte ett tal", "not a number"),
        ("--rate", "550%", "orimlig", "not plausible"),
        ("--rate", "5.5", "procenttecken", "per cent sign"),
        ("--rate", "-5%", "negativ", "negative"),
        ("--years", "0", "Löptiden", "term"),
        ("--years", "tre", "inte ett tal", "not a number"),
        ("--payments-per-year", "5", "1, 4, 12", "1, 4, 12"),
        ("--grace-months", "60", "löptid", "term"),
        ("--grace-months", "2.5", "helt tal", "whole number"),
        ("--setup-fee", "-100", "negativ", "negative"),
        ("--setup-fee", "40000", "inte få ut", "receive nothing"),
        ("--period-fee", "tio", "inte ett tal", "not a number"),
        ("--method", "serie", "amorteringsform", "repayment method"),
    ],
)
def test_bad_input_names_option_and_value(capsys, option, value, sv_words, en_words):
    args = {**BASE, option: value}
    flat = [f"{k}={v}" for k, v in args.items()]
    for lang, words in (("sv", sv_words), ("en", en_words)):
        message = loan_error(capsys, *flat, "--lang", lang)
        assert message.startswith(f"{option}: ") and value in message and words in message, message


def test_several_problems_at_once(capsys):
    message = loan_error(capsys, "--amount=-5", "--rate=550%", "--years=0", "--payments-per-year=5")
    assert message.startswith("4 problem hittades:")
    for option in ("--amount", "--rate", "--years", "--payments-per-year"):
        assert f"- {option}: " in message


def test_missing_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["loan", "--amount", "1000", "--rate", "5%"])
    assert caught.value.code == 2
    assert "--years" in capsys.readouterr().err


def test_command_line_exit_status_and_no_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "spark_kit.cli", "loan", "--amount", "1000", "--rate", "5.5",
         "--years", "1", "--lang", "en"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.startswith("--rate: ")
