"""The Varnish purger against a real Varnish (xkey), started by the test: purges are exact."""

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from broadsheet.cli import front
from broadsheet.cli.varnish import DEFAULT_PURGERS, render_vcl
from broadsheet.content import services
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.core.purgers import VarnishPurger

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
XKEY = Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(VARNISHD).exists() or not any(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so")),
        reason="Varnish with the xkey module not found: apt-get install varnish varnish-modules to run this test",
    ),
]


def _start(tmp_path, backend_port, purgers=DEFAULT_PURGERS):
    """Start varnishd with the shipped VCL (`broadsheet vcl`) in front of `backend_port`; return (process, base)."""
    port = front.free_port()
    tmp_path.mkdir(parents=True, exist_ok=True)
    vcl = tmp_path / "broadsheet.vcl"
    vcl.write_text(
        render_vcl(port=int(backend_port), purgers=purgers, session_cookie=django_settings.SESSION_COOKIE_NAME)
    )
    process = subprocess.Popen(  # noqa: S603 - our own fixed command line
        [VARNISHD, "-F", "-j", "none", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", str(tmp_path / "work"),
         "-s", "malloc,32m", "-p", "default_ttl=300"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        front.wait_listening(port)
    except BaseException:
        process.terminate()
        process.wait(timeout=10)
        raise
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture
def varnish(live_server, tmp_path):
    process, base = _start(tmp_path, live_server.url.rsplit(":", 1)[1])
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _front(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local test server
        return response.headers["X-Front-Cache"], response.read().decode()


def test_varnish_purges_exactly_the_pages_carrying_the_keys(varnish, settings, editor):
    settings.BROADSHEET = {**settings.BROADSHEET, "purge_url": varnish + "/"}
    from broadsheet.core.purgers import get_purger

    get_purger.cache_clear()
    news, sport = make_section("News", slug="news"), make_section("Sport", slug="sport")
    story = make_article("Story in the news", section=news)
    other = make_article("Story in sport", section=sport)
    urls = ["/", "/news/", "/sport/", story.get_absolute_url(), other.get_absolute_url()]
    for url in urls:
        _front(varnish + url)
    assert all(_front(varnish + url)[0] == "HIT" for url in urls)

    services.update_article(story, by=editor, publish_changes=True, headline="A corrected headline")  # purges on commit
    state, html = _front(varnish + story.get_absolute_url())
    assert state == "MISS" and "A corrected headline" in html
    assert "A corrected headline" in _front(varnish + "/news/")[1]
    assert "A corrected headline" in _front(varnish + "/")[1]
    assert _front(varnish + "/sport/")[0] == "HIT"
    assert _front(varnish + other.get_absolute_url())[0] == "HIT"
    get_purger.cache_clear()


def test_purges_are_batched_and_rate_limited(varnish):
    purger = VarnishPurger(varnish + "/", batch=10, per_second=50)
    started = time.monotonic()
    purger.purge([f"article:{n}" for n in range(45)])  # 5 requests of at most 10 keys
    assert time.monotonic() - started >= 4 / 50


def _request(url, *, method="GET", headers=None):
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310 - a local test server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_readers_never_see_the_surrogate_keys_and_staff_cookies_pass_through(varnish, settings):
    news = make_section("News", slug="news")
    story = make_article("A story behind Varnish", section=news)
    url = varnish + story.get_absolute_url()
    _request(url)
    status, headers, _html = _request(url)
    assert status == 200 and headers["X-Front-Cache"] == "HIT"
    assert headers["xkey"] is None and headers["Surrogate-Key"] is None and headers["X-Varnish"] is None
    # A reader's stray cookie does not split the cache; a session cookie (staff) is never answered from it.
    assert _request(url, headers={"Cookie": "theme=dark"})[1]["X-Front-Cache"] == "HIT"
    staff = {"Cookie": f"theme=dark; {settings.SESSION_COOKIE_NAME}=not-a-real-session"}
    assert [_request(url, headers=staff)[1]["X-Front-Cache"] for _ in range(2)] == ["MISS", "MISS"]


def test_only_the_allowed_addresses_may_purge(live_server, tmp_path):
    process, base = _start(tmp_path, live_server.url.rsplit(":", 1)[1], purgers=["192.0.2.0/24"])
    try:
        status, _headers, body = _request(base + "/", method="PURGE", headers={"xkey-purge": "site"})
        assert status == 403 and "Not allowed to purge" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
    process, base = _start(tmp_path / "allowed", live_server.url.rsplit(":", 1)[1])
    try:
        assert _request(base + "/", method="PURGE", headers={"xkey-purge": "site"})[0] == 200
        assert _request(base + "/", method="PURGE")[0] == 400  # no keys: nothing purged, said so
    finally:
        process.terminate()
        process.wait(timeout=10)
