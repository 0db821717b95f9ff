"""Writing many rows of one table fast: on SQLite one statement run for every row by the driver in one
call (executemany), on PostgreSQL the rows streamed with COPY.

Django's ``bulk_create`` and ``bulk_update`` prepare every value of every object in Python; an import
of 100,000 answers spends most of its time there while it holds the write lock. These helpers take
plain tuples in the order of the fields named; datetime values are adapted for SQLite.
No model ``save()`` or signal runs: callers write what the model would (versions, audit entries).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def column_of(model: type[models.Model], name: str) -> str:
    """The database column of a concrete field (a foreign key's ``<name>_id``)."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column is not None, name
    return field.column


def _adapter(model: type[models.Model], fields: Sequence[str]) -> tuple[list[str], Any]:
    meta = model._meta
    columns = [connection.ops.quote_name(column_of(model, f)) for f in fields]
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


def _copy(cursor: Any, table: str, columns: Sequence[str], data: list[Sequence[Any]]) -> None:
    """PostgreSQL's COPY: the rows streamed to the server, which writes them without a statement each."""
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in data:
            copy.write_row(row)


def insert_many(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """INSERT one row per tuple of `rows` (values in the order of `fields`)."""
    columns, adapt = _adapter(model, fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy(cursor, table, columns, list(rows))
            return
        data = [adapt(r) for r in rows]
        if data:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
                data,
            )


def update_many(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """UPDATE `fields` of the row whose primary key ends each tuple of `rows`.

    PostgreSQL: the rows are copied into a temporary table, then one UPDATE … FROM joins it.
    """
    columns, adapt = _adapter(model, fields)
    meta = model._meta
    qn = connection.ops.quote_name
    table, pk = qn(meta.db_table), qn(column_of(model, meta.pk.name))
    data = list(rows)
    if not data:
        return
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(
                f"UPDATE {table} SET {', '.join(f'{c} = %s' for c in columns)} WHERE {pk} = %s",
                [(*adapt(r[:-1]), r[-1]) for r in data],
            )
            return
        names = [f"c{i}" for i in range(len(columns))] + ["pk"]
        types = [meta.get_field(f).db_type(connection) for f in fields] + [meta.pk.db_type(connection)]
        cursor.execute(
            "CREATE TEMPORARY TABLE dgmm_bulk_update "
            f"({', '.join(f'{n} {t}' for n, t in zip(names, types, strict=True))})"
        )
        try:
            _copy(cursor, "dgmm_bulk_update", names, data)
            cursor.execute(
                f"UPDATE {table} SET "
                f"{', '.join(f'{c} = v.{n}' for c, n in zip(columns, names, strict=False))} "
                f"FROM dgmm_bulk_update AS v WHERE {table}.{pk} = v.pk"
            )
        finally:
            cursor.execute("DROP TABLE dgmm_bulk_update")
