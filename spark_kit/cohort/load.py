"""Loading a cohort: a folder (or a set of uploads) of assessment workbooks.

Every workbook is read with :func:`spark_kit.assessment.read_workbook`, so a cohort file is
checked exactly as a single upload is. A file that cannot be used does not stop the rest:

- a workbook that read_workbook refuses is reported by its file name with the
  :class:`~spark_kit.errors.SparkInputError` message (sheet, row, column, value);
- a file that is not ``.xlsx``, an Excel lock file (``~$…``) or a file over the size limit
  (:data:`spark_kit.workbook.safety.MAX_FILE_BYTES`) is skipped, with a note;
- hidden files (``.…``) and sub-folders are passed over silently.

Files are read in name order. A folder of many workbooks is read by a small pool of
processes (one per core, at most four) where the platform can fork; ``workers=1`` reads
them one by one in this process. The result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from spark_kit.assessment import Assessment, read_workbook
from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.i18n import t
from spark_kit.paths import DATA_DIR

#: The synthetic cohort written by ``data/cohort/generate.py`` (SYNTHETIC data).
SYNTHETIC_DIR = DATA_DIR / "cohort" / "workbooks"

#: From this many files on, a folder is read by a process pool (when ``workers`` is None).
PARALLEL_FROM = 12
MAX_WORKERS = 4
SKIPPED_CODES = frozenset({"file.too_large", "cohort.not_xlsx", "cohort.lock_file"})


@dataclass(frozen=True)
class FileIssue:
    """A file of the cohort that was not used: ``skipped`` (not an .xlsx, a lock file, too
    large) or refused by :func:`~spark_kit.assessment.read_workbook` (the problems)."""

    name: str
    problems: tuple[InputProblem, ...]

    @property
    def skipped(self) -> bool:
        return all(p.code in SKIPPED_CODES for p in self.problems)

    def error(self) -> SparkInputError:
        return SparkInputError(list(self.problems))

    def message(self, lang: str | None = None) -> str:
        """``"syntetisk_007.xlsx: Bladet "utfall", rad 3 …"`` in ``lang``."""
        key = "cohort.issue.skipped" if self.skipped else "cohort.issue.unreadable"
        return t(key, lang, name=self.name, message=self.error().message(lang))


@dataclass(frozen=True)
class Cohort:
    """The assessments read, each with the name of its file, and the files not used."""

    assessments: tuple[Assessment, ...] = ()
    files: tuple[str, ...] = ()
    issues: tuple[FileIssue, ...] = ()
    source: str = ""  # the folder read, or "" for uploads and assessments built in memory
    synthetic: bool = field(default=False)  # the kit's synthetic cohort

    def __post_init__(self) -> None:
        if len(self.assessments) != len(self.files):
            raise ValueError("one file name per assessment")

    def __len__(self) -> int:
        return len(self.assessments)

    @property
    def fictional_count(self) -> int:
        """How many of the assessments are marked fictional (example or synthetic data)."""
        return sum(a.profile.fictional for a in self.assessments)

    @classmethod
    def from_assessments(
        cls, assessments: Iterable[Assessment], files: Sequence[str] | None = None
    ) -> Cohort:
        """A cohort of assessments built in memory (named ``1``, ``2``, … unless given)."""
        assessments = tuple(assessments)
        names = (
            tuple(files)
            if files is not None
            else tuple(str(i) for i in range(1, len(assessments) + 1))
        )
        return cls(assessments=assessments, files=names)


def _read(source: str | bytes) -> tuple[Assessment | None, tuple[InputProblem, ...]]:
    """One workbook, or the problems that stopped it (picklable, for the process pool)."""
    try:
        return read_workbook(source), ()
    except SparkInputError as error:
        return None, tuple(error.problems)
    except OSError as error:  # unreadable file: permissions, a device error …
        reason = error.strerror or type(error).__name__
        return None, (InputProblem("cohort.os_error", params={"reason": reason}),)


def _precheck(name: str) -> InputProblem | None:
    if name.startswith("~$"):
        return InputProblem("cohort.lock_file")
    if not name.lower().endswith(".xlsx"):
        return InputProblem("cohort.not_xlsx")
    return None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _workers(count: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, int(workers))
    if count < PARALLEL_FROM or not _can_fork():
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS, count))


def _read_all(paths: list[str], workers: int) -> list[tuple[Assessment | None, tuple]]:
    if workers > 1 and _can_fork():
        chunk = max(1, len(paths) // (workers * 4))
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                return list(pool.map(_read, paths, chunksize=chunk))
        except (BrokenProcessPool, OSError):  # no processes here: read them one by one
            pass
    return [_read(path) for path in paths]


def _collect(
    names: list[str], results: list[tuple[Assessment | None, tuple]], issues: list[FileIssue]
) -> tuple[tuple[Assessment, ...], tuple[str, ...]]:
    assessments, files = [], []
    for name, (assessment, problems) in zip(names, results, strict=True):
        if assessment is None:
            issues.append(FileIssue(name, problems))
        else:
            assessments.append(assessment)
            files.append(name)
    return tuple(assessments), tuple(files)


def load_folder(folder: str | Path = SYNTHETIC_DIR, *, workers: int | None = None) -> Cohort:
    """Read every ``.xlsx`` workbook in ``folder`` (not its sub-folders).

    ``workers``: processes reading in parallel; None chooses (one per core, at most
    :data:`MAX_WORKERS`, for :data:`PARALLEL_FROM` files or more where processes can be
    forked), 1 reads in this process. Raises :class:`SparkInputError` when ``folder`` is
    not a folder; problems with single files are in :attr:`Cohort.issues`.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise SparkInputError(InputProblem("cohort.no_folder", params={"path": str(folder)}))
    issues: list[FileIssue] = []
    names: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or not entry.is_file():
            continue
        problem = _precheck(entry.name)
        if problem is not None:
            issues.append(FileIssue(entry.name, (problem,)))
        else:
            names.append(entry.name)
    paths = [str(folder / name) for name in names]
    results = _read_all(paths, _workers(len(paths), workers))
    assessments, files = _collect(names, results, issues)
    issues.sort(key=lambda issue: issue.name)
    synthetic = folder.resolve() == SYNTHETIC_DIR.resolve()
    return Cohort(assessments, files, tuple(issues), str(folder), synthetic)


def load_files(files: Iterable[tuple[str, bytes]]) -> Cohort:
    """Read uploaded workbooks, each given as ``(file name, bytes)``, in the order given."""
    issues: list[FileIssue] = []
    names: list[str] = []
    results = []
    for name, data in files:
        problem = _precheck(name)
        if problem is not None:
            issues.append(FileIssue(name, (problem,)))
            continue
        names.append(name)
        results.append(_read(bytes(data)))
    assessments, kept = _collect(names, results, issues)
    return Cohort(assessments, kept, tuple(issues))


__all__ = [
    "PARALLEL_FROM",
    "SYNTHETIC_DIR",
    "Cohort",
    "FileIssue",
    "load_files",
    "load_folder",
]
