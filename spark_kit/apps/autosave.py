"""Autosave: every change to a visitor's assessment is written to that visitor's own file.

A visitor is known by a key of 128 random bits that the gallery server gives their browser
once, in an HttpOnly cookie (:func:`on_visitor_key`); the kernel never lists keys.
The file's name is a hash of the key, so knowing where the files are does not reveal whose
they are, and nobody can open another visitor's work without their key. The saved form is
the assessment as JSON (exact, and quick enough to write on every edit); one file per
visitor, shared by all the apps, so work started in one app continues in the next.

The folder is ``$SPARK_KIT_AUTOSAVE_DIR`` or ``~/.local/share/spark-kit/autosave``; files
untouched for :data:`KEEP_DAYS` days are removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from spark_kit.assessment import Assessment

KEEP_DAYS = 30
KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")
VISITOR_HEADER = "X-Spark-Visitor"
VISITOR_ENV = "HTTP_X_SPARK_VISITOR"  # how Voilà passes the header to the kernel


def default_folder() -> Path:
    configured = os.environ.get("SPARK_KIT_AUTOSAVE_DIR")
    if configured:
        return Path(configured)
    return Path.home() / ".local" / "share" / "spark-kit" / "autosave"


@dataclass(frozen=True)
class Saved:
    assessment: Assessment
    saved_at: datetime


class AutosaveStore:
    """The visitors' autosaved assessments in one folder."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()

    def path(self, key: str) -> Path:
        if not KEY_PATTERN.fullmatch(key or ""):
            raise ValueError("not a visitor key")
        digest = hashlib.sha256(key.encode("ascii")).hexdigest()
        return self.folder / f"{digest}.json"

    def save(self, key: str, assessment: Assessment) -> datetime:
        """Write atomically (a half-written file is never read back); returns the time."""
        path = self.path(key)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(assessment.model_dump_json(), encoding="utf-8")
        os.replace(partial, path)
        return datetime.fromtimestamp(path.stat().st_mtime)

    def load(self, key: str) -> Saved | None:
        """The visitor's saved assessment, or None (none saved, or unreadable)."""
        try:
            path = self.path(key)
            text = path.read_text(encoding="utf-8")
            assessment = Assessment.model_validate_json(text)
        except (OSError, ValueError, ValidationError):
            return None
        return Saved(assessment, datetime.fromtimestamp(path.stat().st_mtime))

    def discard(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def purge(self, keep_days: float = KEEP_DAYS) -> int:
        """Remove autosaves older than ``keep_days``; returns how many."""
        if not self.folder.is_dir():
            return 0
        limit = time.time() - keep_days * 86_400
        removed = 0
        for path in self.folder.glob("*.json"):
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def on_visitor_key(callback: Callable[[str], None]) -> None:
    """Call ``callback(key)`` with this page's visitor key, if the page has one.

    The gallery server (:mod:`spark_kit.serve`) gives every browser a key in an HttpOnly
    cookie, and Voilà starts each page's kernel with it as ``HTTP_X_SPARK_VISITOR``. Outside
    the gallery (a notebook in JupyterLab) there is no key and no autosave: the notebook
    itself is the saved work. (A kernel started before its page was asked for cannot know
    the key at start; the gallery therefore starts kernels per page.)
    """
    key = os.environ.get(VISITOR_ENV, "")
    if key:
        callback(key)
