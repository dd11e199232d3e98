"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Cached site settings and navigation must not leak from one test into the next.
    for alias in ("default", "pages", "shared"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages", "shared"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _page_cache_only_where_purges_run(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    # Purges run after commit, which only transactional tests reach; elsewhere a cached page would
    # outlive the write that should purge it. Page-cache tests are transactional and keep it on.
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        from broadsheet.reader.middleware import PageCacheMiddleware

        monkeypatch.setattr(PageCacheMiddleware, "_cache_key", staticmethod(lambda request: None))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editor(django_user_model: type[User]) -> User:
    return django_user_model.objects.create_superuser("editor", "editor@example.test", "correct-horse-battery")
