from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pakn.api"
    verbose_name = "API"
