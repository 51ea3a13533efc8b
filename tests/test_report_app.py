"""File > Export report and Export results from the app."""

from __future__ import annotations

import pypdf

import plannerdesk.qt.report_actions as report_actions
from plannerdesk.qt.report_dialog import ReportChoice


def test_export_report_writes_the_pdf_off_the_ui_thread(qtbot, window,
                                                        tmp_path,
                                                        monkeypatch):
    target = tmp_path / "layout report.pdf"
    monkeypatch.setattr(report_actions, "choose_report",
                        lambda *_: ReportChoice(target, "a3"))
    with qtbot.waitSignal(window.reports.finished, timeout=120_000):
        window.reports.export_report()
        assert "Writing" in window.statusBar().currentMessage()
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) > 5
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert round(width / 72 * 25.4) == 420 and round(height / 72 * 25.4) == 297
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Internet Village" in text
    assert "Report written" in window.statusBar().currentMessage()


def test_export_report_to_a_folder_that_cannot_be_written_says_so(
        qtbot, window, tmp_path, monkeypatch):
    said = []
    window.reports.failed.disconnect()
    window.reports.failed.connect(said.append)
    monkeypatch.setattr(report_actions, "choose_report", lambda *_:
                        ReportChoice(tmp_path / "missing" / "folder" / "r.pdf"))
    window.reports.export_report()
    assert said and "missing" in said[0] and "Fix" in said[0]


def test_export_results_writes_gpkg_json_and_csv(qtbot, window, tmp_path,
                                                 monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    live = window.results.live
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(out))
    live.request()  # an evaluation is due: its results are not current yet
    window.reports.export_results()
    assert "still running" in window.statusBar().currentMessage()
    assert not any(out.iterdir())
    qtbot.waitUntil(lambda: live.results is not None and not live.busy(),
                    timeout=30_000)
    window.reports.export_results()
    names = {p.name for p in out.iterdir()}
    assert {"RESULTS.gpkg", "SUMMARY.json"} <= names
    assert any(n.endswith(".csv") for n in names)
    assert "CSV tables" in window.statusBar().currentMessage()


def test_a_comparison_goes_into_the_exported_report(qtbot, window, tmp_path,
                                                    monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QPushButton


    answers = ["Proposal", "Existing"]
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: (answers.pop(0), True))
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *a, **k: (answers.pop(0), True))
    window.scenarios.new_proposal()
    dialog = window.compare_scenarios()
    qtbot.addWidget(dialog)
    target = tmp_path / "compared.pdf"
    monkeypatch.setattr(report_actions, "choose_report",
                        lambda *_: ReportChoice(target, "a4"))
    button = next(b for b in dialog.findChildren(QPushButton)
                  if b.text().startswith("Export report"))
    with qtbot.waitSignal(window.reports.finished, timeout=120_000):
        button.click()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert "Existing" in text and "Proposal" in text
    assert "compar" in text.lower()


def test_the_report_dialog_remembers_the_author_and_the_clients_copy(
        qtbot, window, tmp_path):
    """The planner's choices reach the report's options, and the next
    report starts from them; a blank author stays blank (a line to sign),
    never the computer's user name."""
    from plannerdesk.qt.report_dialog import ReportDialog

    dialog = ReportDialog(window, window.path)
    qtbot.addWidget(dialog)
    assert dialog.author.text() == ""
    dialog.path.setText(str(tmp_path / "client"))
    dialog.author.setText("  Li Wei ")
    dialog.notes.setChecked(False)
    dialog.paper.setCurrentIndex(1)
    chosen = dialog.choice()
    assert chosen.path == tmp_path / "client.pdf"
    assert chosen.options["author"] == "Li Wei"
    assert chosen.options["review_notes"] is False
    assert chosen.options["paper"] == "a3"
    again = ReportDialog(window, window.path)
    qtbot.addWidget(again)
    assert again.author.text() == "Li Wei"
    assert not again.notes.isChecked()
    assert again.paper.currentText().startswith("A3")
