"""Invitation links are stored hashed (the links already sent keep working), with a name and a count of
links sent."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import migrations, models

import dgmm.web.accounts.models


def hash_tokens(apps: Any, schema_editor: Any) -> None:
    Invitation = apps.get_model("accounts", "Invitation")
    for pk, token in Invitation.objects.values_list("pk", "token_hash"):
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        Invitation.objects.filter(pk=pk).update(token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RenameField("invitation", "token", "token_hash"),
        migrations.AlterField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(
                default=dgmm.web.accounts.models._unknown_token_hash,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="name",
            field=models.CharField(blank=True, max_length=150, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="sent_count",
            field=models.PositiveIntegerField(default=1, verbose_name="links sent"),
        ),
        # last: the table is altered before any row changes (PostgreSQL refuses the other order)
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=False),
    ]
