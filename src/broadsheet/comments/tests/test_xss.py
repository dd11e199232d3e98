"""Hostile comments in a real browser: nothing a commenter types runs, on the story or in the newsroom.

Every string in `xss_corpus` goes in as a comment's name, email and body through the real
`post_comment` service (limits raised so all are approved and shown). Emails must pass
validation, so the payload sits in a quoted local part ("<svg onload=…>"@n1.example.test)
where the address rules allow it, or in what survives of it as a dot-atom. Addresses that no
form would accept (raw markup before the @) can still reach the database from an import or an
older version, so a batch of pending rows is also written straight through the ORM, with a
hostile name, email, body and hold reason and no IP address, to exercise the moderation queue.

Headless Chromium then renders every article page, every page of the moderation queue, a
sample of comment change pages, reply pages and no-JavaScript confirmation pages. A canary
replaces alert/confirm/prompt/print and defines `__xss` in every frame; the test asserts it is
never called and that the rendered markup holds no element or attribute a comment could
have smuggled in.
"""

from __future__ import annotations

import itertools
import re
import time

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.test import Client

from broadsheet.comments import effects
from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.services import post_comment
from broadsheet.comments.tests.xss_corpus import CORPUS, Payload
from broadsheet.comments.text import render_comment
from broadsheet.content.selectors import site_settings
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.newsroom.moderation import CommentAdmin

pytestmark = pytest.mark.browser

ARTICLES = 8  # ~120 comments a page: long, but a size a busy story reaches
QUEUE_PAGE_SIZE = 50  # CommentAdmin.list_per_page
ORM_ROWS = 60
CHANGE_PAGES = 50
REPLY_PAGES = 12
CONFIRM_PAGES = 6

CANARY = """
(() => {
  const calls = (window.__xssCalls = []);
  const record = (kind) => function (value) {
    const entry = kind + "(" + String(value) + ") in " + location.href;
    calls.push(entry);
    try { window.__xssReport(entry); } catch (error) { /* a frame without the binding */ }
  };
  window.__xss = record("__xss");
  for (const name of ["alert", "confirm", "prompt", "print"]) window[name] = record(name);
})();
"""

# Some payloads wait for a reader to hover or focus: do it for them, on every element in scope.
PROVOKE = """
(selector) => {
  for (const element of document.querySelectorAll(selector)) {
    for (const type of ["mouseover", "mouseenter", "pointerenter", "focus", "focusin", "animationstart", "auxclick"]) {
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}
"""

FORBIDDEN = (
    "script,iframe,object,embed,svg,math,img,style,form,input,base,meta,link,frame,frameset,"
    "video,audio,source,textarea,button,select,details,template,marquee,isindex,keygen,xmp,plaintext,noscript,table"
)

# Returns the problems found inside the elements matched by `scope`, skipping `allowed` subtrees.
INSPECT = """
([scope, allowed, forbidden, siteLinks]) => {
  const problems = [];
  const elements = [...document.querySelectorAll(scope)].flatMap(root => [root, ...root.querySelectorAll("*")])
    .filter(element => !(allowed && element.closest(allowed)));
  let forbiddenCount = 0;
  for (const element of elements) {
    if (element.matches(forbidden)) {
      forbiddenCount += 1;
      problems.push("forbidden <" + element.localName + "> " + element.outerHTML.slice(0, 120));
    }
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name) || ["style", "srcdoc", "formaction", "xlink:href"].includes(attribute.name)) {
        problems.push("attribute " + attribute.name + " on <" + element.localName + ">");
      }
    }
    if (element.localName === "a") {
      const href = element.getAttribute("href") || "";
      const rel = (element.getAttribute("rel") || "").split(/\\s+/);
      const fromReader = element.closest(".comment__body, .form-page__quote") !== null;
      if (fromReader) {
        if (!/^https?:\\/\\//i.test(href)) {
          problems.push("reader link to " + href);
        }
        for (const word of ["nofollow", "ugc", "noopener"]) {
          if (!rel.includes(word)) problems.push("reader link without rel " + word + ": " + href);
        }
      } else if (!element.matches(siteLinks) || !/^[\\/#]/.test(href)) {
        problems.push("unexpected link " + element.outerHTML.slice(0, 120));
      }
    }
  }
  return {problems, forbiddenCount, inspected: elements.length};
}
"""

THREAD_LINKS = "a.comment__time, a.comment__reply, a.comment__report"
ADMIN_LINKS = "a"  # the queue links to change pages and to stories: all site-relative


def _email_for(payload: Payload) -> str:
    """The most hostile address that still passes validation, unique per payload."""
    domain = f"n{payload.number}.example.test"
    quoted = payload.text.replace("\\", "\\\\").replace('"', '\\"')
    atoms = re.sub(r"[^-!#$%&'*+/=?^_`{}|~0-9A-Za-z.]", "", payload.text).split(".")
    dot_atom = ".".join(atom for atom in atoms if atom)
    for candidate in (f'"{quoted[:200]}"@{domain}', f"{dot_atom[:60]}@{domain}", f"reader@{domain}"):
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        if len(candidate) <= 254:
            return candidate
    raise AssertionError("unreachable: the last candidate is a plain address")


def _name_for(payload: Payload) -> str:
    return " ".join(payload.text.split())[:80] or "x"


def _post_corpus(articles) -> list[Comment]:
    """Post every payload through the real service; some as replies, some as replies to replies."""
    site = site_settings()
    posted: list[Comment] = []
    for index, payload in enumerate(CORPUS):
        article = articles[index % len(articles)]
        reply_to = None
        if (index // len(articles)) % 4 in (1, 2):
            reply_to = posted[-len(articles)]  # the previous comment on the same article
        comment = post_comment(
            article,
            site=site,
            name=_name_for(payload),
            email=_email_for(payload),
            body=payload.text,
            ip="203.0.113.9",
            idempotency_key=f"xss-corpus-{payload.number:08d}",
            in_reply_to=reply_to,
        ).comment
        assert comment.status == CommentStatus.APPROVED, (payload, comment.hold_reason)
        posted.append(comment)
    return posted


def _insert_hostile_queue_rows(articles) -> list[Comment]:
    """Pending rows with addresses no form accepts: as if imported, or stored by an older version.

    NUL bytes are dropped here only because PostgreSQL cannot store them at all (the services strip them).
    """
    rows = [
        Comment(
            article=articles[index % len(articles)],
            author_name=_name_for(payload).replace("\x00", ""),
            author_email=f"{payload.text[:200]}@example.test".replace("\x00", ""),
            body=payload.text.replace("\x00", ""),
            body_html=render_comment(payload.text.replace("\x00", "")),
            status=CommentStatus.PENDING,
            hold_reason=payload.text[:200].replace("\x00", ""),
            ip_address=None,
            idempotency_key=f"xss-orm-{payload.number:08d}",
        )
        for index, payload in enumerate(CORPUS[::15][:ORM_ROWS])
    ]
    return Comment.objects.bulk_create(rows)


@pytest.fixture
def hostile_site(live_server, transactional_db, settings, monkeypatch):
    # Emails after posting are not under test here, and they would double the setup time.
    monkeypatch.setattr(effects, "comment_posted", lambda *args: None)
    monkeypatch.setattr(effects, "comment_approved", lambda *args: None)
    settings.CACHES = {**settings.CACHES, "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.BROADSHEET = {
        "comment_rate_per_ip": 100_000,
        "comment_rate_per_email": 100_000,
        "comment_max_links": 100_000,
        "comments_close_after_days": 0,
        "comment_moderator_alerts": False,
    }
    section = make_section("World", slug="world")
    articles = [make_article(f"Hostile thread number {n}", section=section) for n in range(1, ARTICLES + 1)]
    posted = _post_corpus(articles)
    queued = _insert_hostile_queue_rows(articles)
    quiet = make_article("A story nobody has commented on", section=section)
    moderator = User.objects.create_superuser("moderator", "moderator@example.test", "unused-password")
    client = Client()
    client.force_login(moderator)
    return {
        "articles": articles,
        "quiet_article": quiet,
        "posted": posted,
        "queued": queued,
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }


class Renderer:
    """Visits pages in one browser context, recording canary calls and markup problems."""

    def __init__(self, context) -> None:
        self.executions: list[str] = []
        self.problems: list[str] = []
        self.pages = 0
        self.forbidden = 0
        context.add_init_script(CANARY)
        context.expose_function("__xssReport", lambda entry: self.executions.append(entry))  # reaches every frame
        self.page = context.new_page()
        self.page.on("dialog", lambda dialog: (self.executions.append(f"dialog {dialog.message}"), dialog.dismiss()))

    def visit(self, path: str, *, scope: str, allowed: str = "", links: str = ADMIN_LINKS) -> dict:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        return self.check(path, scope=scope, allowed=allowed, links=links)

    def check(self, where: str, *, scope: str, allowed: str = "", links: str = ADMIN_LINKS) -> dict:
        self.page.evaluate(PROVOKE, scope + ", " + scope + " *")
        self.page.wait_for_timeout(20)  # let handlers queued by the events above run
        result = self.page.evaluate(INSPECT, [scope, allowed, FORBIDDEN, links])
        assert result["inspected"] > 0, f"nothing matched {scope} on {where}"
        self.executions.extend(self.page.evaluate("window.__xssCalls"))
        self.problems.extend(f"{where}: {problem}" for problem in result["problems"])
        self.forbidden += result["forbiddenCount"]
        self.pages += 1
        return result


def test_no_comment_text_runs_or_smuggles_markup_anywhere_it_is_shown(
    browser,
    live_server,
    hostile_site,
    capsys,
    monkeypatch,
):
    started = time.monotonic()
    posted, queued = hostile_site["posted"], hostile_site["queued"]
    assert len(CORPUS) >= 500

    reader = Renderer(browser.new_context(base_url=live_server.url))
    for article in hostile_site["articles"]:
        reader.visit(article.get_absolute_url(), scope="#comments", allowed="#respond", links=THREAD_LINKS)
        shown = reader.page.evaluate(
            "[...document.querySelectorAll('#comments article.comment')]"
            ".map(c => [Number(c.id.split('-')[1]), c.querySelector('.comment__author').textContent])"
        )
        expected = {c.pk: c.author_name for c in posted if c.article_id == article.pk}
        assert dict(shown) == expected, "every comment shows, its name exactly as typed"
    # Open the reply form under every comment of the last story: each name goes into the form's title.
    reader.page.evaluate("document.querySelectorAll('a[data-reply-to]').forEach(a => a.click())")
    reader.check("the last story after Reply", scope="#comments", allowed="#respond", links=THREAD_LINKS)

    phases = {"threads": time.monotonic() - started}
    for comment in posted[:: len(posted) // REPLY_PAGES][:REPLY_PAGES]:
        reader.visit(f"/comments/{comment.article_id}/reply/{comment.pk}/", scope=".form-page", allowed="#respond")

    phases["reply pages"] = time.monotonic() - started - sum(phases.values())
    # Without a token the form comes back as a confirmation page with the typed text in it.
    reader.page.route("**/reader/comments.js", lambda route: route.abort())
    article = hostile_site["quiet_article"]  # no thread to load: the form is what is tested here
    for payload in [p for p in CORPUS if "\n" not in p.text and len(p.text) < 300][::37][:CONFIRM_PAGES]:
        reader.page.goto(article.get_absolute_url())
        reader.page.fill("#respond [name=name]", payload.text)
        reader.page.fill("#respond [name=email]", payload.text)
        reader.page.fill("#respond [name=body]", payload.text)
        reader.page.click("#respond button[type=submit]")
        reader.page.wait_for_selector(".form-page")
        reader.check(f"confirm page for payload {payload.number}", scope=".form-page", allowed="#respond")
        assert reader.page.input_value("#respond [name=body]") == payload.text.replace("\x00", "\ufffd")

    phases["confirm pages"] = time.monotonic() - started - sum(phases.values())
    newsroom_context = browser.new_context(base_url=live_server.url)
    newsroom_context.add_cookies(
        [{"name": hostile_site["session_cookie"], "value": hostile_site["session"], "url": live_server.url}]
    )
    newsroom = Renderer(newsroom_context)
    total = len(posted) + len(queued)
    # The queue as moderators first see it (pending rows, with the hostile addresses, on top) ...
    newsroom.visit("/newsroom/comments/comment/", scope="#result_list tbody", allowed="td.action-checkbox")
    assert newsroom.page.locator("#result_list tbody tr").count() == QUEUE_PAGE_SIZE
    # ... then every row at once: "Show all" is offered up to list_max_show_all, raised for the test.
    monkeypatch.setattr(CommentAdmin, "list_max_show_all", total)
    newsroom.visit("/newsroom/comments/comment/?all=", scope="#result_list tbody", allowed="td.action-checkbox")
    assert newsroom.page.locator("#result_list tbody tr").count() == total, "Show all lists every comment"
    phases["queue"] = time.monotonic() - started - sum(phases.values())
    sample = list(itertools.islice(itertools.chain(queued, posted[:: len(posted) // CHANGE_PAGES]), CHANGE_PAGES))
    for comment in sample:
        newsroom.visit(
            f"/newsroom/comments/comment/{comment.pk}/change/",
            scope="#content-main .readonly",
            allowed="img[src^='/static/admin/img/icon-']",  # the admin's own yes/no icons
        )

    phases["change pages"] = time.monotonic() - started - sum(phases.values())
    executions = reader.executions + newsroom.executions
    problems = reader.problems + newsroom.problems
    forbidden = reader.forbidden + newsroom.forbidden
    pages = reader.pages + newsroom.pages
    with capsys.disabled():
        print(
            f"\nXSS corpus: {len(CORPUS)} payloads, {total} comments, {pages} pages rendered, "
            f"{len(executions)} executions, {forbidden} forbidden elements, "
            f"in {time.monotonic() - started:.0f}s ("
            + ", ".join(f"{name} {seconds:.0f}s" for name, seconds in phases.items())
            + ")"
        )
    assert executions == [], executions[:20]
    assert problems == [], problems[:20]
