"""The portfolio report: many sites a batch evaluated, side by side.

A title page (what the portfolio holds, contents), the sites ranked by
each headline figure, every site's map at one scale, a chart of each
figure across the sites, the shortfalls found on more than one site and
the plans that failed. Everything is read from the batch's folder:
portfolio.gpkg and each site's SUMMARY.json and RESULTS.gpkg.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import pandas as pd
import pyogrio
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from pyproj import CRS
from pyproj.exceptions import CRSError

from .. import __version__
from ..evaluate.map_classes import score_bands, score_class
from ..evaluate.portfolio import (
    FAILED,
    META,
    Column,
    columns_of,
    ranks,
    recurring,
)
from ..io.outputs import check_file
from ..model.language import N_, speaking, tr, tr_n
from ..model.problems import PlannerError
from ..model.scenarios import scenario_label
from ..model.settings import Settings
from ..model.symbology import EDGE_COLOUR
from .assembly import contents, write_pdf
from .fonts import choose_fonts, warn_missing
from .layout import grid
from .maps import draw, north_arrow, scale_bar
from .pages import (
    SIZES,
    Sheet,
    below,
    new_page,
    number_pages,
    paragraphs,
    stacked,
)
from .tables import Table, flow
from .text import text_width

RANKING = N_("Ranking")
MAPS = N_("Sites at one scale")
CHARTS = N_("Figures across the sites")
RECURRING = N_("Recurring shortfalls")
FAILURES = N_("Plans that failed")
NAMED = 6   # sites named in a recurring shortfall's row
FEW_SITES = 8   # ranked in a column each; more, in a row each
PER_TABLE = 9   # figures in one table of the ranking by rows
MANY_SITES = 20   # beyond, two charts a page, not four
BAR = "#4a7fb5"
MEDIAN = "#b5524a"
UNSCORED = "#bbbbbb"
OUTPUTS = ("SUMMARY.json", "RESULTS.gpkg")
LABELS_IN = 2.2   # the most a chart's site names take, at A4 scale


class OutputsMissing(UserWarning):
    """An evaluated site's SUMMARY.json or RESULTS.gpkg is gone."""


@dataclass(frozen=True)
class Portfolio:
    """A batch's portfolio as read back: ``rows`` (portfolio.gpkg, each
    with its ``label``), the figures' ``columns``, and each evaluated
    site's ``summaries`` by label."""

    folder: Path
    rows: gpd.GeoDataFrame
    columns: list[Column]
    summaries: dict[str, dict]

    @property
    def evaluated(self) -> gpd.GeoDataFrame:
        return self.rows[self.rows["status"] != FAILED]

    @property
    def inputs(self) -> dict[Path, str]:
        """The files the report reads, which it must not replace."""
        found = {self.folder / name: tr("the portfolio")
                 for name in ("portfolio.gpkg", "portfolio.csv",
                              "failures.csv")}
        for outputs in self.evaluated["outputs"]:
            found |= {self.folder / outputs / name: tr("a site's results")
                      for name in OUTPUTS}
        return found

    @property
    def missing(self) -> list[str]:
        """A sentence for each evaluated site whose outputs are gone."""
        return [tr("the outputs of {site} are missing ({path}), so its map "
                   "and findings are left out. Fix: run the batch again")
                .format(site=row.label, path=self.folder / row.outputs / name)
                for row in self.evaluated.itertuples() for name in OUTPUTS
                if not (self.folder / row.outputs / name).is_file()][:20]


def read_portfolio(folder: Path) -> Portfolio:
    """The portfolio in ``folder``; a PlannerError when it holds none."""
    path = folder / "portfolio.gpkg"
    try:
        rows = pyogrio.read_dataframe(path, layer="portfolio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            OSError) as exc:
        raise PlannerError(tr(
            "{folder} holds no portfolio ({reason}). Fix: run 'plannerdesk "
            "batch PLANS... --out {folder}' first").format(
                folder=folder, reason=exc)) from None
    if not set(META).issubset(rows.columns):
        raise PlannerError(tr(
            "{path} is not a portfolio PlannerDesk wrote (it lacks the "
            "columns name, plan, scenario, status). Fix: run 'plannerdesk "
            "batch PLANS... --out {folder}' into a new folder").format(
                path=path, folder=folder))
    for column in ("scenario", "reason", "outputs"):
        rows[column] = rows[column].fillna("")
    rows["label"] = _labels(rows)
    summaries = {}
    for row in rows[rows["status"] != FAILED].itertuples():
        summary = folder / row.outputs / "SUMMARY.json"
        try:
            summaries[row.label] = json.loads(
                summary.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            summaries[row.label] = {}
    return Portfolio(folder, rows, columns_of(rows.columns), summaries)


def _labels(rows: pd.DataFrame) -> pd.Series:
    """Each row's site name, with its scenario where its plan has several
    in the portfolio; numbered where two would still read alike."""
    several = rows.groupby("plan")["scenario"].transform("nunique") > 1
    labels = [f"{name} \u00b7 {scenario_label(scenario)}" if many else name
              for name, scenario, many in zip(
                  rows["name"], rows["scenario"], several, strict=True)]
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} ({seen[label]})"
    return pd.Series(labels, index=rows.index)


def build_portfolio_report(folder: str | os.PathLike,
                           path: str | os.PathLike, *, paper: str = "a4",
                           title: str | None = None,
                           author: str | None = None,
                           language: str | None = None) -> Path:
    """Write the portfolio report of the batch in ``folder`` to ``path``
    (a landscape PDF) and return the path."""
    with speaking(language):
        folio = read_portfolio(Path(folder))
        path = Path(path)
        check_file(path, "report", folio.inputs)
        for note in folio.missing:
            warnings.warn(OutputsMissing(note), stacklevel=2)
        sheet = Sheet.of(paper)
        sites = folio.evaluated["plan"].nunique()
        title = title or tr_n("Portfolio report: {count} site",
                              "Portfolio report: {count} sites",
                              sites).format(count=sites)
        fonts = choose_fonts([
            title, author or "", *folio.rows["label"],
            *folio.rows["reason"], *(tr(h) for h in (
                RANKING, MAPS, CHARTS, RECURRING, FAILURES)),
            *(c.heading() for c in folio.columns)])
        warn_missing(fonts)
        created = datetime.now().astimezone()
        with mpl.rc_context(sheet.rc(fonts.families)), \
                warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Glyph .* missing from")
            pages = _pages(folio, sheet, title, author or "", created)
            write_pdf(pages, path, {
                "Title": title, "Author": author or None,
                "Creator": f"PlannerDesk {__version__}",
                "CreationDate": created})
    return path


def _pages(folio: Portfolio, sheet: Sheet, title: str, author: str,
           created: datetime) -> list[Figure]:
    body = [(tr(RANKING), _ranking(folio, sheet)),
            (tr(MAPS), _maps(folio, sheet)),
            (tr(CHARTS), _charts(folio, sheet)),
            (tr(RECURRING), _recurring(folio, sheet)),
            (tr(FAILURES), _failures(folio, sheet))]
    front = _title_page(folio, sheet, title, author, created,
                        contents(body, 2))
    if len(front) > 1:   # the title page ran onto more pages
        front = _title_page(folio, sheet, title, author, created,
                            contents(body, len(front) + 1))
    pages = front + [fig for _, figures in body for fig in figures]
    number_pages(pages, sheet, " \u00b7 ".join([
        folio.folder.name, f"{created:%Y-%m-%d}",
        f"PlannerDesk {__version__}"]))
    return pages


def _title_page(folio: Portfolio, sheet: Sheet, title: str, author: str,
                created: datetime, sections: list[tuple[str, int]]
                ) -> list[Figure]:
    fig = new_page(sheet, "")
    left, bottom, width, _ = sheet.body
    area = (left, bottom, width, 1 - sheet.fy(0.5) - bottom)
    used, _ = paragraphs(fig, sheet, area, [title], bold=True,
                         size="xx-large")
    status = folio.rows["status"]
    sign = "_" * 24
    facts = [
        tr("Portfolio: {folder}").format(folder=folio.folder),
        tr("Date: {date:%Y-%m-%d}").format(date=created),
        tr("Prepared by: {author}    Signature: {line}").format(
            author=author or sign, line=sign),
        tr_n("{count} plan or scenario in the batch: ",
             "{count} plans and scenarios in the batch: ",
             len(status)).format(count=len(status)) +
        tr("{evaluated} evaluated, {failed} failed").format(
            evaluated=int((status != FAILED).sum()),
            failed=int((status == FAILED).sum())),
        tr("Ranks: 1 is the best site by a figure; figures with no better "
           "direction are charted but not ranked. Figures are compared as "
           "they are: totals, such as parking spaces, are not scaled to a "
           "site's size."),
        *(tr("warning: {note}").format(note=note) for note in folio.missing)]
    more, _ = paragraphs(fig, sheet, below(area, used, sheet.fy(0.1)), facts)
    table = Table(tr("Contents"), (tr("Section"), tr("Page")),
                  tuple((t, str(n)) for t, n in sections), (False, True))
    glance = [_glance(folio)] if len(folio.evaluated) > 1 else []
    return [fig, *flow(sheet, title, [table, *glance],
                       start=(fig, below(area, used + more, sheet.fy(0.3))))]


def _glance(folio: Portfolio) -> Table:
    """Each ranked figure's median, best and worst site."""
    rows = folio.evaluated
    lines = []
    for column in _ranked(folio):
        values = rows.set_index("label")[column.key].astype(float).dropna()
        if values.empty:
            continue
        order = ranks(values, column).sort_values(kind="stable")
        best, worst = order.index[0], order.index[-1]
        ends = [tr("{site}: {value}").format(
            site=site, value=column.format(values[site]))
            for site in (best, worst)] if order.iloc[-1] > 1 else \
            [tr("all alike"), ""]
        lines.append((column.heading(),
                      column.format(values.median()), *ends))
    return Table(tr("The portfolio at a glance"),
                 (tr("Figure"), tr("Median"), tr("Best site"),
                  tr("Worst site")), tuple(lines),
                 (False, True, False, False), tr("No site was evaluated."))


def _ranked(folio: Portfolio) -> list[Column]:
    """The figures with a better direction that some site has."""
    rows = folio.evaluated
    return [c for c in folio.columns
            if c.better and rows[c.key].notna().any()]


def _ranking(folio: Portfolio, sheet: Sheet) -> list[Figure]:
    """Every site's value and rank by each figure, the sites in order of
    their mean rank: a column per site when they are few, else a row per
    site and a table per group of figures."""
    rows, columns = folio.evaluated, _ranked(folio)
    if len(rows) < 2:   # one site ranks first by everything
        return []
    rank = pd.DataFrame({c.key: ranks(rows[c.key], c)
                         for c in columns}, index=rows.index)
    mean = rank.astype(float).mean(axis=1)
    order = list(mean.sort_values(kind="stable").index)

    def shown(i, c: Column) -> str:
        value = c.format(rows.at[i, c.key])
        return value if pd.isna(rank.at[i, c.key]) else \
            f"{value} (#{rank.at[i, c.key]})"

    caption = tr("Sites by mean rank over {count} figures (#: the site's "
                 "rank by that figure)").format(count=len(columns))
    if len(order) <= FEW_SITES:
        table = Table(caption, (tr("Figure"), *(rows.at[i, "label"]
                                                for i in order)),
                      ((tr("Mean rank"), *(f"{mean[i]:.1f}" for i in order)),
                       *((c.heading(), *(shown(i, c) for i in order))
                         for c in columns)),
                      (False, *([True] * len(order))))
        return flow(sheet, tr(RANKING), [table])
    tables = []
    for start in range(0, len(columns), PER_TABLE):
        part = columns[start:start + PER_TABLE]
        tables.append(Table(
            caption, (tr("Site"), tr("Mean rank"),
                      *(c.heading() for c in part)),
            tuple((rows.at[i, "label"], f"{mean[i]:.1f}",
                   *(shown(i, c) for c in part)) for i in order),
            (False, True, *([True] * len(part)))))
    return flow(sheet, tr(RANKING), tables)


def _maps(folio: Portfolio, sheet: Sheet) -> list[Figure]:
    """Every site's buildings by walk score in one scale, a page of
    panels at a time, with the key on each page."""
    rows = folio.evaluated
    if rows.empty:
        return []
    sites = [_site_map(folio, row) for row in rows.itertuples()]
    rows_cols = (1, 2) if len(sites) <= 2 else (2, 3) if len(sites) <= 12 \
        else (3, 4)
    per_page = rows_cols[0] * rows_cols[1]
    bands = Settings().walk.bands
    pages = []
    for start in range(0, len(sites), per_page):
        fig = new_page(sheet, tr(MAPS))
        key, rest = stacked(sheet.body, [0.3], sheet, 0.1)
        _key(fig, key, bands)
        cells = grid(rest, *rows_cols, sheet, 0.25)
        pages.append((fig, cells, sites[start:start + per_page]))
    per_inch = max(_extent_per_inch(site, cell, sheet)
                   for fig, cells, chunk in pages
                   for site, cell in zip(chunk, cells, strict=False))
    for fig, cells, chunk in pages:
        for site, cell in zip(chunk, cells, strict=False):
            _panel(fig, cell, site, per_inch, sheet, bands)
    return [fig for fig, _, _ in pages]


@dataclass(frozen=True)
class _Site:
    label: str
    crs: CRS | None
    outline: object              # shapely geometry or None
    buildings: gpd.GeoSeries
    scores: np.ndarray


def _site_map(folio: Portfolio, row) -> _Site:
    """What a panel draws of one site, read from its outputs."""
    summary = folio.summaries.get(row.label, {})
    area = summary.get("study_area") or {}
    outline = shapely.from_wkt(area["outline"]) if area.get("outline") \
        else None
    try:
        crs = CRS.from_user_input(summary["plan_crs"])
    except (CRSError, KeyError):
        crs = None
    try:
        found = pyogrio.read_dataframe(
            folio.folder / row.outputs / "RESULTS.gpkg",
            layer="building_results", columns=["walk_score"])
        buildings, scores = found.geometry, found["walk_score"].to_numpy(float)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            OSError, KeyError):
        buildings, scores = gpd.GeoSeries([]), np.array([])
    return _Site(row.label, crs, outline, buildings, scores)


def _bounds(site: _Site) -> tuple[float, float, float, float] | None:
    if site.outline is not None:
        return site.outline.bounds
    if len(site.buildings):
        return tuple(site.buildings.total_bounds)
    return None


def _title_in(sheet: Sheet) -> float:
    return 0.3 * sheet.scale


def _extent_per_inch(site: _Site, cell, sheet: Sheet) -> float:
    """Metres per inch to fit ``site`` in ``cell`` under its title."""
    bounds = _bounds(site)
    if bounds is None:
        return 0.0
    x0, y0, x1, y1 = bounds
    width_in = cell[2] * sheet.width_in
    height_in = cell[3] * sheet.height_in - _title_in(sheet) - 0.45 * sheet.scale
    return max((x1 - x0) * 1.06 / width_in, (y1 - y0) * 1.06 / height_in,
               1e-6)


def _panel(fig: Figure, cell, site: _Site, per_inch: float, sheet: Sheet,
           bands: list[float]) -> None:
    """One site: its outline and buildings by walk score, at ``per_inch``
    metres per inch, centred in ``cell``, with its name, a scale bar and
    a north arrow."""
    left, bottom, width, height = cell
    title_h = sheet.fy(_title_in(sheet) / sheet.scale)
    fig.text(left, bottom + height, _fit(site.label, sheet.size_pt,
                                         width * sheet.width_in * 72, True),
             va="top", fontweight="bold")
    ax = fig.add_axes((left, bottom, width, height - title_h))
    ax.set_xticks([])
    ax.set_yticks([])
    bounds = _bounds(site)
    if bounds is None:
        ax.text(0.5, 0.5, tr("nothing to map"), ha="center", va="center",
                transform=ax.transAxes, style="italic", color="#444444")
        return
    x0, y0, x1, y1 = bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w = width * sheet.width_in * per_inch / 2
    half_h = (height - title_h) * sheet.height_in * per_inch / 2
    strip = 0.45 * sheet.scale * per_inch
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h - strip / 2, cy + half_h - strip / 2)
    ax.set_aspect("equal", adjustable="box")
    classes = score_class(site.scores, bands)
    for index, band in enumerate(score_bands(bands)):
        draw(ax, site.buildings[classes == index], fill=band.colour,
             zorder=5)
    unscored = ~np.isin(classes, range(len(bands) + 1))
    draw(ax, site.buildings[unscored], fill=UNSCORED, zorder=4)
    if site.outline is not None:
        draw(ax, [site.outline], stroke="#333333", width=0.8 * sheet.scale,
             zorder=6)
    scale_bar(ax, sheet)
    if site.crs is not None:
        north_arrow(ax, site.crs, sheet)


def _key(fig: Figure, rect, bands: list[float]) -> None:
    """The walk score bands in a row."""
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    handles = [Patch(facecolor=b.colour, edgecolor=EDGE_COLOUR,
                     label=b.label) for b in score_bands(bands)]
    handles.append(Patch(facecolor="none", edgecolor="#333333",
                         label=tr("study area (the site)")))
    ax.legend(handles=handles, loc="upper left", ncol=len(handles),
              frameon=False, borderaxespad=0,
              title=tr("Walk score of each building (default bands); every "
                       "map at the same scale"), alignment="left")


def _charts(folio: Portfolio, sheet: Sheet) -> list[Figure]:
    """A bar chart of each figure that differs across the sites, best
    first, with the median; then the figures alike on every site."""
    rows = folio.evaluated
    known = [c for c in folio.columns if rows[c.key].notna().any()]
    if rows.empty or not known:
        return []
    alike = [c for c in known if
             rows[c.key].round(c.decimals).nunique(dropna=False) == 1]
    charted = [c for c in known if c not in alike]
    per_page = 4 if len(rows) <= MANY_SITES else 2
    shape = (2, 2) if per_page == 4 else (1, 2)
    pages = []
    for start in range(0, len(charted), per_page):
        fig = new_page(sheet, tr(CHARTS))
        cells = grid(sheet.body, *shape, sheet, 0.35)
        for column, cell in zip(charted[start:start + per_page], cells,
                                strict=False):
            _chart(fig, cell, rows, column, sheet)
        pages.append(fig)
    if alike:
        table = Table(tr("Figures alike on every site") if len(rows) > 1
                      else tr("The figures of {site}").format(
                          site=rows["label"].iloc[0]),
                      (tr("Figure"), tr("Value")),
                      tuple((c.heading(), c.format(rows[c.key].iloc[0]))
                            for c in alike), (False, True))
        pages += flow(sheet, tr(CHARTS), [table])
    return pages


def _chart(fig: Figure, cell, rows: pd.DataFrame, column: Column,
           sheet: Sheet) -> Axes:
    values = rows.set_index("label")[column.key].astype(float)
    values = values.sort_values(ascending=column.better < 0,
                                na_position="last")
    left, bottom, width, height = cell
    size = sheet.size_pt * (SIZES["small"] if len(values) <= 20 else 0.6)
    room = LABELS_IN * sheet.scale * 72
    labels = [_fit(str(s), size, room) for s in values.index]
    label_in = max(text_width(t, size) for t in labels) / 72 / sheet.scale \
        + 0.15
    fig.text(left, bottom + height, _fit(column.heading(), sheet.size_pt,
                                         width * sheet.width_in * 72, True),
             va="top", fontweight="bold")
    ax = fig.add_axes((left + sheet.fx(label_in), bottom + sheet.fy(0.35),
                       width - sheet.fx(label_in + 0.1),
                       height - sheet.fy(0.75)))
    y = np.arange(len(values))[::-1]
    shown = values.fillna(0).to_numpy()
    ax.barh(y, shown, color=BAR, height=0.7)
    ax.set_yticks(y, labels, fontsize=size)
    ax.set_ylim(-0.6, len(values) - 0.4)
    median = values.median()
    if pd.notna(median):
        ax.axvline(median, color=MEDIAN, linewidth=1.0 * sheet.scale,
                   linestyle="--")
    if len(values) <= 20:
        for yi, value in zip(y, values, strict=True):
            ax.text(0 if pd.isna(value) else value, yi,
                    " " + column.format(value), va="center",
                    fontsize="small")
    if "%" in column.form:
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    high = np.nanmax(shown) if len(shown) else 0
    ax.set_xlim(min(0, np.nanmin(shown)), high * 1.25 if high > 0 else 1)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    better = {1: tr("higher is better"), -1: tr("lower is better")}.get(
        column.better, tr("neither higher nor lower is better"))
    ax.set_xlabel(better if pd.isna(median) else tr(
        "{better}; dashed: the median, {value}").format(
            better=better, value=column.format(median)))
    return ax


def _fit(text: str, points: float, width: float, bold: bool = False
         ) -> str:
    """``text`` shortened with '…' to fit ``width`` points."""
    if text_width(text, points, bold) <= width:
        return text
    while len(text) > 1 and text_width(text + "…", points, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _recurring(folio: Portfolio, sheet: Sheet) -> list[Figure]:
    """The shortfalls found on more than one site."""
    found = recurring({label: summary.get("findings", [])
                       for label, summary in folio.summaries.items()})
    rows = tuple((row.words[:1].upper() + row.words[1:], str(row.sites),
                  f"{row.share:.0%}", _named(row.names))
                 for row in found.itertuples())
    table = Table(tr("Shortfalls found on more than one site, the most "
                     "widespread first"),
                  (tr("Shortfall"), tr("Sites"), tr("Share of sites"),
                   tr("Where")), rows, (False, True, True, False),
                  tr("No shortfall is found on more than one site."))
    return flow(sheet, tr(RECURRING), [table])


def _named(names: list[str]) -> str:
    shown = names[:NAMED]
    more = len(names) - len(shown)
    return tr(", ").join(shown) + (tr(" and {n} more").format(n=more)
                                   if more else "")


def _failures(folio: Portfolio, sheet: Sheet) -> list[Figure]:
    failed = folio.rows[folio.rows["status"] == FAILED]
    if failed.empty:
        return []
    table = Table(tr("Plans the batch could not evaluate, and why"),
                  (tr("Plan"), tr("Scenario"), tr("Reason")),
                  tuple((r.plan, r.scenario, r.reason)
                        for r in failed.itertuples()), (False, False, False))
    return flow(sheet, tr(FAILURES), [table])
