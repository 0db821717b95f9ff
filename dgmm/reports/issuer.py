"""The organisation that issues the agency reports: its name and, when configured, its logo.

The product ships no emblem: an emblem or seal belongs to its organisation, and the product may not
redistribute it. An instance that may print its own logo names it in an issuer file::

    name_th: สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)
    name_en: Digital Government Development Agency (Public Organization)
    logo: dga-logo.png          # PNG, JPEG or SVG, at most 2 MB; relative to this file
    address: [เลขที่ 17 ..., กรุงเทพฯ 10400]
    contact: [โทร 02 612 6000, contact@dga.or.th]

Without a file (or without `logo`) the cover prints a text-only issuer block with the survey office's
name the reports already use. The command line reads the file with `--issuer`; the web app with the
`DGMM_REPORT_ISSUER_FILE` setting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from dgmm.reports.errors import ReportError
from dgmm.reports.phrases import t

LOGO_MAX_BYTES = 2 * 1024 * 1024
NAME_MAX_CHARS = 200
LINE_MAX_CHARS = 200
LINES_MAX = 6
FILE_MAX_BYTES = 64 * 1024
KEYS = ("name_th", "name_en", "logo", "address", "contact")
# what a logo file must start with, by its suffix
_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".svg": (b"<svg", b"<?xml"),
}


@dataclass(frozen=True)
class Issuer:
    """Who issues the reports: a name in Thai and English, an optional logo and address/contact lines."""

    name_th: str = ""
    name_en: str = ""
    logo: Path | None = None
    address: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()
    source: Path | None = None  # the issuer file it was read from

    def name(self, lang: str) -> str:
        """The issuer's name in `lang`; the survey office's name when the file gives none."""
        own = self.name_th if lang == "th" else self.name_en
        return own or self.name_en or self.name_th or t(lang, "n.publisher")

    def other_name(self, lang: str) -> str:
        """The name in the other language, printed under the first in a Thai report ('' if the same)."""
        if lang != "th":
            return ""
        other = self.name_en or (t("en", "n.publisher") if not self.name_th else "")
        return other if other != self.name(lang) else ""

    @classmethod
    def load(cls, path: str | Path) -> Issuer:
        """The issuer of an issuer file (YAML); ReportError naming the file and what was expected."""
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > FILE_MAX_BYTES:
                raise ReportError(
                    f"{path}: the issuer file is {size} bytes; at most {FILE_MAX_BYTES} expected",
                    code="bad_issuer",
                )
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ReportError(f"{path}: cannot read the issuer file ({exc})", code="bad_issuer") from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ReportError(
                f"{path}: the issuer file must be a mapping of {', '.join(KEYS)}", code="bad_issuer"
            )
        issuer = cls.from_mapping(data, base=path.parent, source=str(path))
        return replace(issuer, source=path.resolve())

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, base: Path, source: str = "issuer") -> Issuer:
        """An Issuer from a mapping; unknown keys are refused and the logo is checked."""
        unknown = sorted(str(k) for k in data if k not in KEYS)
        if unknown:
            raise ReportError(
                f"{source}: unknown issuer field(s) {', '.join(unknown)}; expected {', '.join(KEYS)}",
                code="bad_issuer",
            )
        names = {k: _text(source, k, data.get(k), NAME_MAX_CHARS) for k in ("name_th", "name_en")}
        logo = data.get("logo")
        return cls(
            name_th=names["name_th"],
            name_en=names["name_en"],
            logo=check_logo(base / str(logo), source) if logo not in (None, "") else None,
            address=_lines(source, "address", data.get("address")),
            contact=_lines(source, "contact", data.get("contact")),
        )


def check_logo(path: Path, source: str = "issuer") -> Path:
    """The logo file, checked: it exists, is a PNG, JPEG or SVG by name and content, and is small enough."""
    suffix = path.suffix.lower()
    if suffix not in _MAGIC:
        raise ReportError(
            f"{source}: logo {path.name!r} must be a .png, .jpg, .jpeg or .svg file", code="bad_issuer"
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        raise ReportError(f"{source}: logo file {path} does not exist", code="bad_issuer") from None
    if size > LOGO_MAX_BYTES:
        raise ReportError(
            f"{source}: logo {path.name} is {size} bytes; at most {LOGO_MAX_BYTES} (2 MB) expected",
            code="bad_issuer",
        )
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n") if suffix == ".svg" else head
    if not any(start.startswith(m) for m in _MAGIC[suffix]) or (suffix == ".svg" and b"<svg" not in head):
        raise ReportError(
            f"{source}: logo {path.name} is not a {suffix[1:].upper()} image", code="bad_issuer"
        )
    return path.resolve()


def _text(source: str, key: str, value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise ReportError(f"{source}: {key} must be a text", code="bad_issuer")
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise ReportError(
            f"{source}: {key} has {len(text)} characters; at most {limit} expected", code="bad_issuer"
        )
    return text


def _lines(source: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if len(items) > LINES_MAX:
        raise ReportError(
            f"{source}: {key} has {len(items)} lines; at most {LINES_MAX} expected", code="bad_issuer"
        )
    return tuple(line for v in items if (line := _text(source, key, v, LINE_MAX_CHARS)))
