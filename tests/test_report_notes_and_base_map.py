"""The report's site map over the planner's base map, the review notes
section with its photos, and the client's copy without them."""

from __future__ import annotations

import shutil
import warnings

import numpy as np
import pytest
from matplotlib.image import imsave
from pypdf import PdfReader

from plannerdesk.commands import AddFeatures, UndoStack
from plannerdesk.evaluate.run import evaluate
from plannerdesk.io.gpkg import open_plan
from plannerdesk.report.build import build_report

from .conftest import SAMPLE, frame


def report(plan, path, source, **options) -> list[str]:
    """Build the report and return each page's text."""
    with warnings.catch_warnings(record=True):
        build_report(plan, path, results=evaluate(plan), source=source,
                     author="Test Author", **options)
    return [" ".join(page.extract_text().split())
            for page in PdfReader(path).pages]


def images_on(path, number: int) -> int:
    return len(PdfReader(path).pages[number].images)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the sample folder with a photo beside the plan and two
    more notes: one with that photo, one whose photo is missing."""
    folder = tmp_path_factory.mktemp("site")
    for item in SAMPLE.parent.iterdir():
        if item.is_file():
            shutil.copy(item, folder)
    (folder / "photos").mkdir()
    stripes = np.zeros((60, 90, 3))
    stripes[:, ::10] = 1.0
    imsave(folder / "photos" / "kerb.png", stripes)
    plan, _ = open_plan(folder / SAMPLE.name)
    point = plan["zones"].geometry.iloc[0].representative_point()
    UndoStack(plan).push(AddFeatures("review_notes", frame([
        {"text": "Kerbside parking at noon", "status": "open",
         "photo": "photos/kerb.png", "geometry": point},
        {"text": "Gate closed at night", "status": "open",
         "photo": "photos/gone.jpg", "geometry": point}], crs=plan.crs)))
    return plan, folder


def test_the_site_map_is_drawn_over_the_base_map(site, tmp_path):
    """The sample's base map (river, railway) is an image on the site map
    page; without the file the map is drawn bare and the notes say why."""
    plan, folder = site
    pdf = tmp_path / "r.pdf"
    texts = report(plan, pdf, folder / SAMPLE.name)
    site_map = next(n for n, t in enumerate(texts) if "Site map: " in t)
    assert images_on(pdf, site_map) > 0
    assert "left off the maps" not in " ".join(texts)

    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copy(folder / SAMPLE.name, bare)
    moved, _ = open_plan(bare / SAMPLE.name)
    name = moved.site_maps[0].name
    texts = report(moved, tmp_path / "bare.pdf", bare / SAMPLE.name)
    assert images_on(tmp_path / "bare.pdf", site_map) == 0
    assert f"site map '{name}'" in texts[0]
    assert "is left off the maps" in texts[0]


def test_review_notes_have_their_section_with_photos(site, tmp_path):
    plan, folder = site
    pdf = tmp_path / "r.pdf"
    texts = report(plan, pdf, folder / SAMPLE.name)
    listing = " ".join(t for t in texts if "The notes" in t)
    for note in plan["review_notes"]["text"]:
        assert " ".join(note.split()) in listing, note
    photos = [n for n, t in enumerate(texts) if "Review notes: photos" in t]
    assert len(photos) == 1
    assert images_on(pdf, photos[0]) > 0
    assert "gone.jpg cannot be read" in texts[photos[0]]
    # the notes are not printed on the site map
    site_map = next(t for t in texts if "Site map: " in t)
    assert "Review notes" not in site_map


def test_the_clients_copy_leaves_the_notes_out(site, tmp_path):
    plan, folder = site
    texts = report(plan, tmp_path / "client.pdf", folder / SAMPLE.name,
                   review_notes=False)
    whole = " ".join(texts)
    assert "Review notes" not in whole
    assert "Kerbside parking at noon" not in whole


def test_the_title_page_locates_the_site_and_leaves_the_author_to_sign(
        site, tmp_path):
    """Without an author the title page has a line to sign, never the
    computer's user name; the locator map gives the site's latitude and
    longitude."""
    import getpass

    plan, folder = site
    pdf = tmp_path / "r.pdf"
    with warnings.catch_warnings(record=True):
        build_report(plan, pdf, results=evaluate(plan),
                     source=folder / SAMPLE.name)
    reader = PdfReader(pdf)
    front = " ".join(reader.pages[0].extract_text().split())
    assert "Prepared by: ____" in front
    assert f"Prepared by: {getpass.getuser()}" not in front
    assert reader.metadata.author is None
    assert "Location: 30.29" in front and "119.99" in front
    assert images_on(pdf, 0) > 0      # the base map under the locator


def test_a_proposal_that_improves_is_green_in_the_comparison_chart():
    """Better is green and worse red in every comparison: the proposal's
    bar of a zone whose unmet parking fell is green, never the deficit
    red, and the base's bars are grey."""
    from datetime import datetime

    from matplotlib.colors import to_hex

    from plannerdesk.evaluate.compare import compare
    from plannerdesk.model.symbology import (
        BASE_COLOUR,
        BETTER_COLOUR,
        EDGE_COLOUR,
    )
    from plannerdesk.report.comparison import comparison_section
    from plannerdesk.report.document import Document
    from plannerdesk.report.labels import Labels
    from plannerdesk.report.pages import Sheet

    base_plan, _ = open_plan(SAMPLE)
    plan, _ = open_plan(SAMPLE)
    village = plan["zones"].set_index("name").geometry["Internet Village"]
    UndoStack(plan).push(AddFeatures("parking", frame([
        {"name": "New garage", "capacity": 2000, "type": "structure",
         "access": "public",
         "geometry": village.representative_point()}], crs=plan.crs)))
    comparison = compare(evaluate(base_plan), evaluate(plan),
                         base_name="Existing", proposal_name="Proposal")
    doc = Document(plan=plan, results=evaluate(plan), sheet=Sheet.of("a4"),
                   labels=Labels({}), title="t", author="",
                   created=datetime.now(), source="", comparison=comparison)
    zones = list(comparison.parking_change["zone"])
    chart = next(ax for fig in comparison_section(doc) for ax in fig.axes
                 if len(ax.patches) == 2 * len(zones))
    bars = chart.patches
    proposal = {zone: to_hex(bar.get_facecolor()) for zone, bar in
                zip(zones, bars[len(zones):], strict=True)}
    assert proposal["Internet Village"] == BETTER_COLOUR
    assert {to_hex(bar.get_facecolor()) for bar in bars[:len(zones)]} == \
        {BASE_COLOUR}
    unchanged = comparison.parking_change.set_index("zone")
    same = unchanged[(unchanged["unmet_after"] - unchanged["unmet_before"])
                     .round() == 0].index
    assert all(proposal[z] == EDGE_COLOUR for z in same)


def test_the_command_line_report_prints_no_warnings(site, tmp_path):
    """A report of the sample, in a fresh process, prints only where it
    wrote the PDF: no font or library warnings on the console."""
    import subprocess
    import sys

    _, folder = site
    out = tmp_path / "client.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "plannerdesk", "report", str(SAMPLE.name),
         "-o", str(out), "--quiet", "--no-notes"], cwd=folder,
        capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() == f"Wrote {out}"
    assert "Review notes" not in " ".join(
        page.extract_text() for page in PdfReader(out).pages)


def test_the_site_map_names_features_from_the_label_scale_without_overlap():
    """At the planner's label scale or closer the site map names the
    facilities, spaces and lots, and no two names overlap; farther out it
    names the zones only."""
    from datetime import datetime

    from plannerdesk.report.document import Document
    from plannerdesk.report.front import site_map_page
    from plannerdesk.report.labels import Labels
    from plannerdesk.report.pages import Sheet

    plan, _ = open_plan(SAMPLE)
    results = evaluate(plan, only=("coverage",))

    def names_on_map(scale: float) -> list:
        doc = Document(plan=plan, results=results, sheet=Sheet.of("a4"),
                       labels=Labels({}), title="t", author="",
                       created=datetime.now(), source="", label_scale=scale)
        fig = site_map_page(doc)[0]
        fig.canvas.draw()
        ax = max(fig.axes, key=lambda a: a.get_position().width)
        return [t for t in ax.texts if t.get_text() not in ("N", "")
                and not t.get_text()[0].isdigit()]

    zones = set(plan["zones"]["name"])
    far = names_on_map(1000)
    assert {t.get_text() for t in far} == zones
    near = names_on_map(50_000)
    shown = {t.get_text() for t in near}
    assert zones <= shown
    assert "Angel Bistro" in shown and len(shown) > len(zones) + 20
    boxes = [t.get_window_extent() for t in near]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
