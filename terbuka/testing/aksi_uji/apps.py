"""A test-only app that plugs a domain action into the SOP engine exactly as a registry app would: it
registers the action in its own ``ready()``; nothing under ``terbuka/sop/`` knows it."""

from django.apps import AppConfig


class AksiUjiConfig(AppConfig):
    name = "terbuka.testing.aksi_uji"
    label = "aksi_uji"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (registers the action)
