"""Every route of the URL resolver, on the demo paper: state-changing requests without a valid CSRF token
are refused, no GET changes a row (crawled as an administrator), and no newsroom page carries script the
CSP would refuse."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from broadsheet.accounts import services as two_factor
from broadsheet.comments.models import Comment
from broadsheet.content.models import Article, Author, Section, Tag
from broadsheet.content.selectors import public_articles
from broadsheet.media.models import Image

# Routes that take a POST without Django's CSRF check, and what protects them instead.
CSRF_EXEMPT = {
    "reader:ad_seen": "an impression beacon from cached pages: a signed unit token, a page-view id, Sec-Fetch-Site",
    "reader:comment_post": "checks Django's CSRF token by hand; without it the reader gets a confirm page, no comment",
    **dict.fromkeys(
        [
            "api:docs",
            "api:openapi",
            "api:articles",
            "api:article",
            "api:comments",
            "api:sections",
            "api:tags",
            "api:authors",
        ],
        "read-only JSON: every other method answers 405 (exempt so the 405, not a CSRF page, says so); nothing writes",
    ),
    **dict.fromkeys(
        ["api:drafts", "api:images", "api:publish"],
        "the write API authenticates a Bearer token, never a cookie: a forged cross-site request carries no token",
    ),
}
# Without a token the exempt API routes must still refuse: 405 for reads, 401/403 for writes.
API_REFUSALS = {401, 403, 405}
# GET routes that write on purpose, and why.
GET_WRITES = {
    "reader:ad_click": "counts a click on a house ad (one AdStat counter), then redirects; no content changes",
}


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, URLPattern, str]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), pattern, f"{namespace}{pattern.name}" if pattern.name else ""


def _admin_model(route: str):
    match = re.match(r"newsroom/(\w+)/(\w+)/", route)
    if not match:
        return None
    try:
        return apps.get_model(match.group(1), match.group(2))
    except LookupError:
        return None


def _values(route: str) -> dict[str, str]:
    story = public_articles().first()
    model = _admin_model(route)
    instance = model._default_manager.order_by("pk").first() if model else None
    comment = Comment.objects.filter(article=story).order_by("pk").first() or Comment.objects.order_by("pk").first()
    return {
        "object_id": str(instance.pk) if instance else "1",
        "id": str(User.objects.order_by("pk").first().pk),
        "content_type_id": str(ContentType.objects.get_for_model(Article).pk),
        "uidb64": "MQ",
        "token": "c0ffee-" + "a" * 20,
        "article_id": str(story.pk),
        "comment_id": str(comment.pk),
        "unit_id": "1",
        "section": story.section.slug,
        "slug": Tag.objects.first().slug if route.startswith("tags/") else story.slug,
        "year": str(story.published_at.year),
        "month": str(story.published_at.month),
        "day": str(story.published_at.day),
        "path": Image.objects.first().file.name,
        "app_label": "content",
        "fmt": "rss.xml",
        "kind": "sections",
    }


def _concrete(route: str) -> str | None:
    """Fill a route's parameters with values that exist in the demo; None for catch-alls."""
    if route.endswith("(?P<url>.*)$"):
        return None
    values = _values(route)
    if route.startswith("authors/"):
        values["slug"] = Author.objects.first().slug
    if "(?P<kind>" in route:
        values["slug"] = Section.objects.first().slug
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], route)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "1"), url)
    url = url.replace("^", "").replace("$", "").replace("\\", "")
    if url.startswith("sitemap-"):
        url = "sitemap-articles.xml" if "<section>" in route else url
    return "/" + url


def routes() -> list[tuple[str, str, str]]:
    """(route, name, concrete URL) for every route; the URL must resolve to that route's view."""
    found, unresolved = [], []
    for route, pattern, name in _walk(get_resolver()):
        url = _concrete(route)
        if url is None:
            continue
        try:
            match = resolve(url.split("?")[0])
        except Resolver404:
            unresolved.append((route, url))
            continue
        same_view = match.func is pattern.callback or getattr(match.func, "__wrapped__", None) is pattern.callback
        if not same_view and match.url_name != pattern.name:
            unresolved.append((route, url))
            continue
        found.append((route, name, url))
    assert not unresolved, f"routes the test could not fill in: {unresolved}"
    return found


@pytest.fixture
def loaded(_demo_once, db):
    admin = User.objects.filter(is_superuser=True).first()
    two_factor.start_two_factor(admin)  # so the two-factor page has something to show
    return admin


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model is not Session  # a signed-in session's own row is refreshed by design
    }


def test_every_route_was_enumerated(loaded):
    names = {name for _, name, _ in routes()}
    assert len(names) >= 90
    for expected in ["reader:comment_post", "reader:comment_report", "newsroom:content_article_change",
                     "newsroom:two_factor", "admin_password_reset", "newsroom:logout"]:  # fmt: skip
        assert expected in names


def _foreign_token_client(user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.cookies["csrftoken"] = _mask_cipher_secret(_get_new_csrf_string())
    return client


@pytest.mark.parametrize("token", ["missing", "foreign"])
def test_no_state_changing_request_passes_without_the_visitors_own_csrf_token(loaded, token):
    client = Client(enforce_csrf_checks=True)
    client.force_login(loaded)
    if token == "foreign":
        client = _foreign_token_client(loaded)
    started = Client().get("/comments/token/").json()
    refused, changed = [], []
    for route, name, url in routes():
        payload = {
            "name": "Reader", "email": "reader@readers.example", "body": "A comment sent without a token.",
            "started": started["started"], "key": secrets.token_hex(16), "reason": "spam",
            "headline": "Forged", "slug": "forged", "_save": "Save", "action": "start",
        }  # fmt: skip
        if token == "foreign":
            payload["csrfmiddlewaretoken"] = _mask_cipher_secret(_get_new_csrf_string())
        before = _counts()
        for method in ("post", "delete"):
            response = getattr(client, method)(url, payload if method == "post" else None)
            if name and name.startswith("api:"):  # exempt from CSRF, but it must still refuse
                if response.status_code not in API_REFUSALS:
                    refused.append((method, name, response.status_code))
                continue
            if name in CSRF_EXEMPT:
                continue
            if response.status_code != 403 or b"CSRF" not in response.content:
                refused.append((method, name or route, response.status_code))
        if _counts() != before:
            changed.append((name or route, {k: (before[k], v) for k, v in _counts().items() if before[k] != v}))
    assert refused == [], refused
    assert changed == [], changed


def test_the_exempt_beacon_refuses_other_sites_and_unsigned_reports(loaded):
    client = Client(enforce_csrf_checks=True)
    assert (
        client.post("/ads/seen/", {"token": "x", "view": "a" * 32}, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    )
    assert client.post("/ads/seen/", {"token": "forged", "view": "a" * 32}).status_code == 400


def test_no_get_changes_a_row_crawled_as_an_administrator(loaded, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = Client()
    client.force_login(loaded)
    changed, errors = [], []
    visited = 0
    for route, name, url in routes():
        if name in GET_WRITES or name == "newsroom:logout":
            continue
        before = _counts()
        response = client.get(url)
        visited += 1
        if response.status_code >= 500:
            errors.append((name or route, response.status_code))
        after = _counts()
        if after != before:
            changed.append((name or route, {k: (before[k], v) for k, v in after.items() if before[k] != v}))
    assert visited >= 90
    assert errors == [] and changed == [], (errors, changed)


def test_newsroom_pages_carry_no_script_the_policy_would_refuse(loaded):
    client = Client()
    client.force_login(loaded)
    offenders = []
    for route, name, url in routes():
        if not route.startswith("newsroom/") or name == "newsroom:logout":
            continue
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        html = response.content.decode()
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        handlers = re.findall(r"<[^>]+\son[a-z]+\s*=", html)
        scripts = [
            attrs for attrs in re.findall(r"<script\b([^>]*)>", html)
            if "src=" not in attrs and "importmap" not in attrs and "application/json" not in attrs
            and f'nonce="{nonce}"' not in attrs
        ]  # fmt: skip
        if handlers or scripts or "javascript:" in html:
            offenders.append((name, handlers[:2], scripts[:2]))
    assert offenders == []


def test_no_public_route_writes_except_the_known_idempotent_ones(loaded):
    from broadsheet.reader.tests.test_public_writes import PUBLIC_WRITES

    client = Client()  # no CSRF enforcement: this looks for writes a valid token would allow
    payload = {"name": "Reader", "email": "reader@readers.example", "body": "Hello", "reason": "spam", "q": "x"}
    changed = []
    for route, name, url in routes():
        if route.startswith("newsroom/") or name in PUBLIC_WRITES:
            continue
        before = _counts()
        client.post(url, payload)
        if _counts() != before:
            changed.append(name or route)
    assert changed == []
