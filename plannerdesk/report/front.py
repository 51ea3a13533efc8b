"""The title page (site, date, author, CRS, headline figures, contents) and
the site map (every layer, legend, scale bar, north arrow)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..evaluate.coverage import people_measure
from ..evaluate.findings import KEY_TARGETS
from ..evaluate.map_classes import band_words
from ..evaluate.walkability import weighted_by
from ..model.crs import describe
from ..model.language import N_, tr
from ..model.words import human
from .document import Document
from .locator import locator_map
from .maps import draw_plan, furnish, layer_handles, map_axes
from .pages import MARGIN_IN, below, new_page, paragraphs, side_by_side, stacked
from .tables import Table, flow

SITE_MAP = N_("Site map")
SHOWN_FINDINGS = 4
SHOWN_NOTES = 4
LOCATOR_IN = 2.0     # the locator map's height
SIGN = "_" * 22      # a line to write on


def site_map_page(doc: Document) -> list[Figure]:
    """The whole plan in the shared palette with its legend."""
    sheet = doc.sheet
    fig = new_page(sheet, tr("Site map: {site}").format(site=doc.site_name))
    left, right = side_by_side(sheet.body, 0.76, sheet)
    ax = map_axes(fig, left, doc.plan, sheet)
    doc.base_maps.draw(ax, sheet.scale)
    draw_plan(ax, doc.plan, sheet)
    furnish(ax, doc.plan, sheet, doc.labels, doc.label_scale)
    key, note = stacked(right, [sheet.body[3] * sheet.height_in
                                / sheet.scale - 0.9], sheet, 0.1)
    if doc.plan.extent() is not None:
        doc.legend(fig, key, layer_handles(doc.plan, sheet), tr("Legend"))
    crs = doc.plan.crs
    paragraphs(fig, sheet, note, [
        tr("{crs} ({name}); metres, north up").format(crs=describe(crs),
                                                      name=crs.name)],
        size="small")
    return [fig]


def title_page(doc: Document, contents: list[tuple[str, int]]
               ) -> list[Figure]:
    """Title, front matter, headline figures, contents and main findings
    (with any pages the tables ran onto)."""
    sheet = doc.sheet
    fig = new_page(sheet, "")
    left, bottom, width, _ = sheet.body
    area = (left, bottom, width, 1 - sheet.fy(MARGIN_IN) - bottom)
    used, _ = paragraphs(fig, sheet, area, [doc.title], bold=True,
                         size="xx-large")
    crs = doc.plan.crs
    facts = [_site(doc), _plan_file(doc),
             tr("Date: {date:%Y-%m-%d}").format(date=doc.created),
             tr("Prepared by: {author}    Signature: {line}").format(
                 author=doc.author or SIGN, line=SIGN),
             tr("Coordinate reference system: {crs} ({name})").format(
                 crs=describe(crs), name=crs.name)]
    more, _ = paragraphs(fig, sheet, below(area, used, sheet.fy(0.1)), facts)
    first, second = side_by_side(below(area, used + more, sheet.fy(0.25)),
                                 0.5, sheet)
    locator, rest = stacked(second, [LOCATOR_IN], sheet)
    if locator_map(doc, fig, locator):
        second = rest
    _findings(doc, fig, second)
    contents_table = Table(tr("Contents"), (tr("Section"), tr("Page")),
                           tuple((t, str(n)) for t, n in contents),
                           (False, True))
    return [fig, *flow(sheet, doc.title, [_headline(doc), contents_table],
                       start=(fig, first))]


def _site(doc: Document) -> str:
    """The site's name, with its area when the plan has a site."""
    site = doc.plan.site_geometry()
    if site is None:
        return tr("Site: {site}").format(site=doc.site_name)
    return tr("Site: {site}, {area:,.0f} ha").format(
        site=doc.site_name, area=site.area / 10_000)


def _plan_file(doc: Document) -> str:
    """The plan file's name (or that it is not saved) and the scenario."""
    if doc.source and doc.scenario:
        return tr("Plan file: {file}, scenario {scenario}").format(
            file=doc.source, scenario=doc.scenario)
    if doc.source:
        return tr("Plan file: {file}").format(file=doc.source)
    if doc.scenario:
        return tr("Plan file: not saved, scenario {scenario}").format(
            scenario=doc.scenario)
    return tr("Plan file: not saved")


def _findings(doc: Document, fig: Figure, rect) -> None:
    sheet, lines = doc.sheet, doc.results.findings
    notes = doc.notes
    blocks = [(tr("Main findings"), [doc.labels.text(f.text) for f in
                                     lines[:SHOWN_FINDINGS]]
               + _more(lines, SHOWN_FINDINGS)),
              (tr("Missing or questionable in the plan"),
               notes[:SHOWN_NOTES] + _more(notes, SHOWN_NOTES))]
    for title, items in blocks:
        if items:
            used, _ = paragraphs(fig, sheet, rect, [title], bold=True)
            rect = below(rect, used)
            used, _ = paragraphs(fig, sheet, rect, items, bullet="\u2022",
                                 size="small")
            rect = below(rect, used, sheet.fy(0.15))


def _more(items: list[str], shown: int) -> list[str]:
    return [tr("... and {count} more on the Findings and recommendations "
               "page").format(count=len(items) - shown)] \
        if len(items) > shown else []


def _headline(doc: Document) -> Table:
    """The headline figures as a two-column table."""
    r, rows = doc.results, []
    if r.walkability is not None and r.walkability.score is not None:
        band = band_words(r.walkability.band)
        rows.append((tr("Walk score (weighted by {weights})").format(
                         weights=weighted_by(r.context.buildings)),
                     tr("{score:.0f}, {band}").format(
                         score=r.walkability.score, band=band)))
    if r.parking is not None:
        site = r.parking.site
        rows += [(tr("Parking supply / demand (spaces)"),
                  f"{site['supply']:,.0f} / {site['demand']:,.0f}"),
                 (tr("Unmet demand / idle spaces"),
                  f"{site['unmet']:,.0f} / {site['idle']:,.0f}")]
        if site["mismatch_index"] is not None:
            rows.append((tr("Parking mismatch index (0 best)"),
                         f"{site['mismatch_index']:.2f}"))
    if r.coverage is not None:
        share, people = people_measure(r.coverage.table)
        for target, row in r.coverage.table.iterrows():
            if target in KEY_TARGETS and not pd.isna(row[share]):
                rows.append((tr("{people} within {radius:.0f} m of "
                                "{target}").format(
                                 people=human(people).capitalize(),
                                 radius=row["radius_m"],
                                 target=human(target)),
                             f"{row[share]:.0%}"))
    if r.exchange is not None and r.exchange.site["subjects"]:
        share = r.exchange.site["share_exchange_within_limit"]
        rows.append((tr("Subjects within the exchange walk"),
                     f"{share:.0%}"))
    rows.append((tr("Buildings / zones / parking lots"),
                 f"{len(doc.plan['buildings'])} / {len(doc.plan['zones'])} "
                 f"/ {len(doc.plan['parking'])}"))
    return Table(tr("Headline figures"), (tr("Figure"), tr("Value")),
                 tuple(rows), (False, True))
