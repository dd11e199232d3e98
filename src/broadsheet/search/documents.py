"""What the index holds for one article: plain text of its headline, dek, body and bylines."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from broadsheet.content.models import LIVE_STATUSES, Article, Byline

# Private-use characters mark matches in backend output; stripped from indexed text so only
# the backend can produce them, and turned into <mark> only after the text is escaped.
MATCH_START, MATCH_END = "\ue000", "\ue001"
_MARKED = re.compile(f"{MATCH_START}(.*?){MATCH_END}", re.DOTALL)
# The body is nh3-sanitised HTML, so a tag never contains a bare ">" and a regex is enough.
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_BREAK = "\ue002"  # where a block of the body ended (private use: never in stored text)
_BLOCK_END = re.compile(r"(?=</(?:p|h[1-6]|li|dt|dd|blockquote|figcaption|td|th)>)", re.IGNORECASE)
_UNPUNCTUATED_BREAK = re.compile(f'([^\\s.!?:;…"”’)\\]{_BREAK}])\\s*{_BREAK}')


@dataclass(frozen=True)
class Document:
    article_id: int
    headline: str
    dek: str
    body: str
    bylines: str
    published_at: datetime
    section_id: int


def clean_text(text: str) -> str:
    """Return plain text as the index stores it: single spaces, no match markers."""
    return _SPACE.sub(" ", text.replace(MATCH_START, "").replace(MATCH_END, "")).strip()


def plain_text(markup: str) -> str:
    """Return readable text from sanitised HTML: tags become spaces, entities characters.

    A block that ends without punctuation (a subheading, a list item) gets a full stop, so a
    snippet never runs "The numbers" into the next paragraph's "Small businesses…".
    """
    text = html.unescape(_TAG.sub(" ", _BLOCK_END.sub(_BREAK, markup)))
    text = _UNPUNCTUATED_BREAK.sub(r"\1. ", text.replace(MATCH_START, "").replace(MATCH_END, ""))
    return clean_text(text.replace(_BREAK, " "))


def document_for(article: Article) -> Document:
    """Return the index document for an article whose bylines are loaded (or will be queried)."""
    assert article.published_at is not None, "only published articles are indexed"
    return Document(
        article_id=article.pk,
        headline=clean_text(article.headline),  # headline, dek and bylines are plain text, not HTML
        dek=clean_text(article.dek),
        body=plain_text(article.body),
        bylines=" ".join(clean_text(byline.name) for byline in article.bylines.all()),
        published_at=article.published_at,
        section_id=article.section_id,
    )


def indexable_articles() -> QuerySet[Article]:
    """Return the articles the index holds: every published one, scheduled ones included.

    Scheduled stories go public without any write, so they are indexed ahead of time and kept
    out of results at query time by `content.selectors.public_articles()`.
    """
    return (
        Article.objects.filter(status__in=LIVE_STATUSES, published_at__isnull=False)
        .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        .order_by("pk")
    )


def iter_documents(chunk_size: int = 2000) -> Iterator[Document]:
    """Yield the documents of every indexable article, reading the table in chunks."""
    for article in indexable_articles().iterator(chunk_size=chunk_size):
        yield document_for(article)


def marked_html(text: str) -> SafeString:
    """Return backend text with its match markers as <mark>, everything else escaped."""
    escaped = str(escape(text))  # escaping leaves the private-use markers alone
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(MATCH_START, "").replace(MATCH_END, ""))  # escaped above


def in_batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Yield lists of up to `size` documents (itertools.batched arrives with Python 3.12)."""
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch
