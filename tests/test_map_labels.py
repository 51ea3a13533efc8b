"""Names on the map: zone names at every scale, the names of spaces,
facilities and lots from the scale the planner sets, never text over
text."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _placed(qtbot, window) -> list[tuple[str, object]]:
    window.canvas.viewport().grab()  # paints the scene, labels included
    return list(window.labels.placed)


def test_zone_names_show_at_the_whole_site_without_overlaps(qtbot, window):
    placed = _placed(qtbot, window)
    texts = [t for t, _ in placed]
    zones = window.plan["zones"]
    # each zone by its name and, under it, its Chinese form
    assert {f"{z.name}\n{z.name_zh}" for z in zones.itertuples()} <= \
        set(texts)
    assert not set(window.plan["facilities"]["name"].dropna()) & set(texts)
    rects = [r for _, r in placed]
    assert not any(a.intersects(b) for i, a in enumerate(rects)
                   for b in rects[i + 1:])


def test_feature_names_show_from_the_planners_scale(qtbot, window):
    cafe = window.plan["facilities"].query("category == 'cafe'").iloc[0]
    window.canvas.set_scale(2000)
    window.canvas.centerOn(cafe.geometry.x, cafe.geometry.y)
    texts = [t for t, _ in _placed(qtbot, window)]
    assert cafe["name"] in texts
    window.set_label_scale(1000)  # now only closer than 1:1,000
    texts = [t for t, _ in _placed(qtbot, window)]
    assert cafe["name"] not in texts
    rects = [r for _, r in window.labels.placed]
    assert not any(a.intersects(b) for i, a in enumerate(rects)
                   for b in rects[i + 1:])


def test_a_renamed_feature_is_labelled_by_its_new_name(qtbot, window):
    from plannerdesk.commands import SetAttribute

    zone = int(window.plan["zones"].index[0])
    window.push_command(SetAttribute("zones", zone, "name", "Renamed Zone"))
    assert any(t.startswith("Renamed Zone")
               for t, _ in _placed(qtbot, window))
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_L)  # labels off
    assert not window.labels.isVisible()
