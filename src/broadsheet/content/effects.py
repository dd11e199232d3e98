"""Side effects of content writes, run after commit: the one list of what a change touches."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from broadsheet.content.models import Article, Byline
from broadsheet.core import frontcache, surrogates, versioned
from broadsheet.core.pagecache import page_cache
from broadsheet.core.purgers import get_purger

logger = logging.getLogger(__name__)

SITE_VERSION = "site"  # the shared version site settings, navigation and banners are kept under (core/versioned.py)


def purge(keys: Iterable[str]) -> None:
    """Purge cached responses carrying any of `keys`: the app's page cache and the cache in front."""
    keys = set(keys)
    page_cache.purge(keys)  # first: a page nginx then asks for is rendered afresh, not copied from here
    frontcache.purge(keys)
    get_purger().purge(keys)


def site_changed() -> None:
    """Site settings, navigation or a banner changed: they are on every page, so every page is purged.

    The version bump comes first, so a page any worker renders after the purge reads the new data.
    """
    versioned.bump(SITE_VERSION)
    purge([surrogates.SITE])


def corrections_changed() -> None:
    """A correction was published: the /corrections/ page and its feed list it."""
    purge([surrogates.CORRECTIONS])


def front_changed(section_id: int | None) -> None:
    """An editor rearranged the home page or a section front."""
    purge([surrogates.HOME if section_id is None else surrogates.section(section_id)])


def article_changed(article_id: int) -> None:
    """A story was written, published or withdrawn: update its search entry, then purge its pages."""
    refresh_search(article_id)
    purge_article_pages(article_id)


def refresh_search(article_id: int) -> None:
    """Bring the article's search entry up to date: indexed while published, gone once withdrawn."""
    # Imported here: search reads content (selectors import this module), content only calls it.
    from broadsheet.search.services import refresh_article

    try:
        refresh_article(article_id)
    except Exception:  # a search index failure must never undo or hide a saved story
        logger.exception(
            "could not update the search index for article %s; `broadsheet reindex` repairs it", article_id
        )


def purge_article_pages(article_id: int) -> None:
    """Purge the pages the story is on and the lists it joins (section, authors, tags, home, feeds).

    A draft that was never published is on no public page, so editing it purges nothing readers
    see: newsroom work on drafts must not keep emptying the home page's cache.
    """
    article = Article.objects.filter(pk=article_id).values("section_id", "published_at").first()
    if article is None or article["published_at"] is None:
        purge([surrogates.article(article_id)])
        return
    keys = {
        surrogates.article(article_id),
        surrogates.section(article["section_id"]),
        surrogates.HOME,
        surrogates.FEEDS,
        surrogates.SITEMAPS,
    }
    authors = Byline.objects.filter(article_id=article_id, author__isnull=False).values_list("author_id", flat=True)
    keys.update(surrogates.author(author_id) for author_id in authors)
    tags = Article.tags.through.objects.filter(article_id=article_id).values_list("tag_id", flat=True)
    keys.update(surrogates.tag(tag_id) for tag_id in tags)
    purge(keys)
