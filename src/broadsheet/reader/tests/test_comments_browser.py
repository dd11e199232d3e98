"""Commenting in a real browser: posting, replying in place, held comments, errors, no JavaScript."""

from __future__ import annotations

import re

import pytest

from broadsheet.comments.models import Comment
from broadsheet.comments.tests.factories import make_comment
from broadsheet.content.models import CommentsMode
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.reader.tests.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

MIN_FILL = 1  # seconds; the real default (3) would only slow the tests down
WAIT = MIN_FILL * 1000 + 300  # milliseconds a test "reader" spends writing


@pytest.fixture
def story(live_server, transactional_db, settings):
    """A published story open for comments, the stylesheet served under its plain name."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.BROADSHEET = {"comment_min_fill_seconds": MIN_FILL, "comments_close_after_days": 0}
    return make_article(
        "Night buses return to the old town after a decade",
        section=make_section("City", slug="city"),
        dek="The council restores three routes that stopped when the depot closed.",
    )


def write(page, *, name: str, email: str, body: str) -> None:
    page.fill("#respond [name=name]", name)
    page.fill("#respond [name=email]", email)
    page.fill("#respond [name=body]", body)
    page.wait_for_timeout(WAIT)


def posted_id(page) -> int:
    page.wait_for_url(re.compile(r"#comment-\d+$"))
    return int(page.url.rsplit("-", 1)[1])


def test_a_reader_posts_a_comment_then_replies_in_place(story, open_page):
    page = open_page(story.get_absolute_url())
    write(page, name="Ana", email="ana@example.test", body="About time too.")
    page.click("#respond button[type=submit]")
    first = posted_id(page)
    assert page.locator(f"#comment-{first} .comment__body").inner_text() == "About time too."
    assert page.locator("#comments-title").inner_text() == "1 comment"

    page.locator(f"#comment-{first} .comment__reply").click()
    entry = page.locator("li.comment-entry", has=page.locator(f"#comment-{first}"))
    assert entry.locator("#respond").count() == 1, "the form moved under the comment"
    assert page.locator("#respond-title").inner_text() == "Reply to Ana"
    assert page.locator(".comment-form__replying").is_visible()

    write(page, name="Ben", email="ben@example.test", body="The 2am bus is the one I need.")
    page.click("#respond button[type=submit]")
    reply = posted_id(page)
    replies = page.locator("li.comment-entry", has=page.locator(f"#comment-{first}")).locator(".comment-replies")
    assert replies.locator(f"#comment-{reply}").count() == 1, "the reply is nested under the comment it answers"
    assert page.locator("#comments-title").inner_text() == "2 comments"
    assert Comment.objects.get(pk=reply).thread_id == first


def test_cancel_reply_puts_the_form_back_under_the_thread(story, open_page):
    comment = make_comment(story, name="Ana", body="First!")
    page = open_page(story.get_absolute_url())
    page.locator(f"#comment-{comment.pk} .comment__reply").click()
    page.get_by_role("button", name="Cancel reply").click()
    assert page.locator("li.comment-entry #respond").count() == 0
    assert page.locator("#respond-title").inner_text() == "Comment / Reply"
    assert page.locator("#respond [name=in_reply_to]").input_value() == ""


def test_on_a_premoderated_story_a_comment_is_held_for_review(story, open_page):
    story.comments_mode = CommentsMode.PREMODERATED
    story.save()
    page = open_page(story.get_absolute_url())
    assert "reviewed by a moderator" in page.locator(".comments__note").inner_text()
    write(page, name="Cai", email="cai@example.test", body="Will they run on Sundays?")
    page.click("#respond button[type=submit]")
    page.wait_for_selector("h1.form-page__title")
    assert "held for review" in page.locator("h1").inner_text()
    assert "Will they run on Sundays?" in page.locator(".form-page__quote").inner_text()


def test_a_bad_email_comes_back_inline_with_the_text_kept(story, open_page):
    page = open_page(story.get_absolute_url())
    write(page, name="Dee", email="dee-at-example", body="My long and careful comment.")
    page.click("#respond button[type=submit]")
    page.wait_for_selector("#email-error")
    assert "name@example.com" in page.locator("#email-error").inner_text()
    assert page.locator("#respond [name=email]").get_attribute("aria-invalid") == "true"
    assert page.locator("#respond [name=name]").input_value() == "Dee"
    assert page.locator("#respond [name=email]").input_value() == "dee-at-example"
    assert page.locator("#respond [name=body]").input_value() == "My long and careful comment."

    page.fill("#respond [name=email]", "dee@example.test")
    page.wait_for_timeout(WAIT)
    page.click("#respond button[type=submit]")
    comment = posted_id(page)
    assert page.locator(f"#comment-{comment} .comment__author").inner_text() == "Dee"


def test_without_javascript_posting_goes_through_a_confirm_page(story, open_page):
    page = open_page(story.get_absolute_url(), javascript=False)
    page.fill("#respond [name=name]", "Eve")
    page.fill("#respond [name=email]", "eve@example.test")
    page.fill("#respond [name=body]", "Posted the old-fashioned way.")
    page.click("#respond button[type=submit]")
    page.wait_for_selector(".form-message")
    assert "press “Post” to publish it" in page.locator(".form-message").inner_text()
    assert page.locator("#respond [name=body]").input_value() == "Posted the old-fashioned way."
    assert Comment.objects.count() == 0

    page.wait_for_timeout(WAIT)
    page.click("#respond button[type=submit]")
    comment = posted_id(page)
    assert page.locator(f"#comment-{comment} .comment__body").inner_text() == "Posted the old-fashioned way."


def test_screenshots_of_a_comment_thread(story, open_page):
    """Full-page shots of a story with a thread, for people to look at, in screenshots/."""
    ana = make_comment(story, name="Ana Ruiz", body="About time too. The last bus used to leave at eleven.")
    ben = make_comment(
        story,
        name="Ben",
        body="The 2am bus is the one I need.\n\nMore details: https://example.test/timetables/night-routes",
        reply_to=ana,
    )
    make_comment(story, name="Cai with a rather long display name indeed", body="Same here.", reply_to=ben)
    make_comment(story, name="Dee", body="Will they run on Sundays? " * 12)
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            page = open_page(story.get_absolute_url(), width=width, scheme=scheme)
            path = SCREENSHOTS / f"comments-{width}-{scheme}.png"
            page.screenshot(path=path, full_page=True, animations="disabled")
            assert path.stat().st_size > 10_000
            page.locator(f"#comment-{ana.pk} .comment__reply").click()
            page.locator("#comments").screenshot(path=SCREENSHOTS / f"comments-reply-{width}-{scheme}.png")
