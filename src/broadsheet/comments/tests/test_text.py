"""Plain-text comments become safe HTML: escaped, paragraphs kept, links marked as user content."""

from broadsheet.comments.text import count_links, render_comment


def test_paragraphs_and_line_breaks_are_kept():
    assert render_comment("First line\nsecond line\n\nNew paragraph") == (
        "<p>First line<br>second line</p><p>New paragraph</p>"
    )


def test_markup_is_escaped_not_interpreted():
    html = render_comment('<script>alert("x")</script> <b>bold</b> & more')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&amp; more" in html


def test_urls_become_user_content_links_without_trailing_punctuation():
    html = render_comment("See https://example.test/report?a=1&b=2, then reply.")
    assert '<a href="https://example.test/report?a=1&amp;b=2" rel="nofollow ugc noopener">' in html
    assert "</a>, then reply." in html


def test_only_http_links_are_made():
    html = render_comment("javascript:alert(1) and data:text/html,x and ftp://x.test")
    assert "<a " not in html


def test_a_quote_in_a_url_cannot_escape_the_attribute():
    html = render_comment('https://x.test/"onmouseover="alert(1)')
    assert 'onmouseover="' not in html
    assert '<a href="https://x.test/" rel="nofollow ugc noopener">' in html  # the quote ends the URL


def test_links_are_counted():
    assert count_links("one https://a.test two http://b.test/x") == 2


def test_a_trailing_ampersand_is_not_part_of_the_link():
    html = render_comment("see http://x.test/?a=1& now")
    assert '<a href="http://x.test/?a=1" rel="nofollow ugc noopener">http://x.test/?a=1</a>&amp; now' in html
