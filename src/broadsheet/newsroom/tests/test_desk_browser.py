"""The desk in a real browser: a reporter files, an editor reviews and publishes, then corrects;
readers see each step. Also screenshots of every page the desk added, light and dark, phone and desktop."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from broadsheet.content import services
from broadsheet.content.models import Article, BreakingNews, FrontPageItem, Status
from broadsheet.content.selectors import preview_url
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.newsroom.tests.test_editor_browser import choose, watch
from broadsheet.reader.tests.browser import SCREENSHOTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

HEADLINE = "Night buses return to the eastern estates"
FIRST = "Night buses will run again between the city centre and the eastern estates from next month."
CORRECTION = "An earlier version of this story gave the wrong start date; services begin on the 3rd."


def account(username: str, group: str) -> None:
    user = User.objects.create_user(username, password=f"{username}-pass-2026", is_staff=True)
    user.groups.add(Group.objects.get(name=group))


def sign_in(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/newsroom/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-pass-2026")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name=re.compile("Today.s desk")).wait_for()
    return context, page


def test_a_draft_goes_from_reporter_through_review_to_publication_and_a_correction(browser, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    account("reporter", "Contributors")
    account("deskeditor", "Editors")
    make_section("City")
    failures: list[str] = []
    served: set[str] = set()
    SCREENSHOTS.mkdir(exist_ok=True)

    # 1. The reporter writes a draft and submits it; the publish button is not theirs to press.
    context, page = sign_in(browser, live_server, "reporter")
    watch(page, failures, served)
    page.goto("/newsroom/content/article/add/")
    page.get_by_label("Headline").fill(HEADLINE)
    choose(page, "section", "Cit", "City")
    page.locator("#id_bylines-0-credit").fill("Courier Transport Desk")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type(FIRST)
    assert page.get_by_role("button", name="Save and publish now").count() == 0
    page.get_by_role("button", name="Save and submit for review").click()
    page.locator(".messagelist .success", has_text="is now in review").wait_for()
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Status.IN_REVIEW
    page.screenshot(path=str(SCREENSHOTS / "desk-reporter-submitted.png"), full_page=True)
    context.close()

    # 2. The editor finds it on the desk, approves and publishes it.
    context, page = sign_in(browser, live_server, "deskeditor")
    watch(page, failures, served)
    waiting = page.locator("section[aria-label='Waiting for review']")
    waiting.get_by_role("link", name=HEADLINE).click()
    page.get_by_role("button", name="Save and approve").click()
    page.locator(".messagelist .success", has_text="is now ready").wait_for()
    page.get_by_role("button", name="Save and publish now").click()
    page.locator(".messagelist .success", has_text="is now published").wait_for()
    assert Article.objects.get(pk=article.pk).is_public
    page.screenshot(path=str(SCREENSHOTS / "desk-editor-published.png"), full_page=True)

    # 3. Then corrects it, in the open.
    page.get_by_role("link", name="Add a correction").click()
    page.get_by_label("Text").fill(CORRECTION)
    page.get_by_role("button", name="Publish the correction").click()
    page.locator(".messagelist .success", has_text="correction is published").wait_for()
    page.goto("/newsroom/")
    page.locator("#desk").get_by_text(HEADLINE).first.wait_for()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(SCREENSHOTS / f"desk-dashboard-{width}-{scheme}.png"), full_page=True)
    context.close()

    # 4. A reader sees the story and its correction, and the corrections page lists it.
    reader = browser.new_context(base_url=live_server.url)
    page = reader.new_page()
    watch(page, failures, served)
    page.goto(Article.objects.get(pk=article.pk).get_absolute_url())
    assert page.locator("h1.story__headline").inner_text() == HEADLINE
    assert CORRECTION in page.locator(".corrections").inner_text()
    assert page.locator(".story__updated").is_visible()
    page.goto("/corrections/")
    page.get_by_role("link", name=HEADLINE).wait_for()
    reader.close()
    assert failures == []


def test_screenshots_of_the_pages_the_desk_added(browser, live_server, editor):
    section = make_section("City", slug="city")
    stories = [make_article(f"Harbour story number {i}", section=section) for i in range(6)]
    for position, story in enumerate(stories[3:]):
        services.place_on_front(FrontPageItem(article=story, position=position), by=editor)
    services.add_correction(stories[4], by=editor, kind="correction", text="The pier is 300 m long, not 3 km.")
    services.add_correction(stories[4], by=editor, kind="update", text="The council confirmed the dates on Friday.")
    services.save_breaking_news(
        BreakingNews(text="Storm warning: ferries suspended this evening", url=stories[5].get_absolute_url(),
                     expires_at=timezone.now() + timedelta(hours=2)),
        by=editor,
    )  # fmt: skip
    withdrawn = make_article("A story that was withdrawn", section=section)
    services.withdraw_article(withdrawn, by=editor)
    draft = make_article("A draft shared with a lawyer", section=section, publish=False)
    link = services.create_preview_link(draft, by=editor, hours=24)
    pages = {
        "home": "/",
        "section": "/city/",
        "corrected-article": stories[4].get_absolute_url(),
        "corrections": "/corrections/",
        "gone": withdrawn.get_absolute_url(),
        "preview": preview_url(link),
    }
    failures: list[str] = []
    served: set[str] = set()
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=live_server.url, color_scheme=scheme)
        page = context.new_page()
        watch(page, failures, served)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in pages.items():
                answer = page.goto(path)
                assert answer.status == (410 if name == "gone" else 200), path
                assert page.locator(".breaking").is_visible() or name in ("gone",)
                page.screenshot(path=str(SCREENSHOTS / f"desk-{name}-{width}-{scheme}.png"), full_page=True)
        context.close()
    assert failures == []
