"""Render a plan-style base-map picture of a plan, with a world file."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from plannerdesk.io.worldfile import WorldFile, world_file_path, \
    write_world_file  # noqa: E402
from plannerdesk.model.plan import Plan  # noqa: E402

PIXEL_M = 2.0
MARGIN_M = 120.0


def render_basemap(plan: Plan, out: Path, *, river: tuple[float, float],
                   origin: tuple[float, float]) -> None:
    """A PNG of roads, river, greens and footprints, 2 m a pixel."""
    x0, y0, x1, y1 = plan.extent()
    x0, y0, x1, y1 = x0 - MARGIN_M, y0 - MARGIN_M, x1 + MARGIN_M, y1 + MARGIN_M
    width, height = round((x1 - x0) / PIXEL_M), round((y1 - y0) / PIXEL_M)
    x1, y1 = x0 + width * PIXEL_M, y0 + height * PIXEL_M
    dpi = 100
    fig = plt.figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_axis_off()
    fig.patch.set_facecolor("#efe9dc")
    plan["site"].plot(ax=ax, color="#f7f3ea", edgecolor="none")
    ax.fill_between([x0, x1], origin[1] + river[0], origin[1] + river[1],
                    color="#a9cfe8", zorder=1)
    rail_y = origin[1] - 25
    ax.plot([x0, x1], [rail_y + 130, rail_y - 10], color="#555555",
            linewidth=3, linestyle=(0, (6, 3)), zorder=2)
    plan["public_areas"].plot(ax=ax, color="#cfe8bf", edgecolor="none",
                              zorder=2)
    plan["walkways"].plot(ax=ax, color="#ffffff", linewidth=4, zorder=3)
    plan["buildings"].plot(ax=ax, color="#ddd5c8", edgecolor="#bfb5a5",
                           linewidth=0.5, zorder=4)
    fig.savefig(out, dpi=dpi, facecolor=fig.get_facecolor())
    plt.close(fig)
    write_world_file(world_file_path(out), WorldFile(
        PIXEL_M, 0.0, 0.0, -PIXEL_M, x0 + PIXEL_M / 2, y1 - PIXEL_M / 2))
