"""House rules a machine can check: the core imports no
web framework, the public API and docs stay in step."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import dgmm
from dgmm.cli.main import cli
from dgmm.framework.load import RULE_KINDS
from dgmm.rules.compile import _CALLS
from dgmm.rules.conditions import FUNCTIONS
from tests.conftest import ROOT

CORE = ROOT / "dgmm"
ADAPTERS = ("web", "reports", "api", "cli")
FORBIDDEN = ("django", "ninja", "rest_framework", "typst", "matplotlib", "weasyprint")


def _core_files() -> list[Path]:
    return [p for p in CORE.rglob("*.py") if p.relative_to(CORE).parts[0] not in ADAPTERS]


def test_core_files_import_no_web_framework_or_renderer() -> None:
    offenders = []
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_core_runs_with_web_frameworks_blocked() -> None:
    code = (
        "import sys\n"
        f"for name in {FORBIDDEN!r}:\n"
        "    sys.modules[name] = None\n"
        "import dgmm, dgmm.cycle, dgmm.results, dgmm.advice\n"
        "fw = dgmm.load_framework('dept-2566')\n"
        "print(len(fw.inputs))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 50


def test_no_eval_or_exec_in_the_package() -> None:
    calls = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("eval", "exec")
            ):
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert calls == []


def test_exported_members() -> None:
    """Every public name of the package is in __all__ and the other way round (submodules aside)."""
    import types

    public = {
        n
        for n in dir(dgmm)
        if not n.startswith("_") and n != "annotations" and not isinstance(getattr(dgmm, n), types.ModuleType)
    }
    assert public == set(dgmm.__all__) - {"__version__"}
    assert len(dgmm.__all__) == len(set(dgmm.__all__))


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"dgmm {name}" not in readme]
    assert missing == []


def test_every_rule_function_and_kind_is_documented() -> None:
    rules_doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    format_doc = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    assert [f for f in FUNCTIONS if f"`{f}(" not in rules_doc] == []
    assert [k for k in RULE_KINDS if f"| `{k}` |" not in format_doc] == []


def test_rule_functions_and_kinds_are_each_handled_in_one_table() -> None:
    assert list(_CALLS) == list(FUNCTIONS)  # every function the parser accepts is compiled
    chains = [
        str(p.relative_to(ROOT))
        for p in sorted(CORE.rglob("*.py"))
        if re.search(r"rule\.kind (==|!=|in|not in) ", p.read_text(encoding="utf-8"))
    ]
    assert chains == []  # a kind's behaviour lives on its class in dgmm/framework/kinds.py


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
