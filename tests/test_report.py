"""The layout report: produced headless for the sample, every section and
finding in its text, pages of the right size, names in other scripts
printed or warned about, bad input refused with a message."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings

import numpy as np
import pytest
from pypdf import PdfReader

from plannerdesk.cli import main
from plannerdesk.evaluate.run import evaluate
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.io.outputs import CSV_ENCODING
from plannerdesk.model import scenarios as sc
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.settings import parameter_table
from plannerdesk.model.words import parameter_name
from plannerdesk.report import fonts
from plannerdesk.report.build import build_report
from plannerdesk.report.fonts import Fonts, FontWarning, choose_fonts
from plannerdesk.report.labels import Labels

from .conftest import SAMPLE, box, frame, pt
from .microsites import building, plan_of, street

MM = 72 / 25.4
SECTIONS = ("Site map", "Coverage", "Walkability", "Network form",
            "Parking supply and demand", "Innovation exchange", "Findings",
            "Parameters", "Appendix: figures by zone", "Contents")
CJK_FONT = not choose_fonts(["互联网村"]).missing


@pytest.fixture(scope="module")
def sample():
    """The sample plan and its evaluation, made once for these tests."""
    plan, _ = open_plan(SAMPLE)
    return plan, evaluate(plan)


@pytest.fixture(scope="module")
def sample_report(sample, tmp_path_factory):
    """The sample's A4 report and the text of each page."""
    plan, results = sample
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    with warnings.catch_warnings(record=True):
        assert build_report(plan, path, results=results, source=SAMPLE,
                            author="Test Author") == path
    reader = PdfReader(path)
    return path, reader, [page.extract_text() for page in reader.pages]


def small_plan(**extra):
    """A one-street site with zones named in Chinese (Latin in name_en)."""
    return plan_of(
        site=[{"name": "Test site", "geometry": box(0, -100, 1000, 300)}],
        zones=[{"name": "互联网村", "name_en": "Internet Village",
                "geometry": box(0, -100, 500, 300)},
               {"name": "杨潘村", "name_en": "Yangpan Village",
                "geometry": box(500, -100, 1000, 300)}],
        buildings=[building(100, employees=400), building(300),
                   building(700, subject="enterprise")],
        walkways=[street()],
        parking=[{"name": "Garage", "capacity": 50,
                  "geometry": pt(800, -20)}], **extra)


def report_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_sample_report_holds_every_section(sample_report):
    _, reader, pages = sample_report
    text = "\n".join(pages)
    for title in SECTIONS:
        assert title in text, title
    assert "Dream Town" in pages[0] and "EPSG:4549" in pages[0]
    assert "CGCS2000" in pages[0] and "Test Author" in pages[0]
    assert reader.metadata.title.startswith("Layout report: Dream Town")
    assert reader.metadata.author == "Test Author"
    assert reader.metadata.creation_date is not None
    n = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {n}" in page
        assert "dream_town.gpkg" in page


def test_the_findings_are_written_from_the_numbers(sample_report, sample):
    text = " ".join(" ".join(sample_report[2]).split())
    short = re.search(r"Internet Village: ([\d,]+) parking spaces short "
                      r"within a 400 m walk", text)
    assert short, "the deficit finding is missing"
    unmet = sample[1].parking.zones.set_index("zone").loc[
        "Internet Village", "unmet"]
    assert short.group(1) == f"{unmet:,.0f}"
    assert re.search(r"Yangpan Village Underground Garage has [\d,]+ spaces "
                     r"idle [\d,]+ m away", text)
    assert re.search(r"Recommendations.*Add one of them \(fitness, sports "
                     r"ground\) in Internet Village", text)
    assert "Walk score 72 (very walkable)" in text
    front = " ".join(sample_report[2][0].split())
    assert "Main findings" in front
    assert "Leisure and sport facilities are lacking" in front


def test_long_tables_continue_instead_of_being_clipped(sample_report, sample):
    text = re.sub(r"\s", "", "".join(sample_report[2]))
    for row in parameter_table(sample[0].settings):
        assert row["parameter"] in text, row["parameter"]
        words = parameter_name(row["parameter"]).replace(" ", "")
        assert words[:1].upper() + words[1:] in text, words
    for source in ("GB50180-2018", "WalkScoremethodology", "Shoup",
                   "LEEDND2009", "PlannerDeskproposal"):
        assert source in text
    for lot in sample[0]["parking"]["name"]:
        assert lot.replace(" ", "") in text, lot
    assert "Parameters(continued)" in text


def test_the_appendix_prints_each_zone_figure_in_its_own_form(
        sample_report, sample):
    """The zones' parking figures: the mismatch index with two decimals,
    the spaces served whole."""
    _, results = sample
    _, _, pages = sample_report
    appendix = next(t for t in pages if t.startswith("Appendix"))

    def row(figure: str) -> list[str]:
        line = next(line for line in appendix.splitlines()
                    if line.startswith(figure + " "))
        return line.removeprefix(figure + " ").split()

    zones = results.parking.per_zone
    assert row("mismatch index") == [f"{v:.2f}" for v in
                                     zones["mismatch_index"]]
    assert row("served") == [f"{v:,.0f}" for v in zones["served"]]


def test_pages_are_landscape_a4(sample_report):
    _, reader, _ = sample_report
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx((297 * MM, 210 * MM), abs=0.5)


def test_no_text_is_smaller_than_7_pt_on_a4(sample_report):
    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.add(size * np.hypot(*tm[:2]) * np.hypot(*cm[:2]))
    for page in sample_report[1].pages:
        page.extract_text(visitor_text=visit)
    assert min(sizes) >= 7


def test_a3_pages_and_the_same_sections(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FontWarning)   # tested below
        path = build_report(small_plan(), tmp_path / "a3.pdf", paper="a3")
    reader = PdfReader(path)
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx((420 * MM, 297 * MM), abs=0.5)
    text = report_text(path)
    assert all(title in text for title in SECTIONS)


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="poppler's pdftoppm renders the pages")
def test_the_parking_page_renders_with_its_colours(sample_report, tmp_path):
    """The parking page as an image: the deficit zone's red and the idle
    lots' blue are there, and the page is mostly white paper."""
    path, _, pages = sample_report
    number = next(i for i, t in enumerate(pages, 1)
                  if t.startswith("Parking supply and demand") or
                  "Parking supply and demand\n" in t)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(number),
                    "-l", str(number), "-singlefile", str(path),
                    str(tmp_path / "page")], check=True, capture_output=True)
    from matplotlib.image import imread
    pixels = (imread(tmp_path / "page.png")[..., :3] * 255).astype(int)
    assert pixels.shape[1] > pixels.shape[0]         # landscape
    white = (pixels > 245).all(axis=2).mean()
    assert 0.3 < white < 0.95
    reddish = ((pixels[..., 0] > 200) & (pixels[..., 1] < 120)
               & (pixels[..., 2] < 120)).sum()
    blueish = ((pixels[..., 2] > 150) & (pixels[..., 0] < 120)).sum()
    assert reddish > 100 and blueish > 100


@pytest.mark.skipif(not CJK_FONT, reason="no installed font covers Chinese")
def test_chinese_names_print_with_an_installed_font(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", FontWarning)
        path = build_report(small_plan(), tmp_path / "r.pdf")
    text = report_text(path)
    assert "互联网村" in text and "杨潘村" in text
    fonts_used = {str(font.get("/BaseFont", "")) for page in
                  PdfReader(path).pages
                  for font in page["/Resources"]["/Font"].values()
                  for font in [font.get_object()]}
    assert any("DejaVu" not in name for name in fonts_used), fonts_used


def test_a_missing_font_warns_once_and_prints_the_latin_form(
        tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "_best_font", lambda chars, preferred: None)
    with pytest.warns(FontWarning) as caught:
        path = build_report(small_plan(), tmp_path / "r.pdf")
    messages = [str(w.message) for w in caught
                if issubclass(w.category, FontWarning)]
    assert len(messages) == 1
    assert "CJK" in messages[0] and "fonts-noto-cjk" in messages[0]
    text = report_text(path)
    assert "Internet Village" in text and "Yangpan Village" in text
    assert not re.search("[\u4e00-\u9fff]", text)


def test_labels_add_the_other_script_or_fall_back_to_it():
    forms = {"Internet Village": ("Internet Village", "互联网村"),
             "杨潘村": ("杨潘村", "Yangpan Village")}
    printed = Labels.of(forms, Fonts(("DejaVu Sans", "X"), frozenset()))
    assert printed.line("Internet Village") == "Internet Village 互联网村"
    assert printed.line("杨潘村") == "杨潘村 Yangpan Village"
    latin = Labels.of(forms, Fonts(("DejaVu Sans",),
                                   frozenset("互联网村杨潘")))
    assert latin.line("Internet Village") == "Internet Village"
    assert latin.text("杨潘村: 3 spaces idle") == \
        "Yangpan Village: 3 spaces idle"
    assert choose_fonts(["Dream Town, 100 m"]) == \
        Fonts(("DejaVu Sans",), frozenset())


def test_an_empty_plan_gives_a_report_saying_what_is_missing(tmp_path):
    path = build_report(plan_of(), tmp_path / "empty.pdf")
    text = " ".join(report_text(path).split())
    assert "the plan has no site boundary" in text
    assert "the plan has no buildings" in text
    assert "Nothing to map" in text
    assert "The plan has no zones, so there are no figures by zone" in text


def test_an_unwritable_path_is_refused_naming_it(tmp_path):
    plan = plan_of()
    for target in (tmp_path / "missing" / "r.pdf", tmp_path):
        with pytest.raises(PlannerError, match=re.escape(str(target))):
            build_report(plan, target)
    with pytest.raises(PlannerError, match="paper 'a5' is not known"):
        build_report(plan, tmp_path / "r.pdf", paper="a5")


@pytest.fixture
def plan_with_proposal(tmp_path):
    """The small plan saved with a proposal adding a garage by the offices."""
    plan = small_plan()
    sc.add(plan, "More parking")
    sc.switch(plan, "More parking")
    plan.add_features("parking", frame([{
        "name": "New garage", "capacity": 400, "geometry": pt(150, -20)}]))
    path = tmp_path / "plan.gpkg"
    save_plan(plan, path)
    return path


def test_cli_report_with_a_comparison(plan_with_proposal, capsys):
    out = plan_with_proposal.with_name("report.pdf")
    code = main(["report", str(plan_with_proposal), "-o", str(out),
                 "--compare", "Existing", "--author", "张三",
                 "--paper", "a4"])
    printed, progress = capsys.readouterr()
    assert code == 0 and f"Wrote {out}" in printed
    assert "report: coverage" in progress and "writing" in progress
    text = report_text(out)
    assert "Comparison: Existing → More parking" in text
    assert "scenario More parking" in text
    assert "Headline figures" in text


def test_cli_report_exit_codes(plan_with_proposal, tmp_path, capsys):
    plan = str(plan_with_proposal)
    assert main(["report", plan, "-o", str(tmp_path / "no" / "r.pdf"),
                 "--quiet"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", plan, "-o", str(tmp_path / "r.pdf"),
                 "--scenario", "Nope", "--quiet"]) == 2
    assert "no scenario 'Nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["report", plan, "-o", str(tmp_path / "r.pdf"), "--paper",
              "a5"])
    assert exit_.value.code == 2


def test_cli_evaluate_writes_csv_for_excel(tmp_path, capsys):
    plan = small_plan()
    path = tmp_path / "plan.gpkg"
    save_plan(plan, path)
    folder = tmp_path / "csv"
    assert main(["evaluate", str(path), "--csv", str(folder),
                 "--quiet"]) == 0
    assert "CSV tables" in capsys.readouterr().out
    names = {p.stem for p in folder.glob("*.csv")}
    assert {"building_results", "zone_results", "parking_results",
            "coverage", "walk_scores"} <= names
    raw = (folder / "zone_results.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "互联网村" in raw.decode(CSV_ENCODING)
    import pandas as pd
    buildings = pd.read_csv(folder / "building_results.csv",
                            encoding=CSV_ENCODING)
    assert len(buildings) == 3
    assert np.isfinite(buildings[["x", "y", "walk_score"]]).all().all()


def test_zone_tables_share_their_maps_page(sample_report):
    """No page holds a lone short table: the exchange and network form
    tables sit under their maps."""
    pages = [" ".join(text.split()) for text in sample_report[2]]
    for table, legend in (("Innovation exchange by zone",
                           "Subjects within the exchange walk"),
                          ("Network form by zone",
                           "Intersections per km² by zone")):
        page = next(p for p in pages if table in p)
        assert legend in page, table


@pytest.mark.filterwarnings("ignore:Glyph")   # measured in the default font
def test_a_column_of_chinese_sentences_wraps_instead_of_splitting_the_table():
    """Chinese has no spaces: a column of long Chinese sentences still
    narrows (breaking between characters), so the table stays whole."""
    from plannerdesk.report.tables import Table, _parts
    from plannerdesk.report.text import words

    assert words("步行指数 72") == ["步行指数", "72"]   # a word stays whole
    assert words("步行指数较高 72") == ["步", "行", "指", "数", "较", "高",
                                    "72"]
    sentence = "设计步行速度；英国《街道设计手册》（可选 80 m/min）" * 3
    wide = Table("参数", ("参数", "数值", "单位", "来源", "备注", "键名"),
                 tuple((f"服务步行范围：第 {k} 类", "300", "m", sentence,
                        "提议值", f"coverage.radii_m.kind_{k}")
                       for k in range(5)), (False,) * 6)
    assert len(_parts(wide, 7.0, 700.0)) == 1
