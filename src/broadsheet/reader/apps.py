"""App configuration for broadsheet.reader."""

from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "broadsheet.reader"
    label = "reader"
