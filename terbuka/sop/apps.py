from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopConfig(AppConfig):
    name = "terbuka.sop"
    label = "sop"
    verbose_name = _("SOP")

    def ready(self) -> None:
        from terbuka.core import demo_hooks
        from terbuka.documents import hooks as document_hooks

        from . import demo, jobs, services  # noqa: F401  (jobs registers the scheduled jobs)

        if demo.adopt_demo_sops not in demo_hooks.HOOKS:
            demo_hooks.register(demo.adopt_demo_sops)
        document_hooks.subscribe(services.on_document_event)
        document_hooks.set_target_resolver(services.document_target)
