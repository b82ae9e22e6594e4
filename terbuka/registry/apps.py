from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "terbuka.registry"
    label = "registry"
    verbose_name = _("Daftar informasi")

    def ready(self) -> None:
        from terbuka.core import demo_hooks

        from . import actions, demo, jobs  # noqa: F401  (register the DIP actions and the refresh reminder)

        if demo.seed_demo_dip not in demo_hooks.HOOKS:
            demo_hooks.register(demo.seed_demo_dip)
