"""Whole-page caching for anonymous readers: hits, revalidation, precise purges, no stampede, no leaks."""

import multiprocessing
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from broadsheet.comments.models import CommentStatus
from broadsheet.comments.services import moderate_comment
from broadsheet.comments.tests.factories import make_comment
from broadsheet.content import services
from broadsheet.content.models import CommentsMode, SiteSettings
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.core.surrogates import set_keys
from broadsheet.reader.middleware import PageCacheMiddleware

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def news():
    return make_section("News", slug="news")


@pytest.fixture
def sport():
    return make_section("Sport", slug="sport")


def _state(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Cache")


def test_the_second_anonymous_request_is_served_from_the_cache_without_queries(client, news, django_assert_num_queries):
    story = make_article("Cached story", section=news)
    first = client.get(story.get_absolute_url())
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert f"article:{story.pk}" in second["Surrogate-Key"].split()
    assert second["Surrogate-Key"] == second["xkey"]


def test_cdn_headers_and_revalidation(client, news):
    story = make_article("Story", section=news)
    response = client.get(story.get_absolute_url())
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=300" in control and "stale-while-revalidate=60" in control
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert not again.content


def test_signed_in_staff_get_fresh_private_pages(client, news, editor):
    story = make_article("Story", section=news)
    client.get(story.get_absolute_url())  # cached for anonymous readers
    client.force_login(editor)
    response = client.get(story.get_absolute_url())
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_publishing_purges_exactly_the_pages_the_story_appears_on(client, news, sport, editor):
    other = make_article("Sport story", section=sport)
    older = make_article("Older news", section=news)
    urls = ["/", "/news/", "/sport/", other.get_absolute_url(), older.get_absolute_url()]
    for url in urls:
        client.get(url)
    assert all(_state(client, url)[1] == "HIT" for url in urls)
    fresh = make_article("Breaking news", section=news, publish=False, by=editor)
    services.publish_article(fresh, by=editor)
    assert _state(client, "/")[1] == "MISS"
    assert _state(client, "/news/")[1] == "MISS"
    assert _state(client, older.get_absolute_url())[1] == "MISS"  # its "More from News" changed
    assert _state(client, "/sport/")[1] == "HIT"
    assert _state(client, other.get_absolute_url())[1] == "HIT"
    assert "Breaking news" in client.get("/").content.decode()


def test_an_approved_comment_purges_its_story_and_teasers_not_others(client, news, sport, editor):
    story = make_article("Talked about", section=news, comments_mode=CommentsMode.PREMODERATED)
    elsewhere = make_article("Quiet story", section=sport)
    for url in (story.get_absolute_url(), elsewhere.get_absolute_url(), "/news/", "/sport/"):
        client.get(url)
    comment = make_comment(story, body="Held, then approved")
    assert _state(client, story.get_absolute_url())[1] == "HIT"  # pending: nothing visible changed
    moderate_comment(comment, CommentStatus.APPROVED, by=editor)
    page = client.get(story.get_absolute_url())
    assert page["X-Cache"] == "MISS" and "Held, then approved" in page.content.decode()
    assert _state(client, "/news/")[1] == "MISS"  # the teaser shows the comment count
    assert _state(client, elsewhere.get_absolute_url())[1] == "HIT"
    assert _state(client, "/sport/")[1] == "HIT"


def test_site_settings_purge_every_page(client, news):
    story = make_article("Story", section=news)
    for url in ("/", story.get_absolute_url()):
        client.get(url)
    services.save_site_settings(SiteSettings(publication_name="The Evening Ledger"), by=None)
    for url in ("/", story.get_absolute_url()):
        response = client.get(url)
        assert response["X-Cache"] == "MISS"
        assert "The Evening Ledger" in response.content.decode()


def test_a_scheduled_story_appears_on_time_despite_the_cache(client, news, time_machine):
    make_article("Already out", section=news)
    make_article("Due in ten minutes", section=news, published_at=timezone.now() + timedelta(minutes=10))
    assert "Due in ten minutes" not in client.get("/").content.decode()
    assert _state(client, "/")[1] == "HIT"
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert "Due in ten minutes" in response.content.decode()


def test_an_embargo_lifting_bounds_every_cache_including_the_cdn(client, news, time_machine):
    """A story embargoed for 40 s: the app's cache, nginx and a CDN may keep the home page only that long."""
    time_machine.move_to(timezone.now(), tick=False)
    make_article("Already out", section=news)
    story = make_article("Embargoed results", section=news, publish=False)
    lifts = timezone.now() + timedelta(seconds=40)
    services.update_article(story, by=None, embargo_until=lifts)
    services.publish_article(story, by=None, at=lifts)
    first = client.get("/")
    assert "Embargoed results" not in first.content.decode()
    control = first["Cache-Control"]
    assert "s-maxage=40" in control and "max-age=40" in control and "stale-while-revalidate" not in control
    time_machine.move_to(lifts)
    after = client.get("/")
    assert after["X-Cache"] == "MISS" and "Embargoed results" in after.content.decode()
    assert "stale-while-revalidate=60" in after["Cache-Control"]  # nothing due: the usual lifetimes


def test_the_date_in_the_top_bar_changes_at_local_midnight(client, news, time_machine):
    services.save_site_settings(SiteSettings(time_zone="Europe/London"), by=None)
    make_article("Story", section=news, published_at=datetime(2026, 2, 4, 12, tzinfo=UTC))
    time_machine.move_to(datetime(2026, 2, 4, 23, 59, 30, tzinfo=UTC), tick=False)
    assert "Wednesday, 04 February 2026" in client.get("/").content.decode()
    time_machine.move_to(datetime(2026, 2, 5, 0, 0, 5, tzinfo=UTC), tick=False)
    assert "Thursday, 05 February 2026" in client.get("/").content.decode()


def test_pages_with_unknown_query_strings_or_cookies_are_not_cached(client, news):
    make_article("Story", section=news)
    assert _state(client, "/?utm_source=x")[1] is None
    assert _state(client, "/news/?page=1")[1] == "MISS"


def test_responses_that_set_cookies_are_never_stored(client, news):
    story = make_article("Story", section=news)
    reply_form = f"/comments/{story.pk}/reply/999/"
    client.get(reply_form)
    assert client.get("/comments/token/").get("X-Cache") is None


def test_one_render_per_key_under_a_stampede(settings):
    """Twelve readers ask for a page that is not cached: one renders, the others wait for it."""
    renders = []

    def slow_view(request):
        renders.append(1)
        time.sleep(0.3)
        return set_keys(HttpResponse(b"<p>page</p>"), ["home"])

    middleware = PageCacheMiddleware(slow_view)
    factory = RequestFactory()
    results = []

    def reader():
        results.append(middleware(factory.get("/stampede/"))["X-Cache"])

    threads = [threading.Thread(target=reader) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 1
    assert results.count("MISS") == 1 and results.count("HIT") == 11


def test_a_purged_hot_page_is_rerendered_once_while_readers_get_the_stale_copy():
    renders = []

    def slow_view(request):
        renders.append(1)
        time.sleep(0.3)
        return set_keys(HttpResponse(f"<p>version {len(renders)}</p>".encode()), ["home"])

    middleware = PageCacheMiddleware(slow_view)
    factory = RequestFactory()
    middleware(factory.get("/hot/"))
    from broadsheet.core.pagecache import page_cache

    page_cache.purge(["home"])
    results = []

    def reader():
        response = middleware(factory.get("/hot/"))
        results.append((response["X-Cache"], response.content))

    threads = [threading.Thread(target=reader) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 2  # the first fill, then exactly one re-render after the purge
    assert [state for state, _ in results].count("MISS") == 1
    stale = [content for state, content in results if state == "STALE"]
    assert stale and all(content == b"<p>version 1</p>" for content in stale)


def test_a_purge_while_a_page_renders_is_not_lost():
    """The page may have read the data before the change: it must not be stored as fresh."""
    from broadsheet.core.pagecache import page_cache

    renders = []

    def view(request):
        renders.append(1)
        if len(renders) == 2:
            page_cache.purge(["home"])  # a story changes while this render is under way
        return set_keys(HttpResponse(f"<p>version {len(renders)}</p>".encode()), ["home"])

    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/busy/"))
    page_cache.purge(["home"])
    assert middleware(factory.get("/busy/"))["X-Cache"] == "MISS"  # version 2, purged mid-render
    third = middleware(factory.get("/busy/"))
    assert (third["X-Cache"], third.content) == ("MISS", b"<p>version 3</p>")
    assert middleware(factory.get("/busy/"))["X-Cache"] == "HIT"


def test_a_dead_cache_degrades_to_rendering_never_to_errors(client, news, settings):
    story = make_article("Story", section=news)
    dead = {
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1: Redis is down
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = {
        "default": {"BACKEND": "broadsheet.core.cache_backends.ResilientRedisCache", **dead},
        "pages": {"BACKEND": "broadsheet.core.cache_backends.StrictRedisCache", **dead},
        "shared": {"BACKEND": "broadsheet.core.cache_backends.StrictRedisCache", **dead},
    }
    caches._settings = None
    try:
        for url in ("/", "/news/", story.get_absolute_url(), "/feeds/rss.xml"):
            started = time.monotonic()
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Cache") in ("BYPASS", None)
            assert time.monotonic() - started < 5
    finally:
        del caches._settings


def _in_another_process(target, *args):
    """Run `target` in a forked process, as another gunicorn worker would."""
    process = multiprocessing.get_context("fork").Process(target=target, args=args)
    process.start()
    process.join(timeout=30)
    assert process.exitcode == 0


def test_a_purge_in_one_worker_process_reaches_every_other_worker():
    from broadsheet.core.pagecache import Entry, page_cache

    now = time.time()
    page_cache.set("shared-page", Entry(200, [("ETag", '"x"')], b"x", now, now + 300, page_cache.generations(["home"])))
    assert page_cache.get("shared-page")[1]
    _in_another_process(page_cache.purge, ["home"])
    entry, fresh = page_cache.get("shared-page")
    assert entry is not None and not fresh


def test_a_render_lock_taken_by_one_worker_process_holds_for_the_others():
    from broadsheet.core.pagecache import page_cache

    _in_another_process(page_cache.lock, "locked-page")
    assert page_cache.lock("locked-page") is False
    page_cache.unlock("locked-page")
    assert page_cache.lock("locked-page") is True


def test_newsroom_work_on_a_draft_purges_nothing_readers_see(client, news, editor):
    make_article("Live story", section=news)
    draft = make_article("Work in progress", section=news, publish=False)
    for url in ("/", "/news/", "/feeds/rss.xml"):
        client.get(url)
    services.update_article(draft, by=editor, headline="Still in progress", body="<p>More words.</p>")
    assert [_state(client, url)[1] for url in ("/", "/news/", "/feeds/rss.xml")] == ["HIT", "HIT", "HIT"]


def test_withdrawing_a_story_takes_it_out_of_cached_lists_and_feeds(client, news, editor):
    story = make_article("Soon withdrawn", section=news)
    for url in ("/", "/news/", "/feeds/rss.xml", "/sitemap-articles.xml"):
        client.get(url)
    services.withdraw_article(story, by=editor)
    for url in ("/", "/news/", "/feeds/rss.xml", "/sitemap-articles.xml"):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert "Soon withdrawn" not in response.content.decode() and "soon-withdrawn" not in response.content.decode()


def test_a_decision_readers_cannot_see_purges_nothing(client, news, editor):
    story = make_article("Quietly moderated", section=news, comments_mode=CommentsMode.PREMODERATED)
    client.get(story.get_absolute_url())
    pending = make_comment(story, body="Never shown")
    moderate_comment(pending, CommentStatus.REJECTED, by=editor)
    assert _state(client, story.get_absolute_url())[1] == "HIT"
