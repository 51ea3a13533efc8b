"""The plan: layers, schema, settings, validation and CRS handling (no Qt)."""
