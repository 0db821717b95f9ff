"""The glyphs a PDF actually draws, read from its content streams.

A character the embedded font lacks is drawn with glyph 0 (.notdef, an empty box) and has no text in
the PDF's text layer, so reading the text back (pdftotext) cannot see it. This reads what is drawn
instead: every string shown (Tj, TJ, ', ") with a composite (Type0, two bytes a glyph) font, in every
content stream of the file (pages, and forms such as embedded charts), so list markers, numbering and
any character the layout engine adds by itself are covered as well as the text of the content.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream\s*$", re.S)
_FONT_ENTRY = re.compile(rb"/([A-Za-z0-9_.+-]+)\s*(\d+) 0 R")
_FONT_DICT = re.compile(rb"/Font\s*<<(.*?)>>", re.S)
_TOKEN = re.compile(
    rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)"  # a literal string (one level of nested brackets)
    rb"|<[0-9A-Fa-f\s]*>"  # a hex string
    rb"|/[^\s/\[\]()<>{}%]+"  # a name
    rb"|[-+]?(?:\d+\.?\d*|\.\d+)"  # a number
    rb"|\[|\]|<<|>>"
    rb"|[A-Za-z'\"*][A-Za-z0-9*']*"  # an operator
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(token: bytes) -> bytes:
    body, out, i = token[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i : i + 1]
        if c != b"\\":
            out += c
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _ESCAPES:
            out += _ESCAPES[nxt]
            i += 2
        elif nxt.isdigit():
            octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
            assert octal is not None
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        elif nxt in (b"\n", b"\r"):
            i += 2
        else:
            out += nxt
            i += 2
    return bytes(out)


def _string(token: bytes) -> bytes:
    if token.startswith(b"("):
        return _literal(token)
    digits = re.sub(rb"\s", b"", token[1:-1])
    return bytes.fromhex((digits + b"0" if len(digits) % 2 else digits).decode())


@dataclass(frozen=True)
class Drawn:
    """The glyphs drawn with composite fonts: how often each (font resource name, glyph id) is shown."""

    glyphs: Counter[tuple[str, int]]
    streams: int  # content streams read

    def notdef(self) -> int:
        """How many times glyph 0 (.notdef, an empty box) is drawn."""
        return sum(n for (_, gid), n in self.glyphs.items() if gid == 0)


def drawn_glyphs(pdf: bytes) -> Drawn:
    """Every glyph drawn with a Type0 font in `pdf` (uncompressed or Flate-compressed content streams)."""
    objects = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(pdf)}
    type0 = {n for n, body in objects.items() if re.search(rb"/Subtype\s*/Type0", body.split(b"stream")[0])}
    # a font resource name is read as composite when every font it names anywhere is Type0
    names: dict[str, set[bool]] = {}
    for body in objects.values():
        for fonts in _FONT_DICT.findall(body.split(b"stream")[0]):
            for name, ref in _FONT_ENTRY.findall(fonts):
                names.setdefault(name.decode(), set()).add(int(ref) in type0)
    composite = {n for n, kinds in names.items() if kinds == {True}}
    glyphs: Counter[tuple[str, int]] = Counter()
    streams = 0
    for body in objects.values():
        m = _STREAM.match(body)
        if m is None:
            continue
        head, data = m.groups()
        if re.search(rb"/Subtype\s*/(Image|XML)|/Type\s*/(XRef|Metadata)|/Length1|/CIDSet", head):
            continue
        if b"/FlateDecode" in head:
            try:
                data = zlib.decompress(data)
            except zlib.error:
                continue
        elif b"/Filter" in head:
            continue
        if b"T" not in data:
            continue
        streams += 1
        font = ""
        strings: list[bytes] = []
        name = ""
        for tok in _TOKEN.findall(data):
            if tok[:1] == b"(" or (tok[:1] == b"<" and tok != b"<<"):
                strings.append(_string(tok))
            elif tok[:1] == b"/":
                name = tok[1:].decode("latin-1")
            elif tok[:1].isalpha() or tok in (b"'", b'"'):  # an operator: it takes the operands before it
                if tok == b"Tf":
                    font = name
                elif tok in (b"Tj", b"TJ", b"'", b'"') and font in composite:
                    for s in strings:
                        for i in range(0, len(s) - 1, 2):
                            glyphs[(font, int.from_bytes(s[i : i + 2], "big"))] += 1
                strings = []
    return Drawn(glyphs, streams)
