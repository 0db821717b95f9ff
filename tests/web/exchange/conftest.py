"""Helpers for the answer-file tests: write a long-format file as CSV or XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


def csv_bytes(
    rows: list[list[Any]], header: tuple[str, ...] = ("agency_id", "input", "value", "source")
) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def xlsx_bytes(
    rows: list[list[Any]], header: tuple[str, ...] = ("agency_id", "input", "value", "source")
) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def upload() -> Any:
    def make(name: str, rows: list[list[Any]], **kw: Any) -> SimpleUploadedFile:
        data = xlsx_bytes(rows, **kw) if name.endswith(".xlsx") else csv_bytes(rows, **kw)
        return SimpleUploadedFile(name, data)

    return make
