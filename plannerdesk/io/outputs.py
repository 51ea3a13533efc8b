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

from ..model.language import tr
from ..model.problems import PlannerError, UsageError
from .files import flush, flush_folder, read_only_reason
from .recovery import recovery_path

Inputs = Mapping[Path, str]
"""The files a command reads, each with what it is ("the plan",
translated)."""

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
    return {plan: tr("the plan")} | {
        path: tr("the recovery file of {name}").format(name=plan.name)
        for path in recoveries}


def refuse_inputs(target: Path, inputs: Inputs, what: str,
                  example: str | None = None) -> None:
    """A UsageError when ``target`` is one of ``inputs`` (by its real path,
    or as the same file on disk); ``example`` is a name to suggest instead
    (by default one made from the target's). Here as in every function
    of this module, ``what`` names the output: English marked with ``N_``
    (translated here), or a text translated already (left as it is)."""
    for path, name in inputs.items():
        if _real(target) == _real(path) or _same_file(target, path):
            same = str(target) == str(path)
            raise UsageError((tr(
                "{target} is {input}: writing the {what} there would "
                "destroy it, so nothing is written. Fix: give the {what} a "
                "name of its own, e.g. {example}") if same else tr(
                "{target} is {input} ({path}): writing the {what} there "
                "would destroy it, so nothing is written. Fix: give the "
                "{what} a name of its own, e.g. {example}")).format(
                    target=target, input=name, path=path, what=tr(what),
                    example=example or _example(target, what)))


def refuse_same(targets: Mapping[str, Path]) -> None:
    """A UsageError when two outputs (by option, e.g. ``--json``) name one
    file, so that one would replace the other."""
    seen: dict[Path, str] = {}
    for option, path in targets.items():
        other = seen.setdefault(_real(path), option)
        if other != option:
            raise UsageError(tr(
                "{first} and {second} both name {path}, so one would "
                "replace the other. Fix: give each its own file").format(
                    first=other, second=option, path=path))


def check_file(target: Path, what: str, inputs: Inputs | None = None) -> None:
    """Refuse, before any work, a file ``target`` the ``what`` cannot be
    written to: an input (UsageError), a folder, a special file, a missing
    or read-only folder, a read-only file (PlannerError)."""
    target = Path(target)
    refuse_inputs(target, inputs or {}, what)
    fix = tr("Fix: give the {what} a file name in a folder you can write "
             "to").format(what=tr(what))
    real = _real(target)
    mode = _mode(real)
    if mode is not None and stat.S_ISDIR(mode):
        raise PlannerError(tr(
            "{target} is a folder, not a file, so the {what} cannot be "
            "written there. {fix}").format(target=target, what=tr(what),
                                           fix=fix))
    if mode is not None and not stat.S_ISREG(mode):
        raise PlannerError(tr(
            "{target} is not a regular file, so the {what} is not written "
            "there. {fix}").format(target=target, what=tr(what), fix=fix))
    if not real.parent.is_dir():
        raise PlannerError(tr(
            "{target}: the folder {folder} does not exist, so the {what} "
            "cannot be written. {fix}").format(
                target=target, folder=target.parent, what=tr(what), fix=fix))
    reason = read_only_reason(real.parent) or (
        read_only_reason(real) if mode is not None else None)
    if reason:
        raise PlannerError(tr(
            "{target}: {reason}, so the {what} cannot be written. {fix}")
            .format(target=target, reason=reason, what=tr(what), fix=fix))


def check_folder(folder: Path, what: str,
                 inputs: Inputs | None = None) -> None:
    """Refuse, before any work, a ``folder`` to write ``what`` into: an
    input (UsageError), a file, a folder that is read-only or that is
    missing in a folder that is missing or read-only (PlannerError)."""
    folder = Path(folder)
    refuse_inputs(folder, inputs or {}, what)
    fix = tr("Fix: give the {what} a folder you can write to").format(
        what=tr(what))
    real = _real(folder)
    mode = _mode(real)
    if mode is not None and not stat.S_ISDIR(mode):
        raise PlannerError(tr(
            "{folder} is a file, not a folder, so the {what} are not written "
            "there. {fix}").format(folder=folder, what=tr(what), fix=fix))
    if mode is None and not real.parent.is_dir():
        raise PlannerError(tr(
            "{target}: the folder {folder} does not exist, so the {what} "
            "cannot be written. {fix}").format(
                target=folder, folder=folder.parent, what=tr(what), fix=fix))
    reason = read_only_reason(real if mode is not None else real.parent)
    if reason:
        raise PlannerError(tr(
            "{target}: {reason}, so the {what} cannot be written. {fix}")
            .format(target=folder, reason=reason, what=tr(what), fix=fix))


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
    return PlannerError(tr(
        "{target}: the {what} could not be written ({reason}); what was "
        "there is unchanged. Fix: free some disk space or choose another "
        "folder you can write to, and close the file where it is open")
        .format(target=target, what=tr(what), reason=reason))


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


