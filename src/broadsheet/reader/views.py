"""Views of the public site: each parses the request, calls a selector and renders."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from broadsheet.comments.selectors import attach_comment_counts
from broadsheet.conf.config import config
from broadsheet.content import selectors
from broadsheet.content.body import body_for_page
from broadsheet.content.models import Article, Byline, Tag
from broadsheet.core import surrogates
from broadsheet.core.surrogates import set_keys
from broadsheet.media.selectors import picture
from broadsheet.reader import structured_data
from broadsheet.reader.comment_views import thread_context
from broadsheet.reader.failures import unavailable_response
from broadsheet.reader.forms import SearchForm
from broadsheet.reader.seo import feed_links, page_meta
from broadsheet.search.selectors import search_articles


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    front = selectors.front_page()
    attach_comment_counts([*front.lead, *front.top, *(story for block in front.blocks for story in block.articles)])
    site = selectors.site_settings()
    meta = page_meta(
        request,
        title=site.publication_name,
        description=site.tagline or f"The latest news from {site.publication_name}.",
        path=reverse("reader:home"),
        feeds=[feed_links(site.publication_name)],
        json_ld=[structured_data.website(request, site)],
    )
    response = render(request, "reader/home.html", {"front": front, "meta": meta})
    shown = [*front.lead, *front.top, *(story for block in front.blocks for story in block.articles)]
    return set_keys(response, [surrogates.HOME, *(surrogates.article(a.pk) for a in shown)])


def _list_page(
    request: HttpRequest,
    template: str,
    page: Page[Article],
    *,
    name: str,
    feed: tuple[str, str],
    key: str,
    description: str,
    path: str,
    context: dict[str, Any],
    **meta: Any,
) -> HttpResponse:
    """Render a section, tag or author page: teasers with comment counts, its meta and feed, its keys."""
    attach_comment_counts(page.object_list)
    title = f"{name} — {selectors.site_settings().publication_name}"
    context["meta"] = page_meta(
        request, title=title, description=description, path=path, page=page, feeds=[feed_links(title, *feed)], **meta
    )
    response = render(request, template, {**context, "page": page})
    return set_keys(response, [key, *(surrogates.article(a.pk) for a in page.object_list)])


@require_safe
def section_page(request: HttpRequest, section: str) -> HttpResponse:
    found = selectors.section_by_slug(section)
    if found is None:
        raise Http404("There is no section at this address.")
    top = selectors.curated(found)
    page = selectors.section_articles(found, page=request.GET.get("page"), exclude=[a.pk for a in top])
    if page.number > 1:
        top = []  # the editors' choice heads the first page only
    attach_comment_counts(top)
    return _list_page(
        request,
        "reader/section.html",
        page,
        name=found.name,
        feed=("sections", found.slug),
        key=surrogates.section(found.pk),
        description=found.description or f"{found.name} stories from {selectors.site_settings().publication_name}.",
        path=found.get_absolute_url(),
        context={"section": found, "current_section": found, "top": top},
        json_ld=[structured_data.breadcrumbs(request, section=found)],
    )


@require_safe
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = selectors.tag_by_slug(slug)
    if tag is None:
        raise Http404("There is no tag at this address.")
    return _list_page(
        request,
        "reader/tag.html",
        selectors.tag_articles(tag, page=request.GET.get("page")),
        name=tag.name,
        feed=("tags", tag.slug),
        key=surrogates.tag(tag.pk),
        description=f"Stories about {tag.name} from {selectors.site_settings().publication_name}.",
        path=tag.get_absolute_url(),
        context={"tag": tag},
    )


@require_safe
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = selectors.author_by_slug(slug)
    if author is None:
        raise Http404("There is no author at this address.")
    photo = picture(author.photo) if author.photo else None
    publication = selectors.site_settings().publication_name
    return _list_page(
        request,
        "reader/author.html",
        selectors.author_articles(author, page=request.GET.get("page")),
        name=author.name,
        feed=("authors", author.slug),
        key=surrogates.author(author.pk),
        description=author.bio or f"Stories by {author.name}, {author.role or 'writer'} at {publication}.",
        path=author.get_absolute_url(),
        context={"author": author, "photo": photo},
        image=photo,
        og_type="profile",
    )


@require_safe
def article_page(request: HttpRequest, section: str, year: int, month: int, day: int, slug: str) -> HttpResponse:
    is_staff = request.user.is_authenticated and request.user.is_staff
    article = selectors.article_for_reader(slug, include_unpublished=is_staff)
    if article is None:
        moved = selectors.article_for_former_slug(slug)
        if moved is None:
            if selectors.withdrawn_article(slug) is not None:
                return _gone(
                    request,
                    kicker="Withdrawn",
                    heading="This story has been withdrawn",
                    message="We have removed this story from our site. It is no longer available.",
                )
            raise Http404("There is no story at this address.")
        redirect = HttpResponsePermanentRedirect(moved.get_absolute_url())
        return set_keys(redirect, [surrogates.article(moved.pk)])
    canonical = article.get_absolute_url()
    if request.path != canonical:  # section or date in the address changed: one address per story
        if not article.is_public:
            return HttpResponsePermanentRedirect(canonical)
        return set_keys(HttpResponsePermanentRedirect(canonical), [surrogates.article(article.pk)])
    context = _article_context(request, article)
    response = render(request, "reader/article.html", context)
    if not article.is_public:
        response["Cache-Control"] = "private, no-store"  # a staff preview must never be cached
        return response
    # The page shows the story, its section's latest ("More from"), and its comments.
    shown = [article, *context["more"]]  # type: ignore[misc]
    return set_keys(response, [surrogates.section(article.section_id), *(surrogates.article(a.pk) for a in shown)])


def _gone(request: HttpRequest, *, kicker: str, heading: str, message: str, status: int = 410) -> HttpResponse:
    """410 Gone (or another refusal): a short notice that shows nothing of the story, never indexed."""
    context = {"kicker": kicker, "heading": heading, "message": message, "corrections_link": status == 410}
    response = render(request, "reader/gone.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _article_context(
    request: HttpRequest,
    article: Article,
    *,
    bylines: list[Byline] | None = None,
    tags: list[Tag] | None = None,
) -> dict[str, object]:
    bylines = list(article.bylines.all()) if bylines is None else bylines
    tags = list(article.tags.all()) if tags is None else tags
    lead = picture(article.lead_image) if article.lead_image else None
    corrections = selectors.article_corrections(article) if article.pk else []
    # A published correction always shows readers the story was updated, however soon it came.
    updated_at = selectors.visible_update_time(article) or (corrections[-1].published_at if corrections else None)
    site = selectors.site_settings()
    logo = picture(site.logo) if site.logo else None
    section = article.section
    meta = page_meta(
        request,
        title=article.headline,
        description=article.dek or article.headline,
        path=article.get_absolute_url(),
        image=lead,
        og_type="article",
        noindex=not article.is_public,
        published_at=article.published_at,
        modified_at=updated_at or article.published_at,
        section=section.name,
        tags=[tag.name for tag in tags],
        feeds=[
            feed_links(f"{section.name} — {site.publication_name}", "sections", section.slug),
            feed_links(site.publication_name),
        ],
        json_ld=[
            structured_data.news_article(
                request, article=article, bylines=bylines, tags=tags, lead=lead, site=site, logo=logo,
                modified=updated_at, corrections=corrections,
            ),
            structured_data.breadcrumbs(request, section=section, article=article),
        ],
    )  # fmt: skip
    return {
        "meta": meta,
        "article": article,
        "current_section": article.section,
        "bylines": bylines,
        "byline_text": selectors.byline_text(bylines),
        "body": body_for_page(article.body, article.dateline, ad_after=config().in_article_ad_after_paragraph),
        "lead_picture": lead,
        "tags": tags,
        "more": selectors.more_from_section(article),
        "is_preview": not article.is_public,
        "updated_at": updated_at,
        "corrections": corrections,
        **thread_context(article),
    }


@require_safe
def preview_page(request: HttpRequest, token: str) -> HttpResponse:
    """A shared preview: the story as readers would see it, for whoever holds an unexpired link."""
    link = selectors.preview_for_token(token)
    if link is None:
        raise Http404("There is no preview at this address.")
    if not link.is_active:
        response = _gone(
            request,
            kicker="Preview",
            heading="This preview link has expired" if link.revoked_at is None else "This preview link was revoked",
            message="Ask the newsroom for a new link if you still need to see the story.",
        )
    elif link.article.is_embargoed:
        # Nothing of an embargoed story leaves the newsroom before its time, previews included.
        response = _gone(
            request,
            kicker="Embargoed",
            heading="This story is under embargo",
            message="The preview opens when the embargo lifts.",
            status=403,
        )
    else:
        story, bylines, tags = selectors.preview_story(link)
        context = _article_context(request, story, bylines=bylines, tags=tags)
        context["shared_preview"] = link
        context["meta"] = dataclasses.replace(context["meta"], noindex=True)  # type: ignore[type-var]
        response = render(request, "reader/article.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def corrections_page(request: HttpRequest) -> HttpResponse:
    page = selectors.corrections(page=request.GET.get("page"))
    meta = page_meta(
        request,
        title=f"Corrections — {selectors.site_settings().publication_name}",
        description="Every correction, clarification and update we have published, newest first.",
        path=reverse("reader:corrections"),
        page=page,
    )
    response = render(request, "reader/corrections.html", {"page": page, "meta": meta})
    shown = {c.article_id for c in page.object_list}
    return set_keys(response, [surrogates.CORRECTIONS, *(surrogates.article(pk) for pk in shown)])


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        page = search_articles(
            form.cleaned_data["q"],
            section=form.cleaned_data["section"],
            published_from=form.cleaned_data["from"],
            published_to=form.cleaned_data["to"],
            page=request.GET.get("page"),
        )
    # What a reader typed in the box (empty, punctuation, too long) gets a friendly page, not an
    # error status; a malformed filter in the address (a date, a section) is a bad request.
    status = 400 if form.is_bound and set(form.errors) - {"q"} else 200
    return render(request, "reader/search.html", {"form": form, "page": page}, status=status)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "reader/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A full disk or a restarting database is "try again shortly" (503), wherever it was raised.
    unavailable = unavailable_response(request, sys.exc_info()[1])
    if unavailable is not None:
        return unavailable
    # Rendered without the database-backed chrome: the fault may be the database itself.
    return render(request, "reader/500.html", status=500)
