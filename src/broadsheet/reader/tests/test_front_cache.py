"""`broadsheet serve`'s nginx front against the live app: cache hits without Python, exact purges, no leaks."""

import http.client
from urllib.parse import urlsplit

import pytest

from broadsheet.cli import front
from broadsheet.content import services
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.core import frontcache

NGINX = front.find_nginx()

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(NGINX is None, reason="nginx not found: apt-get install nginx-light to run this test"),
]


@pytest.fixture
def nginx_front(live_server, settings, tmp_path):
    settings.FRONT_CACHE_DIR = tmp_path / "front"
    port = front.free_port()
    conf = front.prepare(
        listen=f"127.0.0.1:{port}",
        app_port=int(live_server.url.rsplit(":", 1)[1]),
        session_cookie=settings.SESSION_COOKIE_NAME,
        workers=1,
    )
    assert NGINX is not None
    process = front.start(NGINX, conf)
    try:
        front.wait_listening(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        front.stop(process)


def _get(url, **headers):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path or "/", headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        connection.close()


def test_a_cached_page_is_answered_by_nginx_and_purged_exactly(nginx_front, editor):
    news, sport = make_section("News", slug="news"), make_section("Sport", slug="sport")
    story = make_article("Story in the news", section=news)
    other = make_article("Story in sport", section=sport)
    urls = ["/", "/news/", "/sport/", story.get_absolute_url(), other.get_absolute_url()]
    first = {url: _get(nginx_front + url) for url in urls}
    assert {headers["x-front-cache"] for _, headers, _ in first.values()} == {"MISS"}
    again = {url: _get(nginx_front + url) for url in urls}
    assert {headers["x-front-cache"] for _, headers, _ in again.values()} == {"HIT"}
    assert all(headers["x-cache"] == "HIT" for _, headers, _ in again.values())
    assert all(frontcache.EXPIRES_HEADER.lower() not in headers for _, headers, _ in again.values())
    assert again["/"][2] == first["/"][2]  # the same bytes the app sent

    services.update_article(story, by=editor, publish_changes=True, headline="A corrected headline")  # purges
    status, headers, html = _get(nginx_front + story.get_absolute_url())
    assert (status, headers["x-front-cache"]) == (200, "MISS") and "A corrected headline" in html
    assert "A corrected headline" in _get(nginx_front + "/news/")[2]
    assert "A corrected headline" in _get(nginx_front + "/")[2]
    assert _get(nginx_front + "/sport/")[1]["x-front-cache"] == "HIT"
    assert _get(nginx_front + other.get_absolute_url())[1]["x-front-cache"] == "HIT"


def test_revalidation_is_answered_with_304_from_the_front(nginx_front):
    story = make_article("Story", section=make_section("News", slug="news"))
    _, headers, _ = _get(nginx_front + story.get_absolute_url())
    status, headers, body = _get(nginx_front + story.get_absolute_url(), **{"If-None-Match": headers["etag"]})
    assert (status, headers["x-front-cache"], body) == (304, "HIT", "")


def test_a_signed_in_reader_always_reaches_the_app_and_is_never_stored(nginx_front, client, editor):
    story = make_article("Story", section=make_section("News", slug="news"))
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    for _ in range(2):
        _, headers, _ = _get(nginx_front + story.get_absolute_url(), Cookie=f"sessionid={session}")
        assert headers["x-front-cache"] == "BYPASS" and "private" in headers["cache-control"]
    _, headers, _ = _get(nginx_front + story.get_absolute_url())
    assert headers["x-front-cache"] == "MISS"  # nothing the signed-in reader got was kept


def test_responses_without_surrogate_keys_or_with_cookies_are_not_kept(nginx_front):
    for _ in range(2):
        _, headers, _ = _get(nginx_front + "/comments/token/")
        assert headers["x-front-cache"] == "MISS"
    for _ in range(2):
        _, headers, _ = _get(nginx_front + "/newsroom/login/")
        assert headers["x-front-cache"] == "MISS"


def test_a_purge_deletes_the_file_nginx_keeps_for_each_page_carrying_the_key(settings, tmp_path):
    settings.FRONT_CACHE_DIR = tmp_path
    frontcache.remember("httpexample.test/a/", ["article:1", "site"])
    frontcache.remember("httpexample.test/b/", ["article:2", "site"])
    files = {}
    for key in ("httpexample.test/a/", "httpexample.test/b/"):
        files[key] = frontcache.cached_file(frontcache.file_name(key))
        files[key].parent.mkdir(parents=True, exist_ok=True)
        files[key].write_text("cached")
    assert frontcache.purge(["article:1"]) == 1
    assert not files["httpexample.test/a/"].exists() and files["httpexample.test/b/"].exists()
    assert frontcache.purge(["site"]) == 2
    assert not files["httpexample.test/b/"].exists()
