from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DikConfig(AppConfig):
    name = "terbuka.dik"
    label = "dik"
    verbose_name = _("Daftar Informasi yang Dikecualikan")

    def ready(self) -> None:
        from terbuka.core import audit_labels, demo_hooks
        from terbuka.documents import hooks as document_hooks

        from . import actions, demo, jobs, labels, services  # noqa: F401  (actions and jobs register themselves)

        audit_labels.register(labels.LABELS)

        document_hooks.subscribe(services.on_document_event)
        if demo.seed_demo_dik not in demo_hooks.HOOKS:
            demo_hooks.register(demo.seed_demo_dik)
