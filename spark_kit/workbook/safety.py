"""Opening an uploaded workbook safely.

Limits: the file (10 MB) and its unpacked size (100 MB, and at most 100 times the packed
size, against zip bombs). Macro-enabled files are refused. Formulas are never evaluated
(only the values Excel saved are read), external links are not followed, and XML is
parsed with defusedxml (which openpyxl uses when it is installed, a dependency here) or,
for the worksheets, with expat under defusedxml's rules (:mod:`spark_kit.workbook.xlsx`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from spark_kit.errors import InputProblem, SparkInputError
from spark_kit.workbook.xlsx import Book

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def read_bytes(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    path = Path(source)
    if not path.is_file():
        raise SparkInputError(InputProblem("file.not_found", params={"path": str(path)}))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise SparkInputError(_too_large(path.stat().st_size))
    return path.read_bytes()


def _too_large(size: int) -> InputProblem:
    return InputProblem(
        "file.too_large", params={"size": _size(size), "limit": _size(MAX_FILE_BYTES)}
    )


def _unsafe(reason: str) -> SparkInputError:
    return SparkInputError(InputProblem("file.unsafe", params={"reason": reason}))


def open_workbook(data: bytes) -> Book:
    """The workbook (values only) in the bytes of an .xlsx file, or SparkInputError.

    Its ``worksheets`` give their rows as openpyxl's read-only worksheets do
    (:class:`spark_kit.workbook.xlsx.Book`); close it with ``close()``.
    """
    if not data:
        raise SparkInputError(InputProblem("file.empty"))
    if len(data) > MAX_FILE_BYTES:
        raise SparkInputError(_too_large(len(data)))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SparkInputError(InputProblem("file.not_xlsx"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SparkInputError(InputProblem("file.not_xlsx")) from exc
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise SparkInputError(InputProblem("file.not_xlsx"))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise _unsafe("macros / makron")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        raise _unsafe(f"zip: {_size(unpacked)} unpacked / uppackad")
    with parsing():
        return Book(data)


@contextmanager
def parsing() -> Iterator[None]:
    """Turn a failure while the file is parsed into SparkInputError.

    A worksheet's XML is parsed while its rows are read: the reader guards that too.
    openpyxl wraps defusedxml's refusal in a ValueError, so the whole chain of causes is
    searched for it.
    """
    try:
        yield
    except SparkInputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        if any(_is_defused(cause) for cause in _causes(exc)):
            raise _unsafe("XML entities / XML-entiteter") from exc
        raise SparkInputError(InputProblem("file.not_xlsx")) from exc


def _causes(exc: BaseException | None) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _is_defused(exc: BaseException) -> bool:
    return "defused" in type(exc).__module__ or "Entit" in type(exc).__name__
