"""The window's language. Its texts are marked with :func:`tr` and
translated from Qt's catalogue (``plannerdesk/locale/plannerdesk_zh.qm``,
made by ``plannerdesk/locale/update_catalogues.py`` with PySide6's
lupdate and lrelease); Qt's own texts (standard buttons, file dialogs)
come from the catalogues Qt ships. Everything made outside the window
(findings, labels of keys, the report) follows the same choice through
:mod:`plannerdesk.model.language`.

The planner picks the language in View → Language (kept in the
preferences); without a choice it follows the system's locale. A new
choice shows from the next start, as in QGIS."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ..model import language
from ..model.language import LOCALE_DIR, system_language
from .preferences import preferences

_KEY = "language"
QT_LOCALES = {"zh": "zh_CN"}
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """``text`` (English, the catalogue's key) in the window's language."""
    return QCoreApplication.translate("", text)


def chosen_language() -> str:
    """The planner's choice ('' for the system's)."""
    value = str(preferences().value(_KEY, "") or "")
    return value if value in language.LANGUAGES else ""


def choose_language(code: str) -> None:
    """Remember ``code`` ('' for the system's) for the next start."""
    if code:
        preferences().setValue(_KEY, language.checked(code))
    else:
        preferences().remove(_KEY)


def install_language(code: str | None = None) -> str:
    """Speak ``code`` (default: the planner's choice, else the system's)
    in the window and the headless parts; return the code in use."""
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    code = code or chosen_language() or system_language()
    language.use(code)
    if code in QT_LOCALES:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{QT_LOCALES[code]}", qt_dir),
                             (f"plannerdesk_{code}", str(LOCALE_DIR))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
    return code
