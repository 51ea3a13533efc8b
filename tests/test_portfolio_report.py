"""``plannerdesk report --portfolio``: the sites a real batch evaluated,
ranked, mapped at one scale, charted, and their shortfalls counted."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely.affinity
from pypdf import PdfReader

from plannerdesk.cli import main
from plannerdesk.evaluate.finding_kinds import KINDS, SHORTFALLS
from plannerdesk.evaluate.portfolio import BASE_COLUMNS, ranks, recurring
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.report.pages import Sheet
from plannerdesk.report.portfolio import _maps, read_portfolio

from .conftest import SAMPLE
from .test_batch import damaged, varied


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """A batch of three parks (the third on half the site) and a damaged
    plan."""
    folder = tmp_path_factory.mktemp("batch")
    small = varied(folder / "small.gpkg", 3, "Small Park")
    plan, _ = open_plan(small)
    site = plan["site"].copy()
    site["geometry"] = site.geometry.map(
        lambda g: shapely.affinity.scale(g, 0.5, 0.5))
    plan.replace_layer("site", site)
    save_plan(plan, small)
    plans = [varied(folder / "east.gpkg", 1, "East Park"),
             varied(folder / "west.gpkg", 2, "West Park"), small,
             damaged(folder / "damaged.gpkg")]
    out = folder / "out"
    assert main(["batch", *map(str, plans), "--out", str(out), "--workers",
                 "2", "--quiet"]) == 1
    return out


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_portfolio_report_ranks_maps_and_charts_every_site(batch,
                                                               tmp_path):
    pdf = tmp_path / "portfolio.pdf"
    assert main(["report", "--portfolio", str(batch), "-o", str(pdf),
                 "--lang", "en", "--author", "A. Planner"]) == 0
    pages = pages_text(pdf)
    text = "\n".join(pages)
    assert "Portfolio report: 3 sites" in pages[0] and "A. Planner" in text
    for site in ("East Park", "West Park", "Small Park"):
        assert site in text
    # each section starts on the page its contents line names
    for heading in ("Ranking", "Sites at one scale",
                    "Figures across the sites", "Recurring shortfalls",
                    "Plans that failed"):
        page = int(re.search(rf"^{heading} (\d+)$", text, re.M).group(1))
        assert heading in pages[page - 1].splitlines(), heading
        assert heading not in pages[page - 2].splitlines(), heading
    assert "(#1)" in text and "(#3)" in text
    assert "median" in text and "higher is better" in text
    assert "damaged.gpkg" in text and "plannerdesk_scenario_edits" in text


def test_the_ranking_puts_the_best_site_first_by_each_figure(batch):
    rows = read_portfolio(batch).evaluated.set_index("label")
    walk = next(c for c in BASE_COLUMNS if c.key == "walkability.walk_score")
    unmet = next(c for c in BASE_COLUMNS if c.key == "parking.unmet")
    by_walk = ranks(rows[walk.key], walk)
    assert by_walk.idxmin() == rows[walk.key].idxmax()
    by_unmet = ranks(rows[unmet.key], unmet)
    assert by_unmet.idxmin() == rows[unmet.key].idxmin()


def test_figures_that_print_alike_share_a_rank():
    walk = next(c for c in BASE_COLUMNS if c.key == "walkability.walk_score")
    values = pd.Series([71.6, 72.4, 60.0, np.nan], index=list("abcd"))
    assert ranks(values, walk).tolist() == [1, 1, 3, pd.NA]


def test_every_sites_map_is_drawn_at_the_same_scale(batch):
    folio = read_portfolio(batch)
    sheet = Sheet.of("a4")
    pages = _maps(folio, sheet)
    scales = []
    for fig in pages:
        width_in = fig.get_size_inches()[0]
        for ax in fig.axes[1:]:   # the first holds the key
            x0, x1 = ax.get_xlim()
            scales.append((x1 - x0) / (ax.get_position().width * width_in))
    assert len(scales) == 3
    assert scales == pytest.approx([scales[0]] * 3, rel=1e-9)


def test_recurring_shortfalls_count_each_site_once():
    findings = {
        "A": [{"kind": "group_lacking", "subject": "shops and services"},
              {"kind": "parking_short", "subject": ""},
              {"kind": "parking_short", "subject": ""}],
        "B": [{"kind": "parking_short", "subject": ""},
              {"kind": "group_lacking", "subject": "leisure"}],
        "C": [{"kind": "walk_score", "subject": ""},
              {"kind": "parking_short", "subject": ""}]}
    found = recurring(findings)
    assert found[["kind", "sites"]].values.tolist() == [["parking_short", 3]]
    assert found.loc[0, "names"] == ["A", "B", "C"]
    assert found.loc[0, "words"] == \
        "zones short of parking within the walk limit"


def test_every_finding_says_what_kind_it_is():
    from plannerdesk.evaluate.run import evaluate

    plan, _ = open_plan(SAMPLE)
    found = evaluate(plan).findings
    assert found and all(f.kind in KINDS for f in found)
    assert any(f.kind in SHORTFALLS for f in found)
    assert {f.subject for f in found if f.kind == "pair_apart"} >= {
        "university–finance"}


def test_a_folder_without_a_portfolio_is_named_with_the_fix(tmp_path,
                                                            capsys):
    assert main(["report", "--portfolio", str(tmp_path), "-o",
                 str(tmp_path / "p.pdf")]) == 1
    err = capsys.readouterr().err
    assert "holds no portfolio" in err and "plannerdesk batch" in err
    assert main(["report", str(SAMPLE), "--portfolio", str(tmp_path), "-o",
                 str(tmp_path / "p.pdf")]) == 2
    assert "cannot go with --portfolio" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()


def test_the_portfolio_report_speaks_chinese(batch, tmp_path):
    """Every page in Chinese but the sites' names, the paths and the
    failure reasons the batch recorded (in its own language)."""
    from plannerdesk.report.fonts import choose_fonts

    from .test_translations import english_words

    if choose_fonts(["梦想小镇"]).missing:
        pytest.skip("no CJK font here: install fonts-noto-cjk")
    pdf = tmp_path / "zh.pdf"
    assert main(["report", "--portfolio", str(batch), "-o", str(pdf),
                 "--lang", "zh"]) == 0
    rows = read_portfolio(batch).rows
    names = {*rows["label"], *rows["plan"], *rows["reason"], str(batch),
             batch.name, "Dask"}
    pages = [" ".join(text.split()) for text in pages_text(pdf)]
    left = {n: sorted(found)[:12] for n, page in enumerate(pages, 1)
            if (found := english_words(page, names))}
    assert not left, left
    assert "组合报告：3 个场地" in pages[0] and "反复出现的短板" in "".join(pages)


def test_the_report_never_replaces_the_portfolio_it_reads(batch, capsys):
    for target in (batch / "portfolio.gpkg", batch / "portfolio.csv"):
        before = target.read_bytes()
        assert main(["report", "--portfolio", str(batch), "-o",
                     str(target)]) == 2
        assert target.read_bytes() == before
    assert "portfolio" in capsys.readouterr().err


def test_a_site_whose_outputs_are_gone_is_named_with_the_fix(
        tmp_path, capsys):
    """One site of two, '$' in its name printed as written; its SUMMARY.json
    deleted: the report is written, says which and how to mend it."""
    plans = [varied(tmp_path / "a.gpkg", 4, "Lot $2$ Park"),
             varied(tmp_path / "b.gpkg", 5, "Bay Park")]
    out = tmp_path / "out"
    assert main(["batch", *map(str, plans), "--out", str(out), "--workers",
                 "1", "--only", "walkability", "--quiet"]) == 0
    summary = next((out / "plans" / "b").glob("*/SUMMARY.json"))
    summary.unlink()
    pdf = tmp_path / "p.pdf"
    capsys.readouterr()
    assert main(["report", "--portfolio", str(out), "-o", str(pdf),
                 "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert f"the outputs of Bay Park are missing ({summary})" in err
    assert "run the batch again" in err
    text = "\n".join(pages_text(pdf))
    assert "Lot $2$ Park" in text and "are missing" in text


def test_a_portfolio_of_one_site_lists_its_figures_without_ranks(
        tmp_path):
    plan = varied(tmp_path / "a.gpkg", 6, "Lone Park")
    out = tmp_path / "out"
    assert main(["batch", str(plan), "--out", str(out), "--workers", "1",
                 "--only", "walkability,network_form", "--quiet"]) == 0
    pdf = tmp_path / "p.pdf"
    assert main(["report", "--portfolio", str(out), "-o", str(pdf),
                 "--lang", "en"]) == 0
    pages = pages_text(pdf)
    text = "\n".join(pages)
    assert "Portfolio report: 1 site" in pages[0]
    assert "The figures of Lone Park" in text and "(#1)" not in text
    assert len(pages) <= 4
