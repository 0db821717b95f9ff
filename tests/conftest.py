"""Shared fixtures of the core tests (no database, no web framework)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dgmm import Framework, load_framework

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPEC = ROOT / "docs" / "spec"  # the source documents and their extracts, kept with the code


@pytest.fixture(scope="session")
def mini() -> Framework:
    return load_framework(FIXTURES / "mini.yaml")
