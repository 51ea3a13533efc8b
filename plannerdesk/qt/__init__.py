"""The desktop app (PySide6): main window, map canvas and its layers.

The data stack loads before PySide6: once PySide6 is imported it inspects
the source of every module imported after it, which adds a third to the
data stack's load time.
"""

import geopandas  # noqa: F401  (before PySide6, see above)
import pyogrio  # noqa: F401
import rasterio  # noqa: F401
