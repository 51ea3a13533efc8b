"""The comparison section, when a report compares a proposal with a base
(an ``evaluate.compare.Comparison``): gaps closed and opened, walk score
change, unmet parking per zone, the headline figures that changed and the
comparison's findings."""

from __future__ import annotations

import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..evaluate.compare import SAME, findings
from ..evaluate.shape import figure_words, unit_words
from ..model.language import N_, tr
from ..model.symbology import (
    BASE_COLOUR,
    BETTER_COLOUR,
    EDGE_COLOUR,
    WORSE_COLOUR,
)
from ..model.words import human
from .document import Document
from .layout import chart_axes, grid, titled_map
from .maps import draw, draw_context, furnish
from .pages import new_page, paragraphs, side_by_side, stacked
from .tables import NONE, Table, cell, flow, table

SCORE_CMAP = "RdYlGn"      # the Walk Score band colours, as a ramp
CHANGE_ALPHA = 0.45
UNIT_KINDS = {"share": "pct", "spaces": "int", "buildings": "int",
              "features": "int", "m": "m", "ratio": "2", "index (0-1)": "2"}
PARKING = {"zone": (N_("Zone"), "text"),
           "unmet_before": (N_("Unmet before"), "int"),
           "unmet_after": (N_("Unmet after"), "int"),
           "unmet_delta": (N_("Change"), "+int")}
GAPS = {"target": (N_("Target"), "text"),
        "closed_ha": (N_("Closed (ha)"), "1"),
        "opened_ha": (N_("Opened (ha)"), "1")}


def comparison_section(doc: Document) -> list[Figure]:
    """Two change maps, then findings, chart and tables."""
    c = doc.comparison
    heading = tr("Comparison: {base} \u2192 {proposal}").format(
        base=c.base_name, proposal=c.proposal_name)
    maps = new_page(doc.sheet, heading)
    left, right = grid(doc.sheet.body, 1, 2, doc.sheet)
    _gap_map(doc, maps, left)
    _score_map(doc, maps, right)
    page = new_page(doc.sheet, heading)
    text, tables = side_by_side(doc.sheet.body, 0.45, doc.sheet)
    notes, chart = stacked(text, [3.0], doc.sheet)
    paragraphs(page, doc.sheet, notes,
               [doc.labels.text(t) for t in findings(c)], bullet="\u2022")
    _parking_chart(doc, page, chart)
    return [maps, page, *flow(doc.sheet, heading, _tables(doc),
                              start=(page, tables))]


def _changed_targets(c) -> list[str]:
    return sorted(set(c.gaps_closed["target"]) | set(c.gaps_opened["target"]))


def _gap_map(doc: Document, fig: Figure, rect) -> None:
    c, sheet = doc.comparison, doc.sheet
    targets = [human(t) for t in _changed_targets(c)]
    shown = ", ".join(targets[:4])
    if len(targets) > 4:
        title = tr("Coverage gaps closed and opened: {targets} and {count} "
                   "more").format(targets=shown, count=len(targets) - 4)
    elif targets:
        title = tr("Coverage gaps closed and opened: {targets}").format(
            targets=shown)
    else:
        title = tr("No coverage gap changed")
    ax = titled_map(doc, fig, rect, title)
    draw_context(ax, doc.plan, sheet)
    for gaps, colour in ((c.gaps_closed, BETTER_COLOUR),
                         (c.gaps_opened, WORSE_COLOUR)):
        draw(ax, gaps.geometry, fill=colour, stroke=colour,
             alpha=CHANGE_ALPHA, width=0.4 * sheet.scale, zorder=5)
    furnish(ax, doc.plan, sheet)
    fig.legend(handles=[
        Patch(facecolor=to_rgba(colour, CHANGE_ALPHA), edgecolor=colour,
              label=label) for colour, label in (
            (BETTER_COLOUR, tr("gap closed (now within the service walk)")),
            (WORSE_COLOUR, tr("gap opened (now beyond it)")))],
        loc="upper left", frameon=False, borderaxespad=0,
        bbox_to_anchor=_under(ax, sheet), ncol=2)


def _under(ax, sheet) -> tuple[float, float]:
    """A point just below ``ax``'s lower left corner (figure fraction)."""
    box = ax.get_position()
    return box.x0, box.y0 - sheet.fy(0.12)


def _score_map(doc: Document, fig: Figure, rect) -> None:
    change, sheet = doc.comparison.walk_score_change, doc.sheet
    ax = titled_map(doc, fig, rect, tr(
        "Walk score change per building (buildings that moved by {step:g} "
        "points or more)").format(
            step=doc.plan.settings.walk.score_change_step))
    draw_context(ax, doc.plan, sheet)
    delta = change["delta"].astype(float)
    limit = max(float(np.nanmax(np.abs(delta))) if len(delta) else 0, 1.0)
    norm = Normalize(-limit, limit)
    if len(change):
        change.assign(delta=delta).plot(
            ax=ax, column="delta", cmap=SCORE_CMAP, norm=norm,
            edgecolor=EDGE_COLOUR, linewidth=0.15 * sheet.scale, zorder=5)
    furnish(ax, doc.plan, sheet)
    x, y = _under(ax, sheet)
    box = ax.get_position()
    cax = fig.add_axes((x + box.width * 0.1, y - sheet.fy(0.14),
                        box.width * 0.8, sheet.fy(0.14)))
    fig.colorbar(ScalarMappable(norm, SCORE_CMAP), cax=cax,
                 orientation="horizontal",
                 label=tr("walk score, proposal minus base (points)"))


def _parking_chart(doc: Document, fig: Figure, rect) -> None:
    change = doc.comparison.parking_change
    if not len(change):
        return
    ax = chart_axes(fig, rect, doc.sheet, left_in=1.3,
                    title=tr("Unmet parking demand per zone (spaces)"))
    y = np.arange(len(change))[::-1]
    before, after = change["unmet_before"], change["unmet_after"]
    ax.barh(y + 0.2, before, 0.4, color=BASE_COLOUR,
            label=doc.comparison.base_name)
    moved = np.sign((after - before).fillna(0).round())
    ax.barh(y - 0.2, after, 0.4, color=[
        BETTER_COLOUR if m < 0 else WORSE_COLOUR if m > 0 else EDGE_COLOUR
        for m in moved])
    ax.set_yticks(y, [doc.labels.block(z) for z in change["zone"]])
    proposal = doc.comparison.proposal_name
    ax.legend(handles=[
        Patch(color=BASE_COLOUR, label=doc.comparison.base_name),
        Patch(color=BETTER_COLOUR,
              label=tr("{scenario}: less").format(scenario=proposal)),
        Patch(color=WORSE_COLOUR,
              label=tr("{scenario}: more").format(scenario=proposal)),
        Patch(color=EDGE_COLOUR,
              label=tr("{scenario}: same").format(scenario=proposal))],
        loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)


def _tables(doc: Document) -> list:
    c = doc.comparison
    parking = c.parking_change.assign(zone=c.parking_change["zone"]
                                      .map(doc.zone))
    closed = c.gaps_closed.groupby("target")["area_m2"].sum() / 10_000
    opened = c.gaps_opened.groupby("target")["area_m2"].sum() / 10_000
    gaps = closed.to_frame("closed_ha").join(opened.rename("opened_ha"),
                                             how="outer").fillna(0)
    gaps = gaps.rename_axis("target").reset_index()
    gaps["target"] = gaps["target"].astype(str).map(human)
    return [_headline(c.headline),
            table(tr("Unmet parking demand by zone"), parking, PARKING,
                  tr("No zones in the plan.")),
            table(tr("Coverage gaps closed and opened by target"), gaps,
                  GAPS, tr("No coverage gap changed."))]


def _headline(headline) -> Table:
    """Every site figure, and the coverage figures that changed."""
    changed = headline["delta"].abs().fillna(0) > SAME
    rows = headline[(headline["group"] != "coverage") | changed]
    cells = tuple(
        (figure_words(row.Index), unit_words(row.unit),
         *(cell(v, sign + UNIT_KINDS.get(row.unit, "1"))
           for v, sign in ((row.base, ""), (row.proposal, ""),
                           (row.delta, "+"))),
         {True: tr("yes"), False: tr("no")}.get(row.better, NONE))
        for row in rows.itertuples())
    return Table(tr("Headline figures (coverage: changed targets only)"),
                 (tr("Figure"), tr("Unit"), tr("Base"), tr("Proposal"),
                  tr("Change"), tr("Better?")),
                 cells, (False, False, True, True, True, False))
