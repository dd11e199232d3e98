"""Fixtures for search tests: stories written through the content services, then indexed."""

from __future__ import annotations

import pytest

from broadsheet.content.tests.factories import make_article


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    """story(headline, …) → a published article, indexed the way a newsroom save indexes it."""

    def story(headline: str, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(headline, **fields)

    return story
