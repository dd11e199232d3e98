"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches


@pytest.fixture(scope="session", autouse=True)
def _file_caches_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """File caches (the embedded profile's pages and shared caches) live in this run's own folder,
    so two test runs at once never clear each other's rate-limit counts."""
    from django.conf import settings
    from django.test import override_settings

    folder = tmp_path_factory.mktemp("caches")
    caches_setting = {
        alias: {**spec, "LOCATION": str(folder / alias)} if spec["BACKEND"].endswith("FileCache") else spec
        for alias, spec in settings.CACHES.items()
    }
    with override_settings(CACHES=caches_setting):
        yield


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


# Data migrations that create the newsroom's role groups, in the order they run.
ROLE_MIGRATIONS = [
    ("broadsheet.comments.migrations.0002_moderator_group", "create_moderators"),
    ("broadsheet.ads.migrations.0002_ad_ops_group", "create_ad_ops"),
    ("broadsheet.content.migrations.0005_newsroom_roles", "create_roles"),
    ("broadsheet.wire.migrations.0003_wire_desk_roles", "grant_wire_desk"),
]


@pytest.fixture(autouse=True)
def _role_groups(request: pytest.FixtureRequest) -> None:
    """Transactional tests (live servers) flush the database afterwards, taking the groups that
    migrations made with it; put them back for the tests that come later."""
    wanted = [name for name in ("transactional_db", "live_server", "db") if name in request.fixturenames]
    if wanted:
        request.getfixturevalue(wanted[0])
    elif request.node.get_closest_marker("django_db") is None:
        return
    from django.apps import apps
    from django.contrib.auth.models import Group

    if Group.objects.filter(name__in=["Editors", "Contributors", "Admins", "Moderators"]).count() == 4:
        return
    import importlib

    for module, function in ROLE_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium per test module; the test is skipped, saying why, without it."""
    from broadsheet.reader.tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium to run browser tests")
    # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
