"""terbuka audit verify [--body SLUG]: check every hash chain, report the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.core import audit
from terbuka.core.models import ChainHead, PublicBody


class Command(BaseCommand):
    help = "Periksa keutuhan jejak audit (rantai hash)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        verify = sub.add_parser("verify", help="periksa rantai hash")
        verify.add_argument("--body", help="slug badan publik (bawaan: semua rantai)")

    def handle(self, *args: Any, **opts: Any) -> None:
        chain = None
        if opts.get("body"):
            body = PublicBody.objects.filter(slug=opts["body"]).first()
            if body is None:
                raise CommandError(f"badan publik tidak dikenal: {opts['body']}")
            chain = audit.chain_of(body)
        checked, breaks = audit.verify(chain)
        # Remember the result, so the audit pages show this full check (and any break) from now on.
        for name in [chain] if chain else ChainHead.objects.values_list("chain", flat=True):
            audit.check_chain(name, full=True)
        for b in breaks:
            self.stderr.write(f"RUSAK: rantai {b.chain}, peristiwa #{b.seq} (id {b.event_id}): {b.problem}")
        if breaks:
            raise CommandError(f"{len(breaks)} rantai rusak; {checked} peristiwa diperiksa.")
        self.stdout.write(f"UTUH: {checked} peristiwa diperiksa, semua rantai utuh.")
