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
    Task,
    outcome,
    plan_folders,
    read_list,
    run_task,
    up_to_date,
)
from ..jobs.portfolio_files import portfolio_frame, write_portfolio
from ..model.language import N_, current, tr, tr_n
from ..model.problems import PlannerError, UsageError
from ..model.scenarios import scenario_label

CONNECT_S = 10   # seconds to reach a scheduler


def run_batch(args: argparse.Namespace) -> int:
    plans = _plans(args)
    out = args.out
    check_folder(out, N_("portfolio"))
    try:
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise write_failed(out, tr("portfolio"), exc.strerror or str(exc)
                           ) from None
    scenario = ALL if args.all_scenarios else args.scenario
    folders = plan_folders(plans, out.resolve())
    tasks = [Task(plan, folders[plan], scenario, parse_only(args.only),
                  current()) for plan in plans]
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
    if todo:
        with _client(args, len(todo)) as submit:
            for task, found in submit(todo):
                done[task.plan] = found
                report(task, found)
    report(None, [])
    outcomes = [found for task in tasks for found in done[task.plan]]
    frame = portfolio_frame(outcomes, out.resolve())
    write_portfolio(frame, out)
    _summarise(frame, out, time.perf_counter() - started)
    return 1 if (frame["status"] == FAILED).any() else 0


def _plans(args: argparse.Namespace) -> list[Path]:
    """The plans named and listed, each once, as absolute paths."""
    named = list(args.plans)
    if args.list:
        named += read_list(args.list)
    if not named:
        raise UsageError(tr(
            "no plans to evaluate. Fix: name them (plannerdesk batch "
            "A.gpkg B.gpkg --out FOLDER) or list them in a file, one per "
            "line (--list PLANS.txt)"))
    return list(dict.fromkeys(p.absolute() for p in named))


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
        except (OSError, TimeoutError, ValueError) as exc:
            raise PlannerError(tr(
                "cannot reach the Dask scheduler at {address} ({reason}). "
                "Fix: start one with 'dask scheduler' and workers with "
                "'dask worker {address}', or leave --scheduler out to use "
                "this machine").format(address=args.scheduler, reason=exc)
                ) from None
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
            lines.append(tr("{plan}: failed: {reason}").format(
                plan=where, reason=_without(item["plan"], item["reason"])))
        elif item["status"] == UP_TO_DATE:
            lines.append(tr("{plan}: up to date, not evaluated again")
                         .format(plan=where))
        elif with_time:
            lines.append(tr("{plan}: evaluated in {seconds:.1f} s").format(
                plan=where, seconds=item["seconds"]))
    return lines


def _without(plan: Path, reason: str) -> str:
    """``reason`` without the plan's path it starts with, when it does."""
    return reason.removeprefix(f"{plan}: ")


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
        print(tr("failed: {plan}{scenario}: {reason}").format(
            plan=row.plan, scenario=f" ({row.scenario})" if row.scenario
            else "", reason=_without(Path(row.plan), row.reason)),
            file=sys.stderr)
    print(tr("Wrote {path}").format(path=out / "portfolio.csv"))
