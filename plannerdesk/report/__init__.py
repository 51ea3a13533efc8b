"""The layout report: a multi-page landscape PDF of a plan and its
evaluation, drawn with matplotlib (Agg and PDF backends, no Qt).

:func:`build_report` is the entry point for the command line and the app.
"""

from .build import build_report
from .fonts import FontWarning

__all__ = ["FontWarning", "build_report"]
