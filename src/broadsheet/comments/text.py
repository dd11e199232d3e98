"""Turns a reader's plain text into safe HTML: everything escaped, paragraphs kept, URLs linked."""

from __future__ import annotations

import re
from html import escape

# Matched on the escaped text, so a URL can never carry a quote or an angle bracket out.
_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'"
_LINE_BREAKS = re.compile(r"\r\n|\r")


_ESCAPED_STOPS = ("&quot;", "&#x27;", "&lt;", "&gt;")  # a quote or bracket ends a URL in running text


def _link(match: re.Match[str]) -> str:
    url = match.group(0)
    trailing = ""
    stops = [i for i in (url.find(stop) for stop in _ESCAPED_STOPS) if i > 0]
    if stops:
        url, trailing = url[: min(stops)], url[min(stops) :]
    while url:
        if url.endswith("&amp;"):  # an escaped ampersand at the end is punctuation, not the URL
            url, trailing = url[:-5], "&amp;" + trailing
        elif url[-1] in _TRAILING:
            url, trailing = url[:-1], url[-1] + trailing
        else:
            break
    shown = url if len(url) <= 60 else url[:57] + "…"
    return f'<a href="{url}" rel="nofollow ugc noopener">{shown}</a>{trailing}'


def render_comment(text: str) -> str:
    """Return the comment as HTML paragraphs: blank lines split paragraphs, single newlines become <br>."""
    text = _LINE_BREAKS.sub("\n", text).strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        linked = _URL.sub(_link, escape(paragraph, quote=True))
        rendered.append("<p>" + linked.replace("\n", "<br>") + "</p>")
    return "".join(rendered)


def count_links(text: str) -> int:
    return len(_URL.findall(text))
