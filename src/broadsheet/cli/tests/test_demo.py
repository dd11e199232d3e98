"""The demo newsroom: enough of everything to show the product, loaded safely more than once."""

from __future__ import annotations

import re
import stat
from functools import partial
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from broadsheet.cli import demo
from broadsheet.cli.demo_content.compose import build_body, word_count
from broadsheet.cli.demo_content.stories import STORIES
from broadsheet.cli.tests.conftest import SMALL
from broadsheet.content.models import Article, Author, Byline, Section, SiteSettings, Status, Tag
from broadsheet.content.selectors import public_articles, visible_update_time
from broadsheet.media.models import Image


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def loaded(_demo_once, db):
    return _demo_once[0]


@pytest.fixture
def load(_demo_once):
    return partial(demo.load_demo_newsroom, login_file=_demo_once[1] / "demo-login.txt", **SMALL)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _tag_sequence(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Section, Author, Tag, Article, Byline, Image, SiteSettings)
    }


def test_demo_has_enough_of_everything_to_show_the_product(loaded):
    assert Section.objects.count() >= 6
    assert public_articles().count() >= 40
    assert Author.objects.exclude(bio="").exclude(role="").count() >= 5
    assert Tag.objects.count() >= 15
    assert public_articles().filter(lead_image__isnull=False).values("lead_image").distinct().count() >= 8
    wire_with_dateline = public_articles().exclude(dateline="").filter(bylines__author__isnull=True).distinct().count()
    assert wire_with_dateline >= 10
    two_staff_authors = [a for a in public_articles() if a.bylines.filter(author__isnull=False).count() >= 2]
    assert two_staff_authors


def test_demo_has_scheduled_stories_and_drafts_that_readers_cannot_see(loaded):
    scheduled = Article.objects.filter(status=Status.SCHEDULED).exclude(pk__in=public_articles().values("pk"))
    assert scheduled.count() >= 2
    assert Article.objects.filter(status=Status.DRAFT).exists()


def test_demo_shows_every_desk_state(loaded):
    """A story waiting for review, a scheduled one, an embargoed one, a working copy, corrections."""
    waiting = Article.objects.get(status=Status.IN_REVIEW)
    assert waiting.created_by.username == demo.REPORTER
    assert waiting.events.filter(action="submit", actor__username=demo.REPORTER).exists()
    embargoed = Article.objects.get(slug="harbour-trust-annual-report-shows-record-tonnage")
    assert embargoed.is_embargoed and embargoed.status == Status.SCHEDULED
    assert embargoed.published_at == embargoed.embargo_until and not embargoed.is_public
    live_with_changes = Article.objects.get(working_copy__isnull=False)
    assert live_with_changes.is_public
    assert live_with_changes.working_copy.data["dek"] != live_with_changes.dek
    corrected = public_articles().filter(corrections__isnull=False).distinct()
    assert corrected.count() >= 2


@pytest.mark.parametrize(
    ("role", "may", "may_not"),
    [
        ("reporter", "content.submit_article", "content.publish_article"),
        ("editor", "content.publish_article", "auth.change_user"),
        ("admin", "auth.change_user", None),
        ("moderator", "comments.moderate_comment", "content.change_article"),
        ("adops", "ads.change_adunit", "content.change_article"),
    ],
)
def test_demo_has_a_login_for_every_role(client, loaded, role, may, may_not):
    from django.contrib.auth.models import User

    password = getattr(loaded, f"{role}_password", None) or (loaded.password if role == "editor" else None)
    assert password and client.login(username=role, password=password)
    user = User.objects.get(username=role)
    assert user.has_perm(may)
    if may_not:
        assert not user.has_perm(may_not)


def test_demo_stories_range_from_short_items_to_long_features(loaded):
    counts = [word_count(body) for body in Article.objects.values_list("body", flat=True)]
    assert min(counts) >= 150
    assert max(counts) <= 1500
    assert any(count <= 250 for count in counts)
    assert any(count >= 1200 for count in counts)


def test_demo_bodies_keep_their_structure_through_sanitising(loaded):
    stored = dict(Article.objects.values_list("slug", "body"))
    for story in STORIES:
        written = build_body(story)
        assert _tag_sequence(stored[story.slug]) == _tag_sequence(written), story.slug
    every_tag = {tag for body in stored.values() for tag in _tag_sequence(body)}
    assert {"p", "h2", "h3", "blockquote", "ul", "ol", "li", "a", "strong", "em"} <= every_tag


def test_demo_pictures_have_words_and_renditions(loaded):
    site = SiteSettings.objects.get()
    assert site.logo is not None
    assert site.logo_dark is not None and site.logo_dark != site.logo
    assert site.time_zone == "Europe/London"
    assert site.language == "en-GB"
    for image in Image.objects.all():
        assert image.alt_text
        assert image.rendition_widths
    leads = Image.objects.filter(pk__in=Article.objects.values("lead_image"))
    assert all(image.caption and image.credit == "Illustration: Broadsheet demo" for image in leads)


def test_only_corrected_stories_show_readers_an_update(loaded):
    updated = {a.slug for a in public_articles() if visible_update_time(a) is not None}
    assert updated == {story.slug for story in STORIES if story.correction}
    assert updated


def test_loading_twice_creates_no_duplicates(loaded, load):
    before = _counts()
    second = load()
    assert _counts() == before
    assert second.password == loaded.password


def test_the_printed_login_works(client, loaded, _demo_once):
    assert client.login(username=loaded.username, password=loaded.password)
    assert loaded.url.endswith("/newsroom/")
    login_file = _demo_once[1] / "demo-login.txt"
    assert stat.S_IMODE(login_file.stat().st_mode) == 0o600
    assert loaded.password in login_file.read_text()


def test_demo_command_prints_the_addresses_and_login(db, monkeypatch, tmp_path, capsys, caplog):
    import logging

    monkeypatch.setattr(
        "broadsheet.cli.management.commands.demo.load_demo_newsroom",
        partial(demo.load_demo_newsroom, login_file=tmp_path / "demo-login.txt", **SMALL),
    )
    with caplog.at_level(logging.INFO, logger="broadsheet"):
        call_command("demo", no_serve=True, port=8123)
    assert not [r for r in caplog.records if r.name == "broadsheet.workflow"]  # no audit lines burying the logins
    assert logging.getLogger("broadsheet").level == logging.INFO  # and the level is back afterwards
    output = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in output
    assert "http://127.0.0.1:8123/newsroom/" in output
    kept = (tmp_path / "demo-login.txt").read_text()
    for role, username in (("Editor", "editor"), ("Reporter", "reporter"), ("Moderator", "moderator"),
                           ("Ad ops", "adops"), ("Admin", "admin")):  # fmt: skip
        row = re.search(rf"^    {role}\s+{username}\s+/ ([A-Za-z0-9]{{16}}) ", output, re.MULTILINE)
        assert row and row.group(1) in kept, (role, output)


def test_demo_command_serves_through_the_serve_command(db, monkeypatch, tmp_path, capsys):
    calls = []
    monkeypatch.setattr(
        "broadsheet.cli.management.commands.demo.load_demo_newsroom",
        partial(demo.load_demo_newsroom, login_file=tmp_path / "demo-login.txt", **SMALL),
    )
    monkeypatch.setattr("broadsheet.cli.management.commands.demo.get_commands", lambda: {"serve": "broadsheet.cli"})
    real_call_command = call_command

    def fake_call_command(name, *args, **options):
        if name == "serve":
            calls.append(options)
            return None
        return real_call_command(name, *args, **options)

    monkeypatch.setattr("broadsheet.cli.management.commands.demo.call_command", fake_call_command)
    call_command("demo", host="::1", port=9000)
    assert calls == [{"host": "::1", "port": 9000}]
    assert "http://[::1]:9000/newsroom/" in capsys.readouterr().out


def test_demo_has_discussions_a_closed_story_and_a_queue_for_the_moderator(client, loaded):
    from broadsheet.comments.models import Comment, CommentStatus
    from broadsheet.content.models import CommentsMode

    approved = Comment.objects.filter(status=CommentStatus.APPROVED)
    assert approved.filter(thread__isnull=False).exists()  # replies
    discussed = approved.values("article").distinct().count()
    assert discussed >= 0.6 * Article.objects.filter(status="published").count()
    assert Article.objects.filter(comments_mode=CommentsMode.CLOSED, comments__isnull=False).exists()
    waiting = Article.objects.get(comments_mode=CommentsMode.PREMODERATED)
    assert waiting.comments.filter(status=CommentStatus.PENDING).count() >= 3
    assert client.login(username=loaded.moderator_username, password=loaded.moderator_password)
    assert client.get("/newsroom/comments/comment/?status__exact=pending").status_code == 200
    assert client.get("/newsroom/content/article/add/").status_code == 403


def test_demo_fills_every_ad_slot_with_a_house_ad_and_has_one_isolated_snippet(loaded):
    from broadsheet.ads.models import AdKind, AdUnit
    from broadsheet.ads.selectors import Target, ads_txt, eligible_units
    from broadsheet.ads.slots import SLOTS

    eligible = eligible_units(Target())
    for name in SLOTS:
        assert any(unit.kind == AdKind.HOUSE for unit in eligible[name]), f"no house ad in {name}"
    house = AdUnit.objects.filter(kind=AdKind.HOUSE)
    assert all(unit.dark_image_id and unit.image.alt_text for unit in house)
    (snippet,) = AdUnit.objects.filter(kind=AdKind.SNIPPET)
    assert not snippet.runs_in_page
    assert ads_txt().startswith("# ads.txt")


def test_the_ad_ops_login_places_ads_and_cannot_edit_stories(client, loaded, _demo_once):
    assert loaded.adops_password in (_demo_once[1] / "demo-login.txt").read_text()
    assert client.login(username=loaded.adops_username, password=loaded.adops_password)
    assert client.get("/newsroom/ads/adunit/").status_code == 200
    assert client.get("/newsroom/ads/adstat/").status_code == 200
    assert client.get("/newsroom/content/article/add/").status_code == 403


def test_demo_command_prints_the_ad_ops_login(db, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(
        "broadsheet.cli.management.commands.demo.load_demo_newsroom",
        partial(demo.load_demo_newsroom, login_file=tmp_path / "demo-login.txt", **SMALL),
    )
    call_command("demo", no_serve=True)
    found = re.search(r"Ad ops\s+adops\s+/ (\S+)", capsys.readouterr().out)
    assert found and f"adops-password: {found.group(1)}" in (tmp_path / "demo-login.txt").read_text()
