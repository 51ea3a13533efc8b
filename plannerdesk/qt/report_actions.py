"""File > Export report and File > Export results.

The report is built on a worker thread from a frozen copy of the plan (the
same path as the live evaluation), so the window stays responsive. The
evaluation and report stacks load on first use, not with the window.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..io.outputs import check_file, plan_inputs
from ..model.problems import PlannerError
from ..model.scenarios import EXISTING, materialize, scenario_label
from ..session import Session
from .evaluation import LiveEvaluation, freeze, thaw
from .language import tr
from .report_dialog import choose_report


def _build(frozen: dict, path: Path, options: dict,
           base: tuple[str, dict] | None) -> None:
    """Runs on the worker: the report of the frozen plan, compared with the
    frozen ``base`` (name, plan) when given; every result is computed here,
    so no geometry or CRS object crosses threads."""
    from ..evaluate.compare import compare
    from ..evaluate.run import evaluate
    from ..jobs.scenarios import write_report
    results = evaluate(thaw(frozen))
    comparison = None if base is None else compare(
        evaluate(thaw(base[1])), results, base_name=scenario_label(base[0]),
        proposal_name=scenario_label(options["scenario_name"] or EXISTING))
    write_report(path, results, comparison=comparison, **options)


class ReportActions(QObject):
    """Exports from the File menu; ``finished`` carries the report's path
    and ``failed`` the reason, both on the GUI thread."""

    finished = Signal(str)
    failed = Signal(str)
    _done = Signal(str, list)

    def __init__(self, session: Session, parent: QWidget, menu,
                 live: LiveEvaluation) -> None:
        super().__init__(parent)
        self.session, self.parent_widget, self.live = session, parent, live
        menu.addSeparator()
        menu.addAction(tr("Export re&port..."), self.export_report)
        menu.addAction(tr("Export res&ults..."), self.export_results)
        self.pool = ThreadPoolExecutor(max_workers=1,
                                       thread_name_prefix="report")
        self._done.connect(self._report_done)
        self.failed.connect(lambda message: QMessageBox.warning(
            parent, "PlannerDesk", message))

    def export_report(self, compare_with: str | None = None) -> None:
        """Ask where, then build the report of the scenario shown (with a
        comparison against scenario ``compare_with`` when given)."""
        chosen = choose_report(self.parent_widget, self.session.path)
        if chosen is None:
            return
        path, plan = chosen.path, self.session.plan
        try:
            check_file(path, "report", plan_inputs(self.session.path))
        except PlannerError as exc:
            self.failed.emit(str(exc))
            return
        options = {**chosen.options, "source": self.session.path,
                   "scenario_name": plan.active if plan.scenarios else None}
        base = None if compare_with is None else (
            compare_with, freeze(materialize(plan, compare_with)))
        self.session.say(tr("Writing {name} ...").format(name=path.name))
        from ..report.fonts import choose_fonts
        from ..report.labels import name_forms, texts_of
        notes = choose_fonts(texts_of(name_forms(plan))).warnings()
        future = self.pool.submit(_build, freeze(plan), path, options, base)
        future.add_done_callback(lambda f: self._finish(f, path, notes))

    def _finish(self, future, path: Path, notes: list[str]) -> None:
        """On the worker: hand the outcome to the GUI thread."""
        error = future.exception()
        if error is None:
            self._done.emit(str(path), notes)
        elif isinstance(error, PlannerError):
            self.failed.emit(str(error))
        else:  # a bug must not take the window down: say what happened
            self.failed.emit(tr("The report failed: {kind}: {error}").format(
                kind=type(error).__name__, error=error))

    def _report_done(self, path: str, notes: list) -> None:
        said = tr("Report written to {path} ({notes})").format(
            path=path, notes="; ".join(notes)) if notes else \
            tr("Report written to {path}").format(path=path)
        self.session.say(said, 15000)
        self.finished.emit(path)

    def export_results(self) -> None:
        """Write the latest results as RESULTS.gpkg, SUMMARY.json and CSV
        tables into a folder the planner picks."""
        live = self.live
        results = live.results
        if live.busy():
            self.session.say(tr("The evaluation is still running; try again "
                                "in a moment"), 6000)
            return
        if results is None:
            self.session.say(tr("There are no results to export: the "
                                "evaluation failed (the Results dock says "
                                "why)"), 8000)
            return
        name = QFileDialog.getExistingDirectory(
            self.parent_widget, tr("Export results to folder"),
            str(self.session.path.parent))
        if not name:
            return
        folder, inputs = Path(name), plan_inputs(self.session.path)
        from ..jobs.outputs import export_folder
        try:
            written = export_folder(results, folder, inputs)
        except PlannerError as exc:
            self.failed.emit(str(exc))
            return
        tables = sum(path.suffix == ".csv" for path in written)
        self.session.say(tr("Wrote RESULTS.gpkg, SUMMARY.json and {tables} "
                            "CSV tables to {folder}").format(tables=tables,
                                                             folder=folder),
                         10000)

    def wait(self) -> None:
        """Let a report being written finish (the window is closing)."""
        self.pool.shutdown(wait=True)
