"""Writing what PlannerDesk produces (results, summaries, CSV tables,
reports, notes, field packages) without harming what it reads.

Before anything is written, a target that is one of the files being read
(the plan, its recovery file, a site map ...), however it is spelled (a
symlink, ``x/../plan.gpkg``, a hard link), is refused with a UsageError. A
missing or read-only folder, or a folder where a file is wanted, is a
PlannerError naming it. Files are written to a temporary file in the
target's folder, flushed to disk and moved into place, so a failure (a full
disk, a crash) leaves the previous file or none, never half of one.

CSV cells a spreadsheet would run as a formula are written as text.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..model.problems import PlannerError, UsageError
from .files import flush, flush_folder, read_only_reason
from .recovery import recovery_path

Inputs = Mapping[Path, str]
"""The files a command reads, each with what it is ("the plan")."""

CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark, so that Excel shows Chinese as it is."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_temporary_numbers = itertools.count(1)


def plan_inputs(plan_path: str | os.PathLike) -> dict[Path, str]:
    """The plan at ``plan_path`` and its recovery file (as given and as
    the real path), which no output may replace."""
    plan = Path(plan_path)
    recoveries = dict.fromkeys([recovery_path(plan),
                                recovery_path(_real(plan))])
    return {plan: "the plan"} | {
        path: f"the recovery file of {plan.name}" for path in recoveries}


def refuse_inputs(target: Path, inputs: Inputs, what: str,
                  example: str | None = None) -> None:
    """A UsageError when ``target`` is one of ``inputs`` (by its real path,
    or as the same file on disk); ``example`` is a name to suggest instead
    (by default one made from the target's)."""
    for path, name in inputs.items():
        if _real(target) == _real(path) or _same_file(target, path):
            spelled = "" if str(target) == str(path) else f" ({path})"
            raise UsageError(
                f"{target} is {name}{spelled}: writing the {what} there "
                f"would destroy it, so nothing is written. Fix: give the "
                f"{what} a name of its own, e.g. "
                f"{example or _example(target, what)}")


def refuse_same(targets: Mapping[str, Path]) -> None:
    """A UsageError when two outputs (by option, e.g. ``--json``) name one
    file, so that one would replace the other."""
    seen: dict[Path, str] = {}
    for option, path in targets.items():
        other = seen.setdefault(_real(path), option)
        if other != option:
            raise UsageError(
                f"{other} and {option} both name {path}, so one would "
                "replace the other. Fix: give each its own file")


def check_file(target: Path, what: str, inputs: Inputs | None = None) -> None:
    """Refuse, before any work, a file ``target`` the ``what`` cannot be
    written to: an input (UsageError), a folder, a special file, a missing
    or read-only folder, a read-only file (PlannerError)."""
    target = Path(target)
    refuse_inputs(target, inputs or {}, what)
    fix = f"Fix: give the {what} a file name in a folder you can write to"
    real = _real(target)
    mode = _mode(real)
    if mode is not None and stat.S_ISDIR(mode):
        raise PlannerError(f"{target} is a folder, not a file, so the {what} "
                           f"cannot be written there. {fix}")
    if mode is not None and not stat.S_ISREG(mode):
        raise PlannerError(f"{target} is not a regular file, so the {what} "
                           f"is not written there. {fix}")
    if not real.parent.is_dir():
        raise PlannerError(f"{target}: the folder {target.parent} does not "
                           f"exist, so the {what} cannot be written. {fix}")
    reason = read_only_reason(real.parent) or (
        read_only_reason(real) if mode is not None else None)
    if reason:
        raise PlannerError(f"{target}: {reason}, so the {what} cannot be "
                           f"written. {fix}")


def check_folder(folder: Path, what: str,
                 inputs: Inputs | None = None) -> None:
    """Refuse, before any work, a ``folder`` to write ``what`` into: an
    input (UsageError), a file, a folder that is read-only or that is
    missing in a folder that is missing or read-only (PlannerError)."""
    folder = Path(folder)
    refuse_inputs(folder, inputs or {}, what)
    fix = f"Fix: give the {what} a folder you can write to"
    real = _real(folder)
    mode = _mode(real)
    if mode is not None and not stat.S_ISDIR(mode):
        raise PlannerError(f"{folder} is a file, not a folder, so the {what} "
                           f"are not written there. {fix}")
    if mode is None and not real.parent.is_dir():
        raise PlannerError(f"{folder}: the folder {folder.parent} does not "
                           f"exist, so the {what} cannot be written. {fix}")
    reason = read_only_reason(real if mode is not None else real.parent)
    if reason:
        raise PlannerError(f"{folder}: {reason}, so the {what} cannot be "
                           f"written. {fix}")


@contextmanager
def replacing(targets: Sequence[Path], what: str,
              inputs: Inputs | None = None) -> Iterator[list[Path]]:
    """Temporary files beside ``targets`` to write ``what`` into; when the
    block ends without error they are flushed to disk and moved into place
    together. Each target is checked first (:func:`check_file`); an
    OSError becomes a PlannerError naming the target, and the temporary
    files are removed whatever happens."""
    targets = [Path(t) for t in targets]
    for target in targets:
        check_file(target, what, inputs)
    finals = [_real(t) for t in targets]
    temporaries = [final.with_name(
        f".{final.stem}.writing-{os.getpid()}-{next(_temporary_numbers)}"
        f"{final.suffix}") for final in finals]
    where = targets[0] if len(targets) == 1 else targets[0].parent
    try:
        yield temporaries
        for temporary in temporaries:
            flush(temporary)
        for temporary, final in zip(temporaries, finals):
            os.replace(temporary, final)
        for folder in dict.fromkeys(final.parent for final in finals):
            flush_folder(folder)
    except OSError as exc:
        raise write_failed(where, what, exc.strerror or str(exc)) from None
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def write_failed(target: Path, what: str, reason: str) -> PlannerError:
    """The error for ``what`` that could not be written to ``target``."""
    return PlannerError(
        f"{target}: the {what} could not be written ({reason}); what was "
        "there is unchanged. Fix: free some disk space or choose another "
        "folder you can write to, and close the file where it is open")


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` in which every text cell (and column name) a
    spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return) starts with an apostrophe, so it
    shows as the text it is; numbers stay numbers."""
    safe = table.copy()
    for i in range(safe.shape[1]):
        column = safe.iloc[:, i]
        if not (pd.api.types.is_numeric_dtype(column)
                or pd.api.types.is_datetime64_any_dtype(column)):
            safe.isetitem(i, column.map(_as_text))
    safe.columns = [_as_text(name) for name in safe.columns]
    return safe


def write_csv_table(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` (without its index) as CSV for spreadsheets, every
    formula-like text made harmless (:func:`spreadsheet_safe`)."""
    spreadsheet_safe(table).to_csv(path, index=False, encoding=CSV_ENCODING)


def _as_text(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _real(path: str | os.PathLike) -> Path:
    return Path(os.path.realpath(path))


def _mode(path: Path) -> int | None:
    try:
        return os.stat(path).st_mode
    except OSError:
        return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _example(target: Path, what: str) -> str:
    """A name to suggest for ``what`` instead of ``target``."""
    stem = target.name.lstrip(".").split(".")[0] or "plan"
    return f"{stem}_{what.lower().replace(' ', '_')}{target.suffix}"


