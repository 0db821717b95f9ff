"""scripts/system-deps.sh and the Makefile, run against a fake apt-get: nothing is installed.

The fake tools live in a directory that is the whole PATH, so every package looks missing, and
``apt-get`` does what each test says (fail as when another apt holds the lock, install, or claim
success without installing). Its command lines are logged to check the lock timeout is passed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
SCRIPT = REPO / "scripts" / "system-deps.sh"
BASH = shutil.which("bash") or "/bin/bash"
ALL = "fonts-tlwg-laksaman fonts-thai-tlwg poppler-utils chromium gettext"

LOCKED = """echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
exit 100"""
INSTALLS = """for tool in pdftotext chromium xgettext msgmerge; do
  printf '#!%s\\nexit 0\\n' "$BASH" > "$STUBS/$tool"; chmod +x "$STUBS/$tool"
done
echo installed > "$STUBS/fonts"; exit 0"""
CLAIMS_SUCCESS = "exit 0"


def fake_tools(tmp_path: Path, install: str, uid: int = 0) -> Path:
    """A PATH directory: fake apt-get, id and fc-list, and the few real tools the script uses."""
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for tool in ("grep", "tr", "chmod", "touch", "bash"):
        (stubs / tool).symlink_to(shutil.which(tool) or f"/bin/{tool}")
    scripts = {
        "apt-get": 'echo "$@" >> "$STUBS/apt.log"\ncase " $* " in *" install "*) ;; *) exit 0 ;; '
        f"esac\n{install}",
        "id": f"echo {uid}",
        "fc-list": '[ -f "$STUBS/fonts" ] && echo "/usr/share/fonts/Laksaman.ttf: Laksaman"; exit 0',
    }
    for name, body in scripts.items():
        (stubs / name).write_text(f"#!{BASH}\nBASH={BASH}\n{body}\n")
        (stubs / name).chmod(0o755)
    return stubs


def run(stubs: Path, *args: str, cmd: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(stubs), "STUBS": str(stubs), "HOME": os.environ.get("HOME", "/root")}
    return subprocess.run(
        cmd or [BASH, str(SCRIPT), *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )


def apt_calls(stubs: Path) -> list[str]:
    log = stubs / "apt.log"
    return log.read_text().splitlines() if log.exists() else []


def test_a_held_apt_lock_is_an_error_with_the_exact_command(tmp_path):
    stubs = fake_tools(tmp_path, LOCKED)
    result = run(stubs, "test")
    assert result.returncode == 1
    assert f"system packages missing for 'make test': {ALL}" in result.stderr
    assert f"apt-get install -y {ALL}" in result.stderr and "lock" in result.stderr
    install = [c for c in apt_calls(stubs) if " install " in f" {c} "]
    assert install and "DPkg::Lock::Timeout=600" in install[0]  # waited for the other apt first


def test_make_run_needs_only_the_fonts(tmp_path):
    stubs = fake_tools(tmp_path, LOCKED)
    result = run(stubs, "run")
    assert result.returncode == 1
    assert "apt-get install -y fonts-tlwg-laksaman fonts-thai-tlwg\n" in result.stderr


def test_installed_packages_are_checked_again_and_succeed(tmp_path):
    stubs = fake_tools(tmp_path, INSTALLS)
    result = run(stubs, "test")
    assert result.returncode == 0, result.stderr
    assert "system packages (test): installed" in result.stdout
    assert run(stubs, "test").stdout.strip() == "system packages (test): all present"


def test_an_install_that_installed_nothing_is_an_error(tmp_path):
    stubs = fake_tools(tmp_path, CLAIMS_SUCCESS)
    result = run(stubs, "test")
    assert result.returncode == 1 and "still not found" in result.stderr


def test_without_root_or_sudo_it_says_to_run_as_root(tmp_path):
    stubs = fake_tools(tmp_path, LOCKED, uid=1000)
    result = run(stubs, "run")
    assert result.returncode == 1 and "run it as root" in result.stderr and apt_calls(stubs) == []


@pytest.mark.parametrize(("install", "done"), [(LOCKED, False), (INSTALLS, True)])
def test_make_marks_the_step_done_only_when_it_succeeded(tmp_path, install, done):
    make = shutil.which("make")
    assert make is not None, "make runs this suite (make test): it is installed wherever the tests run"
    stubs = fake_tools(tmp_path, install)
    stamp = tmp_path / ".system-deps-test"
    result = run(stubs, cmd=[make, "-s", f"SYSSTAMPS={tmp_path}", str(stamp)])
    assert (result.returncode == 0) is done, result.stderr
    assert stamp.exists() is done
