"""Write the workbooks that the book offers for download (book/anvand_boken.md).

They are the files that ``spark-kit template DIR`` writes: a blank workbook and the two
fictional examples. The book links them with ``{download}`` roles, so they are committed next
to this script. After a change to the workbook (its sheets, columns or the examples), write them
again with

    .venv/bin/python book/mallar/make.py

``tests/test_book.py`` writes the same files with ``spark-kit template`` and fails, naming the
sheet and cell, if the committed files differ from what the code writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spark_kit.cli import main

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.exit(main(["template", str(HERE), "--force", "--lang", "sv"]))
