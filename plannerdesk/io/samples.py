"""Where the embedded sample plans are found."""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_sites"
DREAM_TOWN = SAMPLE_DIR / "dream_town.gpkg"

