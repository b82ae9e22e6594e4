from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "terbuka.requests"
    label = "requests"
    verbose_name = _("Permohonan informasi")

    def ready(self) -> None:
        from terbuka.core import audit_labels, demo_hooks

        from . import actions, jobs, labels  # noqa: F401  (registers the SOP actions and the scheduled jobs)
        from .demo import load_demo_requests

        audit_labels.register(labels.LABELS)
        if load_demo_requests not in demo_hooks.HOOKS:
            demo_hooks.register(load_demo_requests)
