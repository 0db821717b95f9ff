"""``create_api_token USERNAME [--name TEXT] [--days N]``: print a new API token for a user (shown once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dgmm.web.accounts.models import User
from dgmm.web.api.tokens import CreateToken


class Command(BaseCommand):
    help = "Create an API token for a user and print it (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is used for")
        parser.add_argument("--days", type=int, default=None, help="expire after this many days")

    def handle(self, *args: Any, username: str, name: str, days: int | None, **options: Any) -> None:
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"no active user {username!r}") from None
        _token, text = CreateToken(None, user, name, days).execute()
        self.stdout.write(text)
