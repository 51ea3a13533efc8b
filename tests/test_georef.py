"""Placing a scanned image by control points: exact fits, residuals, refusals."""

from __future__ import annotations

import numpy as np
import pytest

from plannerdesk.model.georef import WorldFile, fit_control_points
from plannerdesk.model.problems import PlannerError

# A scan at 0.5 m a pixel, turned 30 degrees, its top-left pixel centre at a
# point of the plan's CRS (EPSG:4549 around the Dream Town).
ANGLE = np.radians(30)
SCALE = 0.5
TRUE = WorldFile(a=SCALE * np.cos(ANGLE), d=SCALE * np.sin(ANGLE),
                 b=SCALE * np.sin(ANGLE), e=-SCALE * np.cos(ANGLE),
                 c=498_123.25, f=3_352_987.75)
PIXELS = np.array([[10, 20], [3900, 150], [2100, 2800], [300, 2950],
                   [1800, 1400]], float)


def _map_points(world: WorldFile, pixels: np.ndarray) -> np.ndarray:
    return np.column_stack(world.to_map(pixels[:, 0], pixels[:, 1]))


def _assert_same_placement(fit, world: WorldFile, tol: float = 1e-6) -> None:
    got = np.array([fit.a, fit.d, fit.b, fit.e, fit.c, fit.f])
    want = np.array([world.a, world.d, world.b, world.e, world.c, world.f])
    assert np.allclose(got[:4], want[:4], atol=1e-12)
    assert np.allclose(got[4:], want[4:], atol=tol)


def test_two_points_give_the_exact_turned_and_scaled_placement():
    fit = fit_control_points(PIXELS[:2], _map_points(TRUE, PIXELS[:2]))
    assert fit.kind == "similarity"
    _assert_same_placement(fit, TRUE)
    assert fit.rms == pytest.approx(0, abs=1e-6)
    # Every other pixel lands where the true placement puts it, too.
    x, y = fit.to_map(PIXELS[:, 0], PIXELS[:, 1])
    assert np.allclose(np.column_stack([x, y]), _map_points(TRUE, PIXELS),
                       atol=1e-6)


def test_two_points_never_mirror_the_image():
    """North stays up: rows run south on the map, as in a world file."""
    pixels = np.array([[0, 0], [100, 0]], float)
    fit = fit_control_points(pixels, [[1000, 5000], [1200, 5000]])
    assert (fit.a, fit.b, fit.d) == pytest.approx((2, 0, 0), abs=1e-12)
    assert fit.e == pytest.approx(-2)


def test_three_or_more_points_recover_an_affine_placement_exactly():
    sheared = WorldFile(a=0.52, d=0.03, b=0.01, e=-0.47, c=498_000.5,
                        f=3_352_000.5)
    for count in (3, 5):
        fit = fit_control_points(PIXELS[:count],
                                 _map_points(sheared, PIXELS[:count]))
        assert fit.kind == "affine"
        _assert_same_placement(fit, sheared)
        assert max(fit.residuals) < 1e-6
        assert len(fit.residuals) == count


def test_residuals_show_how_far_each_point_is_off():
    world = _map_points(TRUE, PIXELS)
    world[2] += [3.0, 4.0]  # one point picked 5 m off
    fit = fit_control_points(PIXELS, world)
    residuals = np.array(fit.residuals)
    assert residuals.argmax() == 2
    assert 1.0 < residuals[2] < 5.0  # the fit takes up some of the error
    assert fit.rms == pytest.approx(np.sqrt(np.mean(residuals ** 2)))
    # The residual is the distance from the map point to where its pixel lands.
    x, y = fit.to_map(*PIXELS[2])
    assert np.hypot(x - world[2, 0], y - world[2, 1]) == pytest.approx(
        residuals[2])


def test_a_fit_is_a_world_file_that_can_be_written():
    fit = fit_control_points(PIXELS[:3], _map_points(TRUE, PIXELS[:3]))
    assert isinstance(fit, WorldFile)
    assert fit.world == WorldFile(fit.a, fit.d, fit.b, fit.e, fit.c, fit.f)


@pytest.mark.parametrize("image, world, words", [
    ([[0, 0]], [[1, 1]], "at least 2"),
    ([[0, 0], [5, 5]], [[1, 1]], "2 image points but 1 map points"),
    ([[0, 0], [0, 0]], [[1, 1], [9, 9]], "1 and 2 are at the same place on "
                                         "the image"),
    ([[0, 0], [9, 0], [4, 4]], [[1, 1], [8, 1], [1, 1]],
     "1 and 3 are at the same place on the map"),
    ([[0, 0], [10, 10], [20, 20]], [[0, 0], [5, 1], [9, 9]],
     "lie on one line on the image"),
    ([[0, 0], [10, 0], [0, 10], [10, 10]], [[0, 0], [1, 1], [2, 2], [3, 3]],
     "lie on one line on the map"),
])
def test_unusable_points_are_refused_with_the_fix(image, world, words):
    with pytest.raises(PlannerError, match="Fix:") as caught:
        fit_control_points(image, world)
    assert words in str(caught.value)
