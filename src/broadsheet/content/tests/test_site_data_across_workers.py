"""Site settings, navigation, banners and the ads version are copied into each worker's memory; a
change saved by one worker must reach every other one at its next read (core/versioned.py)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.utils import timezone

from broadsheet.ads.effects import current_version
from broadsheet.content import selectors
from broadsheet.content.models import BreakingNews, Section, SiteSettings
from broadsheet.core import versioned

pytestmark = pytest.mark.django_db


def _another_worker_saves(name: str = "site") -> None:
    """What `effects.site_changed` / `units_changed` do from another process: its own memory is not ours,
    so all that reaches this process is the shared version."""
    versioned.bump(name)


def test_site_settings_saved_by_another_worker_reach_this_one():
    SiteSettings.objects.update_or_create(pk=1, defaults={"publication_name": "The Old Name"})
    cache.clear()
    assert selectors.site_settings().publication_name == "The Old Name"  # now copied into this process
    SiteSettings.objects.filter(pk=1).update(publication_name="The New Name")  # written elsewhere
    assert selectors.site_settings().publication_name == "The Old Name"  # the copy stands until told
    _another_worker_saves()
    assert selectors.site_settings().publication_name == "The New Name"


def test_navigation_and_banners_from_another_worker_show_at_the_next_read():
    cache.clear()
    assert selectors.breaking_news() is None
    assert selectors.navigation_sections() == []
    Section.objects.create(name="Weather", slug="weather", is_in_navigation=True)
    BreakingNews.objects.create(text="Storm warning", expires_at=timezone.now() + timedelta(hours=1))
    _another_worker_saves()
    assert [s.slug for s in selectors.navigation_sections()] == ["weather"]
    banner = selectors.breaking_news()
    assert banner is not None and banner.text == "Storm warning"


def test_the_ads_version_is_shared_by_every_worker():
    before = current_version()
    cache.clear()  # this process's memory gone: the version is not kept there
    assert current_version() == before
    _another_worker_saves("ads")
    assert current_version() != before


def test_one_request_reads_each_shared_version_once():
    selectors.site_settings()
    shared = caches["shared"]
    with mock.patch.object(shared, "get", wraps=shared.get) as reads, versioned.request_scope():
        for _ in range(20):
            selectors.site_settings()
            selectors.navigation_sections()
            selectors.breaking_news()
    assert reads.call_count == 1


def test_when_the_shared_cache_is_down_copies_are_not_trusted():
    SiteSettings.objects.update_or_create(pk=1, defaults={"publication_name": "Before the outage"})
    selectors.site_settings()
    SiteSettings.objects.filter(pk=1).update(publication_name="During the outage")
    with mock.patch.object(caches["shared"], "get", side_effect=ConnectionError("redis is down")):
        assert selectors.site_settings().publication_name == "During the outage"
