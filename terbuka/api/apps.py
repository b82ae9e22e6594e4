from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "terbuka.api"
    label = "api"
    verbose_name = "API"
