from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "terbuka.portal"
    label = "portal"
    verbose_name = _("Portal publik")
