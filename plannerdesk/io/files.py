"""Checks on the files a planner names, made before anything reads or writes
them: only regular files are opened, and read-only files and folders are
told apart from writable ones even for a user (such as root) whom the
operating system would let write anyway.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model.language import tr
from ..model.problems import PlannerError


def require_regular_file(path: Path, what: str, fix: str) -> None:
    """Refuse at once a ``path`` that is missing or is not a regular file
    (a folder, a FIFO, a device, a socket): such a file would hang or fail
    deep inside a reader. ``what`` names it (``N_("plan")``: translated
    here), ``fix`` is the way out when it is missing (translated)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise PlannerError(tr("{path}: no such file. Fix: {fix}").format(
            path=path, fix=fix)) from None
    except OSError as exc:
        raise PlannerError(tr(
            "{path}: cannot be read ({reason}). Fix: check the path and its "
            "permissions").format(path=path, reason=exc.strerror)) from None
    if stat.S_ISREG(mode):
        return
    kind = tr("a folder") if stat.S_ISDIR(mode) else \
        tr("a FIFO (named pipe)") if stat.S_ISFIFO(mode) else \
        tr("a device") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else \
        tr("a socket") if stat.S_ISSOCK(mode) else tr("not a regular file")
    a_file = (tr("an {what} file") if what[:1].lower() in "aeiou" else
              tr("a {what} file")).format(what=tr(what))
    raise PlannerError(tr("{path} is {kind}, not {a_file}. Fix: give the "
                          "path of {a_file}").format(path=path, kind=kind,
                                                     a_file=a_file))


def read_only_reason(path: Path) -> str | None:
    """Why ``path`` (a file, or a folder to create files in) cannot be
    written, or None when it can. A file or folder without any write
    permission bit counts as read-only, whoever runs PlannerDesk."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return exc.strerror
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or \
            not os.access(path, os.W_OK):
        return (tr("the folder {path} is read-only") if stat.S_ISDIR(mode)
                else tr("the file {path} is read-only")).format(path=path)
    return None


def flush(path: Path) -> None:
    """Make sure the bytes of ``path`` are on disk before it is moved."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def flush_folder(folder: Path) -> None:
    """Make sure a move into ``folder`` is on disk (where the system lets a
    folder be flushed)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def recovery_path(plan_path: Path) -> Path:
    """The recovery file the app autosaves ``plan_path`` to (see
    io.recovery)."""
    return plan_path.with_name(f".{plan_path.stem}.recovery.gpkg")
