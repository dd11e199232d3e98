"""App configuration for broadsheet.feeds."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "broadsheet.feeds"
    label = "feeds"
