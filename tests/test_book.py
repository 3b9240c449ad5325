"""The book builds with warnings as errors, executing every notebook (as CI does)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spark_kit.paths import REPO_ROOT


@pytest.mark.book
def test_book_builds_without_warnings(tmp_path):
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    assert jupyter_book.exists(), "install the book extra: pip install -e '.[book]'"
    out = tmp_path / "bok"
    result = subprocess.run(
        [
            str(jupyter_book),
            "build",
            str(REPO_ROOT),
            "-W",
            "-n",
            "--keep-going",
            "--path-output",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    log = result.stdout[-4000:] + result.stderr[-4000:]
    assert result.returncode == 0, log
    html = out / "_build" / "html"
    assert (html / "index.html").exists()  # JB2 would exit 0 with no output at all
    intro = (html / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'lang="sv"' in intro and "Visa cellens" not in intro
    chapter = (html / "notebooks" / "01_effektlogik.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in chapter  # the app widget is embedded
    assert "<img" in chapter and 'alt=""' not in chapter
    assert "Visa cellens" in chapter  # hidden-input toggles speak Swedish
    for page in ("arbetsboken", "ordlista", "kallor"):
        assert (html / "book" / f"{page}.html").exists()
    shutil.rmtree(out, ignore_errors=True)
