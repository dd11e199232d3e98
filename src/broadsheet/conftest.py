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
