"""Uploaded files: .txt and .html read, wrong encodings, kinds and sizes refused by name."""

from __future__ import annotations

import pytest

from broadsheet.importers.paste import extract_pasted, extract_upload
from broadsheet.wire.story import ImportRefused


def test_a_latin1_file_is_refused_with_its_name_and_the_fix():
    with pytest.raises(ImportRefused, match=r"story\.txt: the file is not UTF-8 text .* save it as UTF-8"):
        extract_upload("Caf\u00e9 opens\n\nIt opened.".encode("latin-1"), filename="story.txt")


def test_a_utf8_file_with_a_byte_order_mark_is_read():
    story = extract_upload("\ufeffCaf\u00e9 opens\n\nIt opened.".encode(), filename="story.txt").story
    assert story.headline == "Caf\u00e9 opens"


def test_other_kinds_of_file_are_refused():
    with pytest.raises(ImportRefused, match=r"report\.pdf: only \.txt and \.html"):
        extract_upload(b"%PDF-1.4", filename="report.pdf")


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.BROADSHEET = {"import_max_bytes": 1000}
    with pytest.raises(ImportRefused, match=r"big.html: it is 2,000 bytes; the limit is 1,000 bytes"):
        extract_upload(b"x" * 2000, filename="big.html")


def test_a_pasted_page_is_read_as_html_without_its_scripts():
    page = "<!doctype html><html><body><nav>Home</nav><h1>Pier reopens</h1><script>alert(1)</script>" \
           "<p>The pier reopened on Sunday.</p></body></html>"  # fmt: skip
    story = extract_pasted(page).story
    assert story.headline == "Pier reopens"
    assert story.paragraphs == ("The pier reopened on Sunday.",)


def test_deeply_nested_hostile_html_is_read_or_refused_cleanly():
    page = "<h1>Deep</h1>" + "<div>" * 5000 + "<p>Inner text of the story.</p>" + "</div>" * 5000
    try:
        story = extract_upload(page.encode(), filename="deep.html").story
    except ImportRefused as exc:
        assert "deep.html" in str(exc)
    else:
        assert story.paragraphs == ("Inner text of the story.",)
