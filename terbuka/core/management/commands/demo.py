"""terbuka demo: load the demo bodies, units, officials and logins (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from terbuka.core.demo import load_demo


class Command(BaseCommand):
    help = "Muat data demo lima badan publik sumber SOP (aman dijalankan berulang)."

    def handle(self, *args: Any, **opts: Any) -> None:
        result = load_demo()
        from terbuka.core import demo_hooks

        for hook in demo_hooks.HOOKS:
            hook(self.stdout)  # type: ignore[arg-type]
        self.stdout.write(
            f"data demo: {result.bodies_created} badan publik baru, {result.users_created} pengguna baru"
        )
