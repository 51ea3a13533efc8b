"""The Chinese interface: every text marked for translation has its
translation in the shipped catalogues, every key reads in Chinese, and
the window and the report in Chinese show no English word left behind."""

from __future__ import annotations

import gettext
import re
import warnings
import xml.etree.ElementTree as ET

import pytest
from babel.messages.pofile import read_po

from plannerdesk.locale import update_catalogues as catalogues
from plannerdesk.model.language import DOMAIN, LOCALE_DIR, speaking

from .conftest import SAMPLE

#: Words a Chinese reader meets in English in any Chinese GIS: names of
#: the product, file formats, standards, units and keys of the keyboard.
KEPT = {
    "PlannerDesk", "GeoPackage", "OpenStreetMap", "OSM", "QGIS", "PDF",
    "CSV", "JSON", "DXF", "CAD", "GeoTIFF", "PNG", "JPEG", "JPG", "TIFF",
    "EPSG", "CGCS", "Gauss", "Kruger", "LEED", "ITE", "ULI", "WGS", "GDAL",
    "UTM", "Ctrl", "Shift", "Alt", "Del", "Esc", "Enter", "Return", "Tab",
    "Space", "Backspace", "Delete", "Home", "gpkg", "pbf", "osm", "zip",
    "pdf", "png", "jpg", "tif", "tiff", "dxf", "geojson", "shp", "json",
    "csv", "km", "min", "GB", "GBT", "Walk", "Score", "Dill", "Ewing",
    "Stangl", "Shoup", "Smith", "Butcher", "Ker", "Ginn", "WHO", "Europe",
    "Manual", "Streets", "ND", "NPD", "Noto", "Sans", "CJK", "SC",
    "fonts", "noto", "cjk", "apt", "install", "plannerdesk", "Hangzhou",
    "English",   # the language menu names each language in itself
    "Journal",   # of ITE Journal, a citation
    "Arzaghi", "Henderson", "Roche", "Allen", "Atkin", "Chen", "Popov",
    "Hillier", "Yang", "Turner", "NAIN", "NACH",
}
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")


def english_words(text: str, names: set[str]) -> set[str]:
    """The English words of ``text`` once the plan's names are taken out
    (a key or name wrapped at '_', '.' or '-' is joined again first)."""
    text = re.sub(r"([._-])\s+", r"\1", text)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return {w for w in ENGLISH.findall(text) if w not in KEPT}


def plan_names(plan) -> set[str]:
    names = set()
    for layer in ("site", "zones", "buildings", "parking", "facilities",
                  "public_points", "public_lines", "public_areas",
                  "walkways", "review_notes"):
        frame = plan[layer]
        for column in frame.columns:
            if str(column).startswith("name") or column in ("text",
                                                            "author",
                                                            "scenario"):
                names |= {str(v) for v in frame[column].dropna()}
    return names | set(plan.scenarios or ()) | {"Existing"} | {
        m.name for m in plan.site_maps}


def test_every_headless_text_has_its_chinese_translation(tmp_path):
    """Extract the texts the code marks now and look each up in the
    shipped .mo: a new or changed text without a translation fails."""
    pot = tmp_path / "plannerdesk.pot"
    catalogues.extract_pot(pot)
    with pot.open("rb") as handle:
        wanted = [m.id for m in read_po(handle) if m.id]
    with (LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.mo").open(
            "rb") as handle:
        shipped = gettext.GNUTranslations(handle)._catalog
    missing = [m if isinstance(m, str) else m[0] for m in wanted
               if (m if isinstance(m, str) else (m[0], 0)) not in shipped]
    assert len(wanted) > 300
    assert not missing, (f"{len(missing)} texts have no Chinese translation "
                         "(run plannerdesk/locale/update_catalogues.py, "
                         "translate them in zh/LC_MESSAGES/plannerdesk.po, "
                         "run it again): " + " | ".join(missing[:15]))


def test_every_window_text_has_its_chinese_translation(qapp, tmp_path):
    """The same for the window's texts and the shipped .qm."""
    from PySide6.QtCore import QTranslator

    ts = tmp_path / "plannerdesk_zh.ts"
    catalogues.extract_ts(ts)
    sources = [m.findtext("source") for m in ET.parse(ts).iter("message")]
    translator = QTranslator()
    assert translator.load(str(catalogues.TS.with_suffix(".qm")))
    missing = [s for s in sources if not translator.translate("", s)]
    assert len(sources) > 300
    assert not missing, (f"{len(missing)} window texts have no Chinese "
                         "translation (run plannerdesk/locale/"
                         "update_catalogues.py, translate them in "
                         "plannerdesk_zh.ts, run it again): "
                         + " | ".join(missing[:15]))


def test_every_key_reads_in_chinese():
    """Layers, fields, categories, vocabularies, groups, bands and flags:
    whatever a list, legend or finding shows, in Chinese."""
    from plannerdesk.evaluate.map_classes import BAND_NAMES
    from plannerdesk.model.schema import FACILITY_CATEGORIES, LAYERS
    from plannerdesk.model.settings import Settings, parameter_table
    from plannerdesk.model.words import human, parameter_name, value_words

    settings = Settings()
    keys = set(FACILITY_CATEGORIES) | set(BAND_NAMES) | set(
        settings.coverage.radii_m) | set(settings.coverage.groups) | {
        "deficit", "surplus", "balanced", "network", "straight"}
    for name, spec in LAYERS.items():
        keys |= {name, *(f.name for f in spec.fields if f.name != "name")}
        keys |= {v for f in spec.fields for v in (f.vocabulary or ())}
    values = {v for spec in LAYERS.values() for f in spec.fields
              for v in (f.vocabulary or ())}
    with speaking("zh"):
        english = {k: human(k) for k in keys if english_words(human(k),
                                                               set())}
        english |= {v: value_words(v) for v in values
                    if english_words(value_words(v), set())}
        unnamed = {r["parameter"] for r in parameter_table(settings)
                   if english_words(parameter_name(r["parameter"]), set())}
    assert not english, english
    assert not unnamed, unnamed


@pytest.fixture
def chinese_window(qtbot, sample_copy):
    """The main window on the sample, speaking Chinese; English again
    afterwards."""
    from plannerdesk.qt.app import open_window
    from plannerdesk.qt.language import install_language

    install_language("zh")
    try:
        win = open_window(sample_copy)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        yield win
        win.undo_stack.set_clean()
    finally:
        install_language("en")


def window_texts(window) -> list[str]:
    """Every text the window shows of itself: title, menus and their
    actions, toolbars, docks, labels, buttons, tabs, headers, tooltips."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QDockWidget,
        QLabel,
        QMenu,
        QTabBar,
        QTableView,
        QToolBar,
        QTreeWidget,
    )

    texts = [window.windowTitle()]
    for menu in window.findChildren(QMenu):
        texts.append(menu.title())
    for owner in [*window.findChildren(QMenu), *window.findChildren(QToolBar)]:
        for action in owner.actions():
            texts += [action.text(), action.toolTip(), action.statusTip()]
    for dock in window.findChildren(QDockWidget):
        texts.append(dock.windowTitle())
    for label in window.findChildren(QLabel):
        texts += [label.text(), label.toolTip()]
    for button in window.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    for bar in window.findChildren(QTabBar):
        texts += [bar.tabText(i) for i in range(bar.count())]
    for tree in window.findChildren(QTreeWidget):   # layers and legends
        rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while rows:
            row = rows.pop()
            texts.append(row.text(0))
            rows += [row.child(i) for i in range(row.childCount())]
    for view in window.findChildren(QTableView):
        model = view.model()
        if model is not None:
            from PySide6.QtCore import Qt
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal))
                      for c in range(model.columnCount())]
    return [t for t in texts if t]


def test_the_window_speaks_chinese(qtbot, chinese_window):
    window = chinese_window
    qtbot.waitUntil(lambda: window.results.live.results is not None,
                    timeout=30_000)
    clock = window.parking_clock    # its dock, overlay and legend shown
    clock.action.trigger()
    inside = window.plan["buildings"].geometry.iloc[0].representative_point()
    clock.pick(inside.x, inside.y)
    qtbot.waitUntil(lambda: "weekday" in clock.days, timeout=30_000)
    names = plan_names(window.plan) | {window.path.name}
    left = {}
    for text in window_texts(window) + [
            window.results.panel.summary.toPlainText(),
            window.statusBar().currentMessage()]:
        found = english_words(text.replace("&", ""), names)
        if found:
            left[text[:80]] = sorted(found)
    assert not left, left
    assert any("文件" in action.text()
               for action in window.menuBar().actions())
    assert window.scenarios.picker.currentText() == "现状"   # 'Existing'
    window.show_attribute_table()
    model = window.table.model
    for layer, column in (("buildings", "use"), ("parking", "type"),
                          ("review_notes", "status")):
        model.load(layer)
        at = model.columns.index(column)
        shown = {model.data(model.index(r, at)) for r in range(
            model.rowCount())}
        assert shown and not [s for s in shown if english_words(s, set())], \
            (layer, shown)
    from plannerdesk.qt.help_menu import shortcuts
    listed = [f"{where} {action}" for where, action, _ in shortcuts(window)]
    assert "文件 保存" in listed     # no accelerator marks: not 文件(F)
    assert not [t for t in listed if re.search(r"&|\([A-Z]\)", t)]
    from PySide6.QtWidgets import QMenu  # one entry per access key
    for menu in [window.menuBar(), *window.findChildren(QMenu)]:
        keys = [m.group(1).lower() for action in menu.actions()
                if (m := re.search(r"&([^&])", action.text()))]
        assert len(keys) == len(set(keys)), (menu.title(), keys)


def test_the_report_speaks_chinese(tmp_path):
    """Every page of the sample's report in Chinese: headings, tables,
    legends, findings and recommendations; the plan's names and the
    standards' citations stay as they are."""
    from pypdf import PdfReader

    from plannerdesk.evaluate.run import evaluate
    from plannerdesk.io.gpkg import open_plan
    from plannerdesk.model.settings import parameter_table
    from plannerdesk.report.build import build_report
    from plannerdesk.report.fonts import choose_fonts

    if choose_fonts(["梦想小镇"]).missing:
        pytest.skip("no CJK font here: install fonts-noto-cjk")
    plan, _ = open_plan(SAMPLE)
    pdf = tmp_path / "zh.pdf"
    with warnings.catch_warnings(record=True):
        build_report(plan, pdf, results=evaluate(plan), source=SAMPLE,
                     language="zh", author="李伟")
    names = plan_names(plan) | {SAMPLE.name, plan.crs.name,
                                "plannerdesk report --no-notes"} | {
        row["parameter"] for row in parameter_table(plan.settings)}
    left = {}
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        text = " ".join(page.extract_text().split())
        found = english_words(text, names)
        if found:
            left[number] = sorted(found)[:12]
    assert not left, left
    front = PdfReader(pdf).pages[0].extract_text()
    assert "主要发现" in front and "李伟" in front


def test_the_language_chosen_in_the_view_menu_speaks_from_the_next_start(
        qtbot, window):
    """View → Language → 简体中文 is remembered; the next start speaks
    Chinese, in the window (Qt's catalogue) and in the findings
    (gettext); the system's language again once that is chosen."""
    from PySide6.QtWidgets import QMenu

    from plannerdesk.evaluate.findings import findings
    from plannerdesk.evaluate.run import evaluate
    from plannerdesk.model import language
    from plannerdesk.qt.language import install_language, tr

    menu = next(m for m in window.findChildren(QMenu)
                if m.title() == "Lan&guage")
    chinese = next(a for a in menu.actions() if a.data() == "zh")
    chinese.trigger()
    assert "starts again" in window.statusBar().currentMessage()
    try:
        assert install_language() == "zh"
        assert tr("&File") == "文件(&F)"
        assert language.current() == "zh"
        results = window.results.live.results or evaluate(window.plan)
        assert any("停车位" in f.text for f in findings(results))
    finally:
        next(a for a in menu.actions() if a.data() == "").trigger()
        install_language("en")
    assert install_language() == language.system_language()
    install_language("en")


def test_a_long_status_message_is_shortened_not_cut(qtbot, window):
    """A message wider than the status bar shows its start and end with
    '…' between; the whole message is the tooltip and currentMessage."""
    bar = window.statusBar()
    long = "Report written to " + "/very/long/folder" * 30 + "/report.pdf"
    bar.showMessage(long)
    shown = super(type(bar), bar).currentMessage()
    assert "…" in shown and shown.endswith("report.pdf")
    assert bar.fontMetrics().horizontalAdvance(shown) < bar.width()
    assert bar.toolTip() == long and bar.currentMessage() == long
    bar.showMessage("Saved")
    assert super(type(bar), bar).currentMessage() == "Saved"
    assert bar.toolTip() == ""


def test_a_chinese_report_without_a_chinese_font_says_which_to_install(
        tmp_path, monkeypatch):
    """On a machine with no CJK font the Chinese report still gets
    written, and a warning (in Chinese) names the package to install."""
    from plannerdesk.report import fonts
    from plannerdesk.report.build import build_report

    from .test_report import small_plan

    monkeypatch.setattr(fonts, "_best_font", lambda chars, preferred: None)
    with pytest.warns(fonts.FontWarning) as caught:
        build_report(small_plan(), tmp_path / "r.pdf", language="zh")
    said = " ".join(str(w.message) for w in caught
                    if issubclass(w.category, fonts.FontWarning))
    assert "sudo apt install fonts-noto-cjk" in said
    assert "解决办法" in said
    assert (tmp_path / "r.pdf").stat().st_size > 10_000


def test_a_chinese_report_of_a_plan_named_in_latin_prints_chinese(tmp_path):
    """The report's own words choose the fonts too: a plan whose names
    are all Latin gets a CJK font in its Chinese report."""
    from pypdf import PdfReader

    from plannerdesk.report.build import build_report
    from plannerdesk.report.fonts import choose_fonts

    from .conftest import box
    from .microsites import building, plan_of, street

    if choose_fonts(["梦想小镇"]).missing:
        pytest.skip("no CJK font here: install fonts-noto-cjk")
    plan = plan_of(
        site=[{"name": "Test site", "geometry": box(0, -100, 1000, 300)}],
        zones=[{"name": "North", "geometry": box(0, -100, 500, 300)}],
        buildings=[building(100, employees=400)], walkways=[street()])
    assert choose_fonts(name for name in plan["zones"]["name"]).families \
        == ("DejaVu Sans",)
    with warnings.catch_warnings(record=True):
        build_report(plan, tmp_path / "r.pdf", language="zh")
    fonts_used = {str(f.get_object().get("/BaseFont", ""))
                  for page in PdfReader(tmp_path / "r.pdf").pages
                  for f in (page["/Resources"].get("/Font") or {}).values()}
    assert any("CJK" in name for name in fonts_used), fonts_used


def test_the_command_line_follows_the_system_language(tmp_path):
    """Under a Chinese locale `plannerdesk evaluate` words its findings in
    Chinese; `report --lang en` overrides the locale for the report."""
    import os
    import shutil
    import subprocess
    import sys

    from pypdf import PdfReader

    for source in SAMPLE.parent.glob("dream_town*"):
        shutil.copy(source, tmp_path / source.name)
    env = {**os.environ, "LANGUAGE": "zh_CN"}
    run = [sys.executable, "-m", "plannerdesk"]
    done = subprocess.run([*run, "evaluate", SAMPLE.name, "--quiet"],
                          cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "停车位" in done.stdout and "建议" in done.stdout
    done = subprocess.run([*run, "report", SAMPLE.name, "-o", "en.pdf",
                           "--quiet", "--lang", "en"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    front = PdfReader(tmp_path / "en.pdf").pages[0].extract_text()
    assert "Main findings" in front
    done = subprocess.run([*run, "report", SAMPLE.name, "--bogus"],
                          cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "用法：" in done.stderr and "无法识别的参数" in done.stderr \
        or "缺少以下必需参数" in done.stderr, done.stderr
    said = done.stderr.split("\n")[-2]   # commands and options stay
    assert not english_words(said, {"plannerdesk report", "--help",
                                    "-o/--out"}), done.stderr


def test_the_chinese_guide_follows_the_readme():
    """Help → User guide in Chinese is the README's planner part: as many
    headings of each level, in the same order, so a section added to the
    README and not to the guide fails."""
    from plannerdesk.qt.help_menu import GUIDE, GUIDES

    def levels(text: str) -> list[int]:
        fenced, found = False, []
        for line in text.splitlines():
            if line.startswith("```"):
                fenced = not fenced
            elif not fenced and (m := re.match(r"(#+) ", line)):
                found.append(len(m.group(1)))
        return found

    readme = GUIDE.read_text(encoding="utf-8")
    planner_part = readme[:readme.index("\n## Benchmarks")]
    guide = GUIDES["zh"].read_text(encoding="utf-8")
    assert levels(guide) == levels(planner_part)
    assert len(re.findall(r"[\u4e00-\u9fff]", guide)) > 5000


def test_help_shows_the_guide_in_the_planners_language(qtbot, window):
    from plannerdesk.qt.help_menu import show_guide
    from plannerdesk.qt.language import install_language

    install_language("zh")
    try:
        dialog = show_guide(window)
        qtbot.addWidget(dialog)
        from PySide6.QtWidgets import QTextBrowser
        shown = dialog.findChild(QTextBrowser).toPlainText()
        assert "快速上手" in shown and "桌面应用" in shown
    finally:
        install_language("en")


def test_a_value_chosen_in_chinese_is_stored_as_its_key(qtbot,
                                                        chinese_window):
    """The form lists a field's values in words (Chinese here); the one
    picked is stored as the key the plan, QGIS and the evaluators read."""
    from PySide6.QtWidgets import QComboBox

    from plannerdesk.model.words import value_words

    window = chinese_window
    fid = int(window.plan["facilities"].index[0])
    window.session.selection.set("facilities", [fid])
    combo = window.attributes.widgets["category"]
    assert isinstance(combo, QComboBox)
    with speaking("zh"):
        words = value_words("book_bar")
    index = combo.findText(words)
    assert index >= 0, words
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert window.plan["facilities"].at[fid, "category"] == "book_bar"


def test_the_attribute_table_edits_a_value_by_its_words(qtbot,
                                                        chinese_window):
    """In the table too, a field's values are picked in words and stored
    as keys."""
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    from plannerdesk.model.words import value_words

    window = chinese_window
    window.show_attribute_table()
    table = window.table
    table.show_layer("facilities")
    column = table.model.columns.index("category")
    index = table.proxy.index(0, column)
    fid = int(table.model.frame.index[table.proxy.mapToSource(index).row()])
    delegate = table.view.itemDelegate()
    editor = delegate.createEditor(table.view.viewport(),
                                   QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    delegate.setEditorData(editor, index)
    with speaking("zh"):
        words = value_words("book_bar")
    editor.setCurrentIndex(editor.findText(words))
    delegate.setModelData(editor, table.proxy, index)
    assert window.plan["facilities"].at[fid, "category"] == "book_bar"
