"""The Thai font every report is set in: where it is, and which characters it can draw.

Reports use one font family suited to Thai official documents: TLWG Laksaman (Debian's
``fonts-tlwg-laksaman``, installed by ``scripts/system-deps.sh``) or Sarabun, of which Laksaman is
the free rendering. The family is embedded (subset) in every PDF. Text the font cannot draw would
print as empty boxes ("tofu"), so rendering refuses such text (`uncovered`).

Laksaman is kept after comparing the Thai fonts Debian ships (TLWG Laksaman, Kinnari, Garuda, Loma,
Norasi, Sawasdee, Umpush, Waree, Purisa; Noto Sans, Serif and Looped Thai from fonts-noto-core) for
copying text out of the PDF: with every one of them the layout engine's text layer splits words after a
mark shifted over ป ฝ ฟ (the Noto fonts also double letters), so the font is not the remedy; the
renderer mends the text layer instead (`dgmm.reports.textlayer`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dgmm.reports.errors import ReportError

FAMILIES = ("Laksaman", "Sarabun", "TH Sarabun New")
ENV_DIR = "DGMM_REPORT_FONT_DIR"
SEARCH_DIRS = (
    Path(__file__).parent / "fonts",
    Path("/usr/share/fonts/truetype/tlwg"),
    Path("/usr/share/fonts/truetype/thai"),
    Path("/usr/share/fonts/truetype/sarabun"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)
# file name stem of the regular face -> the family it belongs to
REGULAR = {"Laksaman": "Laksaman", "Sarabun-Regular": "Sarabun", "THSarabunNew": "TH Sarabun New"}
STYLES = {
    "Laksaman": ("Laksaman", "Laksaman-Bold", "Laksaman-Italic", "Laksaman-BoldItalic"),
    "Sarabun": ("Sarabun-Regular", "Sarabun-Bold", "Sarabun-Italic", "Sarabun-BoldItalic"),
    "TH Sarabun New": ("THSarabunNew", "THSarabunNew Bold", "THSarabunNew Italic", "THSarabunNew BoldItalic"),
}


@dataclass(frozen=True)
class ReportFont:
    """The report font: its family name, its faces (regular first) and the folder holding them."""

    family: str
    faces: tuple[Path, ...]

    @property
    def regular(self) -> Path:
        return self.faces[0]

    @property
    def bold(self) -> Path:
        return next(
            (f for f in self.faces if "bold" in f.stem.lower() and "italic" not in f.stem.lower()),
            self.regular,
        )


def _faces_in(folder: Path) -> ReportFont | None:
    for family in FAMILIES:
        stems = STYLES[family]
        found = [folder / f"{s}.ttf" for s in stems if (folder / f"{s}.ttf").is_file()]
        if found and found[0].stem == stems[0]:
            return ReportFont(family, tuple(found))
    return None


def _fc_match() -> list[Path]:
    if shutil.which("fc-match") is None:
        return []
    out = []
    for family in FAMILIES:
        try:
            path = subprocess.run(
                ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if path and Path(path).stem in REGULAR:
            out.append(Path(path).parent)
    return out


@cache
def report_font() -> ReportFont:
    """The report font; ReportError saying how to install it when none is found."""
    folders: list[Path] = []
    if os.environ.get(ENV_DIR):
        folders.append(Path(os.environ[ENV_DIR]))
    folders.extend(SEARCH_DIRS)
    for folder in [*folders, *_fc_match()]:
        if folder.is_dir():
            font = _faces_in(folder)
            if font is not None:
                return font
    raise ReportError(
        "no Thai report font found: install TLWG Laksaman (`sudo apt-get install fonts-tlwg-laksaman`, "
        "or run `make system-deps`), or put Sarabun-Regular.ttf and its bold face in a folder named by "
        f"{ENV_DIR}",
        code="font_missing",
    )


@cache
def charset() -> frozenset[int]:
    """Code points the report font's regular face can draw."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(report_font().regular)).get_charmap())


# Characters that never need a glyph: white space and line breaks.
_INVISIBLE = frozenset(map(ord, " \n\r\t\u00a0\u200b"))


def uncovered(text: str) -> list[str]:
    """The distinct characters of `text` the report font has no glyph for, in order of appearance."""
    have = charset()
    missing = {ch for ch in set(text) if ord(ch) not in have and ord(ch) not in _INVISIBLE}
    return sorted(missing, key=text.index)
