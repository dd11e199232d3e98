"""The wire desk in a real browser: paste agency copy, review it beside the original, save; the API page."""

from __future__ import annotations

import pytest

from broadsheet.content.models import Article, Status
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.newsroom.tests.test_wire import AGENCY_COPY
from broadsheet.reader.tests.browser import SCREENSHOTS
from broadsheet.wire.models import FeedSubscription

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def test_an_editor_pastes_agency_copy_and_saves_a_clean_draft(browser, live_server, settings, django_user_model):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = django_user_model.objects.create_superuser("wire.editor", "wire@example.test", "agency-copy-2026")
    section = make_section("News")
    FeedSubscription.objects.create(
        name="Northwind regions", url="https://northwind.example/rss", section=section, failure_count=2,
        last_error="https://northwind.example/rss: the server answered 503.",
    )  # fmt: skip
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            context = browser.new_context(base_url=live_server.url, color_scheme=scheme,
                                          viewport={"width": width, "height": 900})  # fmt: skip
            context.set_default_timeout(10_000)
            page = context.new_page()
            page.goto("/newsroom/login/")
            page.get_by_label("Username").fill(user.username)
            page.get_by_label("Password").fill("agency-copy-2026")
            page.get_by_role("button", name="Log in").click()
            page.goto("/newsroom/wire/ingesteditem/paste/")
            page.get_by_label("Paste the story").fill(AGENCY_COPY)
            _no_sideways_scroll(page)
            page.screenshot(path=str(SCREENSHOTS / f"wire-paste-{width}-{scheme}.png"), full_page=True)
            page.get_by_role("button", name="Read the story").click()
            page.get_by_role("heading", name="Original").wait_for()
            assert page.get_by_label("Headline").input_value() == "Tunnel boring machine breaks through"
            assert page.get_by_label("Dateline").input_value() == "HALDEN"
            _no_sideways_scroll(page)
            page.screenshot(path=str(SCREENSHOTS / f"wire-review-{width}-{scheme}.png"), full_page=True)
            page.get_by_role("button", name="Save as draft").click()
            page.locator(".messagelist .success").wait_for()
            page.goto("/newsroom/wire/feedsubscription/")
            assert page.get_by_text("Failing (2 in a row)").is_visible()
            page.screenshot(path=str(SCREENSHOTS / f"wire-feeds-{width}-{scheme}.png"), full_page=True)
            context.close()
    assert Article.objects.filter(headline="Tunnel boring machine breaks through", status=Status.DRAFT).count() == 4


def test_the_api_page_reads_well_on_phones_and_desktops_in_both_schemes(browser, live_server):
    make_article("Harbour reopens")
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            context = browser.new_context(base_url=live_server.url, color_scheme=scheme,
                                          viewport={"width": width, "height": 900})  # fmt: skip
            page = context.new_page()
            answer = page.goto("/api/")
            assert answer.status == 200
            assert page.get_by_role("heading", name="Broadsheet content API").is_visible()
            _no_sideways_scroll(page)
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert (background == "rgb(20, 20, 20)") == (scheme == "dark")
            page.screenshot(path=str(SCREENSHOTS / f"api-docs-{width}-{scheme}.png"), full_page=True)
            context.close()
