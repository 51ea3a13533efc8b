"""The settings dialog's Parking by hour tab: each use family's share of
its peak parking demand at every hour of a weekday and a Saturday
(``parking.hours``), and the family each building use follows
(``parking.hour_family``)."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import language
from ..model.problems import PlannerError
from ..model.schema import BUILDING_USES
from ..model.settings import Settings, checked
from ..model.standards import DAYS, PARKING_HOURS
from ..model.words import human
from .language import tr


class ParkingCurves(QWidget):
    """Edit the hourly curves and the families of ``settings``; read
    them back with :meth:`apply`."""

    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.hours = copy.deepcopy(settings.parking.hours)
        self.families = list(self.hours)
        self.day = QComboBox()
        for day in DAYS:
            self.day.addItem(human(day), day)
        self.shown = DAYS[0]
        self.day.currentIndexChanged.connect(self._switch)
        self.grid = QTableWidget(24, len(self.families))
        self.grid.setHorizontalHeaderLabels([human(f) for f in self.families])
        self.grid.setVerticalHeaderLabels([f"{h:02d}:00" for h in range(24)])
        self.grid.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.family_of = QTableWidget(len(BUILDING_USES), 1)
        self.family_of.setHorizontalHeaderLabels([tr("Follows the curve of")])
        self.family_of.setVerticalHeaderLabels([human(u) for u in
                                                BUILDING_USES])
        self.family_of.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        for r, use in enumerate(BUILDING_USES):
            combo = QComboBox()
            for family in self.families:
                combo.addItem(human(family), family)
            combo.setCurrentIndex(max(combo.findData(
                settings.parking.hour_family.get(use, "office")), 0))
            self.family_of.setCellWidget(r, 0, combo)
        self._fill()
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Day:")))
        top.addWidget(self.day)
        top.addStretch(1)
        curves = QVBoxLayout()
        curves.addLayout(top)
        curves.addWidget(QLabel(tr(
            "Share of each use's peak parking demand at each hour (0 to 1)")))
        curves.addWidget(self.grid)
        side = QVBoxLayout()
        side.addWidget(QLabel(tr("Which curve each building use follows")))
        side.addWidget(self.family_of)
        both = QHBoxLayout()
        both.addLayout(curves, 3)
        both.addLayout(side, 2)
        box = QVBoxLayout(self)
        box.addLayout(both)
        box.addWidget(QLabel(tr("Source: {source}").format(
            source=language.tr(PARKING_HOURS.source))))

    def _fill(self) -> None:
        for c, family in enumerate(self.families):
            shares = self.hours[family].get(self.shown, [1.0] * 24)
            for h in range(24):
                self.grid.setItem(h, c, QTableWidgetItem(f"{shares[h]:g}"))

    def _switch(self, _index: int) -> None:
        """Keep the day shown (as typed), then show the one picked."""
        try:
            self._read()
        except PlannerError:
            pass      # kept as typed: apply() names it
        self.shown = self.day.currentData()
        self._fill()

    def _read(self) -> None:
        """The grid's shares into the day shown; a PlannerError names a
        cell that is not a number."""
        for c, family in enumerate(self.families):
            shares = []
            for h in range(24):
                text = self.grid.item(h, c).text().strip()
                try:
                    shares.append(float(text))
                except ValueError:
                    raise PlannerError(tr(
                        "The {family} curve at {hour:02d}:00 on a {day}: "
                        "'{text}' is not a number. Fix: enter a share of "
                        "the peak from 0 to 1").format(family=human(family), hour=h,
                                         day=human(self.shown), text=text)
                    ) from None
            self.hours[family][self.shown] = shares

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with the curves and families shown; a PlannerError
        says which value cannot be used."""
        self._read()
        out = copy.deepcopy(settings)
        out.parking.hours = copy.deepcopy(self.hours)
        out.parking.hour_family = {
            use: self.family_of.cellWidget(r, 0).currentData()
            for r, use in enumerate(BUILDING_USES)}
        return checked(out)
