"""``plannerdesk package | notes | open``: fieldwork and the desktop app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..io.fieldwork import package_plan
from ..io.gpkg import open_plan
from ..io.notes import notes_table, write_notes_csv
from ..io.samples import DREAM_TOWN
from .common import print_problems


def add_fieldwork(sub) -> None:
    pack = sub.add_parser("package", help="pack the plan, its site maps and "
                          "note photos into a zip or folder for fieldwork")
    pack.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    pack.add_argument("-o", "--out", type=Path, required=True,
                      metavar="OUT.zip|FOLDER",
                      help="a .zip file, or a new or empty folder")
    pack.add_argument("--include-outside", action="store_true",
                      help="also pack site maps and note photos that lie "
                      "outside the plan's folder (they are listed, and left "
                      "out without this)")
    pack.set_defaults(run=_cmd_package)
    notes = sub.add_parser("notes", help="list the review notes, or write "
                           "them as CSV")
    notes.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    notes.add_argument("--csv", type=Path, metavar="OUT.csv",
                       help="write the notes as CSV (UTF-8, opens in Excel)")
    notes.set_defaults(run=_cmd_notes)


def _cmd_package(args: argparse.Namespace) -> int:
    packed = package_plan(args.plan, args.out,
                          include_outside=args.include_outside)
    print_problems(packed.problems, limit=None)
    print(f"Packaged {args.plan.name} into {args.out} ({len(packed.files)} "
          f"files); open it with 'plannerdesk open {args.out}'")
    return 0


def _cmd_notes(args: argparse.Namespace) -> int:
    plan, _ = open_plan(args.plan)
    if args.csv:
        write_notes_csv(plan, args.plan, args.csv)
        print(f"Wrote {len(plan['review_notes'])} note(s) to {args.csv}")
        return 0
    for note in notes_table(plan, args.plan).itertuples():
        photo = "" if not note.photo else \
            " [photo]" if note.photo_exists else " [photo missing]"
        print(f"{note.fid:>4}  {note.status or '':<8}  "
              f"{note.created or '':<25}  "
              f"{note.author or '-'}  {note.zone or '-'}: {note.text}{photo}")
    return 0


def add_open(sub) -> None:
    app = sub.add_parser("open", help="open the desktop app")
    app.add_argument("plan", type=Path, nargs="?", metavar="PLAN.gpkg",
                     help="a plan, or a field package (.zip) to unpack "
                     "beside itself and open")
    app.add_argument("--sample", action="store_true",
                     help="open the Dream Town sample")
    app.set_defaults(run=_cmd_open)


def _cmd_open(args: argparse.Namespace) -> int:
    plan_path = DREAM_TOWN if args.sample else args.plan
    if not _has_display():
        print("PlannerDesk's desktop window needs a display, and none was "
              "found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
              "Without a screen, use the headless commands, e.g.\n"
              f"  plannerdesk info {plan_path or DREAM_TOWN}\n"
              f"  plannerdesk validate {plan_path or DREAM_TOWN}\n"
              "or run the window virtually: xvfb-run plannerdesk open ...",
              file=sys.stderr)
        return 1
    from ..qt.app import run_app  # Qt only when the window is asked for

    return run_app(plan_path)


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
