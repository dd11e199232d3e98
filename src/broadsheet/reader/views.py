"""Views of the public site: each parses the request, calls a selector and renders."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from broadsheet.comments.selectors import attach_comment_counts
from broadsheet.conf.config import config
from broadsheet.content import selectors
from broadsheet.content.body import body_for_page
from broadsheet.content.models import Article
from broadsheet.media.selectors import picture
from broadsheet.reader.comment_views import thread_context
from broadsheet.reader.forms import SearchForm
from broadsheet.search.selectors import search_articles


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    front = selectors.front_page()
    attach_comment_counts([*front.lead, *(story for block in front.blocks for story in block.articles)])
    return render(request, "reader/home.html", {"front": front})


@require_safe
def section_page(request: HttpRequest, section: str) -> HttpResponse:
    found = selectors.section_by_slug(section)
    if found is None:
        raise Http404("There is no section at this address.")
    page = selectors.section_articles(found, page=request.GET.get("page"))
    attach_comment_counts(page.object_list)
    return render(request, "reader/section.html", {"section": found, "page": page, "current_section": found})


@require_safe
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = selectors.tag_by_slug(slug)
    if tag is None:
        raise Http404("There is no tag at this address.")
    page = selectors.tag_articles(tag, page=request.GET.get("page"))
    attach_comment_counts(page.object_list)
    return render(request, "reader/tag.html", {"tag": tag, "page": page})


@require_safe
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = selectors.author_by_slug(slug)
    if author is None:
        raise Http404("There is no author at this address.")
    page = selectors.author_articles(author, page=request.GET.get("page"))
    attach_comment_counts(page.object_list)
    photo = picture(author.photo) if author.photo else None
    return render(request, "reader/author.html", {"author": author, "photo": photo, "page": page})


@require_safe
def article_page(request: HttpRequest, section: str, year: int, month: int, day: int, slug: str) -> HttpResponse:
    is_staff = request.user.is_authenticated and request.user.is_staff
    article = selectors.article_for_reader(slug, include_unpublished=is_staff)
    if article is None:
        moved = selectors.article_for_former_slug(slug)
        if moved is None:
            raise Http404("There is no story at this address.")
        return HttpResponsePermanentRedirect(moved.get_absolute_url())
    canonical = article.get_absolute_url()
    if request.path != canonical:  # section or date in the address changed: one address per story
        return HttpResponsePermanentRedirect(canonical)
    response = render(request, "reader/article.html", _article_context(article))
    if not article.is_public:
        response["Cache-Control"] = "private, no-store"  # a staff preview must never be cached
    return response


def _article_context(article: Article) -> dict[str, object]:
    bylines = list(article.bylines.all())
    return {
        "article": article,
        "current_section": article.section,
        "bylines": bylines,
        "byline_text": selectors.byline_text(bylines),
        "body": body_for_page(article.body, article.dateline, ad_after=config().in_article_ad_after_paragraph),
        "lead_picture": picture(article.lead_image) if article.lead_image else None,
        "tags": list(article.tags.all()),
        "more": selectors.more_from_section(article),
        "is_preview": not article.is_public,
        "updated_at": selectors.visible_update_time(article),
        **thread_context(article),
    }


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
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "reader/search.html", {"form": form, "page": page}, status=status)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "reader/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the database-backed chrome: the fault may be the database itself.
    return render(request, "reader/500.html", status=500)
