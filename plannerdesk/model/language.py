"""The language the planner reads: English, or Simplified Chinese from a
gettext catalogue (``plannerdesk/locale``), for every text made outside
the window: findings, recommendations, labels of keys, the report and the
command line's messages. The window's own texts are in Qt's catalogue
(``qt/language.py``); both follow :func:`current`.

The process speaks one language (:func:`use`, from the preferences or
the system's locale); :func:`speaking` sets another for the code it
wraps, e.g. a report in Chinese from an English window."""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

#: Language code -> its name in itself.
LANGUAGES = {"en": "English", "zh": "简体中文"}
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "plannerdesk"

_process = "en"
_wrapped: ContextVar[str | None] = ContextVar("language", default=None)


def system_language() -> str:
    """``zh`` when the system's locale is Chinese, else ``en``."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    found = locale.getlocale()[0] or ""
    return "zh" if found.lower().startswith("zh") else "en"


def checked(code: str) -> str:
    """``code`` if PlannerDesk speaks it; a ValueError names the choices."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}: choose one of "
                         + ", ".join(LANGUAGES))
    return code


def use(code: str) -> None:
    """Speak ``code`` in this process from now on (every thread)."""
    global _process
    _process = checked(code)


def current() -> str:
    """The language in use here."""
    return _wrapped.get() or _process


@contextmanager
def speaking(code: str | None) -> Iterator[None]:
    """Speak ``code`` (None: the current language) inside the block."""
    token = _wrapped.set(checked(code) if code else current())
    try:
        yield
    finally:
        _wrapped.reset(token)


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code],
                               fallback=True)


def tr(text: str) -> str:
    """``text`` (English, the catalogue's key) in the current language."""
    code = current()
    return text if code == "en" else _catalogue(code).gettext(text)


def tr_n(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count``, translated."""
    code = current()
    if code == "en":
        return singular if count == 1 else plural
    return _catalogue(code).ngettext(singular, plural, count)


def N_(text: str) -> str:
    """Mark ``text`` for the catalogue where it is defined (a table of
    words); :func:`tr` translates it where it is shown."""
    return text
