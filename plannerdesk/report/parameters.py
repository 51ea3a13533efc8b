"""The parameter table: every evaluator parameter with its value, unit and
the source of its default (model.settings.parameter_table)."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..model.settings import Settings, parameter_table
from ..model.words import parameter_name
from .document import Document
from .tables import Table, flow

HEADING = "Parameters"
CAPTION = ("Evaluator parameters and the sources of their defaults "
           "('proposal': a planning default with no standard behind it)")


def parameter_pages(doc: Document) -> list[Figure]:
    """The plan's parameters; those changed from the default say so."""
    defaults = {row["parameter"]: row["value"]
                for row in parameter_table(Settings())}
    rows = []
    for row in parameter_table(doc.plan.settings):
        note = ["proposal"] if row["proposal"] else []
        default = defaults.get(row["parameter"])
        if default != row["value"]:
            note.append(f"changed (default {value_text(default)})"
                        if default is not None else "added")
        name = parameter_name(row["parameter"])
        rows.append((name[:1].upper() + name[1:], value_text(row["value"]),
                     row["unit"], row["source"], "; ".join(note),
                     row["parameter"]))
    return flow(doc.sheet, HEADING, [Table(
        CAPTION, ("Parameter", "Value", "Unit", "Source", "Note", "Key"),
        tuple(rows), (False,) * 6, fine=(False,) * 5 + (True,))])


def value_text(value) -> str:
    """A parameter value as printed: 300 not 300.0, lists joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    return str(value)
