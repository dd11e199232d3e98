"""The desk: the newsroom's dashboard, a story's history, diffs, preview links, corrections and
who else has it open; front-page curation, breaking news and the workflow audit log."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from broadsheet.accounts.selectors import active_staff_usernames
from broadsheet.comments.selectors import pending_count
from broadsheet.content import rules, services
from broadsheet.content.diff import revision_diff
from broadsheet.content.models import (
    Article,
    BreakingNews,
    Correction,
    FrontPageItem,
    PreviewLink,
    Revision,
    Status,
    WorkflowEvent,
)
from broadsheet.content.selectors import desk_lists, newsroom_articles, preview_url
from broadsheet.newsroom.admin import ReadOnlyAdmin, newsroom_site

PRESENCE_SECONDS = 60  # someone whose editor has not checked in for this long has left


# --- who else has the story open -------------------------------------------------------------


def _presence_key(article_id: int, username: str) -> str:
    digest = hashlib.sha256(username.encode()).hexdigest()[:24]  # any username makes a valid cache key
    return f"newsroom:presence:{article_id}:{digest}"


def check_in(article_id: int, username: str) -> list[str]:
    """Note that `username` has the story open; return the others who have it open now.

    Each editor writes only their own key (lasting PRESENCE_SECONDS) and reads everyone else's in
    one `get_many`: two editors checking in at the same moment can never overwrite each other, as
    they could when all shared one list that each read, changed and wrote back.
    """
    shared = caches["shared"]
    try:
        shared.set(_presence_key(article_id, username), time.time(), PRESENCE_SECONDS)
        others = [name for name in active_staff_usernames() if name != username]
        keys = {_presence_key(article_id, name): name for name in others}
        here = shared.get_many(list(keys))
    except Exception:  # presence is a courtesy: without the shared cache the editor still works
        return []
    return sorted(keys[key] for key in here)


# --- the article form's panel ----------------------------------------------------------------


def article_panel(request: HttpRequest, article: Article) -> dict[str, Any]:
    """What the story's edit page shows around the form: its state, the buttons, its history."""
    user = request.user
    return {
        "story": article,
        "moves": rules.available_moves(article, user),
        "can_save": rules.can_edit(user, article),
        "others_editing": check_in(article.pk, user.get_username()) if request.method == "GET" else [],
        "events": list(article.events.select_related("actor")[:8]),
        "corrections": list(article.corrections.all()),
        "can_correct": user.has_perm(rules.CORRECT) and article.state == Status.PUBLISHED,
        "can_publish_changes": user.has_perm(rules.PUBLISH),
        "revision_count": article.revisions.count(),
    }


def _article_for(request: HttpRequest, object_id: int, *, change: bool = False) -> Article:
    visible = newsroom_articles(request.user, Article.objects.select_related("working_copy", "section"))
    article = get_object_or_404(visible, pk=object_id)
    if not request.user.has_perm("content.view_article"):
        raise PermissionDenied
    if change and not rules.can_edit(request.user, article):
        raise PermissionDenied
    return article


def _context(request: HttpRequest, article: Article, title: str, **extra: Any) -> dict[str, Any]:
    return {
        **newsroom_site.each_context(request),
        "title": title,
        "story": article,
        "opts": Article._meta,
        "change_url": reverse("newsroom:content_article_change", args=[article.pk]),
        **extra,
    }


def revisions_view(request: HttpRequest, object_id: int) -> HttpResponse:
    article = _article_for(request, object_id)
    revisions = list(article.revisions.select_related("created_by"))
    return TemplateResponse(
        request,
        "newsroom/revisions.html",
        _context(
            request,
            article,
            f"History of “{article.headline}”",
            revisions=revisions,
            can_restore=rules.can_edit(request.user, article),
        ),
    )


def diff_view(request: HttpRequest, object_id: int) -> HttpResponse:
    article = _article_for(request, object_id)
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        return HttpResponseRedirect(reverse("newsroom:content_article_revisions", args=[article.pk]))
    older = article.revisions.filter(number=min(a, b)).first()
    newer = article.revisions.filter(number=max(a, b)).first()
    if older is None or newer is None:
        raise Http404("No such revision of this story.")
    return TemplateResponse(
        request,
        "newsroom/revision_diff.html",
        _context(
            request,
            article,
            f"Revision {older.number} → {newer.number}",
            older=older,
            newer=newer,
            fields=revision_diff(older.data, newer.data),
        ),
    )


@require_POST
def restore_view(request: HttpRequest, object_id: int, number: int) -> HttpResponse:
    article = _article_for(request, object_id, change=True)
    revision = get_object_or_404(Revision, article=article, number=number)
    try:
        restored = services.restore_revision(article, revision, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"Revision {number} was restored as revision {restored.number}.")
    return HttpResponseRedirect(reverse("newsroom:content_article_change", args=[article.pk]))


class PreviewLinkForm(forms.Form):
    hours = forms.TypedChoiceField(
        label="Works for",
        coerce=int,
        choices=[(1, "1 hour"), (24, "1 day"), (72, "3 days"), (168, "7 days")],
        initial=24,
    )


def preview_links_view(request: HttpRequest, object_id: int) -> HttpResponse:
    article = _article_for(request, object_id)
    can_share = request.user.has_perm("content.add_previewlink")
    form = PreviewLinkForm(request.POST or None)
    if request.method == "POST":
        if not can_share:
            raise PermissionDenied
        if form.is_valid():
            link = services.create_preview_link(article, by=request.user, hours=form.cleaned_data["hours"])
            messages.success(request, "A new preview link is ready to share: copy it from the list below.")
            return HttpResponseRedirect(
                reverse("newsroom:content_article_previews", args=[article.pk]) + f"#link-{link.pk}"
            )
    links = [
        (link, request.build_absolute_uri(preview_url(link)))
        for link in article.preview_links.select_related("created_by", "revision")
    ]
    return TemplateResponse(
        request,
        "newsroom/preview_links.html",
        _context(
            request, article, f"Preview links for “{article.headline}”", links=links, form=form, can_share=can_share
        ),
    )


@require_POST
def revoke_preview_view(request: HttpRequest, object_id: int, link_id: int) -> HttpResponse:
    article = _article_for(request, object_id)
    link = get_object_or_404(PreviewLink, article=article, pk=link_id)
    try:
        services.revoke_preview_link(link, by=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The preview link was revoked: it no longer opens the story.")
    return HttpResponseRedirect(reverse("newsroom:content_article_previews", args=[article.pk]))


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"text": "Readers see this under the story, with its time, and on the corrections page."}


def correction_view(request: HttpRequest, object_id: int) -> HttpResponse:
    article = _article_for(request, object_id)
    if not request.user.has_perm(rules.CORRECT):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_correction(
                article, by=request.user, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The correction is published on the story and on the corrections page.")
            return HttpResponseRedirect(reverse("newsroom:content_article_change", args=[article.pk]))
    return TemplateResponse(
        request,
        "newsroom/correction_form.html",
        _context(request, article, f"Correct “{article.headline}”", form=form),
    )


@require_POST
def presence_view(request: HttpRequest, object_id: int) -> JsonResponse:
    if not request.user.has_perm("content.view_article"):
        raise PermissionDenied
    return JsonResponse({"others": check_in(int(object_id), request.user.get_username())})


def article_urls(model_admin: admin.ModelAdmin) -> list[URLPattern]:
    wrap = model_admin.admin_site.admin_view
    return [
        path("<int:object_id>/revisions/", wrap(revisions_view), name="content_article_revisions"),
        path("<int:object_id>/revisions/diff/", wrap(diff_view), name="content_article_diff"),
        path("<int:object_id>/revisions/<int:number>/restore/", wrap(restore_view), name="content_article_restore"),
        path("<int:object_id>/previews/", wrap(preview_links_view), name="content_article_previews"),
        path(
            "<int:object_id>/previews/<int:link_id>/revoke/",
            wrap(revoke_preview_view),
            name="content_article_preview_revoke",
        ),
        path("<int:object_id>/correct/", wrap(correction_view), name="content_article_correct"),
        path("<int:object_id>/presence/", wrap(presence_view), name="content_article_presence"),
    ]


# --- the dashboard ---------------------------------------------------------------------------


def dashboard(request: HttpRequest) -> dict[str, Any]:
    """The desk lists for the newsroom's front page, and comments waiting for moderators."""
    user = request.user
    if not user.has_perm("content.view_article"):
        lists: dict[str, Any] = {}
    else:
        lists = desk_lists(user)
    # Only for those who can act on it: a count nobody on this account can open is noise.
    comments_waiting = pending_count() if user.has_perm("comments.moderate_comment") else None
    return {"desk": lists, "comments_waiting": comments_waiting}


# --- curation, breaking news, audit ----------------------------------------------------------


class CuratorsOnly(admin.ModelAdmin):
    """Front pages and breaking news: everything or nothing, by the curate permission alone."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(rules.CURATE)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(rules.CURATE)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class FrontPageItemAdmin(CuratorsOnly):
    list_display = ["front", "position", "article", "story_state"]
    list_editable = ["position"]
    list_filter = [("section", admin.EmptyFieldListFilter), "section"]
    list_select_related = ["section", "article"]
    autocomplete_fields = ["article"]
    fields = ["section", "article", "position"]

    @admin.display(description="front", ordering="section__name")
    def front(self, item: FrontPageItem) -> str:
        return item.section.name if item.section else "Home page"

    @admin.display(description="story now")
    def story_state(self, item: FrontPageItem) -> str:
        return item.article.state.label

    def save_model(self, request: HttpRequest, obj: FrontPageItem, form: forms.ModelForm, change: bool) -> None:
        services.place_on_front(obj, by=request.user)

    def delete_model(self, request: HttpRequest, obj: FrontPageItem) -> None:
        services.remove_from_front(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[FrontPageItem]) -> None:
        for item in queryset:
            services.remove_from_front(item, by=request.user)


class BreakingNewsAdmin(CuratorsOnly):
    list_display = ["text", "starts_at", "expires_at", "is_showing"]
    fields = ["text", "url", "starts_at", "expires_at"]

    @admin.display(description="showing now", boolean=True)
    def is_showing(self, banner: BreakingNews) -> bool:
        return banner.starts_at <= timezone.now() < banner.expires_at

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        now = timezone.now()
        return {"starts_at": now, "expires_at": now + timedelta(hours=2)}

    def save_model(self, request: HttpRequest, obj: BreakingNews, form: forms.ModelForm, change: bool) -> None:
        services.save_breaking_news(obj, by=request.user)

    def delete_model(self, request: HttpRequest, obj: BreakingNews) -> None:
        services.end_breaking_news(obj, by=request.user)


class WorkflowEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "story", "action", "from_status", "to_status", "by", "note"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["article__headline", "actor__username", "actor__first_name", "actor__last_name", "via", "note"]
    search_help_text = "Search by story headline, by person (username or name), by API token or feed, or by note."
    list_select_related = ["article", "actor"]
    date_hierarchy = "at"

    @admin.display(description="by", ordering="actor__username")
    def by(self, event: WorkflowEvent) -> str:
        return event.who

    @admin.display(description="story", ordering="article__headline")
    def story(self, event: WorkflowEvent) -> str:
        url = reverse("newsroom:content_article_change", args=[event.article_id])
        return format_html('<a href="{}">{}</a>', url, event.article.headline)


class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ["published_at", "kind", "story", "text"]
    list_filter = ["kind"]
    search_fields = ["text", "article__headline"]
    list_select_related = ["article"]

    @admin.display(description="story", ordering="article__headline")
    def story(self, correction: Correction) -> str:
        url = reverse("newsroom:content_article_change", args=[correction.article_id])
        return format_html('<a href="{}">{}</a>', url, correction.article.headline)


newsroom_site.register(FrontPageItem, FrontPageItemAdmin)
newsroom_site.register(BreakingNews, BreakingNewsAdmin)
newsroom_site.register(WorkflowEvent, WorkflowEventAdmin)
newsroom_site.register(Correction, CorrectionAdmin)
