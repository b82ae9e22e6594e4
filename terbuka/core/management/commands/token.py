"""terbuka token create USERNAME [--name NAME] [--days N]: print a new API token (shown once).
terbuka token revoke ID… | --user USERNAME: revoke tokens (audited, as the system).
terbuka token list [USERNAME]: tokens with their state (never the secret)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.core import services
from terbuka.core.models import ApiToken, User


class Command(BaseCommand):
    help = "Buat, cabut, atau daftar token API."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        create = sub.add_parser("create", help="buat token baru (ditampilkan sekali)")
        create.add_argument("username")
        create.add_argument("--name", default="")
        create.add_argument("--days", type=int, default=None, help="masa berlaku (hari)")
        revoke = sub.add_parser("revoke", help="cabut token menurut nomor, atau semua token seorang pengguna")
        revoke.add_argument("ids", nargs="*", type=int)
        revoke.add_argument("--user", default="")
        listing = sub.add_parser("list", help="daftar token")
        listing.add_argument("username", nargs="?", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        getattr(self, f"do_{opts['sub']}")(opts)

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"pengguna tidak dikenal: {username}")
        return user

    def do_create(self, opts: dict[str, Any]) -> None:
        user = self._user(opts["username"])
        if not user.is_active:
            raise CommandError(f"pengguna tidak aktif: {opts['username']}")
        _, key = services.token_create(actor=None, user=user, name=opts["name"], days=opts["days"])
        self.stdout.write(key)

    def do_revoke(self, opts: dict[str, Any]) -> None:
        if bool(opts["ids"]) == bool(opts["user"]):
            raise CommandError("sebutkan nomor token, atau --user USERNAME (salah satu)")
        if opts["user"]:
            tokens = list(ApiToken.objects.filter(user=self._user(opts["user"]), revoked_at__isnull=True))
        else:
            tokens = list(ApiToken.objects.filter(pk__in=opts["ids"]))
            missing = sorted(set(opts["ids"]) - {t.pk for t in tokens})
            if missing:
                raise CommandError(f"token tidak dikenal: {', '.join(map(str, missing))}")
        revoked = [t for t in tokens if services.token_revoke(actor=None, token=t)]
        self.stdout.write(
            f"{len(revoked)} token dicabut"
            + (f": {', '.join(str(t.pk) for t in revoked)}" if revoked else "")
        )

    def do_list(self, opts: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
        if opts["username"]:
            tokens = tokens.filter(user=self._user(opts["username"]))
        for t in tokens:
            expires = t.expires_at.date().isoformat() if t.expires_at else "-"
            self.stdout.write(
                f"{t.pk}\t{t.user.username}\t{t.prefix}…\t{t.name or '-'}\t{t.state}\t{expires}"
            )
