"""App configuration for broadsheet.cli."""

from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "broadsheet.cli"
    label = "cli"
