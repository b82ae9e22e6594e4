from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "terbuka.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
