from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "terbuka.portal"
    label = "portal"
    verbose_name = _("Portal publik")

    def ready(self) -> None:
        from terbuka.core import demo_hooks

        from . import cache, demo

        cache.connect()
        if demo.seed_demo_portal not in demo_hooks.HOOKS:
            demo_hooks.register(demo.seed_demo_portal)
