"""Fixtures for the browser tests: one headless Chromium per module and a live site with content."""

from __future__ import annotations

import os

import pytest

from broadsheet.reader.tests.browser import build_paper, serve_media

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def paper(live_server, settings):
    """A published paper on the live server; the stylesheet served under its plain name."""
    # The manifest storage needs collectstatic; the live server's handler serves from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return build_paper()


@pytest.fixture
def open_page(browser, live_server):
    """open_page(path, width=…, scheme=…, javascript=…) → a Playwright page showing that path."""
    contexts = []

    def open_page(path: str, *, width: int = 1280, scheme: str = "light", javascript: bool = True, **options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            java_script_enabled=javascript,
            **options,
        )
        context.route("**/media/**", serve_media)
        contexts.append(context)
        page = context.new_page()
        if path is not None:
            page.goto(path)
        return page

    yield open_page
    for context in contexts:
        context.close()
