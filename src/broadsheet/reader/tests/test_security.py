"""Security headers: the nonce-based CSP (cached pages too), ads' hosts, the newsroom's policy, HTTPS behind a proxy."""

import hashlib
import re
from base64 import b64encode
from pathlib import Path

import pytest
from django.test import override_settings

from broadsheet.ads.tests.factories import make_snippet_unit
from broadsheet.conf.environment import https_settings, read_environment
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.reader.tests.observatory import parse_csp

NONCE = re.compile(r"'nonce-([^']+)'")


def _policy(response) -> dict[str, list[str]]:
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy is not None, response["Content-Security-Policy"]
    return policy


def _inline_script_nonces(html: str) -> list[str | None]:
    """The nonce of every <script> without a src (data blocks such as JSON-LD never run, so they are left out)."""
    nonces = []
    for attrs in re.findall(r"<script\b([^>]*)>", html):
        if "src=" in attrs or "application/ld+json" in attrs:
            continue
        match = re.search(r'nonce="([^"]+)"', attrs)
        nonces.append(match.group(1) if match else None)
    return nonces


@pytest.fixture
def story(db):
    return make_article("A story with a policy", section=make_section("News", slug="news"))


def test_every_inline_script_on_a_reader_page_carries_the_nonce_its_policy_names(client, story):
    response = client.get(story.get_absolute_url())
    script_src = _policy(response)["script-src"]
    nonce = NONCE.search(" ".join(script_src)).group(1)
    scripts = _inline_script_nonces(response.content.decode())
    assert scripts, "the dark-mode head script is inline"
    assert scripts == [nonce] * len(scripts)


def test_a_reader_page_allows_no_inline_script_plugins_base_or_framing(client, story):
    policy = _policy(client.get(story.get_absolute_url()))
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_each_render_gets_a_fresh_nonce(client, story):
    first = NONCE.search(client.get(story.get_absolute_url())["Content-Security-Policy"]).group(1)
    second = NONCE.search(client.get(story.get_absolute_url())["Content-Security-Policy"]).group(1)
    assert first != second and len(first) >= 22


@pytest.mark.django_db(transaction=True)
def test_a_cached_page_is_sent_with_the_policy_it_was_rendered_with(client):
    story = make_article("Cached with its policy", section=make_section("News", slug="news"))
    first = client.get(story.get_absolute_url())
    second = client.get(story.get_absolute_url())
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    for response in (first, second):
        nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
        assert set(_inline_script_nonces(response.content.decode())) == {nonce}
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.django_db(transaction=True)
def test_a_not_modified_answer_carries_no_policy_to_replace_the_stored_one(client):
    # A browser merges a 304's headers into its stored copy: a new nonce there would break the stored page.
    story = make_article("Revalidated", section=make_section("News", slug="news"))
    first = client.get(story.get_absolute_url())
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "Content-Security-Policy" not in again


def test_in_page_ads_extend_the_policy_for_their_declared_hosts_only(client, story):
    make_snippet_unit("Loader", runs_in_page=True, script_hosts=["ads.example.net"])
    make_snippet_unit("Isolated", runs_in_page=False, code="<script src='https://frame.example.org/x.js'></script>")
    policy = _policy(client.get(story.get_absolute_url()))
    assert "https://ads.example.net" in policy["script-src"]
    assert not any("frame.example.org" in source for sources in policy.values() for source in sources)
    assert [s for s in policy["script-src"] if s.startswith("https://")] == ["https://ads.example.net"]


def test_an_in_page_units_own_inline_loader_is_allowed_by_its_hash_and_nothing_else_inline(client, story):
    loader = "\r\nwindow.adQueue = [];\r\n"
    make_snippet_unit("Loader", runs_in_page=True, script_hosts=["ads.example.net"], code=f"<script>{loader}</script>")
    script_src = _policy(client.get(story.get_absolute_url()))["script-src"]
    digest = b64encode(hashlib.sha256(loader.replace("\r\n", "\n").encode()).digest()).decode()
    assert f"'sha256-{digest}'" in script_src
    assert [s for s in script_src if s.startswith("'sha")] == [f"'sha256-{digest}'"]


def test_a_page_without_in_page_ads_names_no_other_host(client, story):
    policy = _policy(client.get(story.get_absolute_url()))
    assert not [source for sources in policy.values() for source in sources if "://" in source]


@pytest.mark.parametrize("path", ["/ads/slots/", "/feeds/rss.xml", "/robots.txt", "/ads.txt", "/no-such-page/x/"])
def test_every_response_carries_the_common_headers(client, story, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = _policy(response)
    assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_the_newsroom_editor_runs_under_its_policy(client, editor):
    client.force_login(editor)
    response = client.get("/newsroom/content/article/add/")
    assert response.status_code == 200
    policy = _policy(response)
    html = response.content.decode()
    importmap = re.search(r'<script type="importmap"[^>]*>(.*?)</script>', html, re.DOTALL)
    assert importmap, "the prose editor's import map is on the page"
    digest = b64encode(hashlib.sha256(importmap.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    # Every other inline script (none today) would need the nonce.
    nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
    others = [n for n in _inline_script_nonces(html.replace(importmap.group(0), "")) if n != nonce]
    assert others == []


def _tls(tmp_path: Path, **extra: str) -> dict:
    env = {"BROADSHEET_SITE_URL": "https://news.example", "BROADSHEET_DATA_DIR": str(tmp_path), **extra}
    return https_settings(read_environment(env, base_dir=tmp_path))


def test_an_https_site_address_turns_on_hsts_secure_cookies_and_the_redirect(tmp_path):
    values = _tls(tmp_path)
    assert values["SECURE_HSTS_SECONDS"] >= 15_552_000
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SECURE_SSL_REDIRECT"]
    assert _tls(tmp_path, BROADSHEET_HTTPS="0") == {}


def test_the_proxy_scheme_is_believed_only_from_a_trusted_proxy(client, story, settings, tmp_path):
    settings.BROADSHEET = {**settings.BROADSHEET, "trusted_proxies": ("10.0.0.0/8",)}
    with override_settings(**_tls(tmp_path)):
        behind_proxy = client.get(story.get_absolute_url(), REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_PROTO="https")
        spoofed = client.get(story.get_absolute_url(), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert behind_proxy.status_code == 200
    assert behind_proxy["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert spoofed.status_code == 301 and spoofed["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in spoofed
