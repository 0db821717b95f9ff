"""Writing many rows of one table fast: one statement run for every row (the driver's executemany).

Django's ``bulk_create`` and ``bulk_update`` prepare every value of every object in Python; an import
of 100,000 answers spends most of its time there while it holds the write lock. These helpers take
plain tuples in the order of the fields named; datetime values are adapted for the database.
No model ``save()`` or signal runs: callers write what the model would (versions, audit entries).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def _adapter(model: type[models.Model], fields: Sequence[str]) -> tuple[list[str], Any]:
    meta = model._meta
    columns = [connection.ops.quote_name(meta.get_field(f).column) for f in fields]
    dates = [i for i, f in enumerate(fields) if isinstance(meta.get_field(f), models.DateTimeField)]
    adapted: dict[Any, Any] = {}  # the rows of one write share a time or a few: adapt each once

    def adapt(value: Any) -> Any:
        if value not in adapted:
            adapted[value] = connection.ops.adapt_datetimefield_value(value)
        return adapted[value]

    def row(values: Sequence[Any]) -> Sequence[Any]:
        if not dates:
            return values
        out = list(values)
        for i in dates:
            out[i] = adapt(out[i])
        return out

    return columns, row


def insert_many(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """INSERT one row per tuple of `rows` (values in the order of `fields`)."""
    columns, adapt = _adapter(model, fields)
    sql = (f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    data = [adapt(r) for r in rows]
    if data:
        with connection.cursor() as cursor:
            cursor.executemany(sql, data)


def update_many(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """UPDATE `fields` of the row whose primary key ends each tuple of `rows`."""
    columns, adapt = _adapter(model, fields)
    qn = connection.ops.quote_name
    sql = (f"UPDATE {qn(model._meta.db_table)} SET {', '.join(f'{c} = %s' for c in columns)} "
           f"WHERE {qn(model._meta.pk.column)} = %s")
    data = [(*adapt(r[:-1]), r[-1]) for r in rows]
    if data:
        with connection.cursor() as cursor:
            cursor.executemany(sql, data)
