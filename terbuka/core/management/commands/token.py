"""terbuka token create USERNAME [--name NAME]: print a new API token (shown once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.core import services
from terbuka.core.models import User


class Command(BaseCommand):
    help = "Buat token API untuk seorang pengguna."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("--name", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(username=opts["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"pengguna tidak dikenal: {opts['username']}")
        _, key = services.token_create(actor=None, user=user, name=opts["name"])
        self.stdout.write(key)
