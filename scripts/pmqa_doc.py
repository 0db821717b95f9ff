"""Regenerate the data part of docs/pmqa.md from the PMQA file and the crosswalk.

Usage: .venv/bin/python scripts/pmqa_doc.py   (tests/framework/test_pmqa.py fails while they differ)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # this checkout's dgmm, not an installed one
    from dgmm.pmqa import write_doc

    write_doc(ROOT / "docs" / "pmqa.md")
