"""The read API: public stories, sections, tags, authors and comments as JSON; no authentication."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from broadsheet.api import serialise
from broadsheet.api.openapi import document
from broadsheet.api.reads import (
    MAX_QUERY,
    SLUG,
    BadRequest,
    Filters,
    NotFound,
    article_page,
    parse_date,
    parse_id,
    parse_limit,
    public_article,
    section_slugs,
)
from broadsheet.api.responses import error, public_json
from broadsheet.comments.selectors import comment_thread
from broadsheet.conf.config import config
from broadsheet.content import selectors
from broadsheet.core import surrogates

View = Callable[..., HttpResponse]
API_KEY = "api"  # every API response carries it, so a change to the API's shape can purge them all


def read_only(view: View) -> View:
    """GET and HEAD only, and a BadRequest from the parsing becomes a 400 naming the parameter."""

    @csrf_exempt  # so any other method meets the 405 below, not a CSRF page; nothing here writes
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in {"GET", "HEAD"}:
            return error(405, "This address only answers GET.", headers={"Allow": "GET, HEAD"})
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return error(400, str(exc))
        except NotFound as exc:
            return error(404, str(exc))

    return wrapped


KNOWN_LIST_PARAMETERS = {"section", "tag", "author", "from", "to", "q", "cursor", "limit"}


def _filters(request: HttpRequest) -> Filters:
    unknown = set(request.GET) - KNOWN_LIST_PARAMETERS
    if unknown:
        raise BadRequest(f"{sorted(unknown)[0]}: not a filter of this list.")
    params = request.GET
    for name in ("section", "tag", "author"):
        if name in params and not SLUG.match(params[name]):
            raise BadRequest(f"{name}: a slug (letters, digits, - and _).")
    section = selectors.section_by_slug(params["section"]) if "section" in params else None
    tag = selectors.tag_by_slug(params["tag"]) if "tag" in params else None
    author = selectors.author_by_slug(params["author"]) if "author" in params else None
    for name, found in (("section", section), ("tag", tag), ("author", author)):
        if name in params and found is None:
            raise NotFound(f"{name}: there is no {name} “{params[name]}”.")
    if len(params.get("q", "")) > MAX_QUERY:
        raise BadRequest(f"q: at most {MAX_QUERY} characters.")
    return Filters(
        section=section,
        tag=tag,
        author=author,
        published_from=parse_date(params.get("from"), name="from"),
        published_to=parse_date(params.get("to"), name="to"),
        q=params.get("q", "").strip(),
    )


@read_only
def articles(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = article_page(
        filters,
        cursor=request.GET.get("cursor"),
        limit=parse_limit(request.GET.get("limit"), default=config().articles_per_page),
    )
    data = {
        "articles": [serialise.article_summary(a, request) for a in page.articles],
        "next": _next_url(request, page.next_cursor),
    }
    keys = [API_KEY, surrogates.FEEDS, *(surrogates.article(a.pk) for a in page.articles)]
    return public_json(request, data, keys=keys)


def _next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@read_only
def article(request: HttpRequest, pk: str) -> HttpResponse:
    found = public_article(parse_id(pk))
    if found is None:
        return error(404, f"There is no public story {pk}.")
    story, corrections = found
    data = serialise.article_detail(story, request, corrections)
    return public_json(request, data, keys=[API_KEY, surrogates.article(story.pk)])


@read_only
def article_comments(request: HttpRequest, pk: str) -> HttpResponse:
    found = selectors.public_articles().filter(pk=parse_id(pk)).first()
    if found is None:
        return error(404, f"There is no public story {pk}.")
    data = serialise.thread(comment_thread(found))
    return public_json(request, data, keys=[API_KEY, surrogates.article(found.pk)])


def _directory(name: str, items: Callable[[], Iterable[Any]], shape: Callable[[Any, HttpRequest], Any]) -> View:
    """A list of sections, tags or authors that have public stories (changes with any story)."""

    @read_only
    def view(request: HttpRequest) -> HttpResponse:
        data = {name: [shape(item, request) for item in items()]}
        return public_json(request, data, keys=[API_KEY, surrogates.FEEDS])

    view.__name__ = name
    return view


sections = _directory("sections", selectors.sections_with_stories, serialise.section)
tags = _directory("tags", selectors.tags_with_stories, serialise.tag)
authors = _directory("authors", selectors.authors_with_stories, serialise.author)


@read_only
def openapi(request: HttpRequest) -> HttpResponse:
    spec = document(request.build_absolute_uri("/api/v1"), sections=_section_slugs())
    return public_json(request, spec, keys=[API_KEY])


def _section_slugs() -> list[str]:
    return section_slugs()


@read_only
def docs(request: HttpRequest) -> HttpResponse:
    spec = document(request.build_absolute_uri("/api/v1"), sections=_section_slugs())
    operations = [
        {"method": method.upper(), "path": path, **operation}
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    context = {"spec": spec, "operations": operations, "openapi_url": reverse("api:openapi")}
    response = render(request, "api/docs.html", context)
    return surrogates.set_keys(response, [API_KEY])
