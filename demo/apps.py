from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content, demo staff and generated briefs for benchmarks: development only."""

    name = "demo"
    verbose_name = "Demo content"
