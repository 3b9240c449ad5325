"""The spark-kit command: help, version, template, usage errors in the chosen language."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from spark_kit import __version__
from spark_kit.assessment import blank_assessment, load_example, read_workbook
from spark_kit.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "spark_kit.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_version_and_help():
    assert run("--version").stdout.strip() == f"spark-kit {__version__}"
    assert "starta appgalleriet" in run("--help").stdout
    assert "start the app gallery" in run("--lang", "en", "--help").stdout


def test_template_writes_blank_and_example_workbooks(tmp_path, capsys):
    assert main(["template", str(tmp_path / "mapp")]) == 0
    assert read_workbook(tmp_path / "mapp" / "bedomning_tom.xlsx") == blank_assessment()
    example = read_workbook(tmp_path / "mapp" / "exempel_granbacka_byakooperativ.xlsx")
    assert example == load_example() and example.profile.fictional
    assert "Skrev" in capsys.readouterr().out


def test_template_will_not_overwrite_without_force(tmp_path, capsys):
    assert main(["template", str(tmp_path)]) == 0
    assert main(["--lang", "en", "template", str(tmp_path)]) == 2
    assert "already exist" in capsys.readouterr().err
    assert main(["template", str(tmp_path), "--force"]) == 0


def test_usage_errors_exit_2_in_the_chosen_language():
    result = run("--lang", "en", "start", "--port", "inte-ett-tal")
    assert result.returncode == 2 and "spark-kit start: error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert "fel:" in run("start", "--port", "x").stderr


def test_start_refuses_a_busy_port_with_a_clear_message(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["start", "--no-browser", "--port", str(port)]) == 2
    assert f"Porten {port} går inte att använda" in capsys.readouterr().err


@pytest.mark.parametrize("lang, words", [("sv", "Kan inte skriva i"), ("en", "Cannot write to")])
def test_template_into_an_unwritable_place_is_a_message(tmp_path, lang, words, capsys):
    blocker = tmp_path / "fil"
    blocker.write_text("x")  # a file where the folder should be
    assert main(["--lang", lang, "template", str(blocker / "under")]) == 2
    assert words in capsys.readouterr().err
