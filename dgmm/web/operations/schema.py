"""What a backup covers: the tables (in loading order), the schema's migrations, and the engine.

Every table of every installed app is kept except three: content types and permissions (``migrate``
creates them; rows that point at them are written with natural keys, so they are found again on any
instance) and sessions (signed-in browsers are not carried over: everyone signs in again).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

NOT_KEPT = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})


def kept_models() -> list[type[Model]]:
    """The models a backup holds, ordered so that rows found by natural key are loaded first."""
    by_app: dict[Any, list[type[Model]]] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.managed and not meta.proxy and meta.label_lower not in NOT_KEPT:
            by_app.setdefault(apps.get_app_config(meta.app_label), []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def uses_natural_keys(model: type[Model]) -> bool:
    """Rows pointing at content types or permissions name them by natural key (their ids differ)."""
    fields = [*model._meta.fields, *model._meta.many_to_many]
    return any(
        f.remote_field is not None and f.remote_field.model in (ContentType, Permission) for f in fields
    )


def migration_state() -> dict[str, list[str]]:
    """The migrations applied to this database, per app."""
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def unapplied_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]


def engine() -> dict[str, str]:
    return {"vendor": connection.vendor, "engine": settings.DATABASES["default"]["ENGINE"]}


def secret_key_fingerprint() -> str:
    """The first 12 hex digits of the secret key's sha256: tells keys apart, reveals nothing of them."""
    return hashlib.sha256(settings.SECRET_KEY.encode("utf-8")).hexdigest()[:12]


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's rounds them to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)
