"""The Thai text layer of a report PDF: words copy and search as the Thai they show.

Thai marks above and below a letter (ั ิ ่ ้ ...) have no width of their own. Over a tall letter
(ป ฝ ฟ) the font moves them left, and the layout engine (Typst, through its PDF writer) draws that
shift as a move of the text position which it does not take back: the next letter is placed afresh,
so a text extractor sees the mark end short of the next letter and reads the gap as a word space
("ปั จจุบัน", "ป่ า"). The page looks right; only copying and searching break.

`close_mark_gaps` rewrites, in the PDF's content streams, each shown glyph run whose moves leave the
text position to the left of where its letters end: the run's last glyph is shown on its own with a
character spacing equal to the shift, so that glyph now ends where the letters end. Where every glyph
is drawn does not change (the spacing only widens the last glyph's advance, and the next glyph is
placed afresh); only the extent a text extractor measures does. The file is otherwise copied as is,
with its cross-reference table recomputed.
"""

from __future__ import annotations

import re
import zlib

_TF_SIZE = re.compile(rb"/[^\s/\[\]()<>]+\s+([-+]?[\d.]+)\s+Tf")
_POSITIVE = re.compile(rb"\)\s*\+?(?:\d|\.\d)")
_STRING = rb"\((?:\\.|[^\\()])*\)"
_NUMBER = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_TJ = re.compile(rb"\[((?:\s*(?:" + _STRING + rb"|" + _NUMBER + rb"))*)\s*\]\s*TJ")
_ITEM = re.compile(_STRING + rb"|" + _NUMBER)
_ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_XREF_ROW = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_LENGTH = re.compile(rb"/Length (\d+)")
_NOT_CONTENT = re.compile(rb"/Length1|/Subtype\s*/Image|/Type\s*/(CMap|Metadata|XRef)|/N \d|/CIDSet")
_TYPE0 = re.compile(rb"\n(\d+) 0 obj\n<</Type/Font/Subtype/Type0")
_FONT_DICT = re.compile(rb"/Font\s*<<((?:\s*/[^\s/<>]+\s*\d+ 0 R)*)\s*>>")
_FONT_ENTRY = re.compile(rb"/([^\s/<>]+)\s*(\d+) 0 R")
_BACKSLASH = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def _unescape_one(m: re.Match[bytes]) -> bytes:
    code = m.group(1)
    if code[:1] in b"01234567" and code:
        return bytes([int(code, 8) & 0xFF])
    return _ESC.get(code, code if code not in (b"\n", b"\r") else b"")


def _unescape(body: bytes) -> bytes:
    return _BACKSLASH.sub(_unescape_one, body) if b"\\" in body else body


def _escape(data: bytes) -> bytes:
    return (
        b"("
        + b"".join(b"\\%03o" % c if c < 32 or c > 126 or c in b"()\\" else bytes([c]) for c in data)
        + b")"
    )


def _tj_around(content: bytes, at: int, floor: int) -> re.Match[bytes] | None:
    """The TJ array holding position `at` (the opening bracket may also be a byte of a glyph string)."""
    start = at
    for _ in range(8):
        start = content.rfind(b"[", floor, start)
        if start < 0:
            return None
        m = _TJ.match(content, start)
        if m is not None and m.end() > at:
            return m
    return None


def _fix_stream(content: bytes, composite: frozenset[bytes]) -> bytes:
    """`content` with every TJ that ends short of its glyphs' advance split as described above; only
    runs shown with a composite (two bytes a glyph) font named in `composite` are touched."""
    out, pos = bytearray(), 0
    for candidate in _POSITIVE.finditer(content):  # a move to the left after a glyph string
        if candidate.start() < pos:
            continue
        m = _tj_around(content, candidate.start(), pos)
        if m is None:
            continue
        tf = content.rfind(b" Tf", 0, m.start())  # the font the run is shown with: the last one set
        size_m = _TF_SIZE.search(content, max(0, tf - 40), tf + 3) if tf >= 0 else None
        if size_m is None or size_m.group(0).split()[0][1:] not in composite:
            continue
        size = float(size_m.group(1))
        items = _ITEM.findall(m.group(1))
        shift = sum(float(x) for x in items if not x.startswith(b"("))
        if shift <= 0:
            continue
        last = max((i for i, x in enumerate(items) if x.startswith(b"(")), default=-1)
        glyphs = _unescape(items[last][1:-1]) if last >= 0 else b""
        if len(glyphs) < 2 or len(glyphs) % 2:
            continue
        # the position falls short by `shift` thousandths of the font size; the last glyph (2 bytes with
        # the composite fonts the engine writes) takes it as character spacing
        head = [*items[:last], _escape(glyphs[:-2])] if len(glyphs) > 2 else items[:last]
        out += content[pos : m.start()]
        if head:
            out += b"[" + b" ".join(head) + b"]TJ "
        out += b"%.4f Tc " % (shift * size / 1000) + _escape(glyphs[-2:]) + b"Tj 0 Tc"
        pos = m.end()
    if pos == 0:
        return content
    out += content[pos:]
    return bytes(out)


def close_mark_gaps(pdf: bytes) -> bytes:
    """`pdf` (as the report engine writes it: one cross-reference table, Flate content streams) with its
    text layer's gaps after shifted marks closed; the input unchanged when it is not of that form."""
    xref_at = pdf.rfind(b"\nxref\n")
    trailer_at = pdf.find(b"trailer", xref_at)
    if xref_at < 0 or trailer_at < 0 or b"/Prev" in pdf[trailer_at:]:
        return pdf
    rows = _XREF_ROW.findall(pdf[xref_at:trailer_at])
    if not pdf.startswith(b"\nxref\n0 %d\n" % len(rows), xref_at):  # one section, objects 0 to n - 1
        return pdf
    offsets = sorted((int(off), n) for n, (off, _, kind) in enumerate(rows) if kind == b"n")
    if not offsets:
        return pdf
    type0 = {m.group(1) for m in _TYPE0.finditer(pdf)}
    names: dict[bytes, bool] = {}  # font resource name -> whether every font it names is composite
    for fonts in _FONT_DICT.findall(pdf):
        for name, ref in _FONT_ENTRY.findall(fonts):
            names[name] = names.get(name, True) and ref in type0
    composite = frozenset(n for n, ok in names.items() if ok)
    out = bytearray(pdf[: offsets[0][0]])
    new_offsets: dict[int, int] = {}
    bounds = [*(off for off, _ in offsets[1:]), xref_at + 1]
    changed = False
    for (start, n), end in zip(offsets, bounds, strict=True):
        chunk = pdf[start:end]
        new_offsets[n] = len(out)
        s = chunk.find(b"stream\n")
        head = chunk[:s]
        if s > 0 and b"/FlateDecode" in head and not _NOT_CONTENT.search(head):
            length = _LENGTH.search(head)
            if length is not None:
                data = chunk[s + 7 : s + 7 + int(length.group(1))]
                try:
                    content = zlib.decompress(data)
                except zlib.error:
                    content = b""
                if b"TJ" in content:
                    fixed = _fix_stream(content, composite)
                    if fixed is not content:
                        packed = zlib.compress(fixed, 1)
                        head = head[: length.start()] + b"/Length %d" % len(packed) + head[length.end() :]
                        chunk = head + b"stream\n" + packed + chunk[s + 7 + int(length.group(1)) :]
                        changed = True
        out += chunk
    if not changed:
        return pdf
    xref = bytearray(b"xref\n0 %d\n" % len(rows))
    for n, (off, gen, kind) in enumerate(rows):
        if kind == b"n":
            xref += b"%010d %s n\r\n" % (new_offsets[n], gen)
        else:
            xref += b"%s %s f\r\n" % (off, gen)
    trailer_end = pdf.find(b"startxref", trailer_at)
    new_xref_at = len(out)
    out += xref + pdf[trailer_at:trailer_end] + b"startxref\n%d\n%%%%EOF" % new_xref_at
    return bytes(out)
