"""Re-evaluating the plan off the UI thread after edits.

An edit starts an evaluation at once (the changes of one event-loop
turn together); edits made while one runs are evaluated together when it
ends. The layers an edit changed are frozen (attribute tables, geometries
as WKB, the CRS as WKT) and rebuilt on a worker thread, so the worker
shares no GEOS or PROJ object with the UI thread; the worker keeps the
other layers and the steps of its last evaluation, and runs again only
what the edit touched (:mod:`plannerdesk.evaluate.memo`). The newest
result is handed back on the UI thread (older runs are ignored).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS
from PySide6.QtCore import QObject, QTimer, Signal

from ..commands.site_maps import SITE_MAPS
from ..model.changes import Change
from ..model.plan import Plan

if TYPE_CHECKING:
    from ..evaluate.memo import Memo
    from ..evaluate.run import Results


def freeze(plan: Plan, names: Iterable[str] | None = None) -> dict:
    """The plan (only layers ``names`` when given) as plain data, safe to
    hand to another thread."""
    names = plan.layers if names is None else names
    return {"crs": plan.crs.to_wkt(), "settings": copy.deepcopy(plan.settings),
            "layers": {name: _frozen_layer(plan.layers[name])
                       for name in names}}


def _frozen_layer(layer: gpd.GeoDataFrame) -> tuple[pd.DataFrame, object]:
    return (pd.DataFrame(layer.drop(columns=layer.geometry.name)).copy(),
            shapely.to_wkb(layer.geometry.array))


def thaw(frozen: dict, kept: dict[str, gpd.GeoDataFrame] | None = None
         ) -> Plan:
    """A plan rebuilt from :func:`freeze`, with objects of its own; the
    layers it does not hold are taken from ``kept``."""
    crs = CRS.from_wkt(frozen["crs"])
    layers = dict(kept or {})
    layers.update({name: gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(
        shapely.from_wkb(wkb), index=table.index), crs=crs)
        for name, (table, wkb) in frozen["layers"].items()})
    return Plan(crs=crs, layers=layers, settings=frozen["settings"])


class _Worker:
    """What the worker thread keeps between evaluations (only it uses
    this): the layers of the plan it last evaluated and that run's memo."""

    def __init__(self) -> None:
        self.layers: dict[str, gpd.GeoDataFrame] = {}
        self.crs = ""
        self.memo: Memo | None = None

    def evaluate(self, frozen: dict) -> Results:
        from ..evaluate.memo import Memo
        from ..evaluate.names import LIVE
        from ..evaluate.run import evaluate

        if frozen["crs"] != self.crs:  # another CRS: nothing kept is of use
            self.layers, self.memo = {}, None
        # a new plan object each run: earlier results keep their own
        plan = thaw(frozen, self.layers)
        self.layers, self.crs = dict(plan.layers), frozen["crs"]
        self.memo = self.memo or Memo()
        try:
            results = evaluate(plan, memo=self.memo, only=LIVE)
        except Exception:
            self.memo = None  # a step may have stopped half-way
            raise
        results.findings  # in words here, not on the UI thread
        return results


class _Signals(QObject):
    done = Signal(object, int, float)
    failed = Signal(str, int)


def _job(worker: _Worker, frozen: dict, generation: int,
         signals: _Signals) -> None:
    """Runs on the worker thread; reports back through queued signals."""
    started = time.perf_counter()
    try:
        results = worker.evaluate(frozen)
        signals.done.emit(results, generation,
                          (time.perf_counter() - started) * 1000)
    except Exception as exc:  # a bug must not kill the app: report it
        signals.failed.emit(f"{type(exc).__name__}: {exc}", generation)


class LiveEvaluation(QObject):
    """Evaluates ``plan`` after changes; emits ``updated(Results)``."""

    started = Signal()
    updated = Signal(object)
    failed = Signal(str)

    def __init__(self, plan: Plan, parent=None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.generation = 0
        self.closed = False
        self.results: Results | None = None
        self.last_run_ms = 0.0  # how long the latest evaluation took
        # a Python thread: pyproj keeps its PROJ context per Python thread
        self.pool = ThreadPoolExecutor(max_workers=1,
                                       thread_name_prefix="evaluate")
        self.running = False  # a job is on the worker (until its signal)
        self.again = False  # the plan changed during the running one
        self.timer = QTimer(self)  # the changes of one event-loop turn
        self.timer.setSingleShot(True)  # (a macro's steps) evaluate once
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._start)
        self.signals = _Signals()
        self.signals.done.connect(self._done)
        self.signals.failed.connect(self._failed)
        self.worker = _Worker()  # used on the worker thread only
        self.sent: dict[str, object] = {}  # the layers it has, as sent
        self.dirty: set[str] = set()  # layers changed since
        plan.listeners.append(self._changed)

    def _changed(self, change: Change) -> None:
        if change.layer != SITE_MAPS:
            self.dirty.add(change.layer)
            self.request()

    def _to_send(self) -> list[str]:
        """The layers the worker lacks: those changed since they were
        sent (in place or replaced)."""
        return [name for name, layer in self.plan.layers.items()
                if name in self.dirty or self.sent.get(name) is not layer]

    def request(self) -> None:
        """Evaluate now, or when the running evaluation ends: edits made
        meanwhile evaluate once, together."""
        self.timer.start()

    def busy(self) -> bool:
        """True while an evaluation is due or running (results may be of
        an earlier state of the plan)."""
        return self.timer.isActive() or self.again or self.running

    def _start(self) -> None:
        if self.closed:
            return
        if self.running:
            self.again = True
            return
        self.again = False
        self.generation += 1
        self.started.emit()
        try:
            names = self._to_send()
            frozen = freeze(self.plan, names)
        except Exception as exc:  # a bug must not stop later evaluations
            self._failed(f"{type(exc).__name__}: {exc}", self.generation)
            return
        self.sent.update((name, self.plan.layers[name]) for name in names)
        self.dirty.clear()
        self.running = True
        self.pool.submit(_job, self.worker, frozen, self.generation,
                         self.signals)

    def _done(self, results: Results, generation: int, ms: float) -> None:
        self.running = False
        if self.again:  # of a plan edited since: evaluate the edited one
            self._start()
        elif self.timer.isActive():  # edited since: that run is due
            return
        elif generation == self.generation:
            self.results, self.last_run_ms = results, ms
            self.updated.emit(results)

    def _failed(self, message: str, generation: int) -> None:
        self.running = False
        self.sent.clear()  # the worker may lack what it was sent: resend
        if self.again:
            self._start()
        elif self.timer.isActive():
            return
        elif generation == self.generation:
            self.results = None  # of an earlier state: no longer to be used
            self.failed.emit(message)

    def wait(self) -> None:
        """Stop evaluating; block until a running evaluation finishes."""
        self.closed = True
        self.timer.stop()
        self.pool.shutdown(wait=True)
