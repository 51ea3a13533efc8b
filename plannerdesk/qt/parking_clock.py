"""The Parking by hour dock and the Find parking tool.

Pick a day and an hour: the map shows the zones short of parking then and
every lot by how full it is, and a chart shows the chosen zone's day with
that hour shaded. Find parking: click a destination (a building, or any
point) to list the public and shared lots with spare spaces at that hour,
nearest walk first, with the walking route to each drawn on the map.

The live evaluation leaves the hours out (48 allocations); this dock
allocates them from the latest results on a thread of its own while it is
shown: the hour asked for first, then the rest of its day for the chart.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import shapely
from PySide6.QtCore import QT_TR_NOOP, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGraphicsItemGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..evaluate.charts import hour_chart
from ..evaluate.map_classes import lots_full, zones_short
from ..evaluate.shape import SITE_ROW
from ..model import language
from ..model.standards import DAYS
from ..model.symbology import FLAG_ALPHA, FLAG_COLOURS, OCCUPANCY_CLASSES
from ..model.words import human
from ..session import Session
from .chart_view import ChartView
from .geometry_paths import qcolor
from .icons import icon
from .language import tr
from .layer_panel import LayerPanel
from .map_tools import MapTool
from .overlays import OVERLAY_Z, overlay_group, tiled_item
from .tiled_layer import fit_markers

if TYPE_CHECKING:
    from ..evaluate.parking_hours import ParkingHours
    from ..evaluate.run import Results

TITLE = QT_TR_NOOP("Find parking")
HINT = QT_TR_NOOP("click a building or a place on the map: the lots with "
                  "spare spaces at the dock's hour are listed, nearest first")
OVERLAY_KEY = "overlay: parking by hour"
ROUTE_COLOUR = "#08306b"
DESTINATION_COLOUR = "#000000"
SHORT = (qcolor(FLAG_COLOURS["deficit"], FLAG_ALPHA),
         qcolor(FLAG_COLOURS["deficit"]))
CLEAR = QColor(0, 0, 0, 0)


class _Signals(QObject):
    computed = Signal(object, object, str, int)  # results, hours, day, hour


def _allocate(results: Results, day: str, hours: list[int]) -> ParkingHours:
    """Runs on the dock's thread: ``hours`` of ``day`` allocated."""
    from ..evaluate.parking_hours import parking_hours

    return parking_hours(results.context,
                         parking=results.context.plan.settings.parking,
                         pairs=results.parking.pairs,
                         times=[(day, h) for h in hours])


class FinderTool(MapTool):
    """Hands each left click (map x, y) to ``picked``."""

    name = TITLE
    hint = HINT

    def __init__(self, canvas, picked, ended) -> None:
        super().__init__(canvas)
        self.picked, self.ended = picked, ended

    def press(self, point: QPointF, button, modifiers) -> None:
        if button == Qt.MouseButton.LeftButton:
            self.picked(point.x(), point.y())

    def deactivate(self) -> None:
        self.ended()


class ParkingClock(QObject):
    """The dock (hidden until View → Parking by hour or Find parking),
    a tab ``beside`` the results, its map overlay and the Find parking
    action on the ``bar`` (in the group of ``anchor``); ``hint`` shows
    what the active tool does."""

    shown_changed = Signal()   # the hour shown (see shown()) changed

    def __init__(self, session: Session, window: QMainWindow, canvas,
                 layers: LayerPanel, live, bar: QToolBar, anchor: QAction,
                 hint, beside: QDockWidget) -> None:
        super().__init__(window)
        self.session, self.window, self.canvas = session, window, canvas
        self.layers, self.hint = layers, hint
        self.results: Results | None = None
        self.days: dict[str, ParkingHours] = {}      # whole days computed
        self.alone: dict[tuple[str, int], ParkingHours] = {}  # single hours
        self.asked: set[tuple[str, int | None]] = set()  # jobs under way
        self.destination: tuple[float, float] | None = None
        self.building: int | None = None
        self.overlay: QGraphicsItemGroup | None = None
        self.routes: list[shapely.LineString] = []   # to the offers
        self.offer_lots: list[int] = []              # the offers' lots
        self.pool = ThreadPoolExecutor(max_workers=1,
                                       thread_name_prefix="parking hours")
        self.signals = _Signals()
        self.signals.computed.connect(self._computed)
        self._build(window, beside)
        self.action = QAction(icon(TITLE), tr(TITLE), window)
        self.action.setCheckable(True)
        self.action.setToolTip(tr("Find parking: click a destination to "
                                  "list the lots with spare spaces at an "
                                  "hour, with the walk to each"))
        self.action.triggered.connect(self.start)
        anchor.actionGroup().addAction(self.action)
        bar.addAction(self.action)
        live.updated.connect(self._new_results)
        if live.results is not None:
            self._new_results(live.results)

    # -- the dock ----------------------------------------------------------
    def _build(self, window: QMainWindow, beside: QDockWidget) -> None:
        panel = QWidget()
        self.day = QComboBox()
        for day in DAYS:
            self.day.addItem(human(day), day)
        self.hour = QSlider(Qt.Orientation.Horizontal)
        self.hour.setRange(0, 23)
        self.hour.setValue(10)
        self.hour.setPageStep(3)
        self.hour.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.hour.setTickInterval(6)
        self.hour.setToolTip(tr("hour of the day"))
        self.clock = QLabel()
        self.clock.setMinimumWidth(self.clock.fontMetrics()
                                   .horizontalAdvance("00:00 "))
        self.zone = QComboBox()
        self.zone.setToolTip(tr("zone whose day the chart shows"))
        self.chart = ChartView()
        self.chart.setMinimumHeight(200)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.offers = QTableWidget(0, 4)
        self.offers.setHorizontalHeaderLabels(
            [tr("Lot"), tr("Spare"), tr("Walk (m)"), tr("Minutes")])
        self.offers.verticalHeader().hide()
        self.offers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.offers.setSelectionBehavior(
            QTableWidget.SelectionBehavior.SelectRows)
        header = self.offers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.offers.setWordWrap(False)
        self.offers.itemSelectionChanged.connect(self._offer_picked)
        self.found = QLabel(tr("Find parking: click a destination on the "
                               "map."))
        self.found.setWordWrap(True)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.hour, 1)
        when.addWidget(self.clock)
        box = QVBoxLayout(panel)
        box.addLayout(when)
        box.addWidget(self.summary)
        box.addWidget(self.zone)
        box.addWidget(self.chart, 1)
        box.addWidget(self.found)
        box.addWidget(self.offers, 1)
        self.dock = QDockWidget(tr("Parking by hour"), window)
        self.dock.setObjectName("parking_hours")
        self.dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(beside, self.dock)   # a tab beside Results
        self.dock.hide()
        self.dock.toggleViewAction().triggered.connect(
            lambda shown: shown and self.dock.raise_())
        self.dock.visibilityChanged.connect(lambda _: self.refresh())
        self.day.currentIndexChanged.connect(lambda _: self.refresh())
        self.hour.valueChanged.connect(lambda _: self.refresh())
        self.zone.currentIndexChanged.connect(lambda _: self._draw_chart())
        self._show_clock()

    def when(self) -> tuple[str, int]:
        """The day and hour the dock is set to."""
        return self.day.currentData(), self.hour.value()

    def set_when(self, day: str, hour: int) -> None:
        self.day.setCurrentIndex(max(self.day.findData(day), 0))
        self.hour.setValue(hour)

    def _show_clock(self) -> None:
        self.clock.setText(f"{self.hour.value():02d}:00")

    # -- computing ---------------------------------------------------------
    def _new_results(self, results: Results) -> None:
        self.results = results
        self.days.clear()
        self.alone.clear()
        self.asked.clear()
        zones = [SITE_ROW, *results.context.zones["name"]]
        if zones != [self.zone.itemData(i) for i in range(self.zone.count())]:
            current = self.zone.currentData() or SITE_ROW
            self.zone.blockSignals(True)
            self.zone.clear()
            for zone in zones:
                self.zone.addItem(tr("whole site") if zone == SITE_ROW
                                  else zone, zone)
            self.zone.setCurrentIndex(max(self.zone.findData(current), 0))
            self.zone.blockSignals(False)
        self.refresh()

    def shown(self) -> tuple[ParkingHours, str, int] | None:
        """The hour the dock shows, with its allocation (None: hidden or
        not allocated yet)."""
        if not self.dock.isVisible():
            return None
        day, hour = self.when()
        hours = self.hours_at(day, hour)
        return None if hours is None else (hours, day, hour)

    def hours_at(self, day: str, hour: int) -> ParkingHours | None:
        """The allocation holding ``hour`` of ``day``, if computed."""
        return self.days.get(day) or self.alone.get((day, hour))

    def refresh(self) -> None:
        """Show the dock's hour (computing it first when needed)."""
        self._show_clock()
        if not self.dock.isVisible() or self.results is None:
            self._drop_overlay()
            self.shown_changed.emit()
            return
        if self.results.parking is None:
            self.summary.setText(tr("Parking was not evaluated."))
            return
        day, hour = self.when()
        if self.hours_at(day, hour) is None:
            self._ask(day, hour)
        elif day not in self.days:
            self._ask(day, None)
        if self.destination is not None:
            self._find()
        else:
            self._draw()

    def _ask(self, day: str, hour: int | None) -> None:
        """Allocate ``hour`` of ``day`` (None: the whole day) on the
        dock's thread, once."""
        if (day, hour) in self.asked:
            return
        self.asked.add((day, hour))
        results, signals = self.results, self.signals
        wanted = list(range(24)) if hour is None else [hour]
        stamp = -1 if hour is None else hour

        def job() -> None:
            try:
                hours = _allocate(results, day, wanted)
            except Exception as exc:  # a bug must not kill the app
                signals.computed.emit(results, exc, day, stamp)
                return
            signals.computed.emit(results, hours, day, stamp)
        self.pool.submit(job)

    def _computed(self, results: Results, hours, day: str,
                  hour: int) -> None:
        if results is not self.results:  # of an earlier state of the plan
            return
        if isinstance(hours, Exception):
            self.summary.setText(tr("Parking by hour failed: {message}")
                                 .format(message=f"{type(hours).__name__}: "
                                                 f"{hours}"))
            return
        if hour < 0:
            self.days[day] = hours
        else:
            self.alone[(day, hour)] = hours
        self.refresh()

    def wait(self) -> None:
        """Stop: block until a running allocation ends."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    # -- drawing -----------------------------------------------------------
    def _draw(self) -> None:
        day, hour = self.when()
        hours = self.hours_at(day, hour)
        self._draw_chart()
        if hours is None:
            self.summary.setText(tr("Allocating {hour:02d}:00 ...").format(
                hour=hour))
            return
        at = hours.at(day, hour).set_index("zone")
        ctx = self.results.context
        names = ctx.zones["name"]
        short = list(names[zones_short(hours, day, hour, names)])
        kinds = lots_full(hours, day, hour, ctx.lots.index)
        full = int((kinds == len(OCCUPANCY_CLASSES) - 1).sum())
        site = at.loc[SITE_ROW]
        self.summary.setText(tr(
            "{hour:02d}:00 on a {day}: {short} of {zones} zones short "
            "({unmet:,.0f} spaces unmet); {full} of {lots} lots 85% full or "
            "more").format(hour=hour, day=human(day), short=len(short),
                           zones=len(ctx.zones), unmet=site["unmet"],
                           full=full, lots=len(ctx.lots)))
        self.summary.setToolTip(", ".join(short))
        zones = ctx.zones.geometry.to_numpy()[ctx.zones["name"].isin(short)
                                              .to_numpy()]
        points = ctx.lots["point"].to_numpy()
        parts = [tiled_item(zones, *SHORT),
                 *(tiled_item(points[kinds == k], qcolor(colour),
                              qcolor("white"), radius=8.0, marker="square")
                   for k, (_, colour, _) in enumerate(OCCUPANCY_CLASSES))]
        rows = [(*SHORT, tr("zone short of spaces at {hour:02d}:00")
                 .format(hour=hour)),
                *((qcolor(colour), qcolor(colour), tr("lot {share}").format(
                    share=language.tr(words))) for _, colour, words in
                  OCCUPANCY_CLASSES)]
        if self.destination is not None:
            parts.append(tiled_item(self.routes, CLEAR, qcolor(ROUTE_COLOUR),
                                    width=3.0))
            parts.append(tiled_item([shapely.Point(self.destination)],
                                    qcolor(DESTINATION_COLOUR),
                                    qcolor("white"), radius=8.0))
            rows += [(CLEAR, qcolor(ROUTE_COLOUR),
                      tr("walk to a lot with spare spaces")),
                     (qcolor(DESTINATION_COLOUR), qcolor("white"),
                      tr("destination"))]
        self._drop_overlay()
        self.overlay = overlay_group(parts)
        self.overlay.setZValue(OVERLAY_Z + 1)
        self.canvas.scene().addItem(self.overlay)
        fit_markers(self.canvas.scene())
        self.layers.show_overlay(OVERLAY_KEY, tr(
            "Overlay: parking at {hour:02d}:00 on a {day}").format(
            hour=hour, day=human(day)), self.overlay, rows)
        self.shown_changed.emit()

    def _draw_chart(self) -> None:
        day, hour = self.when()
        hours = self.days.get(day)
        zone = self.zone.currentData() or SITE_ROW
        self.chart.show_chart(None if hours is None else
                              hour_chart(hours.zone(zone, day), hour))

    def _drop_overlay(self) -> None:
        if self.overlay is not None:
            self.canvas.scene().removeItem(self.overlay)
            self.overlay = None
        if OVERLAY_KEY in self.layers.items:
            self.layers.remove_layer(OVERLAY_KEY)

    # -- finding -----------------------------------------------------------
    def start(self) -> None:
        """Show the dock and make Find parking the map's tool."""
        self.dock.show()
        self.dock.raise_()
        self.canvas.set_tool(FinderTool(self.canvas, self.pick, self._ended))
        self.action.setChecked(True)
        self.hint(tr("{tool}: {hint}").format(tool=tr(TITLE),
                                              hint=tr(HINT)))

    def _ended(self) -> None:
        self.action.setChecked(False)

    def pick(self, x: float, y: float) -> None:
        """Find parking for the building at (x, y), or the point."""
        self.destination = (x, y)
        self.building = None
        if self.results is not None:
            plan = self.results.context.plan
            inside = plan["buildings"].sindex.query(shapely.Point(x, y),
                                                    predicate="intersects")
            if len(inside):
                self.building = int(plan["buildings"].index[inside[0]])
        if self.dock.isVisible():
            self.refresh()
        else:
            self.dock.show()   # which refreshes

    def _find(self) -> None:
        """List the offers at the dock's hour and draw their routes."""
        from ..evaluate.parking_finder import find_parking, none_offered

        if self.results is None or self.results.parking is None:
            return
        day, hour = self.when()
        hours = self.hours_at(day, hour)
        if hours is None:
            self.found.setText(tr("Allocating {hour:02d}:00 ...").format(
                hour=hour))
            self._draw()
            return
        ctx = self.results.context
        where = {"building": self.building} if self.building is not None \
            else {"at": self.destination}
        offers = find_parking(ctx, hours, ctx.plan.settings, day=day,
                              hour=hour, routes=True, **where)
        self.routes = [r for r in offers["route"] if r is not None]
        self.offer_lots = list(offers["lot"])
        name = ctx.buildings["name"].get(self.building) \
            if self.building is not None else None
        place = name if isinstance(name, str) and name else \
            tr("the point clicked")
        limit = ctx.plan.settings.parking.search_walk_m
        self.found.setText(tr(
            "{n} lots with spare spaces within {limit:,.0f} m of {place} at "
            "{hour:02d}:00 on a {day}, nearest first").format(
            n=len(offers), limit=limit, place=place, hour=hour,
            day=human(day)) if len(offers) else tr(
            "No lot for {place} at {hour:02d}:00 on a {day}: {reason}")
            .format(place=place, hour=hour, day=human(day),
                    reason=none_offered(offers, limit)))
        self.offers.blockSignals(True)
        self.offers.setRowCount(len(offers))
        for row, offer in enumerate(offers.itertuples()):
            for col, text in enumerate((
                    str(offer.name), f"{offer.spare:,.0f}",
                    f"{offer.walk_m:,.0f}", f"{offer.minutes:.0f}")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.offers.setItem(row, col, item)
        self.offers.blockSignals(False)
        self._draw()

    def _offer_picked(self) -> None:
        """Select the lot of the offer picked in the list."""
        rows = {i.row() for i in self.offers.selectedItems()}
        if rows:
            self.window.select("parking", [int(self.offer_lots[min(rows)])])
