from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "terbuka.documents"
    label = "documents"
    verbose_name = _("Naskah dinas dan arsip")

    def ready(self) -> None:
        from terbuka.core import demo_hooks

        from . import demo

        if demo.seed_demo_documents not in demo_hooks.HOOKS:
            demo_hooks.register(demo.seed_demo_documents)
