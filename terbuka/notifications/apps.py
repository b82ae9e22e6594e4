from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "terbuka.notifications"
    label = "notifications"
    verbose_name = _("Pemberitahuan")

    def ready(self) -> None:
        from terbuka.documents import hooks

        from . import collect, jobs  # noqa: F401  (jobs registers the scheduled jobs)

        hooks.subscribe(collect.on_document_event)
