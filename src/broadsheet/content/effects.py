"""Side effects of content writes, run after commit: the one list of what a change touches."""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

SITE_CACHE_KEYS = ("content:site-settings", "content:navigation")


def site_changed() -> None:
    """Forget the cached site settings and navigation so the next page reads them afresh."""
    cache.delete_many(list(SITE_CACHE_KEYS))


def article_changed(article_id: int) -> None:
    """Bring the article's search entry up to date: indexed while published, gone once withdrawn."""
    # Imported here: search reads content (selectors import this module), content only calls it.
    from broadsheet.search.services import refresh_article

    try:
        refresh_article(article_id)
    except Exception:  # a search index failure must never undo or hide a saved story
        logger.exception(
            "could not update the search index for article %s; `broadsheet reindex` repairs it", article_id
        )
