"""Feed subscriptions: new items become drafts, nothing is taken twice, failing feeds back off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from broadsheet.content.models import Article, Status, WorkflowEvent
from broadsheet.content.tests.factories import make_section
from broadsheet.importers import fetch
from broadsheet.importers.feeds import parse_feed
from broadsheet.importers.polling import poll_due
from broadsheet.importers.tests.localserver import Route, local_server
from broadsheet.wire.models import FeedSubscription, IngestedItem
from broadsheet.wire.story import ImportRefused

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Northwind Press: Regions</title><link>https://northwind.example/</link>
<item><title>Ferry timetable changes from Monday</title><guid>nw-1001</guid>
<pubDate>Tue, 03 Feb 2026 08:00:00 GMT</pubDate><author>desk@northwind.example (Ola Berg)</author>
<description><![CDATA[<p>The ferry company will run fewer crossings on Sundays.</p>
<script>alert(1)</script>]]></description></item>
<item><title>Museum night draws record crowd</title><guid>nw-1002</guid>
<pubDate>Wed, 04 Feb 2026 21:30:00 GMT</pubDate>
<description>&lt;p&gt;More than 9,000 people visited.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbourline</title><id>urn:harbourline</id>
<updated>2026-02-05T10:00:00Z</updated>
<entry><title>Lighthouse keeper retires after 40 years</title><id>urn:harbourline:77</id>
<updated>2026-02-05T10:00:00Z</updated><published>2026-02-05T09:00:00Z</published>
<author><name>Ruth Cole</name></author><category term="Coast"/>
<content type="html">&lt;p&gt;The last keeper of the north light retired on Thursday.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_keep_title_guid_time_and_clean_html_for_the_sanitiser():
    items = parse_feed(RSS, source="Northwind", credit="Northwind Press")
    first = items[0]
    assert first.guid == "nw-1001"
    assert first.story.headline == "Ferry timetable changes from Monday"
    assert first.story.published_at == datetime(2026, 2, 3, 8, 0, tzinfo=UTC)
    assert first.story.credits == ("Ola Berg", "Northwind Press")
    assert "<script" not in first.story.body_html
    assert items[1].story.credits == ("Northwind Press",)  # no author: the feed's credit


def test_atom_entries_keep_author_category_and_updated_time_as_version():
    (item,) = parse_feed(ATOM, source="Harbourline")
    assert item.story.bylines == ("Ruth Cole",)
    assert item.story.tags == ("Coast",)
    assert item.version == "2026-02-05T10:00:00+00:00"


@pytest.mark.parametrize("data", [b"<rss><channel><item><title>Broken", b"not a feed at all", b"\x00\xff\xfe"])
def test_a_broken_feed_is_refused_naming_the_feed(data):
    with pytest.raises(ImportRefused, match=r"^Broken feed: "):
        parse_feed(data, source="Broken feed")


def test_entities_in_a_feed_are_not_expanded_into_a_bomb_but_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
    <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
    <rss version="2.0"><channel><item><title>&d;</title><guid>1</guid></item></channel></rss>"""
    with pytest.raises(ImportRefused, match="Bomb: the feed's XML is broken"):
        parse_feed(bomb, source="Bomb")


def test_an_external_entity_in_a_feed_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do-not-read")
    feed = f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>
    <rss version="2.0"><channel><item><title>Title &x;</title><guid>1</guid></item></channel></rss>""".encode()
    (item,) = parse_feed(feed, source="External")
    assert item.story.headline == "Title"


@pytest.fixture
def feed_server(monkeypatch):
    routes = {"/rss": Route(RSS, headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})}
    with local_server(routes) as server:
        monkeypatch.setattr(fetch, "policy", server.rules)  # the test server is on loopback
        yield server


def _subscribe(server, path="/rss", **fields):
    return FeedSubscription.objects.create(
        name="Northwind", url=server.url(path), section=make_section("Regions"), credit="Northwind Press", **fields
    )


@pytest.mark.django_db
def test_new_items_become_drafts_and_a_second_poll_duplicates_nothing(feed_server):
    subscription = _subscribe(feed_server)
    first = poll_due()
    assert (first.polled, first.created) == (1, 2)
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    ferry = Article.objects.get(headline="Ferry timetable changes from Monday")
    assert ferry.published_at == datetime(2026, 2, 3, 8, 0, tzinfo=UTC)  # the source's time kept
    assert "<script" not in ferry.body and "alert" not in ferry.body
    subscription.refresh_from_db()
    assert subscription.next_poll_at > timezone.now()
    assert subscription.etag == '"v1"'

    second = poll_due(everything=True)
    assert (second.polled, second.created, second.seen) == (1, 0, 0)  # 304 Not Modified: nothing read
    assert Article.objects.count() == 2
    assert IngestedItem.objects.count() == 2


@pytest.mark.django_db
def test_items_seen_before_are_skipped_even_when_the_feed_is_fetched_again(feed_server):
    _subscribe(feed_server)
    poll_due()
    FeedSubscription.objects.update(etag="", modified="")
    again = poll_due(everything=True)
    assert (again.created, again.seen) == (0, 2)
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_a_trusted_feed_publishes_at_the_items_own_time(feed_server):
    _subscribe(feed_server, is_trusted=True)
    poll_due()
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert Article.objects.get(headline__startswith="Museum").published_at == datetime(2026, 2, 4, 21, 30, tzinfo=UTC)
    # Who published: the feed, by name, in the audit log (no person pressed a button).
    events = WorkflowEvent.objects.filter(action="publish")
    assert events.count() == 2 and {e.who for e in events} == {"Feed “Northwind”"}


@pytest.mark.django_db
def test_a_failing_feed_is_retried_later_and_later_and_shows_its_error(feed_server):
    subscription = _subscribe(feed_server, path="/gone")
    delays = []
    for _ in range(3):
        FeedSubscription.objects.filter(pk=subscription.pk).update(next_poll_at=timezone.now())
        before = timezone.now()
        report = poll_due()
        assert report.failed_feeds and "answered 404" in report.failed_feeds[0]
        subscription.refresh_from_db()
        delays.append(round((subscription.next_poll_at - before) / timedelta(minutes=1)))
    assert delays == [15, 30, 60]
    assert subscription.failure_count == 3
    assert "answered 404" in subscription.last_error
    assert poll_due().polled == 0  # not due again yet


@pytest.mark.django_db
def test_the_ingest_command_reports_what_it_did(feed_server, capsys):
    _subscribe(feed_server)
    call_command("ingest")
    assert "Polled 1 feed(s): 2 new story(ies), 0 already taken in." in capsys.readouterr().out


@pytest.mark.django_db
def test_as_a_worker_the_ingest_command_polls_again_after_its_interval(feed_server, capsys, monkeypatch):
    import time

    _subscribe(feed_server)
    sleeps = []
    real_sleep = time.sleep

    def sleep(seconds):
        if seconds < 1:  # the test server's threads nap too
            return real_sleep(seconds)
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt  # stop the worker after its second rest

    from broadsheet.importers.management.commands import ingest

    refreshed = []  # the worker drops stale connections between rounds; here that would end the test's transaction
    monkeypatch.setattr(ingest, "close_old_connections", lambda: refreshed.append(True))
    monkeypatch.setattr(time, "sleep", sleep)
    with pytest.raises(KeyboardInterrupt):
        call_command("ingest", "--every", "60")
    assert sleeps == [60, 60]
    assert len(refreshed) == 2
    assert capsys.readouterr().out.count("Polled") == 2
