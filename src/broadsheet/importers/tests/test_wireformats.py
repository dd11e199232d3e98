"""ninjs and NewsML-G2 items: fields kept, corrections update the story, kills withdraw it, bad input refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from broadsheet.content import services as content
from broadsheet.content.models import Article, Status
from broadsheet.content.tests.factories import make_section
from broadsheet.importers.intake import Outcome, take_in
from broadsheet.importers.items import CANCELED
from broadsheet.importers.newsml import parse_newsml
from broadsheet.importers.ninjs import parse_ninjs
from broadsheet.wire.models import IngestedItem
from broadsheet.wire.story import ImportRefused

WIRE = Path(__file__).parent / "wire"


def ninjs(name: str):
    return parse_ninjs((WIRE / name).read_bytes(), source=name)


def test_a_ninjs_item_keeps_headline_byline_credit_dateline_embargo_and_urgency():
    item = ninjs("story-v1.json")
    story = item.story
    assert (item.guid, item.version, item.urgency) == ("urn:northwind:2026:ferry-strike", "1", 3)
    assert story.headline == "Ferry crews vote to strike over rotas"
    assert story.bylines == ("Ola Berg", "Mira Stone")
    assert story.credit == "Northwind Press"
    assert story.dateline == "MERIDIAN"
    assert story.embargo_until == datetime(2026, 2, 5, 12, 0, tzinfo=UTC)
    assert story.published_at == datetime(2026, 2, 5, 9, 10, tzinfo=UTC)
    assert story.body_html.startswith("<p>Ferry crews voted")  # the dateline is set by the page, not repeated
    assert story.tags == ("Transport",)


def test_a_newsml_item_keeps_the_same_fields_and_its_xhtml_body():
    (item,) = parse_newsml((WIRE / "item.xml").read_bytes(), source="item.xml")
    story = item.story
    assert (item.guid, item.version, item.urgency) == ("urn:harbourline:2026:grain-0207", "1", 2)
    assert story.headline == "Grain harvest best in a decade"
    assert story.bylines == ("Ines Moreau",)
    assert story.credit == "Harbourline News"
    assert story.dateline == "SOLVIK"
    assert story.embargo_until == datetime(2026, 2, 7, 8, 0, tzinfo=UTC)
    assert story.body_html.startswith("<p>Farmers in the southern plains")
    assert "<html:" not in story.body_html and "ns0:" not in story.body_html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"uri": "x", "headline": ', r"story\.json: the JSON is broken at line 1"),
        (b"\xff\xfe{}", r"story\.json: the file is not UTF-8"),
        (b"[1, 2]", r"story\.json: a ninjs item is a JSON object"),
        (b'{"headline": "No id"}', r"story\.json: the item has no .uri."),
        (b'{"uri": "u1", "headline": "H", "urgency": 12}', r"story\.json \(u1\): urgency 12 is outside 1 to 9"),
        (b'{"uri": "u1", "headline": "H", "embargoed": "soon"}', r"story\.json \(u1\): embargoed .soon. is not"),
    ],
)
def test_bad_ninjs_is_refused_naming_the_file_and_item(data, message):
    with pytest.raises(ImportRefused, match=message):
        parse_ninjs(data, source="story.json")


BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x">
<contentMeta><headline>&lol2;</headline></contentMeta></newsItem>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x">
<contentMeta><headline>&x;</headline></contentMeta></newsItem>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BILLION_LAUGHS, r"item\.xml: the XML declares a DTD or entities"),
        (XXE, r"item\.xml: the XML declares a DTD or entities"),
        (b"<newsItem><unclosed>", r"item\.xml: the XML is broken"),
        (b"<rss/>", r"item\.xml: <rss> is not a NewsML-G2"),
        (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>', r"item\.xml: a newsItem has no guid"),
    ],
)
def test_hostile_or_broken_newsml_is_refused_naming_the_file(data, message):
    with pytest.raises(ImportRefused, match=message):
        parse_newsml(data, source="item.xml")


@pytest.mark.django_db
def test_an_item_becomes_a_draft_with_its_embargo_and_urgency_and_is_sanitised():
    section = make_section("News")
    assert take_in(ninjs("story-v1.json"), source="ninjs", section=section, by=None) == Outcome.CREATED
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.embargo_until == datetime(2026, 2, 5, 12, 0, tzinfo=UTC)
    assert [b.name for b in article.bylines.all()] == ["Ola Berg", "Mira Stone", "Northwind Press"]
    assert "<script" not in article.body
    assert IngestedItem.objects.get().urgency == 3


@pytest.mark.django_db
def test_the_same_version_twice_changes_nothing_and_a_new_version_corrects_the_draft():
    section = make_section("News")
    take_in(ninjs("story-v1.json"), source="ninjs", section=section, by=None)
    assert take_in(ninjs("story-v1.json"), source="ninjs", section=section, by=None) == Outcome.UNCHANGED
    assert take_in(ninjs("story-v2.json"), source="ninjs", section=section, by=None) == Outcome.CORRECTED
    article = Article.objects.get()
    assert article.headline == "Ferry crews vote to strike over new rotas"
    assert "not pay as first reported" in article.body


@pytest.mark.django_db
def test_a_kill_withdraws_a_published_story():
    section = make_section("News")
    take_in(ninjs("story-v1.json"), source="ninjs", section=section, by=None)
    article = Article.objects.get()
    content.publish_article(article, by=None, at=datetime(2026, 2, 5, 12, 0, tzinfo=UTC))
    kill = ninjs("story-kill.json")
    assert kill.status == CANCELED
    assert take_in(kill, source="ninjs", section=section, by=None) == Outcome.KILLED
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN


@pytest.mark.django_db
def test_a_kill_of_an_item_never_taken_in_is_reported_not_created():
    section = make_section("News")
    assert take_in(ninjs("story-kill.json"), source="ninjs", section=section, by=None) == Outcome.KILL_OF_UNKNOWN
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_import_command_takes_items_in_and_names_refused_files(tmp_path, capsys):
    from django.core.management import CommandError, call_command

    make_section("News", slug="news")
    broken = tmp_path / "broken.xml"
    broken.write_bytes(XXE)
    with pytest.raises(CommandError, match="1 file"):
        call_command("import", "newsml", str(WIRE / "item.xml"), str(broken), "--section", "news")
    output = capsys.readouterr()
    assert "1 created; 1 file(s) refused." in output.out
    assert "broken.xml: the XML declares a DTD or entities" in output.err
    assert Article.objects.get().headline == "Grain harvest best in a decade"
