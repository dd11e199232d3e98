"""The typed product settings: every tunable default of the newspaper, in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass(frozen=True, kw_only=True)
class Config:
    """Product settings; override any of them with the `BROADSHEET` dict in Django settings."""

    articles_per_page: int = 20  # section, tag and author pages
    home_lead_count: int = 1  # stories in the home page's lead slot
    home_section_story_count: int = 4  # stories per section block on the home page
    more_from_section_count: int = 4  # "More from <section>" under an article
    in_article_ad_after_paragraph: int = 3  # the in-article ad slot follows this paragraph
    max_upload_bytes: int = 20 * 1024 * 1024  # larger uploads are refused with a clear error
    max_image_pixels: int = 60_000_000  # refuses decompression bombs before decoding
    rendition_widths: tuple[int, ...] = (320, 640, 960, 1280, 1920)  # srcset widths
    site_settings_cache_seconds: int = 300  # site name, logo, time zone; purged on save


@cache
def config() -> Config:
    """Return the product `Config`, built once from `settings.BROADSHEET`."""
    overrides = dict(getattr(settings, "BROADSHEET", {}))
    known = {f.name for f in fields(Config)}
    unknown = set(overrides) - known
    if unknown:
        raise ImproperlyConfigured(f"Unknown BROADSHEET setting(s): {', '.join(sorted(unknown))}.")
    return Config(**overrides)


@receiver(setting_changed)
def _forget_config(*, setting: str, **_kwargs: object) -> None:
    # Tests override settings.BROADSHEET; the next call must see the new values.
    if setting == "BROADSHEET":
        config.cache_clear()
