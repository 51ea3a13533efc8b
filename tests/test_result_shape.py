"""Every evaluator's result has one shape: a zone table whose first row is
the whole site, and the headline figures declared once, which the summary
and the comparison both quote."""

from __future__ import annotations

import pytest

from plannerdesk.evaluate.compare import compare
from plannerdesk.evaluate.names import EVALUATORS
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.shape import FIGURES, SITE_ROW
from plannerdesk.evaluate.tables import summary
from plannerdesk.io.gpkg import open_plan

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def results():
    return evaluate(open_plan(SAMPLE)[0])


def test_every_evaluator_has_a_zone_table_with_the_site_first(results):
    assert set(FIGURES) == set(EVALUATORS)
    for name in EVALUATORS:
        result = getattr(results, name)
        assert result.zones["zone"].iloc[0] == SITE_ROW, name
        assert SITE_ROW not in set(result.per_zone["zone"]), name
        zones = set(results.context.zones["name"])
        assert set(result.per_zone["zone"]) <= zones | {"(no zone)"}, name


def test_the_headline_figures_are_the_declared_ones_everywhere(results):
    written = summary(results)
    headline = compare(results, results, base_name="a",
                       proposal_name="b").headline
    for name, figures in FIGURES.items():
        result = getattr(results, name)
        if name == "coverage":
            for target in result.table.index:
                for f in figures:
                    key = f"coverage.{target}.{f.key}"
                    assert headline.loc[key, "proposal"] == pytest.approx(
                        result.site[f"{target}.{f.key}"], nan_ok=True)
            continue
        for f in figures:
            assert headline.loc[f"{name}.{f.key}", "proposal"] == \
                pytest.approx(written[name][f.key], nan_ok=True)
            assert written[name][f.key] == result.site[f.key]
    assert (headline["delta"].fillna(0) == 0).all()


def test_network_form_runs_on_its_own():
    only = evaluate(open_plan(SAMPLE)[0], only=("network_form",))
    assert only.walkability is None and only.network_form is not None
    assert only.network_form.site["intersections"] > 0
