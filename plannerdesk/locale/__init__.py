"""The translation catalogues (see update_catalogues.py)."""
