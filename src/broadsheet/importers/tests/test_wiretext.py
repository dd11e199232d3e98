"""Pasted wire copy: headline, credit, dateline and date found, page furniture left out."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from broadsheet.importers.tests.corpus import FIELDS, HELD_OUT, accuracy, samples, score
from broadsheet.importers.wiretext import blocks_from_text, extract_text, is_furniture
from broadsheet.wire.story import ImportRefused

TODAY = date(2026, 2, 10)


@pytest.mark.parametrize("sample", samples() + samples(HELD_OUT), ids=lambda sample: sample.name)
def test_each_corpus_sample_is_read_as_the_editor_expects(sample):
    marks = score(sample)
    assert marks == dict.fromkeys(FIELDS, True), f"{sample.name}: wrong {[f for f, ok in marks.items() if not ok]}"


def test_the_corpus_has_at_least_twenty_samples_and_every_field_is_measured():
    share, _ = accuracy()
    assert len(samples()) >= 20
    assert set(share) == set(FIELDS)


def test_an_agency_story_with_furniture_around_it_becomes_a_clean_story():
    text = (
        "Dark Mode\nThursday, 05 February 2026\nLogo\nAdvertisement\nDam repairs finish early\n"
        "Dam repairs finish early\nBy Agency Staff\nShare\n\nTORVIK (Northwind Press) — Repairs to the dam "
        "finished a month early.\n\nAdvertisement\n\nThe reservoir will refill by May.\n\nComment / Reply"
    )
    found = extract_text(text, today=TODAY)
    story = found.story
    assert story.headline == "Dam repairs finish early"
    assert story.bylines == ("Agency Staff",)
    assert story.credit == "Northwind Press"
    assert story.credits == ("Agency Staff", "Northwind Press")
    assert story.dateline == "TORVIK"
    assert story.paragraphs == ("Repairs to the dam finished a month early.", "The reservoir will refill by May.")
    assert (
        story.body_html == "<p>Repairs to the dam finished a month early.</p><p>The reservoir will refill by May.</p>"
    )
    assert {"Dark Mode", "Logo", "Advertisement", "Share", "Comment / Reply"} <= set(found.dropped)


def test_a_dateline_with_a_day_gives_the_date_in_the_year_of_the_copy():
    story = extract_text("Rates held\n\nLANGFORD, Feb 6 (Agency) - Rates were held.", today=TODAY).story
    assert (story.dateline, story.credit, story.published_at) == ("LANGFORD", "Agency", datetime(2026, 2, 6))


def test_prose_with_a_dash_is_not_taken_for_a_dateline():
    story = extract_text("Budget passed\n\nOfficials said - after a long night - it passed.", today=TODAY).story
    assert story.dateline == ""
    assert story.paragraphs[0].startswith("Officials said")


def test_text_with_markup_in_it_stays_text():
    story = extract_text("Headline here\n\n<script>alert(1)</script> & more", today=TODAY).story
    assert story.body_html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>"


def test_hard_wrapped_lines_join_into_paragraphs_but_short_lines_stay_apart():
    text = "A line long enough to be wrapped wire copy, it goes on\nand ends here.\n\nHome\nWorld"
    assert blocks_from_text(text) == [
        "A line long enough to be wrapped wire copy, it goes on and ends here.",
        "Home",
        "World",
    ]


FURNITURE_LINES = ["Dark Mode", "ADVERTISEMENT", "[Advertisement]", "Share this article", "12 comments",
                   "Home | World | Sport", "\u200b", "Logo", "Story continues below advertisement"]  # fmt: skip


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_page_furniture_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["The share price fell.", "Logo designers met on Monday.", "Comments were made."])
def test_sentences_that_mention_furniture_words_are_kept(line):
    assert not is_furniture(line)


def test_only_furniture_is_refused_naming_the_input():
    with pytest.raises(ImportRefused, match="pasted text: no story text"):
        extract_text("Dark Mode\nAdvertisement\n  \n", today=TODAY)


def test_a_headline_without_a_story_is_refused():
    with pytest.raises(ImportRefused, match="no story text under it"):
        extract_text("Just a headline", today=TODAY)
