"""Splitting a body into blocks, and setting the dateline in front of the first paragraph."""

from broadsheet.content.body import body_for_page, split_blocks, with_dateline


def test_body_splits_into_top_level_blocks():
    html = '<h2>Head</h2><p>One <a href="/x">link</a></p>\n<blockquote><p>Quote</p></blockquote><p>Two</p>'
    assert split_blocks(html) == [
        "<h2>Head</h2>",
        '<p>One <a href="/x">link</a></p>',
        "<blockquote><p>Quote</p></blockquote>",
        "<p>Two</p>",
    ]


def test_loose_text_becomes_a_paragraph():
    assert split_blocks("Just words <p>then a paragraph</p>") == [
        "<p>Just words</p>",
        "<p>then a paragraph</p>",
    ]


def test_dateline_opens_the_first_paragraph_not_a_heading():
    blocks = with_dateline(["<h2>Head</h2>", "<p>The talks resumed.</p>", "<p>More.</p>"], "Beijing")
    assert blocks[0] == "<h2>Head</h2>"
    assert blocks[1] == '<p><span class="dateline">BEIJING –</span> The talks resumed.</p>'
    assert blocks[2] == "<p>More.</p>"


def test_dateline_text_is_escaped():
    blocks = with_dateline(["<p>x</p>"], "<b>ROME</b>")
    assert "<b>" not in blocks[0]
    assert "&lt;B&gt;ROME&lt;/B&gt;" in blocks[0]


def test_no_dateline_leaves_the_body_alone():
    assert with_dateline(["<p>x</p>"], "  ") == ["<p>x</p>"]


def test_the_in_article_ad_follows_paragraph_n_not_headings():
    html = "<p>1</p><h2>Head</h2><p>2</p><blockquote><p>q</p></blockquote><p>3</p><p>4</p>"
    pairs = body_for_page(html, "Lima", ad_after=3)
    assert [block for block, ad in pairs if ad] == ["<p>3</p>"]
    assert pairs[0][0].startswith('<p><span class="dateline">LIMA –</span>')


def test_a_short_story_gets_no_in_article_ad():
    assert not any(ad for _, ad in body_for_page("<p>1</p><p>2</p>", "", ad_after=3))
    # Nor after its last paragraph, where the below-article slot already stands.
    assert not any(ad for _, ad in body_for_page("<p>1</p><p>2</p><p>3</p>", "", ad_after=3))
