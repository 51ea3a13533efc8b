"""Who made something: the computer's user name, the default author of
review notes and reports."""

from __future__ import annotations

import getpass


def os_user_name() -> str:
    """The OS user's name; empty when the process has none."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
