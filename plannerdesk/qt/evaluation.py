"""Re-evaluating the plan off the UI thread after edits.

An edit starts an evaluation at once (the changes of one event-loop
turn together); edits made while one runs are evaluated together when it
ends. The plan is frozen (attribute
tables, geometries as WKB, the CRS as WKT) and rebuilt on a worker thread,
so the worker shares no GEOS or PROJ object with the UI thread; the newest
result is handed back on the UI thread (older runs are ignored).
"""

from __future__ import annotations

import copy
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS
from PySide6.QtCore import QObject, QTimer, Signal

from ..commands.site_maps import SITE_MAPS
from ..model.plan import Plan

if TYPE_CHECKING:
    from ..evaluate.run import Results


def freeze(plan: Plan) -> dict:
    """The plan as plain data, safe to hand to another thread."""
    return {"crs": plan.crs.to_wkt(), "settings": copy.deepcopy(plan.settings),
            "layers": {name: (pd.DataFrame(layer.drop(
                columns=layer.geometry.name)).copy(),
                shapely.to_wkb(layer.geometry.array))
                for name, layer in plan.layers.items()}}


def thaw(frozen: dict) -> Plan:
    """A plan rebuilt from :func:`freeze`, with objects of its own."""
    crs = CRS.from_wkt(frozen["crs"])
    layers = {name: gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(
        shapely.from_wkb(wkb), index=table.index), crs=crs)
        for name, (table, wkb) in frozen["layers"].items()}
    return Plan(crs=crs, layers=layers, settings=frozen["settings"])


class _Signals(QObject):
    done = Signal(object, int, float)
    failed = Signal(str, int)


def _job(frozen: dict, generation: int, signals: _Signals) -> None:
    """Runs on the worker thread; reports back through queued signals."""
    started = time.perf_counter()
    try:
        # loaded here, on the worker: the window shows without it
        from ..evaluate.run import evaluate
        results = evaluate(thaw(frozen))
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
        plan.listeners.append(
            lambda change: None if change.layer == SITE_MAPS
            else self.request())

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
            frozen = freeze(self.plan)
        except Exception as exc:  # a bug must not stop later evaluations
            self._failed(f"{type(exc).__name__}: {exc}", self.generation)
            return
        self.running = True
        self.pool.submit(_job, frozen, self.generation, self.signals)

    def _done(self, results: Results, generation: int, ms: float) -> None:
        self.running = False
        if self.again:  # of a plan edited since: evaluate the edited one
            self._start()
        elif generation == self.generation:
            self.results, self.last_run_ms = results, ms
            self.updated.emit(results)

    def _failed(self, message: str, generation: int) -> None:
        self.running = False
        if self.again:
            self._start()
        elif generation == self.generation:
            self.results = None  # of an earlier state: no longer to be used
            self.failed.emit(message)

    def wait(self) -> None:
        """Stop evaluating; block until a running evaluation finishes."""
        self.closed = True
        self.timer.stop()
        self.pool.shutdown(wait=True)
