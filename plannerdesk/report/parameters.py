"""The parameter table: every evaluator parameter with its value, unit and
the source of its default (model.settings.parameter_table)."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..model.language import N_, tr
from ..model.settings import Settings, parameter_table
from ..model.words import human, parameter_name
from .document import Document
from .tables import Table, flow

HEADING = N_("Parameters")
CAPTION = N_("Evaluator parameters and the sources of their defaults "
             "('proposal': a planning default with no standard behind it)")


def parameter_pages(doc: Document) -> list[Figure]:
    """The plan's parameters; those changed from the default say so."""
    defaults = {row["parameter"]: row["value"]
                for row in parameter_table(Settings())}
    rows = []
    for row in parameter_table(doc.plan.settings):
        note = [tr("proposal")] if row["proposal"] else []
        default = defaults.get(row["parameter"])
        if default != row["value"]:
            note.append(tr("changed (default {value})").format(
                value=value_text(default)) if default is not None
                else tr("added"))
        name = parameter_name(row["parameter"])
        rows.append((name[:1].upper() + name[1:], value_text(row["value"]),
                     row["unit"], row["source"], "; ".join(note),
                     row["parameter"]))
    return flow(doc.sheet, tr(HEADING), [Table(
        tr(CAPTION), (tr("Parameter"), tr("Value"), tr("Unit"),
                      tr("Source"), tr("Remarks"), tr("Key")),
        tuple(rows), (False,) * 6, fine=(False,) * 5 + (True,))])


def value_text(value) -> str:
    """A parameter value as printed: 300 not 300.0, keys in words, lists
    joined."""
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return tr(", ").join(value_text(v) for v in value)
    if isinstance(value, dict):
        return tr("; ").join(f"{human(k)}: {value_text(v)}"
                             for k, v in value.items())
    return human(value) if isinstance(value, str) else str(value)
