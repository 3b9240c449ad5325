"""The ``spark-kit`` command: start the app gallery, write workbook templates, build the book.

Exit status: 0 on success, 2 on bad input or usage (with a message in the chosen
language, never a traceback), 1 when a tool it runs fails.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from spark_kit import __version__
from spark_kit.errors import SparkInputError
from spark_kit.i18n import resolve_lang, t
from spark_kit.paths import REPO_ROOT

EXIT_USAGE = 2


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

    template = commands.add_parser("template", help=t("cli.help.template", lang))
    template.add_argument("directory", metavar="DIR", type=Path)
    template.add_argument("--force", action="store_true", help=t("cli.help.force", lang))
    template.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))

    book = commands.add_parser("book", help=t("cli.help.book", lang))
    book.add_argument("--strict", action="store_true", help=t("cli.help.strict", lang))
    book.add_argument("--lang", choices=["sv", "en"], help=t("cli.help.lang", lang))
    return parser


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
    files = {
        directory / "bedomning_tom.xlsx": blank_assessment(),
        directory / "exempel_granbacka_byakooperativ.xlsx": load_example(),
    }
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


COMMANDS = {"start": cmd_start, "template": cmd_template, "book": cmd_book}


if __name__ == "__main__":
    sys.exit(main())
