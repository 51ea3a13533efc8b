"""Where the embedded sample plans and a plan's base-map picture are found."""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_sites"
DREAM_TOWN = SAMPLE_DIR / "dream_town.gpkg"


def find_basemap(plan_path: Path) -> Path | None:
    """A ``<plan>_basemap.png`` beside the plan, when there is one."""
    candidate = plan_path.with_name(f"{plan_path.stem}_basemap.png")
    return candidate if candidate.exists() else None
