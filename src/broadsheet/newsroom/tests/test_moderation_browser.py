"""The comment moderation queue in a real browser: it fits a laptop screen with real, long comments."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group, User

from broadsheet.comments.services import report_comment
from broadsheet.comments.tests.factories import make_comment
from broadsheet.content.models import CommentsMode
from broadsheet.content.tests.factories import make_article
from broadsheet.newsroom.tests.test_desk_browser import sign_in
from broadsheet.reader.tests.browser import SCREENSHOTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

QUEUE = "/newsroom/comments/comment/"
LONG = (
    "I have lived on the eastern bank for thirty-one years and I want to say, with respect to everyone who "
    "worked on this, that the consultation never once asked the people on Harbour Road what they thought "
    "about four lanes of traffic outside their bedroom windows. The article mentions noise only in passing. "
    "My neighbours and I kept a diary of the piling from March to October and would be glad to share it "
    "with your reporter, together with the letters the council sent back, which contradict each other."
)
HEADLINES = [
    "City opens the longest river crossing in its history after six years of work and two consultations",
    "Harbour board freezes ferry fares for a second year as passengers drift to the new bridge",
]
# The widest cell one address can make; a real inbox at an organisation looks like this.
EMAIL = "firstname.middlename.lastname-residents-association@eastern-estates-community-trust.example.org"


def fill_the_queue() -> None:
    # One story holds every comment for a moderator; readers report comments on the other, open one.
    stories = [make_article(HEADLINES[0], comments_mode=CommentsMode.PREMODERATED), make_article(HEADLINES[1])]
    for n in range(8):
        comment = make_comment(
            stories[n % 2],
            name="Margaret Featherstonehaugh-Worthington" if n % 3 == 0 else f"Reader {n}",
            email=EMAIL if n % 2 == 0 else None,
            body=f"{LONG} ({n})" if n % 2 == 0 else f"Short and to the point: well reported ({n}).",
            ip=f"203.0.113.{n + 10}",
        )
        if n % 4 == 1:
            report_comment(comment, reason="abuse", ip="198.51.100.1")


def test_the_queue_fits_1280_pixels_without_scrolling_sideways(browser, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.BROADSHEET = {"comment_rate_per_ip": 99, "comment_rate_per_email": 99}  # a busy hour, at once
    user = User.objects.create_user("moira", password="moira-pass-2026", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    fill_the_queue()
    SCREENSHOTS.mkdir(exist_ok=True)
    context, page = sign_in(browser, live_server, "moira")
    page.goto(QUEUE)
    results = page.locator(".results")
    assert results.locator("tbody tr").count() == 8
    widths = results.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], f"the queue is {widths[0]}px wide in a {widths[1]}px box"
    # Every column a moderator decides by is on screen, not just in the markup.
    for column in ("excerpt", "author", "history", "story", "status", "reports", "hold_reason", "received"):
        box = page.locator(f"th.column-{column}").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1280, column
    # The whole comment is one click away, and the story link names the story to a screen reader.
    link = results.locator("td.field-story a").first
    assert link.get_attribute("title") in HEADLINES
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(SCREENSHOTS / f"moderation-queue-{width}-{scheme}.png"), full_page=True)
    context.close()
