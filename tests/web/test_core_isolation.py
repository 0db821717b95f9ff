"""The core never imports Django: importing every dgmm module outside dgmm.web with django blocked works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

SCRIPT = """
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django.") or name == "ninja":
            raise ImportError("the core must not import " + name)
sys.meta_path.insert(0, Block())
import dgmm
for mod in pkgutil.walk_packages(dgmm.__path__, "dgmm."):
    if mod.name.startswith(("dgmm.web", "dgmm.api")):
        continue
    importlib.import_module(mod.name)
print("ok")
"""


def test_core_imports_without_django():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")
