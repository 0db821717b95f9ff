"""Colour pairs of the style sheet meet WCAG 2.1 AA: 4.5:1
for text, 3:1 for focus rings and borders of controls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).parents[2] / "dgmm" / "web" / "static" / "dgmm" / "app.css").read_text(encoding="utf-8")
VARS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colour(name: str) -> str:
    return VARS[name] if not name.startswith("#") else name


TEXT = [
    ("ink", "bg"),
    ("muted", "bg"),
    ("muted", "panel"),
    ("brand", "bg"),
    ("brand", "panel"),
    ("brand-ink", "brand"),
    ("ok", "bg"),
    ("warn", "bg"),
    ("err", "bg"),
    ("err", "#fff4f3"),
    ("ink", "#fff4d6"),
    ("ink", "focus"),
    ("brand-ink", "err"),
]
NON_TEXT = [("focus", "brand"), ("ink", "bg"), ("line", "bg")]


@pytest.mark.parametrize(("fg", "bg"), TEXT)
def test_text_contrast(fg, bg):
    assert ratio(colour(fg), colour(bg)) >= 4.5, (fg, bg)


@pytest.mark.parametrize(("fg", "bg"), NON_TEXT)
def test_non_text_contrast(fg, bg):
    assert ratio(colour(fg), colour(bg)) >= 3.0, (fg, bg)
