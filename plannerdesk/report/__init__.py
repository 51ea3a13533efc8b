"""The layout report: a multi-page landscape PDF of a plan and its
evaluation, drawn with matplotlib (Agg and PDF backends, no Qt).

:func:`plannerdesk.report.build.build_report` is the entry point, through
:mod:`plannerdesk.jobs.scenarios`; importing this package loads nothing
(matplotlib's PDF backend only with the report itself).
"""
