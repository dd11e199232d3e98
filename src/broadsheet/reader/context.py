"""The page chrome every reader template gets: site settings, navigation and today's date."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import dateformat, timezone
from django.utils.functional import SimpleLazyObject

from broadsheet.content.selectors import breaking_news, navigation_sections, site_settings, site_time_zone
from broadsheet.media.selectors import Picture, picture


def _today() -> str:
    site = site_settings()
    return dateformat.format(timezone.localtime(timezone.now(), site_time_zone()), site.date_format)


def _logo() -> Picture | None:
    logo = site_settings().logo
    return picture(logo) if logo else None


def _logo_dark() -> Picture | None:
    # Only alongside a logo: a dark-only logo would leave light pages with no masthead at all.
    site = site_settings()
    return picture(site.logo_dark) if site.logo and site.logo_dark else None


def chrome(request: HttpRequest) -> dict[str, Any]:
    """Lazy values, so newsroom pages that never show them never query for them."""
    return {
        "site": SimpleLazyObject(site_settings),
        "navigation": SimpleLazyObject(navigation_sections),
        "today": SimpleLazyObject(_today),
        "logo": SimpleLazyObject(_logo),
        "logo_dark": SimpleLazyObject(_logo_dark),
        "breaking": SimpleLazyObject(breaking_news),
    }
