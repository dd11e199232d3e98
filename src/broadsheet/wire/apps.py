"""App configuration for broadsheet.wire."""

from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "broadsheet.wire"
    label = "wire"
    verbose_name = "Wire desk"
