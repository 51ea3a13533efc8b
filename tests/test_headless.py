"""The headless packages run without Qt: proven at run time and by import rules."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from .conftest import ROOT, SAMPLE

BLOCK_QT = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError("PySide6 is blocked for this test")
sys.meta_path.insert(0, NoQt())
import pkgutil, plannerdesk
headless = ("model", "io", "evaluate", "network", "report", "commands")
for module in pkgutil.walk_packages(plannerdesk.__path__, "plannerdesk."):
    part = module.name.split(".")[1]
    if part in headless or part == "cli":
        importlib.import_module(module.name)
from plannerdesk.cli import main
sys.exit(main(["info", sys.argv[1]]))
"""


def test_headless_modules_import_and_run_without_pyside6():
    done = subprocess.run([sys.executable, "-c", BLOCK_QT, str(SAMPLE)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "buildings" in done.stdout


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    command = [str(lint)] if lint.exists() else [shutil.which("lint-imports")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    with open(ROOT / "pyproject.toml", "rb") as f:
        contracts = tomllib.load(f)["tool"]["importlinter"]["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken" in done.stdout
    assert len(contracts) == 3  # Qt-free packages, layers, no loop in qt
