"""App configuration for broadsheet.content."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "broadsheet.content"
    label = "content"
