"""Evaluators: coverage, walkability, parking mismatch, innovation exchange.

Pure functions over a prepared plan (:func:`context.prepare`), shared by the
app, the command line and the report. No Qt.
"""
