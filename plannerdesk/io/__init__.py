"""Reading and writing plans, imports and base maps (no Qt)."""
