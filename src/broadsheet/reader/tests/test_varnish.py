"""The Varnish purger against a real Varnish (xkey), started by the test: purges are exact."""

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from broadsheet.cli import front
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

VCL = """vcl 4.1;
import xkey;
backend default {{ .host = "127.0.0.1"; .port = "{port}"; }}
sub vcl_recv {{
  if (req.method == "PURGE") {{
    if (req.http.xkey-purge) {{
      set req.http.n-gone = xkey.purge(req.http.xkey-purge);
      return (synth(200, "Purged " + req.http.n-gone));
    }}
    return (synth(400, "No keys"));
  }}
  unset req.http.Cookie;
}}
sub vcl_deliver {{
  if (obj.hits > 0) {{ set resp.http.X-Front-Cache = "HIT"; }} else {{ set resp.http.X-Front-Cache = "MISS"; }}
}}
"""


@pytest.fixture
def varnish(live_server, tmp_path):
    backend_port = live_server.url.rsplit(":", 1)[1]
    port = front.free_port()
    vcl = tmp_path / "broadsheet.vcl"
    vcl.write_text(VCL.format(port=backend_port))
    process = subprocess.Popen(  # noqa: S603 - our own fixed command line
        [VARNISHD, "-F", "-j", "none", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", str(tmp_path / "work"),
         "-s", "malloc,32m", "-p", "default_ttl=300"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        front.wait_listening(port)
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
