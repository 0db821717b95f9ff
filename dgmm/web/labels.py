"""Translated labels for model fields declared without a verbose name (relations, mostly), and plural
names for models declared without one.

Django shows a field's ``verbose_name`` wherever it names the field: the admin's column titles,
filters and forms, and the site's own model forms. A field declared without one is named after its
attribute (``submitted_by`` becomes "submitted by") in English whatever the language. Giving those
fields a label in the declaration would be a schema migration that changes nothing in the database;
so the label is set once the model class exists. Migrations read the declared arguments
(``Field.deconstruct`` reads ``_verbose_name``, model states ``Meta``'s ``original_attrs``), so the
migration state stays as it is. A model without ``verbose_name_plural`` would otherwise be named by
its translated singular with an English "s" appended.

    label_fields(Participation, cycle=_("cycle"), submitted_by=_("submitted by"))
"""

from __future__ import annotations

from typing import Any

from django.db import models


def label_fields(model: type[models.Model], **labels: Any) -> None:
    """Set the (lazily translated) label of each named field that was declared without one."""
    for name, label in labels.items():
        field = model._meta.get_field(name)
        if getattr(field, "_verbose_name", None) is not None:
            raise ValueError(f"{model._meta.label}.{name} declares its verbose name: change it there")
        field.verbose_name = label  # type: ignore[union-attr]


def label_plural(model: type[models.Model], plural: Any) -> None:
    """Set the (lazily translated) plural name of a model whose Meta declares none."""
    if "verbose_name_plural" in model._meta.original_attrs:
        raise ValueError(f"{model._meta.label} declares its plural name: change it there")
    model._meta.verbose_name_plural = plural
