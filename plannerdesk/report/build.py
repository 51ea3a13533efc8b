"""Building the layout report: evaluate (unless given results), lay out
every section, number the pages and write the PDF."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from .. import __version__
from ..evaluate.run import Results, evaluate
from ..io.outputs import Inputs, check_file, plan_inputs
from ..model.language import N_, speaking, tr, tr_n
from ..model.plan import Plan
from ..model.scenarios import scenario_label
from ..model.symbology import FEATURE_LABEL_SCALE
from .appendix import appendix_pages
from .assembly import contents, write_pdf
from .base_maps import read_base_maps
from .comparison import comparison_section
from .coverage import coverage_section
from .document import Document, site_label
from .encounter import encounter_section
from .exchange import exchange_section
from .fonts import choose_fonts, warn_missing
from .front import SITE_MAP, site_map_page, title_page
from .islands import islands_section
from .labels import Labels, name_forms, texts_of
from .notes import findings_pages
from .pages import Sheet, number_pages
from .parameters import parameter_pages
from .parking import parking_section
from .parking_hours import parking_hours_section
from .review_notes import review_notes_section
from .space_syntax import syntax_section
from .suggestions import suggestion_section
from .walkability import network_form_section, walkability_section

Progress = Callable[[str], None]
Section = Callable[[Document], list[Figure]]
SECTIONS: tuple[tuple[str, Section], ...] = (
    (SITE_MAP, site_map_page), (N_("Coverage"), coverage_section),
    (N_("Walkability"), walkability_section),
    (N_("Network form"), network_form_section),
    (N_("Space syntax"), syntax_section),
    (N_("Walkway islands"), islands_section),
    (N_("Parking supply and demand"), parking_section),
    (N_("Parking hour by hour"), parking_hours_section),
    (N_("Innovation exchange"), exchange_section),
    (N_("Encounter potential"), encounter_section))
CLOSING: tuple[tuple[str, Section], ...] = (
    (N_("Findings and recommendations"), findings_pages),
    (N_("Suggested places"), suggestion_section),
    (N_("Review notes"), review_notes_section),
    (N_("Parameters"), parameter_pages),
    (N_("Appendix: figures by zone"), appendix_pages))
COMPARISON: tuple[str, Section] = (N_("Comparison"), comparison_section)


def build_report(plan: Plan, path: str | os.PathLike, *,
                 title: str | None = None, author: str | None = None,
                 paper: str = "a4", results: Results | None = None,
                 comparison: Any = None, scenario_name: str | None = None,
                 source: str | os.PathLike | None = None,
                 review_notes: bool = True, language: str | None = None,
                 label_scale: float = FEATURE_LABEL_SCALE,
                 progress: Progress | None = None) -> Path:
    """Write the layout report of ``plan`` to ``path`` as a landscape PDF
    (``paper`` a4 or a3) and return the path.

    ``results`` are evaluated from the plan when not given; ``comparison``
    (evaluate.compare.Comparison) adds a comparison section; ``source`` is
    the plan file named in the footer, which the report refuses to replace
    (a UsageError); ``review_notes`` False leaves the planner's review
    notes out (the client's copy); ``language`` (``en`` or ``zh``; the
    current one when None) is the report's; the site map names the
    features when at 1:``label_scale`` or closer. A FontWarning says which
    script no installed font prints; a PlannerError names a path it
    cannot write.
    """
    with speaking(language):
        return _report(plan, Path(path), title=title, author=author,
                       paper=paper, results=results, comparison=comparison,
                       scenario_name=scenario_name, source=source,
                       review_notes=review_notes, label_scale=label_scale,
                       say=progress or (lambda _: None))


def _report(plan: Plan, path: Path, *, title: str | None,
            author: str | None, paper: str, results: Results | None,
            comparison: Any, scenario_name: str | None,
            source: str | os.PathLike | None, review_notes: bool,
            label_scale: float, say: Progress) -> Path:
    sheet = Sheet.of(paper)
    inputs = plan_inputs(source) if source else {}
    check_file(path, "report", inputs)
    if results is None:
        results = evaluate(plan, progress=say)
    forms = name_forms(plan)
    fonts = choose_fonts([*texts_of(forms), title or "", author or "",
                          scenario_name or "",  # and the report's language:
                          *(tr(heading) for heading, _ in SECTIONS + CLOSING)])
    warn_missing(fonts)
    labels = Labels.of(forms, fonts)
    source_name = Path(source).name if source else ""
    doc = Document(
        plan=plan, results=results, sheet=sheet, labels=labels,
        title=title or tr("Layout report: {site}").format(
            site=site_label(plan, labels, source_name)),
        author=author or "",
        created=datetime.now().astimezone(),
        source=source_name, scenario=scenario_name, comparison=comparison,
        base_maps=read_base_maps(plan, source),
        source_path=Path(source) if source else None,
        review_notes=review_notes, label_scale=label_scale)
    with mpl.rc_context(sheet.rc(fonts.families)), \
            warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from")
        pages = _pages(doc, say)
        say(tr_n("writing {count} page", "writing {count} pages",
                 len(pages)).format(count=len(pages)))
        _write(doc, pages, path, inputs)
    return path


def _pages(doc: Document, say: Progress) -> list[Figure]:
    """Every page in order, the title page first, numbered."""
    sections = list(SECTIONS)
    if doc.comparison is not None:
        sections.append(COMPARISON)
    body: list[tuple[str, list[Figure]]] = []
    for key, build in [*sections, *CLOSING]:
        heading = tr(key)   # as the contents print it
        say(tr("report: {section}").format(section=heading.lower()))
        body.append((heading, build(doc)))
    front = title_page(doc, contents(body, 2))
    if len(front) > 1:   # the title page ran onto more pages
        front = title_page(doc, contents(body, len(front) + 1))
    pages = front + [fig for _, figures in body for fig in figures]
    number_pages(pages, doc.sheet, " \u00b7 ".join(filter(None, [
        doc.source or doc.title,
        doc.scenario and tr("scenario {name}").format(
            name=scenario_label(doc.scenario)),
        f"{doc.created:%Y-%m-%d}", f"PlannerDesk {__version__}"])))
    return pages


def _write(doc: Document, pages: list[Figure], path: Path,
           inputs: Inputs) -> None:
    """Write ``pages`` beside ``path`` and move the file into place, so a
    failed write leaves no half report."""
    metadata = {"Title": doc.title, "Author": doc.author or None,
                "Subject": (tr("Layout report of {file}").format(
                    file=doc.source) if doc.source else
                    tr("Layout report of a plan")),
                "Creator": f"PlannerDesk {__version__}",
                "CreationDate": doc.created}
    write_pdf(pages, path, metadata, inputs)
