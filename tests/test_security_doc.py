"""docs/security.md and the tests check each other: every test the threat table names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "security.md"
TEST_REF = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.name
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test_")
    }


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| threat")]


def test_every_test_named_in_the_threat_table_exists():
    text = DOC.read_text(encoding="utf-8")
    refs = TEST_REF.findall(text)
    assert len(refs) >= 60, "the threat table names the tests that prove each control"
    missing = [
        f"{path}::{name}"
        for path, name in refs
        if not (ROOT / path).is_file() or name not in functions_in(ROOT / path)
    ]
    assert missing == []


def test_every_threat_has_a_control_and_a_test():
    rows = [r for r in table_rows(DOC.read_text(encoding="utf-8")) if not set(r) <= set("|- ")]
    assert rows
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 3 and all(cells), row
        assert TEST_REF.search(cells[2]), row


def test_every_security_test_module_is_in_the_table():
    text = DOC.read_text(encoding="utf-8")
    for module in sorted((ROOT / "tests" / "web" / "security").glob("test_*.py")):
        assert str(module.relative_to(ROOT)) in text, module.name
