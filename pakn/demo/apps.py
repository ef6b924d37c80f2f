from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Realistic demo data for `make run`; sits above every other app so it can use them all."""

    name = "pakn.demo"
    verbose_name = "Demo"
