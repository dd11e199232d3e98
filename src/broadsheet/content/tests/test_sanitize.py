"""The body allowlist keeps newsroom markup and removes anything hostile."""

import pytest

from broadsheet.content.sanitize import sanitize_body

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="/media/x.jpg" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<iframe src="https://evil.test"></iframe>',
    "<svg onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onclick="alert(1)">x</div>',
    "<object data='x'></object>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="/x"><input name=a></form>',
    "<scr<script>ipt>alert(1)</script>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<!--<script>alert(1)</script>-->",
    '<base href="https://evil.test/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.test">',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_loses_everything_executable(payload):
    cleaned = sanitize_body(payload).lower()
    for marker in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg", "<object", "style=",
                   "<form", "<input", "data:text", "<base", "<meta"):  # fmt: skip
        assert marker not in cleaned


def test_newsroom_markup_survives():
    html = (
        "<h2>Sub-head</h2><p>Text with <strong>bold</strong>, <em>italic</em> and "
        '<a href="https://example.test/report">a link</a>.</p><blockquote><p>A quote.</p></blockquote>'
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>'
    )
    cleaned = sanitize_body(html)
    for kept in (
        "<h2>Sub-head</h2>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<blockquote>",
        "<ul>",
        'start="3"',
    ):
        assert kept in cleaned
    assert 'href="https://example.test/report"' in cleaned
    assert 'rel="noopener"' in cleaned


def test_images_are_kept_only_from_our_own_media_library():
    own = sanitize_body('<figure><img src="/media/images/a.jpg" alt="A boat" width="960" height="540"></figure>')
    assert '<img src="/media/images/a.jpg" alt="A boat" width="960" height="540">' in own
    foreign = sanitize_body('<p>x</p><img src="https://tracker.test/pixel.gif" alt="">')
    assert "<img" not in foreign
    assert "tracker.test" not in foreign
