"""``spark-kit cohort FOLDER [-o cohort.xlsx] [--program program.yaml] [--lang sv|en]``.

Reads every workbook in FOLDER, prints the program's figures (enterprises reached by
municipality, legal form and sector; indicator status; aggregated SROI; financing
mobilised; the program's own indicators) and, with ``-o``, writes them to an Excel file.
Files that could not be used are listed on standard error, each by name with its message.

Exit status: 0 when at least one workbook was read (even if some files were not used);
2 when FOLDER is not a folder, no workbook in it could be read, a settings file is bad or
the output cannot be written.

The program's settings (meetups held, targets) come from ``--program``; for the kit's own
synthetic cohort, from its synthetic ``data/cohort/program.yaml``; otherwise there are none
(meetups held and targets are then shown as "–").

This module imports only argparse and the texts at import time, so ``spark-kit`` starts as
fast as before; the work is imported when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spark_kit.i18n import resolve_lang, t

EXIT_USAGE = 2


def add_parser(subparsers, lang: str = "sv") -> argparse.ArgumentParser:
    """Add the ``cohort`` command to ``spark-kit``'s sub-parsers (texts in ``lang``)."""
    parser = subparsers.add_parser("cohort", help=t("cohort.cli.help", lang))
    parser.add_argument("folder", metavar="FOLDER", type=Path, help=t("cohort.cli.folder", lang))
    parser.add_argument(
        "-o", "--output", metavar="XLSX", type=Path, help=t("cohort.cli.output", lang)
    )
    parser.add_argument("--program", metavar="YAML", type=Path, help=t("cohort.cli.program", lang))
    parser.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))
    return parser


def _columns(frame, text_columns: int = 1) -> list[str]:
    """A table as text lines: the first ``text_columns`` columns left-aligned, the others
    (numbers) right-aligned."""
    rows = [[str(c) for c in frame.columns]]
    rows += [[str(v) for v in row] for row in frame.itertuples(index=False)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if index < text_columns else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def report_text(figures, program, lang: str | None = None) -> str:
    """The figures as plain text (numbers and money through Babel)."""
    from spark_kit.cohort import tables
    from spark_kit.cohort.aggregate import DIMENSIONS

    lang = resolve_lang(lang)
    cohort = figures.cohort
    lines = [t("cohort.title", lang)]
    if cohort.synthetic:
        lines.append(t("cohort.synthetic_note", lang))
    elif cohort.fictional_count:
        lines.append(t("cohort.fictional_note", lang, count=cohort.fictional_count))
    lines.append(t("cohort.export.counts", lang, read=len(cohort), issues=len(cohort.issues)))
    for dimension in DIMENSIONS:
        lines += ["", t(f"cohort.heading.by_{dimension}", lang)]
        lines += _columns(tables.counts_table(figures.counts[dimension], dimension, lang))
    sections = (
        ("cohort.heading.status", tables.status_table(figures.status, lang), 1),
        ("cohort.heading.sroi", tables.sroi_table(figures.sroi, lang), 1),
        ("cohort.heading.financing", tables.financing_table(figures.financing, lang), 1),
        ("cohort.heading.program", tables.program_table(program, lang), 3),
    )
    for key, frame, text_columns in sections:
        lines += ["", t(key, lang)]
        lines += _columns(frame, text_columns)
    return "\n".join(lines)


def run(args: argparse.Namespace, lang: str | None = None) -> int:
    """Run the command for parsed ``args``; returns the exit status."""
    from spark_kit.cohort.aggregate import summarise
    from spark_kit.cohort.load import load_folder
    from spark_kit.cohort.program_logic import (
        PROGRAM_FILE,
        ProgramSettings,
        load_program,
        program_indicators,
    )
    from spark_kit.errors import SparkInputError

    lang = resolve_lang(getattr(args, "lang", None) or lang)
    try:
        cohort = load_folder(args.folder)
        if args.program is not None:
            settings = load_program(args.program)
        elif cohort.synthetic:
            settings = load_program(PROGRAM_FILE)
        else:
            settings = ProgramSettings()
    except SparkInputError as error:
        print(error.message(lang), file=sys.stderr)
        return EXIT_USAGE
    for issue in cohort.issues:
        print(issue.message(lang), file=sys.stderr)
    if not len(cohort):
        print(t("cohort.cli.nothing_read", lang, folder=str(args.folder)), file=sys.stderr)
        return EXIT_USAGE
    figures = summarise(cohort)
    program = program_indicators(figures, settings, lang)
    print(report_text(figures, program, lang))
    if args.output is not None:
        from spark_kit.cohort.export import cohort_workbook_bytes

        data = cohort_workbook_bytes(figures, program, lang)
        try:
            args.output.write_bytes(data)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            print(
                t("cli.cannot_write", lang, path=str(args.output), reason=reason), file=sys.stderr
            )
            return EXIT_USAGE
        print(t("cli.wrote", lang, path=str(args.output)))
    return 0
