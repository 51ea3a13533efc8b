"""What every page of a report needs: the plan, its results, the sheet, the
labels and the front matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..evaluate.run import Results
from ..evaluate.shape import SITE_ROW
from ..model.language import N_, tr
from ..model.plan import Plan
from ..model.symbology import FEATURE_LABEL_SCALE
from .base_maps import BaseMaps
from .labels import Labels
from .pages import Rect, Sheet, legend_height_in, stacked

_IMPORT = "'plannerdesk import PLAN FILE --as {layer}'"
#: What the plan lacks for a full report: (layers, note when all empty,
#: the layer its import command names).
MISSING = (
    (("site",), N_("the plan has no site boundary, so maps and site shares "
                   "use the extent of its features. Fix: draw it or import "
                   "it with {command}"), "site"),
    (("zones",), N_("the plan has no zones, so there are no figures by "
                    "zone. Fix: draw them or import them with {command}"),
     "zones"),
    (("parking",), N_("the plan has no parking, so no parking demand is "
                      "met. Fix: draw lots or import them with {command}"),
     "parking"),
    (("facilities",), N_("the plan has no facilities (cafes, shops, transit "
                         "...). Fix: draw them or import them with "
                         "{command}"), "facilities"),
    (("public_points", "public_lines", "public_areas"),
     N_("the plan has no public spaces. Fix: draw them or import them with "
        "{command} (or public_lines, public_areas)"), "public_points"))


@dataclass(frozen=True)
class Document:
    """One report being built."""

    plan: Plan
    results: Results
    sheet: Sheet
    labels: Labels
    title: str
    author: str
    created: datetime
    source: str                 # the plan file's name, or ''
    scenario: str | None = None
    comparison: Any = None      # evaluate.compare.Comparison
    base_maps: BaseMaps = field(default_factory=BaseMaps)
    source_path: Path | None = None   # the plan file (resolves photos)
    review_notes: bool = True         # False: the client's copy
    label_scale: float = FEATURE_LABEL_SCALE  # features named from 1:N

    def zone(self, name: str) -> str:
        """A zone's label; the site row reads 'whole site'."""
        return tr("whole site") if name == SITE_ROW else \
            self.labels.line(name)

    @property
    def site_name(self) -> str:
        """The site's label (see :func:`site_label`)."""
        return site_label(self.plan, self.labels, self.source)

    @property
    def notes(self) -> list[str]:
        """What the plan lacks for a full report, then the problems met
        while evaluating."""
        lacking = [tr(note).format(command=_IMPORT.format(layer=layer))
                   for layers, note, layer in MISSING
                   if all(not len(self.plan[n]) for n in layers)]
        return [tr("warning: {note}").format(note=note)
                for note in [*lacking, *self.base_maps.problems]] + \
            [str(p) for p in self.results.problems]

    def legend(self, fig: Figure, rect: Rect, handles: list,
               title: str) -> Axes:
        """A legend filling ``rect`` from its top left."""
        ax = fig.add_axes(rect)
        ax.set_axis_off()
        ax.legend(handles=handles, loc="upper left", title=title,
                  frameon=False, borderaxespad=0, alignment="left")
        return ax

    def legend_above(self, fig: Figure, rect: Rect, handles: list,
                     title: str) -> Rect:
        """A legend at the top of ``rect``; return what is left under it
        (for a note)."""
        key, rest = stacked(rect, [legend_height_in(len(handles))],
                            self.sheet, 0.1)
        self.legend(fig, key, handles, title)
        return rest


def site_label(plan: Plan, labels: Labels, source: str = "") -> str:
    """The site layer's first name as labelled, else the file's name."""
    names = plan["site"]["name"].dropna()
    return labels.line(names.iloc[0]) if len(names) else \
        (source or tr("untitled plan"))
