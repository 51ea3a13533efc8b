"""Evaluation settings: edited in the dialog with sources shown, refused
when impossible, undoable, saved in the plan and used by the evaluators."""

from __future__ import annotations

import pytest

from plannerdesk.io.gpkg import open_plan
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.settings import Settings, with_parameter
from plannerdesk.qt.settings_dialog import SettingsDialog


def row_of(dialog, name: str) -> int:
    return next(r for r in range(dialog.table.rowCount())
                if dialog.table.item(r, 0).toolTip() == name)


def test_dialog_shows_sources_and_refuses_impossible_values(qtbot):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    row = row_of(dialog, "parking.walk_limit_m")
    assert dialog.table.item(row, 0).text() == \
        "Longest walk from a lot (employees)"
    assert dialog.table.item(row_of(dialog, "coverage.radii_m.book_bar"),
                             0).text() == "Service walk: book bar"
    assert "Smith & Butcher" in dialog.table.item(row, 3).text()
    cafe = row_of(dialog, "coverage.radii_m.cafe")
    assert "proposal" in dialog.table.item(cafe, 3).text()
    speed = row_of(dialog, "walk.ped_shed_good")
    assert "(proposal)" in dialog.table.item(speed, 3).text()
    dialog.table.item(row, 1).setText("-50")
    dialog.accept()
    assert "parking.walk_limit_m must be more than 0" in dialog.error.text()
    assert dialog.result_settings is None
    dialog.table.item(row, 1).setText("350")
    dialog.accept()
    assert dialog.result_settings.parking.walk_limit_m == 350


def test_settings_change_is_undoable_saved_and_re_evaluated(qtbot, window):
    from plannerdesk.commands import SetSettings

    with qtbot.waitSignal(window.results.live.updated, timeout=20_000):
        window.push_command(SetSettings(with_parameter(
            window.plan.settings, "coverage.radii_m.cafe", "600")))
    assert window.results.live.results.coverage.table.loc["cafe", "radius_m"] == 600
    assert window.files.save()
    assert open_plan(window.path)[0].settings.coverage.radii_m["cafe"] == 600
    window.undo_action.trigger()
    assert window.plan.settings.coverage.radii_m["cafe"] == 300


def test_with_parameter_checks_choices_and_types():
    with pytest.raises(PlannerError, match="gfa or employees"):
        with_parameter(Settings(), "parking.demand_basis", "cars")
    changed = with_parameter(Settings(), "exchange.targets", "cafe, square")
    assert changed.exchange.targets == ["cafe", "square"]


def test_a_choice_is_picked_from_its_words(qtbot):
    """Choices and true/false are picked from a list in words; the choice
    made is the setting's key."""
    from PySide6.QtWidgets import QComboBox

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    basis = dialog.table.cellWidget(row_of(dialog, "parking.demand_basis"),
                                    1)
    flag = dialog.table.cellWidget(row_of(dialog, "parking.use_profiles"), 1)
    assert isinstance(basis, QComboBox) and isinstance(flag, QComboBox)
    assert [flag.itemText(i) for i in range(flag.count())] == ["yes", "no"]
    assert flag.currentText() == "no"
    basis.setCurrentIndex(basis.findData("employees"))
    flag.setCurrentIndex(flag.findData("true"))
    dialog.accept()
    assert dialog.result_settings.parking.demand_basis == "employees"
    assert dialog.result_settings.parking.use_profiles is True


def test_the_hourly_parking_curves_are_edited_in_the_dialog(qtbot):
    """The Parking by hour tab: a Saturday share typed, a use moved to
    another curve; a share above 1 or not a number is refused, naming
    the cell."""
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    curves = dialog.curves
    office = curves.families.index("office")
    curves.day.setCurrentIndex(curves.day.findData("saturday"))
    assert curves.grid.item(10, office).text() == \
        f"{Settings().parking.hours['office']['saturday'][10]:g}"
    curves.grid.item(10, office).setText("0.5")
    uses = [curves.family_of.verticalHeaderItem(r).text()
            for r in range(curves.family_of.rowCount())]
    hotel = curves.family_of.cellWidget(uses.index("hotel"), 0)
    hotel.setCurrentIndex(hotel.findData("residential"))
    curves.day.setCurrentIndex(curves.day.findData("weekday"))
    curves.grid.item(3, office).setText("1.5")
    dialog.accept()
    assert "parking.hours.office.weekday" in dialog.error.text()
    assert dialog.result_settings is None
    curves.grid.item(3, office).setText("lots")
    dialog.accept()
    assert "The office curve at 03:00 on a weekday: 'lots' is not a " \
        "number" in \
        dialog.error.text()
    curves.grid.item(3, office).setText("0")
    dialog.accept()
    parking = dialog.result_settings.parking
    assert parking.hours["office"]["saturday"][10] == 0.5
    assert parking.hour_family["hotel"] == "residential"
    assert parking.hours["office"]["weekday"][3] == 0
