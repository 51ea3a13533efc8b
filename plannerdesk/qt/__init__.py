"""The desktop app (PySide6): main window, map canvas and its layers."""
