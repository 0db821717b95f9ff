"""What advice must never print: rule syntax or a framework's input codes (shared by the tests that
read the PDF, `dgmm explain` and the web results page)."""

from __future__ import annotations

import re

from dgmm.framework.schema import Framework

SYNTAX = re.compile(r"\b(?:share|answered|count|full_rows|any|all|points|rank)\(|\bprev and\b|>=|<=|==|!=")


def leaks(text: str, fw: Framework) -> list[str]:
    """Rule syntax, comparisons between codes and input codes found in `text`."""
    found = [m.group(0) for m in SYNTAX.finditer(text)]
    codes = "|".join(re.escape(c) for c in sorted(fw.inputs, key=len, reverse=True))
    found += [m.group(0) for m in re.finditer(rf"(?<![\w.])(?:{codes})(?![\w.])", text)]
    found += [m.group(0) for m in re.finditer(rf"(?:{codes})\s*[<>]\s*\S+", text)]
    return found
