"""Bring the catalogues up to date with the source: run after changing a
user-visible text, then fill in the new translations and run it again.

- The headless parts' texts (``tr``, ``tr_n``, ``N_`` of
  ``plannerdesk.model.language``) go to ``zh/LC_MESSAGES/plannerdesk.po``
  (Babel extracts and compiles the ``.mo``).
- The window's texts (``tr`` of ``plannerdesk.qt.language``) go to
  ``plannerdesk_zh.ts`` (PySide6's lupdate; lrelease compiles the
  ``.qm``).

Translations already made are kept; texts no longer in the source are
dropped. Needs the test extras (Babel): ``pip install -e .[test]``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
HEADLESS = ("cli", "commands", "evaluate", "io", "jobs", "model", "network",
            "report", "session.py")
KEYWORDS = ("tr", "N_", "tr_n:1,2")
PO = HERE / "zh" / "LC_MESSAGES" / "plannerdesk.po"
TS = HERE / "plannerdesk_zh.ts"


def tool(name: str) -> str:
    """A command beside this Python (the venv's), else on the PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name) or name


def headless_sources() -> list[Path]:
    """The modules whose texts go to the gettext catalogue."""
    found = []
    for part in HEADLESS:
        path = PACKAGE / part
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def qt_sources() -> list[Path]:
    return sorted((PACKAGE / "qt").glob("*.py"))


def extract_pot(out: Path) -> None:
    """The headless texts as a template (.pot) at ``out``."""
    subprocess.run(
        [tool("pybabel"), "extract", "--no-default-keywords", "--no-location",
         "--sort-output", "--omit-header",
         *(f"--keyword={k}" for k in KEYWORDS), "-o", str(out),
         *map(str, headless_sources())], check=True, capture_output=True)


def extract_ts(out: Path) -> None:
    """The window's texts into ``out`` (kept translations stay)."""
    subprocess.run([tool("pyside6-lupdate"), *map(str, qt_sources()),
                    "-no-obsolete", "-locations", "none", "-ts", str(out)],
                   check=True, capture_output=True)


def main() -> None:
    pot = HERE / "plannerdesk.pot"
    extract_pot(pot)
    if PO.exists():
        subprocess.run([tool("pybabel"), "update", "--no-fuzzy-matching",
                        "--ignore-obsolete", "-i", str(pot), "-o", str(PO),
                        "-l", "zh_CN"], check=True, capture_output=True)
    else:
        PO.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool("pybabel"), "init", "-i", str(pot), "-o",
                        str(PO), "-l", "zh_CN"], check=True,
                       capture_output=True)
    pot.unlink()
    subprocess.run([tool("pybabel"), "compile", "-i", str(PO),
                    "-o", str(PO.with_suffix(".mo"))], check=True,
                   capture_output=True)
    extract_ts(TS)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm",
                    str(TS.with_suffix(".qm"))], check=True,
                   capture_output=True)


if __name__ == "__main__":
    main()
