"""The ``spark-kit`` command: start the app gallery, write workbook templates, calculate an
assessment workbook's SROI, write its report, work out a loan's payment plan, build the book.

Exit status: 0 on success, 2 on bad input or usage (with a message in the chosen
language, never a traceback), 1 when a tool it runs fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

from spark_kit import __version__
from spark_kit.cohort import cli as cohort_cli
from spark_kit.errors import SparkInputError
from spark_kit.i18n import format_money, format_number, format_percent, resolve_lang, t
from spark_kit.paths import REPO_ROOT
from spark_kit.workbook import cells
from spark_kit.workbook.cells import share_decimals
from spark_kit.workbook.schema import SETTINGS

EXIT_USAGE = 2
EXAMPLES = ("granbacka_byakooperativ", "myrbacka_arbetskooperativ")  # written by `template`


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors reported in the chosen language and exit status 2."""

    lang = "sv"

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USAGE, t("cli.usage_error", self.lang, prog=self.prog, message=message) + "\n"
        )


def build_parser(lang: str) -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(prog="spark-kit", description=t("cli.description", lang))
    parser.add_argument("--version", action="version", version=f"spark-kit {__version__}")
    parser.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))
    commands = parser.add_subparsers(
        dest="command", metavar="KOMMANDO" if lang == "sv" else "COMMAND"
    )

    start = commands.add_parser("start", help=t("cli.help.start", lang))
    start.add_argument("--port", type=int, default=8866, help=t("cli.help.port", lang))
    start.add_argument("--lan", action="store_true", help=t("cli.help.lan", lang))
    start.add_argument("--no-browser", action="store_true", help=t("cli.help.no_browser", lang))
    start.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))

    template = commands.add_parser("template", help=t("sroi_cli.help.template", lang))
    template.add_argument("directory", metavar="DIR", type=Path)
    template.add_argument("--force", action="store_true", help=t("cli.help.force", lang))
    template.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))

    sroi = commands.add_parser("sroi", help=t("sroi_cli.help.sroi", lang))
    sroi.add_argument(
        "workbook", metavar="WORKBOOK", type=Path, help=t("sroi_cli.help.workbook", lang)
    )
    sroi.add_argument(
        "--discount-rate",
        metavar="R",
        type=_setting("discount_rate"),
        help=t("sroi_cli.help.discount_rate", lang).replace("%", "%%"),  # argparse formats help
    )
    sroi.add_argument(
        "--dropoff-start",
        metavar="year1|year2",
        type=_setting("dropoff_start"),
        help=t("sroi_cli.help.dropoff_start", lang),
    )
    sroi.add_argument(
        "--discount-first-year",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=t("sroi_cli.help.discount_first_year", lang),
    )
    sroi.add_argument(
        "--filters",
        metavar="multiplicative|additive",
        type=_setting("filters"),
        help=t("sroi_cli.help.filters", lang),
    )
    sroi.add_argument(
        "--format", choices=["table", "json"], default="table", help=t("sroi_cli.help.format", lang)
    )
    sroi.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))

    report = commands.add_parser("report", help=t("cli.help.report", lang))
    report.add_argument(
        "workbook", metavar="WORKBOOK", type=Path, help=t("cli.help.report_workbook", lang)
    )
    report.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help=t("cli.help.report_output", lang)
    )
    report.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))

    loan = commands.add_parser("loan", help=t("loan_cli.help.loan", lang))
    for option, metavar, default in (
        ("--amount", "A", None),
        ("--rate", "R", None),
        ("--years", "N", None),
        ("--method", "annuity|straight", "annuity"),
        ("--payments-per-year", "1|4|12", "12"),
        ("--grace-months", "M", "0"),
        ("--setup-fee", "F", "0"),
        ("--period-fee", "F", "0"),
    ):
        key = option[2:].replace("-", "_")
        loan.add_argument(
            option,
            metavar=metavar,
            default=default,
            required=default is None,
            help=t(f"loan_cli.help.{key}", lang).replace("%", "%%"),  # argparse formats help
        )
    loan.add_argument(
        "--format", choices=["table", "json"], default="table", help=t("loan_cli.help.format", lang)
    )
    loan.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))

    book = commands.add_parser("book", help=t("cli.help.book", lang))
    book.add_argument("--strict", action="store_true", help=t("cli.help.strict", lang))
    book.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))
    cohort_cli.add_parser(commands, lang)
    return parser


def _setting(name: str):
    """An argparse type for a setting, read by the workbook's own rules for that setting:
    "0.035", "3.5%" or "3,5 %" for the discount rate; year1 or år 1 for drop-off …"""
    column = SETTINGS.column_for(name)

    def convert(text: str):
        try:
            value = cells.convert(replace(column, required=True), text)
        except cells.CellError as error:
            message = t(error.code, _Parser.lang, value=text, **error.params)
            raise argparse.ArgumentTypeError(message) from None
        return value

    return convert


def _early_lang(argv: list[str]) -> str | None:
    """The --lang value, read before parsing so that help and errors use it."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = resolve_lang(_early_lang(argv))
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        return COMMANDS[args.command](args, lang)
    except SparkInputError as error:
        print(error.message(lang), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 0
    except BrokenPipeError:  # output piped to a command that stopped reading (| head)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def cmd_start(args, lang: str) -> int:
    from spark_kit.lan import lan_addresses, qr_text
    from spark_kit.serve import ServeOptions, new_token, port_free, serve

    options = ServeOptions(
        port=args.port, lan=args.lan, lang=lang, open_browser=not args.no_browser
    )
    if not 0 < args.port < 65536 or not port_free(options.ip, args.port):
        print(t("cli.port_busy", lang, port=args.port), file=sys.stderr)
        return EXIT_USAGE
    if args.lan:
        options.token = new_token()
        addresses = lan_addresses()
        if not addresses:
            print(t("cli.no_lan", lang), file=sys.stderr)
            return EXIT_USAGE
        url = f"http://{addresses[0]}:{args.port}/?token={options.token}"
        print(t("cli.started_lan", lang, url=url))
        print(qr_text(url))
        for other in addresses[1:]:
            print(
                t(
                    "cli.other_address",
                    lang,
                    url=f"http://{other}:{args.port}/?token={options.token}",
                )
            )
    else:
        url = f"http://localhost:{args.port}/"
        print(t("cli.started", lang, url=url))
    print(t("cli.stop_hint", lang), flush=True)
    serve(options, url_to_open=url)
    return 0


def cmd_template(args, lang: str) -> int:
    from spark_kit.assessment import blank_assessment, load_example, write_workbook

    directory: Path = args.directory
    files = {directory / "bedomning_tom.xlsx": blank_assessment()}
    for name in EXAMPLES:
        files[directory / f"exempel_{name}.xlsx"] = load_example(name)
    existing = [str(p) for p in files if p.exists()]
    if existing and not args.force:
        print(t("cli.template_exists", lang, files=", ".join(existing)), file=sys.stderr)
        return EXIT_USAGE
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(
            t("cli.cannot_write", lang, path=str(directory), reason=error.strerror), file=sys.stderr
        )
        return EXIT_USAGE
    for path, assessment in files.items():
        write_workbook(assessment, path)
        print(t("cli.wrote", lang, path=str(path)))
    return 0


def cmd_sroi(args, lang: str) -> int:
    """Read the workbook's value map, apply the options over its settings, print the SROI."""
    from spark_kit.assessment import read_workbook_with_rows
    from spark_kit.impact.sroi.calculate import calculate_sroi
    from spark_kit.impact.sroi.model import Conventions

    assessment, rows = read_workbook_with_rows(args.workbook, require_value_map=True)
    value_map = assessment.value_map
    options = {
        "discount_rate": args.discount_rate,
        "dropoff_start": args.dropoff_start,
        "discount_first_year": args.discount_first_year,
        "filters": args.filters,
    }
    overrides = {k: v for k, v in options.items() if v is not None}
    conventions = Conventions(**{**value_map.conventions.model_dump(), **overrides})
    result = calculate_sroi(value_map, conventions)
    if args.format == "json":
        print(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        print(sroi_table(assessment, result, lang, rows))
    return 0


def sroi_table(assessment, result, lang: str, rows: dict | None = None) -> str:
    """The SROI result as a plain-text report, numbers and money through Babel.

    ``rows`` (from :func:`~spark_kit.assessment.read_workbook_with_rows`) turns a warning's
    outcome position into the sheet and Excel row where the outcome was written.
    """
    conventions = result.conventions
    currency = conventions.currency

    def money(value: float) -> str:
        return format_money(value, lang, currency=currency)

    def ratio(value: float | None) -> str:
        return t("sroi_cli.not_defined", lang) if value is None else format_number(value, lang, 2)

    profile = assessment.profile
    lines = [t("sroi_cli.title", lang, name=profile.name)]
    if profile.fictional:
        lines.append(t("sroi_cli.fictional", lang))
    lines.append("")
    payback = (
        t("sroi_cli.not_defined", lang)
        if result.payback_months is None
        else t("sroi_cli.months", lang, months=format_number(result.payback_months, lang, 2))
    )
    sroi_ratio = ratio(result.sroi_ratio)
    if result.sroi_ratio is not None:
        sroi_ratio += ":1"
    lines += _aligned(
        [
            (t("sroi_cli.present_value", lang), money(result.present_value)),
            (t("sroi_cli.total_inputs", lang), money(result.total_inputs)),
            (t("sroi_cli.npv", lang), money(result.npv)),
            (t("sroi_cli.sroi_ratio", lang), sroi_ratio),
            (t("sroi_cli.net_sroi_ratio", lang), ratio(result.net_sroi_ratio)),
            (t("sroi_cli.payback", lang), payback),
        ],
        right=True,
    )
    lines += ["", t("sroi_cli.by_year", lang)]
    table = [
        (t("sroi_cli.year", lang), t("sroi_cli.undiscounted", lang), t("sroi_cli.discounted", lang))
    ]
    for year, (value, present) in enumerate(
        zip(result.values_by_year, result.pv_by_year, strict=False), start=1
    ):
        table.append((str(year), money(value), money(present)))
    lines += _columns(table)
    lines += ["", t("sroi_cli.by_stakeholder", lang)]
    pairs = [(name, money(value)) for name, value in result.by_stakeholder.items()]
    lines += _aligned(pairs, right=True)
    lines += ["", t("sroi_cli.conventions", lang)]
    yes_no = "sroi_cli.yes" if conventions.discount_first_year else "sroi_cli.no"
    lines += _aligned(
        [
            (t("sroi_cli.discount_rate", lang), _percent(conventions.discount_rate, lang)),
            (
                t("sroi_cli.dropoff_start", lang),
                t(f"sroi_cli.dropoff.{conventions.dropoff_start}", lang),
            ),
            (t("sroi_cli.discount_first_year", lang), t(yes_no, lang)),
            (t("sroi_cli.filters", lang), t(f"sroi_cli.filters.{conventions.filters}", lang)),
            (t("sroi_cli.currency", lang), currency),
        ]
    )
    lines += ["", t("sroi_cli.warnings", lang)]
    if not result.warnings:
        lines.append("  " + t("sroi_cli.no_warnings", lang))
    for warning in result.warnings:
        text = _warning_text(warning, lang, rows or {})
        lines.append(textwrap.fill(text, 100, initial_indent="  - ", subsequent_indent="    "))
    return "\n".join(lines)


def _percent(fraction: float, lang: str) -> str:
    """A share with as many decimals as it needs: 3,5 %, 20 %."""
    return format_percent(fraction, lang, share_decimals(fraction))


def _warning_text(warning, lang: str, rows: dict) -> str:
    """The warning, located on the sheet and Excel row of its outcome when known."""
    sheet, excel_rows = rows.get("outcomes", (None, []))
    row = warning.row
    if sheet and row is not None and 1 <= row <= len(excel_rows):
        message = warning.message(lang, with_row=False)
        excel_row = excel_rows[row - 1]
        return t("sroi_cli.warning_row", lang, sheet=sheet, row=excel_row, message=message)
    return warning.message(lang)


def _aligned(pairs: list[tuple[str, str]], right: bool = False) -> list[str]:
    """Label–value lines; ``right`` aligns the values on their right edge (money)."""
    width = max((len(label) for label, _ in pairs), default=0)
    value_width = max((len(value) for _, value in pairs), default=0) if right else 0
    return [f"  {label.ljust(width)}  {value.rjust(value_width)}" for label, value in pairs]


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    """A table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        cells = [row[0].ljust(widths[0]), *rest]
        lines.append("  " + "  ".join(cells))
    return lines


REPORT_SUFFIXES = (".html", ".htm", ".xlsx")


def cmd_report(args, lang: str) -> int:
    """Read the workbook, build its report in ``lang`` and write it as HTML or Excel."""
    from spark_kit.assessment import read_workbook
    from spark_kit.report import build_report

    workbook: Path = args.workbook
    output: Path = args.output or workbook.with_name(f"{workbook.stem}_rapport.html")
    if output.suffix.lower() not in REPORT_SUFFIXES:
        print(t("cli.report_suffix", lang, path=str(output)), file=sys.stderr)
        return EXIT_USAGE
    if output.resolve() == workbook.resolve():  # never write the report over the workbook
        print(t("cli.report_same_file", lang, path=str(output)), file=sys.stderr)
        return EXIT_USAGE
    report = build_report(read_workbook(workbook), lang)
    excel = output.suffix.lower() == ".xlsx"
    data = report.excel_bytes() if excel else report.html().encode("utf-8")
    try:
        output.write_bytes(data)
    except OSError as error:
        reason = error.strerror or str(error)
        print(t("cli.cannot_write", lang, path=str(output), reason=reason), file=sys.stderr)
        return EXIT_USAGE
    print(t("cli.wrote", lang, path=str(output)))
    return 0


def cmd_loan(args, lang: str) -> int:
    """A loan's payment plan from the options; each bad option is named with its value."""
    from spark_kit.finance.loans import CLI_OPTIONS, parse_terms, schedule_for

    raw = {name: getattr(args, name) for name in CLI_OPTIONS}
    try:
        schedule = schedule_for(parse_terms(raw))
    except SparkInputError as error:
        lines = [
            t(
                "loan_cli.problem",
                lang,
                option=CLI_OPTIONS.get(problem.column, problem.column),
                message=problem.message(lang, with_location=False),
            )
            for problem in error.problems
        ]
        if len(lines) > 1:
            lines = [t("errors.several", lang, count=len(lines))] + [f"- {x}" for x in lines]
        print("\n".join(lines), file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(schedule.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(loan_table(schedule, lang))
    return 0


def loan_table(schedule, lang: str) -> str:
    """A loan's terms, key figures and payment plan as plain text (money through Babel)."""
    from spark_kit.finance.loans import COLUMNS, COMPARISON_ROWS

    terms = schedule.terms

    def money(value: float) -> str:
        return format_money(value, lang)

    years = format_number(terms.years, lang)
    lines = [t("loan_cli.title", lang), ""]
    lines += _aligned(
        [
            (t("loan_cli.amount", lang), money(terms.amount)),
            (t("loan_cli.rate", lang), _percent(terms.rate, lang)),
            (
                t("loan_cli.years", lang),
                t("loan_cli.years_value", lang, years=years, periods=terms.periods),
            ),
            (t("loan_cli.method", lang), t(f"loan_cli.method.{terms.method}", lang)),
            (t("loan_cli.payments_per_year", lang), str(terms.payments_per_year)),
            (t("loan_cli.grace_months", lang), str(terms.grace_months)),
            (t("loan_cli.setup_fee", lang), money(terms.setup_fee)),
            (t("loan_cli.period_fee", lang), money(terms.period_fee)),
        ]
    )
    lines.append("")
    figures = []
    for row in COMPARISON_ROWS:
        value = getattr(schedule, row)
        shown = format_percent(value, lang, 2) if row == "effective_annual_rate" else money(value)
        figures.append((t(f"loans.compare.{row}", lang), shown))
    lines += _aligned(figures, right=True)
    lines += ["", t("loan_cli.schedule", lang)]
    table = [tuple(t(f"loans.col.{column}", lang) for column in COLUMNS)]
    for row in schedule.to_frame().itertuples(index=False):
        table.append((str(row.period), *(money(getattr(row, c)) for c in COLUMNS[1:])))
    lines += _columns(table)
    return "\n".join(lines)


def cmd_book(args, lang: str) -> int:
    executable = shutil.which(
        "jupyter-book", path=str(Path(sys.executable).parent)
    ) or shutil.which("jupyter-book")
    if executable is None:
        print(t("cli.no_jupyter_book", lang), file=sys.stderr)
        return EXIT_USAGE
    command = [executable, "build", str(REPO_ROOT)]
    if args.strict:
        command += ["-W", "-n", "--keep-going"]
    result = subprocess.run(command, check=False)
    if result.returncode == 0:
        print(t("cli.book_built", lang, path=str(REPO_ROOT / "_build" / "html" / "index.html")))
    return 0 if result.returncode == 0 else 1


COMMANDS = {
    "start": cmd_start,
    "template": cmd_template,
    "sroi": cmd_sroi,
    "report": cmd_report,
    "cohort": cohort_cli.run,
    "loan": cmd_loan,
    "book": cmd_book,
}


if __name__ == "__main__":
    sys.exit(main())
