"""``plannerdesk package | notes | open``: fieldwork and the desktop app."""

from __future__ import annotations

import argparse
import os
import sys

from ..io.fieldwork import package_plan
from ..io.gpkg import open_plan
from ..io.notes import notes_table, write_notes_csv
from ..io.samples import DREAM_TOWN, own_sample
from ..model.language import tr
from .common import print_problems


def run_package(args: argparse.Namespace) -> int:
    packed = package_plan(args.plan, args.out,
                          include_outside=args.include_outside)
    print_problems(packed.problems, limit=None)
    print(tr("Packaged {name} into {path} ({count} files); open it with "
             "'plannerdesk open {path}'").format(
                 name=args.plan.name, path=args.out, count=len(packed.files)))
    return 0


def run_notes(args: argparse.Namespace) -> int:
    plan, _ = open_plan(args.plan)
    if args.csv:
        write_notes_csv(plan, args.plan, args.csv)
        print(tr("Wrote {count} note(s) to {path}").format(
            count=len(plan["review_notes"]), path=args.csv))
        return 0
    for note in notes_table(plan, args.plan).itertuples():
        photo = "" if not note.photo else " " + (
            tr("[photo]") if note.photo_exists else tr("[photo missing]"))
        print(f"{note.fid:>4}  {note.status or '':<8}  "
              f"{note.created or '':<25}  "
              f"{note.author or '-'}  {note.zone or '-'}: {note.text}{photo}")
    return 0


def run_open(args: argparse.Namespace) -> int:
    if not _has_display():
        print(tr("PlannerDesk's desktop window needs a display, and none was "
                 "found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                 "Without a screen, use the headless commands, e.g.\n"
                 "  plannerdesk info {plan}\n"
                 "  plannerdesk validate {plan}\n"
                 "or run the window virtually: xvfb-run plannerdesk open ...")
              .format(plan=args.plan or DREAM_TOWN), file=sys.stderr)
        return 1
    from ..qt.app import run_app  # Qt only when the window is asked for

    return run_app(own_sample() if args.sample else args.plan)


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
