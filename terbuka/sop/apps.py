from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopConfig(AppConfig):
    name = "terbuka.sop"
    label = "sop"
    verbose_name = _("SOP")

    def ready(self) -> None:
        from terbuka.core import demo_hooks

        from . import demo

        if demo.adopt_demo_sops not in demo_hooks.HOOKS:
            demo_hooks.register(demo.adopt_demo_sops)
