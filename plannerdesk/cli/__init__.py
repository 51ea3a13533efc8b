"""The headless command line: ``plannerdesk new | import | import-osm |
info | validate | evaluate | batch | report | package | notes | open``.

Exit status: 0 on success, 1 on data errors, 2 on usage errors. A user's
mistake prints a message naming the file, layer or feature and the fix;
it never prints a traceback.
"""

from __future__ import annotations

import argparse
import gettext
import importlib
import os
import sys
from typing import NoReturn

from .. import __version__
from ..model.language import (
    DOMAIN,
    LOCALE_DIR,
    N_,
    system_language,
    tr,
    use,
)
from ..model.problems import PlannerError, UsageError
from .common import print_problems
from .parsers import (
    add_batch,
    add_evaluate,
    add_fieldwork,
    add_find_parking,
    add_import,
    add_import_osm,
    add_inspect,
    add_new,
    add_open,
    add_report,
    add_suggest,
)

#: argparse's own words, which it looks up in gettext's default domain:
#: made PlannerDesk's (:func:`main`), so they are in the catalogue too.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"))


def main(argv: list[str] | None = None) -> int:
    """Run one command, in the system's language; return its exit status."""
    use(system_language())
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)   # argparse's words too
    gettext.textdomain(DOMAIN)
    args = _parser().parse_args(argv)
    module, name = args.run.split(":")
    run = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    try:
        return run(args)
    except UsageError as exc:
        print_problems(exc.problems)
        print(tr("plannerdesk {command}: error: {message}").format(
            command=args.command, message=exc), file=sys.stderr)
        return 2
    except PlannerError as exc:
        print_problems(exc.problems)
        print(tr("error: {message}").format(message=exc), file=sys.stderr)
        return 1


class _Parser(argparse.ArgumentParser):
    """argparse with PlannerDesk's messages: what is wrong, then the fix."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        has_fix = "Fix:" in message or tr("Fix:") in message
        text = tr("{prog}: error: {message}") if has_fix else tr(
            "{prog}: error: {message}. Fix: see '{prog} --help' for the "
            "options")
        self.exit(2, text.format(prog=self.prog, message=message) + "\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plannerdesk", description=tr(
            "PlannerDesk: plan and evaluate innovation-district public "
            "spaces, parking and facilities."))
    parser.add_argument("--version", action="version", version=__version__,
                        help=tr("show the version and exit"))
    sub = parser.add_subparsers(dest="command", required=True,
                                metavar="COMMAND")
    for add in (add_new, add_import, add_import_osm, add_inspect,
                add_evaluate, add_batch, add_find_parking, add_suggest,
                add_report,
                add_fieldwork, add_open):
        add(sub)
    return parser


def main_exit() -> None:
    """Console-script entry point. Output piped into a program that stops
    reading (``| head``) ends quietly, as for any command-line tool."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    sys.stderr.flush()
    # Every file is written and closed by now: leave without the
    # interpreter's teardown, which frees every object one by one (a
    # noticeable pause after a large evaluation).
    os._exit(code)
