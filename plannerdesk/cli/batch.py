"""``plannerdesk batch``: evaluate many plans on Dask, on this machine's
processes or on a ``dask.distributed`` cluster, and write the portfolio."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..evaluate.names import parse_only
from ..evaluate.portfolio import EVALUATED, FAILED, UP_TO_DATE
from ..io.outputs import check_folder, write_failed
from ..jobs.batch import (
    ALL,
    PLANS,
    Task,
    outcome,
    plan_folders,
    read_list,
    run_task,
    up_to_date,
)
from ..jobs.portfolio_files import CSV, GPKG, portfolio_frame, write_portfolio
from ..model.language import N_, current, tr, tr_n
from ..model.problems import PlannerError, UsageError
from ..model.scenarios import scenario_label

CONNECT_S = 10   # seconds to reach a scheduler
WORKERS_S = 60   # seconds for a worker to join it


def run_batch(args: argparse.Namespace) -> int:
    out, only = args.out, parse_only(args.only)
    plans = _plans(args, out)
    check_folder(out, N_("portfolio files"))
    scenario = ALL if args.all_scenarios else args.scenario
    folders = plan_folders(plans, out.resolve())
    tasks = [Task(plan, folders[plan], scenario, only, current())
             for plan in plans]
    done: dict[Path, list[dict]] = {}
    todo = []
    for task in tasks:
        fresh = None if args.force else up_to_date(task)
        if fresh:
            done[task.plan] = fresh
        else:
            todo.append(task)
    report = _progress(len(tasks), args.quiet)
    for task in tasks:
        if task.plan in done:
            report(task, done[task.plan])
    started = time.perf_counter()
    try:
        if todo:
            with _client(args, len(todo)) as submit:
                for task, found in submit(todo):
                    done[task.plan] = found
                    report(task, found)
    except KeyboardInterrupt:
        report(None, [])
        print(tr_n("Interrupted: the plan done is kept; run the same "
                   "command again to go on from there",
                   "Interrupted: the {count} plans done are kept; run the "
                   "same command again to go on from there",
                   len(done)).format(count=len(done)), file=sys.stderr)
        return 130
    report(None, [])
    outcomes = [found for task in tasks for found in done[task.plan]]
    frame = portfolio_frame(outcomes, out.resolve())
    try:
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise write_failed(out, tr("portfolio files"),
                           exc.strerror or str(exc)) from None
    write_portfolio(frame, out)
    _summarise(frame, out, time.perf_counter() - started)
    return 1 if (frame["status"] == FAILED).any() else 0


def _plans(args: argparse.Namespace, out: Path) -> list[Path]:
    """The plans named and listed, each once, as absolute paths; the
    portfolio's own files (a folder's * picks them up) are left out, and
    said."""
    named = list(args.plans)
    if args.list:
        named += read_list(args.list)
    if not named:
        raise UsageError(tr(
            "no plans to evaluate. Fix: name them (plannerdesk batch "
            "A.gpkg B.gpkg --out FOLDER) or list them in a file, one per "
            "line (--list PLANS.txt)"))
    found: dict[Path, Path] = {}
    outputs = out.resolve()
    for path in named:
        plan = Path(os.path.normpath(path.absolute()))
        real = plan.resolve()
        if real == outputs / GPKG or real.is_relative_to(outputs / PLANS):
            print(tr("warning: {path} is one of the portfolio's own files, "
                     "not a plan, so it is left out").format(path=path),
                  file=sys.stderr)
            continue
        found.setdefault(real, plan)
    if not found:
        raise UsageError(tr(
            "every file named is one of the portfolio's own files in "
            "{folder}. Fix: name the plans").format(folder=out))
    return list(found.values())


Submit = Callable[[list[Task]], Iterator[tuple[Task, list[dict]]]]


@contextmanager
def _client(args: argparse.Namespace, count: int) -> Iterator[Submit]:
    """A function running tasks on Dask and yielding each task's outcomes
    as it finishes: on a new cluster of this machine's processes, or on
    the scheduler at ``--scheduler``."""
    from dask.distributed import Client, LocalCluster  # when asked for

    logging.getLogger("distributed").setLevel(logging.ERROR)
    if args.scheduler:
        try:
            client = Client(args.scheduler, timeout=f"{CONNECT_S}s")
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise PlannerError(tr(
                "cannot reach the Dask scheduler at {address} ({reason}). "
                "Fix: start one with 'dask scheduler' and workers with "
                "'dask worker {address}', or leave --scheduler out to use "
                "this machine").format(address=args.scheduler, reason=exc)
                ) from None
        _wait_for_workers(client, args.scheduler)
        cluster = None
    else:
        workers = max(1, min(args.workers or os.cpu_count() or 1, count))
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                               processes=True, dashboard_address=":0",
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        yield lambda tasks: _results(client, tasks)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _wait_for_workers(client, address: str) -> None:
    """Return once the scheduler has a worker, saying so while it has
    none; a PlannerError when none joins in :data:`WORKERS_S`."""
    if client.scheduler_info().get("workers"):
        return
    print(tr("waiting for a worker to join the scheduler at {address} "
             "(start one with 'dask worker {address}') ...").format(
                 address=address), file=sys.stderr, flush=True)
    try:
        client.wait_for_workers(1, timeout=WORKERS_S)
    except TimeoutError:
        client.close()
        raise PlannerError(tr(
            "no worker joined the Dask scheduler at {address} in {seconds} "
            "s. Fix: start workers with 'dask worker {address}' (PlannerDesk "
            "installed beside them), or leave --scheduler out to use this "
            "machine").format(address=address, seconds=WORKERS_S)) from None


def _results(client, tasks: list[Task]
             ) -> Iterator[tuple[Task, list[dict]]]:
    from dask.distributed import as_completed

    futures = {client.submit(run_task, task, pure=False): task
               for task in tasks}
    for future in as_completed(futures):
        task = futures[future]
        try:
            found = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker lost, not a bug
            found = [outcome(task, FAILED, reason=_lost(exc))]
        future.release()
        yield task, found


def _lost(exc: Exception) -> str:
    """Why a task came back with no outcome: the worker died, or cannot
    run PlannerDesk."""
    if isinstance(exc, ModuleNotFoundError):
        return tr("a worker cannot run PlannerDesk ({reason}). Fix: install "
                  "PlannerDesk on every worker").format(reason=exc)
    return tr("the worker evaluating it stopped ({kind}: {reason}); the "
              "plan may need more memory than a worker has").format(
                  kind=type(exc).__name__, reason=exc)


def _progress(total: int, quiet: bool
              ) -> Callable[[Task | None, list[dict]], None]:
    """Report each plan as it is done: a progress bar on a terminal,
    a line each otherwise; ``None`` closes the bar."""
    if quiet:
        return lambda task, found: None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, file=sys.stderr, unit=tr("plan"),
                   dynamic_ncols=True)

        def update(task: Task | None, found: list[dict]) -> None:
            if task is None:
                bar.close()
                return
            for line in _lines(found, with_time=False):
                bar.write(line, file=sys.stderr)
            bar.update()
        return update
    count = 0

    def line(task: Task | None, found: list[dict]) -> None:
        nonlocal count
        if task is None:
            return
        count += 1
        for text in _lines(found, with_time=True):
            print(f"[{count}/{total}] {text}", file=sys.stderr, flush=True)
    return line


def _lines(found: list[dict], *, with_time: bool) -> list[str]:
    """Each outcome of a plan in a line: plan, scenario, what happened."""
    lines = []
    for item in found:
        where = item["plan"].name + (f" ({scenario_label(item['scenario'])})"
                                     if item["scenario"] else "")
        if item["status"] == FAILED:
            lines.append(_failed(item["plan"], where, item["reason"]))
        elif item["status"] == UP_TO_DATE:
            lines.append(tr("{plan}: up to date, not evaluated again")
                         .format(plan=where))
        elif with_time:
            lines.append(tr("{plan}: evaluated in {seconds:.1f} s").format(
                plan=where, seconds=item["seconds"]))
    return lines


def _failed(plan: Path, where: str, reason: str) -> str:
    """A plan's failure in words: its reason alone when that names the
    plan, else the plan and the reason."""
    text = reason if str(plan) in reason else tr("{plan}: {reason}").format(
        plan=where, reason=reason)
    return tr("failed: {what}").format(what=text)


def _summarise(frame, out: Path, seconds: float) -> None:
    """What the batch did, and where the portfolio is."""
    status = frame["status"]
    print(tr_n("{count} plan and scenario: ", "{count} plans and scenarios: ",
               len(frame)).format(count=len(frame)) + tr(
        "{evaluated} evaluated, {fresh} up to date, {failed} failed "
        "({seconds:.1f} s)").format(
            evaluated=int((status == EVALUATED).sum()),
            fresh=int((status == UP_TO_DATE).sum()),
            failed=int((status == FAILED).sum()), seconds=seconds))
    for row in frame[status == FAILED].itertuples():
        where = row.plan + (f" ({scenario_label(row.scenario)})"
                            if row.scenario else "")
        print(_failed(Path(row.plan), where, row.reason), file=sys.stderr)
    print(tr("Wrote {path}").format(path=out / CSV))
