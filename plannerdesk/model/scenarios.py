"""A plan's scenarios: the existing layout and proposals on top of it.

The existing layout (:data:`EXISTING`, always first) is the plan's ordinary
layers. A proposal is stored as :class:`Edits` against it, so editing the
existing layout carries through to every proposal. ``plan.layers`` always
hold the active scenario, materialised: evaluators, views and commands work
on them unchanged. While a proposal is active the existing layout is kept
aside in ``plan.kept``, and its entry in ``plan.scenarios`` is brought up to
date only by :func:`record` (which :func:`switch` calls);
:func:`current_edits` gives any scenario's edits up to date at any time.

Each function notifies the plan's listeners once per layer it changed,
``"settings"`` when the settings changed and :data:`SCENARIOS` whenever the
scenario list or the active scenario changed.
"""

from __future__ import annotations

import copy

import geopandas as gpd

from .language import tr
from .notes import NOTES
from .plan import Layout, Plan
from .problems import PlannerError, Problem
from .scenario_edits import EXISTING, Edits, LayerEdits, apply, diff
from .settings import Settings

__all__ = ["EXISTING", "SCENARIOS", "scenario_label", "Edits", "LayerEdits", "add", "apply",
           "current_edits", "delete", "diff", "insert", "materialize",
           "record", "rename", "scenario_names", "share_notes", "switch"]

SCENARIOS = "scenarios"


def scenario_names(plan: Plan) -> list[str]:
    """Every scenario's name, the existing layout first."""
    return [EXISTING, *plan.scenarios]


def current_edits(plan: Plan, name: str | None = None) -> Edits:
    """The edits of scenario ``name`` (default: the active one), up to date
    with the planner's edits; the existing layout has none."""
    name = plan.active if name is None else _known(plan, name)
    if name == EXISTING:
        return Edits()
    stored = plan.scenarios[name]
    if name != plan.active:
        return stored
    settings = None if plan.settings == plan.base_settings else plan.settings
    return Edits(diff(plan.base_layers, plan.layers).layers, settings,
                 stored.description)


def record(plan: Plan) -> None:
    """Bring the active proposal's stored edits (``plan.scenarios``) up to
    date with the planner's edits; nothing to do for the existing layout."""
    if plan.active != EXISTING:
        plan.scenarios[plan.active] = current_edits(plan)


def switch(plan: Plan, name: str) -> list[Problem]:
    """Make scenario ``name`` the active one; the problems found applying
    its edits (edits of features the existing layout no longer has)."""
    _known(plan, name)
    if name == plan.active:
        return []
    record(plan)
    base = Layout(dict(plan.base_layers), plan.base_settings)
    layers, settings, problems = _layout(plan, name)
    plan.kept = None if name == EXISTING else base
    plan.active = name
    _show(plan, layers, settings)
    return problems


def materialize(plan: Plan, name: str) -> Plan:
    """Scenario ``name`` as a plan of its own (same CRS and site maps, no
    scenarios, no listeners), leaving ``plan`` as it is. Its layers share
    data with ``plan``'s: replace them, never change them in place."""
    layers, settings, _ = _layout(plan, _known(plan, name))
    return Plan(crs=plan.crs, layers=layers,
                settings=copy.deepcopy(settings),
                site_maps=list(plan.site_maps))


def add(plan: Plan, name: str, copy_of: str | None = None) -> str:
    """Add proposal ``name`` (last), a copy of scenario ``copy_of`` or
    empty (the existing layout as it is); returns the name as stored."""
    name = _new_name(plan, name)
    source = Edits() if copy_of is None else current_edits(plan, copy_of)
    insert(plan, name, copy.deepcopy(source))
    return name


def insert(plan: Plan, name: str, edits: Edits,
           position: int | None = None) -> None:
    """Put proposal ``name`` back at ``position`` (0 = first proposal)."""
    name = _new_name(plan, name)
    items = list(plan.scenarios.items())
    items.insert(len(items) if position is None else position, (name, edits))
    plan.scenarios = dict(items)
    plan.notify(SCENARIOS)


def rename(plan: Plan, old: str, new: str) -> str:
    """Rename proposal ``old``; returns the new name as stored."""
    _proposal(plan, old, "renamed")
    new = _new_name(plan, new, renaming=old)
    plan.scenarios = {new if n == old else n: e
                      for n, e in plan.scenarios.items()}
    if plan.active == old:
        plan.active = new
    plan.notify(SCENARIOS)
    return new


def delete(plan: Plan, name: str) -> Edits:
    """Delete proposal ``name`` (switching to the existing layout first if
    it is active); returns its edits."""
    _proposal(plan, name, "deleted")
    if plan.active == name:
        switch(plan, EXISTING)
    edits = plan.scenarios.pop(name)
    plan.notify(SCENARIOS)
    return edits


def _layout(plan: Plan, name: str) -> tuple[
        dict[str, gpd.GeoDataFrame], Settings, list[Problem]]:
    """Layers, settings and problems of scenario ``name``."""
    if name == plan.active:
        return dict(plan.layers), plan.settings, []
    if name == EXISTING:
        return dict(plan.base_layers), plan.base_settings, []
    edits = plan.scenarios[name]
    layers, problems = apply(plan.base_layers, edits, scenario=name)
    layers[NOTES] = plan.base_layers[NOTES]  # the plan's, in every scenario
    settings = plan.base_settings if edits.settings is None else \
        edits.settings
    return layers, settings, problems


def _show(plan: Plan, layers: dict[str, gpd.GeoDataFrame],
          settings: Settings) -> None:
    """Put ``layers`` and ``settings`` in the plan, then notify."""
    changed = [n for n, layer in layers.items()
               if layer is not plan.layers.get(n)]
    plan.layers.update({n: layers[n] for n in changed})
    new_settings = settings is not plan.settings
    plan.settings = settings
    for name in changed:
        plan.notify(name)
    if new_settings:
        plan.notify("settings")
    plan.notify(SCENARIOS)


def _known(plan: Plan, name: str) -> str:
    if name not in scenario_names(plan):
        raise PlannerError(tr(
            "the plan has no scenario '{name}'; its scenarios are: "
            "{names}. Fix: use one of these names").format(
                name=name, names=", ".join(scenario_names(plan))))
    return name


def _proposal(plan: Plan, name: str, done: str) -> None:
    """Refuse the existing layout, which cannot be ``done`` (``renamed``
    or ``deleted``), and a name the plan has no scenario by."""
    if name == EXISTING:
        text = tr("'{name}' is the plan's existing layout and cannot be "
                  "renamed. Fix: duplicate it to start a proposal") \
            if done == "renamed" else \
            tr("'{name}' is the plan's existing layout and cannot be "
               "deleted. Fix: duplicate it to start a proposal")
        raise PlannerError(text.format(name=EXISTING))
    _known(plan, name)


def _new_name(plan: Plan, name: str, renaming: str | None = None) -> str:
    """``name`` stripped; refused when empty or already taken (any case)."""
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        raise PlannerError(tr("a scenario needs a name. Fix: type a name, "
                              "e.g. 'Proposal A'"))
    taken = {n.casefold(): n for n in scenario_names(plan) if n != renaming}
    if text.casefold() in taken:
        raise PlannerError(tr(
            "the plan already has a scenario '{name}'. Fix: choose another "
            "name").format(name=taken[text.casefold()]))
    return text


def in_scenario(plan: Plan) -> str:
    """`` (scenario 'X')`` when a proposal was active at save, else ''."""
    if plan.active == EXISTING:
        return ""
    return " " + tr("(scenario '{name}')").format(name=plan.active)


def share_notes(plan: Plan) -> None:
    """Fold the review notes proposals hold as edits (as a plan saved
    before notes were the plan's keeps them) into the plan's own notes,
    which every scenario shows; each keeps the scenario it was made in.
    Call with the existing layout active."""
    for name, edits in plan.scenarios.items():
        change = edits.layers.pop(NOTES, None)
        if change is None or change.is_empty():
            continue
        notes = apply({NOTES: plan.layers[NOTES]}, Edits({NOTES: change}),
                      scenario=name)[0][NOTES]
        made = notes.index.isin(change.added.index) & \
            notes["scenario"].isna().to_numpy()
        notes.loc[made, "scenario"] = name
        plan.layers[NOTES] = notes


def scenario_label(name: str) -> str:
    """A scenario's name as shown: the existing layout's in the current
    language (the plan file keeps ``Existing``), a proposal's as named."""
    return tr(EXISTING) if name == EXISTING else name
