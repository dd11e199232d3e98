"""Password reset in a real browser: a flood is refused on the form itself, with what was typed kept.
Screenshots of the refusal, light and dark, phone and desktop."""

from __future__ import annotations

import os

import pytest

from broadsheet.reader.tests.browser import SCREENSHOTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def test_a_flood_of_reset_requests_is_refused_on_the_form(browser, live_server, editor):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    for _ in range(3):  # three reset emails an hour may go to one mailbox
        page.goto("/newsroom/password-reset/")
        page.get_by_label("Email address").fill("editor@example.test")
        page.get_by_role("button", name="Reset my password").click()
        page.wait_for_url("**/password-reset/sent/")
    page.goto("/newsroom/password-reset/")
    page.get_by_label("Email address").fill("editor@example.test")
    page.get_by_role("button", name="Reset my password").click()
    error = page.locator(".errorlist")
    error.wait_for()
    assert "Too many password reset requests" in error.inner_text()
    assert page.get_by_label("Email address").input_value() == "editor@example.test"
    context.close()
    for scheme in ("light", "dark"):  # asking again is refused again: the mailbox's hour is used up
        shot = browser.new_context(base_url=live_server.url, color_scheme=scheme)
        view = shot.new_page()
        view.goto("/newsroom/password-reset/")
        view.get_by_label("Email address").fill("editor@example.test")
        view.get_by_role("button", name="Reset my password").click()
        view.locator(".errorlist").wait_for()
        for width in (390, 1280):
            view.set_viewport_size({"width": width, "height": 700})
            view.screenshot(path=str(SCREENSHOTS / f"newsroom-reset-refused-{width}-{scheme}.png"), full_page=True)
        shot.close()
