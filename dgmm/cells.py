"""Cells of the CSV and XLSX files dgmm writes, made inert for spreadsheet programs, and read back.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and
a leading tab or carriage return can hide one), so a text such as ``=HYPERLINK("http://…")`` typed
as an answer or an agency name would turn into a live link or command in the file an analyst opens.
Every writer of CSV or XLSX passes its cells through `inert` (the OWASP "CSV injection" rule):

- a text starting with one of those characters gets a leading ``'``;
- a number stays as it is, whether a Python number or a text that is one (``-5``, ``+3``, ``12.5``,
  ``-1.5e3``): a spreadsheet reads it as a number, which runs nothing;
- XLSX cells are written as text (data type ``s``), never as formulas (`append_row`).

Reading a file back (`typed`) drops one leading ``'`` when it is followed by one of those
characters, as spreadsheet programs do with their own text marker, so a value exported and imported
again comes back exactly as the user typed it. A text that really begins with ``'=`` is therefore
written ``''=`` (and exported so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGERS = frozenset(FORMULA_STARTS)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def inert(value: Any) -> Any:
    """The cell to write: text a spreadsheet would run gets a leading ``'``; anything else unchanged."""
    if type(value) is not str or not value:
        return value
    if value[0] in _TRIGGERS:
        return value if _NUMBER.fullmatch(value) else "'" + value
    if value[0] == "'" and value[1:2] in _TRIGGERS:
        return "'" + value  # ``'=x`` typed as such is written ``''=x``: reading it back gives ``'=x``
    return value


def inert_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through `inert`."""
    return [inert(v) for v in values]


def typed(value: str) -> str:
    """A cell as read from a file: one ``'`` before a character a spreadsheet would run is dropped."""
    if value[:1] == "'" and (value[1:2] in _TRIGGERS or (value[1:2] == "'" and value[2:3] in _TRIGGERS)):
        return value[1:]
    return value


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet, every cell through `inert`.

    openpyxl writes a ``str`` as text (data type ``s``) unless it starts with ``=``, which no inert
    text does: no cell dgmm writes is ever a formula.
    """
    ws.append(inert_row(values))
