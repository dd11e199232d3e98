"""App configuration for broadsheet.ads."""

from django.apps import AppConfig


class AdsConfig(AppConfig):
    name = "broadsheet.ads"
    label = "ads"
