from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "terbuka.registry"
    label = "registry"
    verbose_name = _("Daftar informasi")

    def ready(self) -> None:
        from . import actions, jobs  # noqa: F401  (register the DIP actions and the refresh reminder)
