"""Every write to the search index: follow one article, or rebuild the whole index."""

from __future__ import annotations

from broadsheet.search.backends import get_backend
from broadsheet.search.backends.base import Progress
from broadsheet.search.documents import document_for, indexable_articles, iter_documents


def refresh_article(article_id: int) -> None:
    """Make the index agree with the article: indexed while published (or scheduled), else absent."""
    article = indexable_articles().filter(pk=article_id).first()
    backend = get_backend()
    if article is None:
        backend.remove(article_id)
    else:
        backend.index(document_for(article))


def _quiet(done: int, total: int) -> None:
    pass


def rebuild_index(progress: Progress = _quiet) -> int:
    """Rebuild the index from every published article; return how many were indexed."""
    total = indexable_articles().count()
    return get_backend().rebuild(iter_documents(), total=total, progress=progress)


def index_size_bytes() -> int:
    """Return the disk space the search index takes."""
    return get_backend().size_bytes()
