"""What the desk's decisions do to every public surface: scheduling and embargoes with a frozen
clock (a canary string crawled across every public URL), 410 for withdrawn stories, corrections,
shared previews, curated fronts that never repeat a story, and the breaking-news banner."""

from __future__ import annotations

import re
from collections import deque
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from broadsheet.content import services
from broadsheet.content.models import Article, BreakingNews, FrontPageItem, Status
from broadsheet.content.selectors import preview_url
from broadsheet.content.tests.factories import make_article, make_author, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db

CANARY = "Zqcanaryx"  # a word no other text here contains
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
LOC = re.compile(r"<loc>([^<]+)</loc>")


def crawl(client, *, extra: list[str]) -> dict[str, str]:
    """Fetch every page reachable from the home page, the sitemaps, the feeds and `extra`; return url -> body."""
    seen: dict[str, str] = {}
    queue = deque(["/", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/feeds/rss.xml", *extra])
    while queue and len(seen) < 400:
        url = queue.popleft()
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        if path in seen or not path.startswith("/") or path.startswith(("/static/", "/newsroom/")):
            continue
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace") if not path.startswith("/media/") else ""
        seen[path] = text
        if response.status_code in (301, 302):
            queue.append(response["Location"])
        for found in [*LINK.findall(text), *LOC.findall(text)]:
            absolute = urljoin("http://testserver" + path, found.replace("&amp;", "&"))
            if urlsplit(absolute).netloc == "testserver":
                queue.append(absolute)
    return seen


@pytest.fixture
def embargoed(django_capture_on_commit_callbacks):
    """A story embargoed for two hours and scheduled for the moment it lifts, on every kind of list."""
    section = make_section("Business", slug="business")
    author = make_author("Nell Okafor")
    tag = make_tag("Results")
    make_article("An ordinary public story", section=section, bylines=[author], tags=[tag])
    lifts = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(
            f"Harbour results {CANARY}",
            section=section,
            bylines=[author],
            tags=[tag],
            publish=False,
            dek=f"Standfirst {CANARY}",
            body=f"<p>Body {CANARY} words.</p>",
            lead_image=make_image(alt_text=f"Picture {CANARY}"),
        )
        services.update_article(story, by=None, embargo_until=lifts)
        services.publish_article(story, by=None, at=lifts)
    return story, lifts


def test_an_embargoed_story_leaks_nowhere_then_appears_everywhere_when_it_lifts(client, embargoed, time_machine):
    story, lifts = embargoed
    link = services.create_preview_link(story, by=None, hours=48)
    preview = preview_url(link)
    extra = [
        story.get_absolute_url(),
        preview,
        f"/search/?q={CANARY}",
        "/feeds/atom.xml",
        "/feeds/feed.json",
        "/corrections/",
        "/api/v1/articles/",
        f"/api/v1/articles/?q={CANARY}",
        f"/api/v1/articles/{story.pk}/",
        f"/api/v1/articles/{story.pk}/comments/",
    ]
    before = crawl(client, extra=extra)
    assert len(before) > 15, sorted(before)
    # The search page repeats the words searched for: count only what goes beyond that echo.
    echo = client.get("/search/?q=Zqnothingx").text.count("Zqnothingx")
    before[f"/search/?q={CANARY}"] = before[f"/search/?q={CANARY}"].replace(CANARY, "", echo)
    before[f"/api/v1/articles/?q={CANARY}"] = before[f"/api/v1/articles/?q={CANARY}"].replace(f"q={CANARY}", "")
    leaks = [url for url, text in before.items() if CANARY in text]
    assert leaks == []
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(preview).status_code == 403

    time_machine.move_to(lifts + timedelta(seconds=1), tick=False)
    after = crawl(client, extra=extra)
    after[f"/search/?q={CANARY}"] = after[f"/search/?q={CANARY}"].replace(CANARY, "", echo)
    after[f"/api/v1/articles/?q={CANARY}"] = after[f"/api/v1/articles/?q={CANARY}"].replace(f"q={CANARY}", "")
    showing = {url for url, text in after.items() if CANARY in text}
    expected = {
        "/",
        "/business/",
        story.get_absolute_url(),
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/feed.json",
        f"/search/?q={CANARY}",
        "/news-sitemap.xml",
        preview,
        "/api/v1/articles/",
        f"/api/v1/articles/?q={CANARY}",
        f"/api/v1/articles/{story.pk}/",
    }
    assert expected <= showing, expected - showing
    assert any(url.startswith("/authors/") for url in showing) and any(url.startswith("/tags/") for url in showing)


def test_nobody_can_publish_before_the_embargo(embargoed, editor):
    story, lifts = embargoed
    story.refresh_from_db()
    services.unschedule_article(story, by=editor)
    with pytest.raises(Exception, match="embargoed until"):
        services.publish_article(story, by=editor)
    with pytest.raises(Exception, match="embargoed until"):
        services.publish_article(story, by=editor, at=lifts - timedelta(minutes=1))
    assert not Article.objects.get(pk=story.pk).is_public
    services.publish_article(story, by=editor, at=lifts)
    assert Article.objects.get(pk=story.pk).status == Status.SCHEDULED


def test_a_scheduled_story_goes_public_on_time_with_no_process_running(client, time_machine):
    section = make_section("World", slug="world")
    at = timezone.now().replace(microsecond=0) + timedelta(minutes=2)
    story = make_article(f"Scheduled {CANARY}", section=section, publish=False)
    services.publish_article(story, by=None, at=at)
    time_machine.move_to(at - timedelta(seconds=1), tick=False)
    assert client.get(story.get_absolute_url()).status_code == 404
    assert CANARY not in client.get("/world/").text
    time_machine.move_to(at, tick=False)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert CANARY in client.get("/world/").text
    assert CANARY in client.get("/feeds/rss.xml").text


def test_a_withdrawn_story_answers_410_gone_without_its_content(client):
    story = make_article(f"Withdrawn {CANARY}")
    services.withdraw_article(story, by=None, note="Legal advice.")
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in response.text and CANARY not in response.text
    assert CANARY not in client.get("/").text


def test_corrections_show_on_the_story_and_newest_first_on_the_corrections_page(client, time_machine):
    first = make_article("Ferry fares story")
    second = make_article("Library hours story")
    before = Article.objects.get(pk=first.pk).updated_at
    services.add_correction(first, by=None, kind="correction", text="The fare is £4, not £5.")
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    services.add_correction(second, by=None, kind="clarification", text="Opening hours apply from March.")
    page = client.get(first.get_absolute_url()).text
    assert "The fare is £4, not £5." in page and "Corrections and updates" in page
    assert Article.objects.get(pk=first.pk).updated_at > before
    assert '"dateModified"' in page and "Updated" in page
    listing = client.get("/corrections/").text
    assert listing.index("Opening hours apply") < listing.index("The fare is £4")
    assert second.get_absolute_url() in listing and first.get_absolute_url() in listing
    services.withdraw_article(second, by=None)
    assert "Opening hours apply" not in client.get("/corrections/").text


def test_a_correction_needs_a_published_story_and_an_editor(db):
    draft = make_article(publish=False)
    with pytest.raises(Exception, match="published"):
        services.add_correction(draft, by=None, kind="correction", text="x")
    from django.contrib.auth.models import Group, User

    reporter = User.objects.create_user("corrector", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Contributors"))
    with pytest.raises(Exception, match="Only editors"):
        services.add_correction(make_article(), by=User.objects.get(pk=reporter.pk), kind="correction", text="x")


def test_a_preview_link_renders_the_working_copy_uncached_noindex_until_revoked(client, editor, time_machine):
    story = make_article("Live headline", body="<p>Live words.</p>")
    services.update_article(story, by=editor, headline="Better headline", body="<p>Working words.</p>")
    link = services.create_preview_link(story, by=editor, hours=1)
    response = client.get(preview_url(link))
    assert response.status_code == 200
    assert "Better headline" in response.text and "Working words." in response.text
    assert "no-store" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in response.text
    assert "Live headline" in client.get(story.get_absolute_url()).text  # the public page is unchanged
    assert client.get(preview_url(link)[:-3] + "xx/").status_code == 404  # a forged token
    services.revoke_preview_link(link, by=editor)
    assert client.get(preview_url(link)).status_code == 410
    other = services.create_preview_link(story, by=editor, hours=1)
    time_machine.move_to(timezone.now() + timedelta(hours=1, seconds=1))
    gone = client.get(preview_url(other))
    assert gone.status_code == 410 and "expired" in gone.text and "Better headline" not in gone.text


def test_curated_fronts_lead_in_order_and_never_repeat_a_story(client, editor):
    news = make_section("News", slug="news")
    stories = [make_article(f"News story {i}", section=news) for i in range(8)]
    chosen = [stories[2], stories[6], stories[0]]
    for position, story in enumerate(chosen):
        services.place_on_front(FrontPageItem(section=None, article=story, position=position), by=editor)
    services.place_on_front(FrontPageItem(section=news, article=stories[4], position=0), by=editor)
    response = client.get("/")
    front = response.context["front"]
    assert front.lead == [stories[2]] and front.top == [stories[6], stories[0]]  # the editors' order
    shown = [a.pk for a in [*front.lead, *front.top, *(a for block in front.blocks for a in block.articles)]]
    assert len(shown) == len(set(shown)), "a story appears twice on the home page"
    assert set(shown) > {s.pk for s in chosen}  # the rest falls back to the newest stories
    html = response.text
    assert html.index(urls_of(chosen)[0]) < html.index("Top stories") < html.index(urls_of(chosen)[1])
    section = client.get("/news/")
    top = section.context["top"]
    listed = [a.pk for a in section.context["page"].object_list]
    assert top == [stories[4]] and stories[4].pk not in listed
    assert len(listed) == len(set(listed)) == len(stories) - 1


def urls_of(stories):
    return [story.get_absolute_url() for story in stories]


def test_a_withdrawn_or_embargoed_story_stays_off_a_front_it_was_placed_on(client, editor):
    story = make_article(f"Placed {CANARY}")
    services.place_on_front(FrontPageItem(article=story, position=0), by=editor)
    services.withdraw_article(story, by=editor)
    assert CANARY not in client.get("/").text


def test_a_contributor_cannot_curate(db):
    from django.contrib.auth.models import Group, User

    reporter = User.objects.create_user("rep", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Contributors"))
    with pytest.raises(Exception, match="Only editors"):
        services.place_on_front(FrontPageItem(article=make_article(), position=0), by=User.objects.get(pk=reporter.pk))


def test_the_breaking_news_banner_shows_site_wide_and_expires_by_itself(client, editor, time_machine):
    story = make_article("Storm warning story")
    now = timezone.now()
    banner = BreakingNews(
        text="Storm warning for the coast tonight", url=story.get_absolute_url(), expires_at=now + timedelta(minutes=30)
    )
    services.save_breaking_news(banner, by=editor)
    for url in ("/", story.get_absolute_url(), reverse("reader:search")):
        assert "Storm warning for the coast tonight" in client.get(url).text, url
    time_machine.move_to(now + timedelta(minutes=31), tick=False)
    assert "Storm warning for the coast tonight" not in client.get("/").text


def test_a_banner_link_must_be_a_site_address_or_http(editor):
    banner = BreakingNews(text="x", url="javascript:alert(1)", expires_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(Exception, match="http"):
        services.save_breaking_news(banner, by=editor)
