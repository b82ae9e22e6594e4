from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "terbuka.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from . import checks, jobs  # noqa: F401  (register the deployment checks and scheduled jobs)
