"""PlannerDesk: a desktop GIS planning tool for innovation-space layout."""

__version__ = "0.1.0"
