"""Texts in Swedish and English, and number, money, percent and date formatting.

Expected strings for Swedish formatting come from the Babel 2.19.0 facts in
/work/shared/reference/jupyter-stack.md §6.2 (tested there): Babel writes the group
separator and the space before "kr" and "%" as no-break spaces (U+00A0), so the expected
values below are written with ``\\u00a0``, never with an ASCII space.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import spark_kit
from spark_kit.i18n import (
    DEFAULT_LANG,
    LANGUAGES,
    format_date,
    format_money,
    format_number,
    format_percent,
    money_axis,
    number_formatter,
    resolve_lang,
    t,
)
from spark_kit.i18n.messages import MESSAGES, load_catalogue
from spark_kit.impact.logic_model import AssumptionKind, Horizon, Level, StakeholderKind

NBSP = "\u00a0"
PACKAGE_DIR = Path(spark_kit.__file__).parent


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch):
    """Each test starts without SPARK_KIT_LANG, whatever the shell running pytest has."""
    monkeypatch.delenv("SPARK_KIT_LANG", raising=False)


# --- resolve_lang: argument, then SPARK_KIT_LANG, then Swedish ---------------------------


def test_default_language_is_swedish():
    assert DEFAULT_LANG == "sv"
    assert resolve_lang() == "sv"
    assert resolve_lang(None) == "sv"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_argument_is_used(lang):
    assert resolve_lang(lang) == lang


def test_environment_variable_is_used_without_argument(monkeypatch):
    monkeypatch.setenv("SPARK_KIT_LANG", "en")
    assert resolve_lang() == "en"
    assert resolve_lang(None) == "en"


def test_argument_wins_over_environment(monkeypatch):
    monkeypatch.setenv("SPARK_KIT_LANG", "en")
    assert resolve_lang("sv") == "sv"
    monkeypatch.setenv("SPARK_KIT_LANG", "sv")
    assert resolve_lang("en") == "en"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("EN", "en"), (" en ", "en"), ("en_GB", "en"), ("en-US", "en"), ("sv_SE", "sv"), ("SV", "sv")],
)
def test_case_spaces_and_region_are_ignored(given, expected):
    assert resolve_lang(given) == expected


@pytest.mark.parametrize("junk", ["", "  ", "fr", "de_DE", "xx", "1", "🙂"])
def test_junk_argument_falls_back_to_environment_then_swedish(monkeypatch, junk):
    assert resolve_lang(junk) == "sv"
    monkeypatch.setenv("SPARK_KIT_LANG", "en")
    assert resolve_lang(junk) == "en"


@pytest.mark.parametrize("junk", ["", "fr", "klingon", "C.UTF-8"])
def test_junk_environment_falls_back_to_swedish(monkeypatch, junk):
    monkeypatch.setenv("SPARK_KIT_LANG", junk)
    assert resolve_lang() == "sv"
    assert resolve_lang("en") == "en"


# --- t: looking texts up --------------------------------------------------------------


def test_t_fills_in_fields_in_the_chosen_language():
    assert t("loc.row", "sv", row=7) == "rad 7"
    assert t("loc.row", "en", row=7) == "row 7"


def test_t_follows_the_environment_when_no_language_is_given(monkeypatch):
    monkeypatch.setenv("SPARK_KIT_LANG", "en")
    assert t("file.empty") == "The file is empty."
    monkeypatch.delenv("SPARK_KIT_LANG")
    assert t("file.empty") == "Filen är tom."


def test_t_unknown_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        t("no.such.key", "sv")


# --- the message catalogue ------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_catalogue_is_not_empty():
    assert len(MESSAGES) > 20


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_swedish_and_english(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    for lang in LANGUAGES:
        assert isinstance(entry[lang], str), f"{key}/{lang} is not text"
        assert entry[lang].strip(), f"{key}/{lang} is empty"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_have_the_same_placeholders(key):
    entry = MESSAGES[key]
    assert _fields(entry["sv"]) == _fields(entry["en"]), key


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_can_be_filled_in(key):
    fields = {name: f"<{name}>" for name in _fields(MESSAGES[key]["sv"])}
    for lang in LANGUAGES:
        text = t(key, lang, **fields)
        assert "{" not in text and "}" not in text, f"{key}/{lang}: {text}"
        for value in fields.values():
            assert value in text


def test_a_key_defined_twice_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("x.one: {sv: ett, en: one}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("x.one: {sv: ett igen, en: one again}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.one"):
        load_catalogue(tmp_path)


def test_catalogue_merges_every_file(tmp_path):
    (tmp_path / "a.yaml").write_text("x.one: {sv: ett, en: one}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("x.two: {sv: två, en: two}\n", encoding="utf-8")
    assert load_catalogue(tmp_path) == {
        "x.one": {"sv": "ett", "en": "one"},
        "x.two": {"sv": "två", "en": "two"},
    }


@pytest.mark.parametrize(
    ("prefix", "enum"),
    [
        ("level", Level),
        ("horizon", Horizon),
        ("stakeholder_kind", StakeholderKind),
        ("assumption_kind", AssumptionKind),
    ],
)
def test_every_choice_has_a_label(prefix, enum):
    for member in enum:
        assert f"{prefix}.{member.value}" in MESSAGES


def test_level_labels_differ_by_language():
    assert Level.OUTPUT.label("sv") == "Prestationer"
    assert Level.OUTPUT.label("en") == "Outputs"


# Modules whose message keys this file vouches for (others are checked by their own tests).
_KEY_SOURCES = [
    "errors.py",
    "assessment.py",
    "impact/logic_model.py",
    "impact/red_thread.py",
    "workbook/cells.py",
    "workbook/reader.py",
    "workbook/safety.py",
]
_KEY_USE = re.compile(r'\b(?:t|InputProblem|CellError|Finding|finding)\(\s*"([a-z_]+\.[a-z_.]+)"')


def test_every_key_used_by_the_input_and_logic_code_exists():
    used = set()
    for name in _KEY_SOURCES:
        used |= set(_KEY_USE.findall((PACKAGE_DIR / name).read_text(encoding="utf-8")))
    # Keys built with f-strings: red_thread's "thread.no_{level}" for the levels it checks.
    used |= {f"thread.no_{level.value}" for level in (Level.ACTIVITY, Level.IMPACT)}
    assert len(used) > 30  # the pattern really found the keys
    assert sorted(used - set(MESSAGES)) == []


# --- formatting (expected values: jupyter-stack.md §6.2) ---------------------------------


def test_money_swedish():
    # Source: /work/shared/reference/jupyter-stack.md §6.2 (Babel 2.19.0, tested):
    # format_currency(1234.5, "SEK", locale="sv_SE") == '1\xa0234,50\xa0kr'
    assert format_money(1234.5, "sv") == "1\u00a0234,50\u00a0kr"


def test_money_swedish_is_the_default(monkeypatch):
    assert format_money(1234.5) == "1\u00a0234,50\u00a0kr"
    monkeypatch.setenv("SPARK_KIT_LANG", "en")
    assert format_money(1234.5) == format_money(1234.5, "en")


def test_money_english_uses_point_and_comma():
    text = format_money(1234.5, "en")
    assert "1,234.50" in text
    assert "SEK" in text
    assert "kr" not in text


def test_money_negative():
    # §6.2: Babel 2.19.0 writes an ASCII hyphen-minus for negatives although the sv_SE
    # minus symbol is U+2212; this pins that, as the reference advises.
    assert format_money(-1234.5, "sv") == "-1\u00a0234,50\u00a0kr"
    assert format_money(-1234.5, "en").startswith("-")
    assert "1,234.50" in format_money(-1234.5, "en")


def test_money_whole_kronor():
    assert format_money(1234.5, "sv", decimals=0) in ("1\u00a0234\u00a0kr", "1\u00a0235\u00a0kr")
    assert format_money(200000, "sv", decimals=0) == "200\u00a0000\u00a0kr"
    assert format_money(1234.25, "sv", decimals=1) == "1\u00a0234,2\u00a0kr"


def test_money_has_no_ascii_space_in_swedish():
    assert " " not in format_money(1234567.5, "sv")
    assert format_money(1234567.5, "sv").count(NBSP) == 3


def test_percent():
    # §6.2: format_percent(0.256, locale="sv_SE") == '26\xa0%'
    assert format_percent(0.256, "sv") == "26\u00a0%"
    assert format_percent(0.256, "en") == "26%"
    assert format_percent(0.256, "sv", decimals=1) == "25,6\u00a0%"
    assert format_percent(0.256, "en", decimals=1) == "25.6%"
    assert format_percent(1.5, "sv") == "150\u00a0%"


def test_number():
    # §6.2: format_decimal(1234.5, locale="sv_SE") == '1\xa0234,5' and
    # format_decimal(1234567.891, locale="sv_SE") == '1\xa0234\xa0567,891'
    assert format_number(1234.5, "sv") == "1\u00a0234,5"
    assert format_number(1234567.891, "sv") == "1\u00a0234\u00a0567,891"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "sv", decimals=2) == "1\u00a0234,50"
    assert format_number(1234.4, "sv", decimals=0) == "1\u00a0234"
    assert format_number(0, "sv") == "0"


def test_date():
    # §6.2: format_date(date(2026, 11, 27), format="long", locale="sv_SE") == '27 november 2026'
    day = dt.date(2026, 11, 27)
    assert format_date(day, "sv") == "27 november 2026"
    assert format_date(day, "en") == "27 November 2026"
    assert format_date(day, "sv", style="short") == "2026-11-27"


# --- matplotlib tick formatting on a real (Agg) axis --------------------------------------


def _tick_labels(axis_name: str, setup) -> list[str]:
    fig = Figure()
    FigureCanvasAgg(fig)  # the Agg backend, without touching pyplot's global state
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 600_000])
    ax.set_ylim(0, 600_000)
    ax.set_yticks([0, 200_000, 400_000, 600_000])
    ax.set_xticks([0, 0.5, 1])
    setup(ax)
    fig.canvas.draw()
    labels = ax.get_yticklabels() if axis_name == "y" else ax.get_xticklabels()
    return [label.get_text() for label in labels]


def test_money_axis_swedish():
    labels = _tick_labels("y", lambda ax: money_axis(ax.yaxis, "sv"))
    assert labels == [
        "0\u00a0kr",
        "200\u00a0000\u00a0kr",
        "400\u00a0000\u00a0kr",
        "600\u00a0000\u00a0kr",
    ]


def test_money_axis_english():
    labels = _tick_labels("y", lambda ax: money_axis(ax.yaxis, "en"))
    assert labels[1] == "200,000\u00a0SEK"


def test_number_formatter_on_an_axis():
    labels = _tick_labels(
        "x", lambda ax: ax.xaxis.set_major_formatter(number_formatter("sv", " st", decimals=1))
    )
    assert labels == ["0,0 st", "0,5 st", "1,0 st"]


def test_number_formatter_called_directly():
    formatter = number_formatter("sv")
    assert formatter(1_234_567, 0) == "1\u00a0234\u00a0567"
    assert number_formatter("en", suffix=" h")(1500, 0) == "1,500 h"
