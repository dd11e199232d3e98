"""Every read of the search index a page needs: one ranked, filtered page of public stories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.utils.safestring import SafeString

from broadsheet.conf.config import config
from broadsheet.content.models import Article, Section
from broadsheet.content.selectors import public_articles, site_time_zone, teasers
from broadsheet.search.backends import get_backend
from broadsheet.search.backends.base import Filters, PageRequest
from broadsheet.search.query import Query


@dataclass(frozen=True)
class Found:
    """One search result: the story ready for a teaser, with its highlighted headline and snippet."""

    story: Article
    headline: SafeString
    snippet: SafeString
    is_headline_match: bool


class ResultsPage(Page[Found]):
    """One page of results; `is_capped` says more stories matched than were ranked (`window`)."""

    def __init__(self, found: list[Found], number: int, paginator: Paginator[int], *, is_capped: bool, window: int):
        super().__init__(found, number, paginator)  # type: ignore[arg-type]
        self.is_capped, self.window = is_capped, window


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=site_time_zone())


def search_articles(
    query: Query,
    *,
    section: Section | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    page: int | str | None = None,
) -> ResultsPage:
    """Return one page of public stories matching `query`: headline matches first, then relevance, then newest.

    Dates are days in the paper's own time zone, both ends included. Only the newest
    `Config.search_rank_window` matches are ranked; the page says when there were more.
    """
    filters = Filters(
        section_id=section.pk if section else None,
        published_from=_local_midnight(published_from) if published_from else None,
        published_before=_local_midnight(published_to + timedelta(days=1)) if published_to else None,
    )
    per_page, window = config().articles_per_page, config().search_rank_window
    try:
        number = max(1, int(page or 1))
    except (TypeError, ValueError):
        number = 1
    backend = get_backend()
    results = backend.search(query, filters, PageRequest(number=number, size=per_page), window=window)
    paginator: Paginator[int] = Paginator(range(results.total), per_page)
    if number > paginator.num_pages:  # a page past the end shows the last one
        number = paginator.num_pages
        if results.total:
            results = backend.search(query, filters, PageRequest(number=number, size=per_page), window=window)
    stories = {
        story.pk: story
        for story in teasers(public_articles().filter(pk__in=[h.article_id for h in results.hits])).order_by()
    }
    found = [
        Found(
            story=stories[hit.article_id],
            headline=hit.headline,
            snippet=hit.snippet,
            is_headline_match=hit.is_headline_match,
        )
        for hit in results.hits
        if hit.article_id in stories  # withdrawn between the two queries
    ]
    return ResultsPage(found, number, paginator, is_capped=results.is_capped, window=window)
