"""Evaluating many plans: one task per plan, run where a worker is free.

A task evaluates the scenarios asked for of one plan and writes each one's
SUMMARY.json and RESULTS.gpkg into ``FOLDER/plans/<plan>/<scenario>/``,
then ``BATCH.json`` beside them, which says what was asked and marks the
plan done: a later batch asking the same skips the plan while its outputs
are newer than it. A task never raises: a plan that cannot be evaluated
comes back as a failed outcome with the reason, so it never stops the
others. Tasks and outcomes are plain data, sent to worker processes or
machines and back.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..evaluate.names import EVALUATORS
from ..evaluate.portfolio import EVALUATED, FAILED, UP_TO_DATE
from ..model.language import tr, use
from ..model.problems import PlannerError, UsageError
from ..model.scenarios import scenario_label, scenario_names
from .outputs import write_results, write_summary
from .scenarios import evaluate_scenario, plan_to_evaluate

ALL = "*"          # a task's ``scenario`` for every scenario of the plan
DONE = "BATCH.json"
PLANS = "plans"    # the folder of every plan's outputs, in FOLDER
SUMMARY, RESULTS = "SUMMARY.json", "RESULTS.gpkg"
UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]')
COMMENT = re.compile(r"(?:^|\s)#")


@dataclass(frozen=True)
class Task:
    """One plan to evaluate: ``scenario`` None for its active scenario,
    a name, or :data:`ALL`; ``folder`` its outputs' folder; ``language``
    the findings' language."""

    plan: Path
    folder: Path
    scenario: str | None = None
    only: tuple[str, ...] = EVALUATORS
    language: str = "en"

    @property
    def asked(self) -> dict:
        """What BATCH.json records as asked, to tell a later batch asking
        for something else."""
        return {"scenario": self.scenario, "only": list(self.only)}


def outcome(task: Task, status: str, *, scenario: str = "",
            reason: str = "", seconds: float = 0.0,
            summary: dict | None = None, outputs: Path | None = None
            ) -> dict:
    """One scenario's outcome (or the plan's, when it could not be
    opened): plan, scenario, status, reason, seconds, outputs (its
    folder), summary (SUMMARY.json's content)."""
    return {"plan": task.plan, "scenario": scenario, "status": status,
            "reason": reason, "seconds": seconds, "outputs": outputs,
            "summary": summary}


def read_list(path: Path) -> list[Path]:
    """The plans a list file names, one per line, relative to its folder;
    blank lines and comments (from '#' at a line's start or after a
    space) are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(tr(
            "cannot read the list of plans {path}: {reason}. Fix: give a "
            "UTF-8 text file naming one plan per line").format(
                path=path, reason=getattr(exc, "strerror", None) or exc)
            ) from None
    lines = (_entry(line) for line in text.splitlines())
    return [path.parent / line for line in lines if line]


def _entry(line: str) -> str:
    """A list file's line as a path: without a comment (from '#' at the
    start or after a space) and the quotes a copied path may carry."""
    text = COMMENT.split(line.strip(), maxsplit=1)[0].strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return text


def plan_folders(plans: list[Path], out: Path) -> dict[Path, Path]:
    """Each plan's outputs folder, ``OUT/plans/<file name>``; plans
    sharing a file name get their path's hash added, so a folder always
    belongs to the same plan."""
    stems = Counter(p.stem for p in plans)
    return {p: out / PLANS / (
        _safe(p.stem) if stems[p.stem] == 1 else
        f"{_safe(p.stem)}-{hashlib.sha1(str(p).encode()).hexdigest()[:8]}")
        for p in plans}


def _safe(name: str) -> str:
    """``name`` as a file name on every system."""
    return UNSAFE.sub("_", name).strip(" .") or "_"


def scenario_folders(names: list[str]) -> dict[str, str]:
    """Each scenario's folder name: its name made safe, numbered where two
    would be alike."""
    taken: dict[str, str] = {}
    for name in names:
        base = _safe(name)
        folder, n = base, 1
        while folder.lower() in (f.lower() for f in taken.values()):
            n += 1
            folder = f"{base}-{n}"
        taken[name] = folder
    return taken


def up_to_date(task: Task) -> list[dict] | None:
    """The outcomes of the batch that last did ``task``, when it asked the
    same, the plan has not been saved since it was read then, and every
    output it wrote is there and newer than the plan; else None."""
    try:
        plan_time = task.plan.stat().st_mtime_ns
        record = json.loads((task.folder / DONE).read_text(encoding="utf-8"))
        if record.get("plan_mtime_ns") != plan_time or \
                record.get("asked") != task.asked:
            return None
        found = []
        for name, folder in record["scenarios"].items():
            outputs = task.folder / folder
            files = [outputs / SUMMARY, outputs / RESULTS]
            if any(f.stat().st_mtime_ns <= plan_time for f in files):
                return None
            found.append(outcome(
                task, UP_TO_DATE, scenario=name, outputs=outputs,
                summary=json.loads(files[0].read_text(encoding="utf-8"))))
        return found or None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def run_task(task: Task) -> list[dict]:
    """Evaluate ``task``'s plan (on a worker) and write its outputs; the
    outcome of each scenario, or the plan's failure. Never raises for a
    plan's fault."""
    use(task.language)
    started = time.perf_counter()
    plan_time = _modified(task.plan)   # before it is read
    try:
        (task.folder / DONE).unlink(missing_ok=True)
        plan = plan_to_evaluate(task.plan)
        names = _scenarios(plan, task)
    except PlannerError as exc:
        return [outcome(task, FAILED, scenario=_asked_name(task),
                        reason=_reason(exc),
                        seconds=time.perf_counter() - started)]
    except Exception as exc:  # noqa: BLE001 - a damaged plan, reported
        return [outcome(task, FAILED, scenario=_asked_name(task),
                        reason=_unexpected(exc),
                        seconds=time.perf_counter() - started)]
    folders = scenario_folders(scenario_names(plan))
    found = [_evaluate(task, plan, name, task.folder / folders[name])
             for name in names]
    if all(f["status"] == EVALUATED for f in found):
        try:
            (task.folder / DONE).write_text(json.dumps({
                "plan": str(task.plan), "plan_mtime_ns": plan_time,
                "asked": task.asked,
                "scenarios": {name: folders[name] for name in names}},
                indent=2, ensure_ascii=False), encoding="utf-8")
        except OSError:   # the outputs are written: only resuming is lost
            pass
    return found


def _modified(path: Path) -> int | None:
    """When the file was last written (ns), or None when it is missing
    (opening it says so)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _scenarios(plan, task: Task) -> list[str]:
    names = scenario_names(plan)
    if task.scenario is None:
        return [plan.active]
    if task.scenario == ALL:
        return names
    for name in names:   # as stored, or as shown ('Existing' or '现状')
        if task.scenario in (name, scenario_label(name)):
            return [name]
    raise PlannerError(tr(
        "{plan} has no scenario '{name}'; it has: {names}. Fix: name one of "
        "them with --scenario, or use --all-scenarios").format(
            plan=task.plan.name, name=task.scenario,
            names=", ".join(dict.fromkeys(names))))


def _asked_name(task: Task) -> str:
    return "" if task.scenario in (None, ALL) else task.scenario


def _evaluate(task: Task, plan, name: str, folder: Path) -> dict:
    """One scenario evaluated and written."""
    started = time.perf_counter()
    try:
        results = evaluate_scenario(plan, name, only=task.only)
        folder.mkdir(parents=True, exist_ok=True)
        write_summary(results, folder / SUMMARY)
        write_results(results, folder / RESULTS)
        written = json.loads((folder / SUMMARY).read_text(encoding="utf-8"))
        return outcome(task, EVALUATED, scenario=name, outputs=folder,
                       summary=written,
                       seconds=time.perf_counter() - started)
    except PlannerError as exc:
        reason = _reason(exc)
    except Exception as exc:  # noqa: BLE001 - reported, the batch goes on
        reason = _unexpected(exc)
    return outcome(task, FAILED, scenario=name, reason=reason,
                   seconds=time.perf_counter() - started)


def _reason(exc: PlannerError) -> str:
    """A PlannerError's message and the problems it lists."""
    shown = [str(p) for p in exc.problems[:5]]
    more = len(exc.problems) - len(shown)
    if more:
        shown.append(tr("... and {count} more").format(count=more))
    return "; ".join([str(exc), *shown])


def _unexpected(exc: Exception) -> str:
    return tr("evaluation stopped: {kind}: {message}").format(
        kind=type(exc).__name__, message=exc)
