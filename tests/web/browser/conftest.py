"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser) against live_server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("DGMM_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).parents[3] / "test-output" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are plain
# synchronous code, so Django's async-safety guard is lifted for these tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium per test module, stopped before the
    worker goes on to other tests (no driver left running)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"chromium not found at {CHROMIUM}: make test installs it (scripts/system-deps.sh, Debian "
            "package chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


# Every page of every browser test records the Content-Security-Policy violations the browser reports
# (an inline script, style or event handler the policy blocked); check_page and test_csp.py read them.
CSP_WATCH = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));"""


def csp_violations(page: Any) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")  # type: ignore[no-any-return]


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def make(lang: str = "th-TH") -> Any:
        ctx = browser.new_context(locale=lang, viewport={"width": 1280, "height": 900})
        ctx.set_default_timeout(15000)
        ctx.add_init_script(CSP_WATCH)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page: Any, base: str, username: str, password: str, next_url: str = "/") -> None:
    """Sign in with the keyboard only."""
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url, f"sign-in as {username} failed"
