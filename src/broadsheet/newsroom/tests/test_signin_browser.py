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


def test_a_role_requiring_two_factor_lands_on_its_set_up_after_signing_in(browser, live_server, db):
    from django.contrib.auth.models import Group, User

    from broadsheet.accounts.models import TwoFactorRequirement

    editors = Group.objects.get(name="Editors")
    TwoFactorRequirement.objects.create(group=editors)
    user = User.objects.create_user("night-editor", "night@example.test", "night-editor-pass-2026", is_staff=True)
    user.groups.add(editors)
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=live_server.url, color_scheme=scheme)
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.goto("/newsroom/content/article/")
        page.get_by_label("Username").fill("night-editor")
        page.get_by_label("Password").fill("night-editor-pass-2026")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/newsroom/two-factor/?next=*")
        assert "Your newsroom role requires two-factor sign-in" in page.content()
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 700})
            page.screenshot(
                path=str(SCREENSHOTS / f"newsroom-two-factor-required-{width}-{scheme}.png"), full_page=True
            )
        context.close()
