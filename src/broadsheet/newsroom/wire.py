"""The wire desk in the newsroom: paste or upload agency copy, review it beside the original, save a draft."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from broadsheet.content.models import Section
from broadsheet.importers.fetch import fetch_ok
from broadsheet.importers.htmltext import blocks_from_html
from broadsheet.importers.paste import extract_pasted, extract_upload
from broadsheet.importers.polling import PollReport, poll
from broadsheet.importers.webpage import extract_webpage, fetch_webpage
from broadsheet.importers.wiretext import Extraction
from broadsheet.media import services as media
from broadsheet.media.models import Image
from broadsheet.newsroom.admin import newsroom_site
from broadsheet.wire import services
from broadsheet.wire.models import ApiToken, FeedSubscription, IngestedItem, Scope
from broadsheet.wire.story import ImportRefused, Story


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Paste the story", required=False, widget=forms.Textarea(attrs={"rows": 18, "cols": 90}),
        help_text="Everything you copied, page furniture and all: menus, ads and share buttons are left out.",
    )  # fmt: skip
    upload = forms.FileField(label="…or upload a .txt or .html file", required=False)
    url = forms.URLField(label="…or give the address of a web page", required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("text", "").strip() and not data.get("upload") and not data.get("url"):
            raise ValidationError("Paste the story, choose a file or give a web address.")
        return data


class ReviewForm(forms.Form):
    """What the importer found, editable before it becomes a draft."""

    headline = forms.CharField(max_length=200)
    bylines = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line: a person, or an agency credit such as “Agency Staff”.",
    )  # fmt: skip
    dateline = forms.CharField(max_length=80, required=False, help_text="e.g. BEIJING; added in front of the body.")
    published_at = forms.DateTimeField(
        label="Original time", required=False, help_text="When the source published it (kept on the draft)."
    )
    section = forms.ModelChoiceField(queryset=Section.objects.all())
    lead_image_url = forms.URLField(
        label="Lead picture address", required=False, assume_scheme="https",
        help_text="Fetched into the media library when you save; check you may use it.",
    )  # fmt: skip
    lead_image_alt = forms.CharField(label="Describe the picture", max_length=300, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 16}), help_text="Paragraphs separated by a blank line.")
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("lead_image_url") and not data.get("lead_image_alt", "").strip():
            self.add_error("lead_image_alt", "Describe the picture for readers who cannot see it.")
        return data

    def lead_image(self) -> Image | None:
        """Fetch the lead picture safely and store it in the library; None when no address was given."""
        url = self.cleaned_data.get("lead_image_url")
        if not url:
            return None
        fetched = fetch_ok(url, accept="image/*")
        name = urlsplit(fetched.url).path.rsplit("/", 1)[-1] or "lead.jpg"
        return media.upload_image(
            ContentFile(fetched.body, name=name),
            alt_text=self.cleaned_data["lead_image_alt"],
            credit=urlsplit(url).netloc,
        )

    def story(self) -> Story:
        data = self.cleaned_data
        paragraphs = [" ".join(p.split()) for p in data["body"].replace("\r\n", "\n").split("\n\n") if p.strip()]
        credits = tuple(line.strip() for line in data["bylines"].splitlines() if line.strip())
        return Story(
            headline=data["headline"],
            body_html="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
            bylines=credits,
            dateline=data["dateline"],
            published_at=data["published_at"],
        )


def review_initial(extraction: Extraction, original: str) -> dict[str, Any]:
    story = extraction.story
    published = services.aware(story.published_at)
    return {
        "headline": story.headline,
        "bylines": "\n".join(story.credits),
        "dateline": story.dateline,
        "published_at": timezone.localtime(published) if published else None,
        "body": "\n\n".join(story.paragraphs),
        "lead_image_url": story.lead_image_url,
        "original": original,
    }


class IngestedItemAdmin(admin.ModelAdmin):
    """Items taken in from feeds and wire services; the paste screen hangs here."""

    list_display = ["external_id", "source", "article", "urgency", "version", "updated_at"]
    list_filter = ["source", "urgency"]
    search_fields = ["external_id", "article__headline"]
    list_select_related = ["article"]
    readonly_fields = ["source", "external_id", "version", "urgency", "article", "created_at", "updated_at"]
    change_list_template = "newsroom/ingested_change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        paste = path("paste/", self.admin_site.admin_view(self.paste_view), name="wire_paste")
        return [paste, *super().get_urls()]

    def paste_view(self, request: HttpRequest) -> HttpResponse:
        """Paste → review beside the original → save a draft (nothing is written before the last step)."""
        if not request.user.has_perm("content.add_article"):
            raise PermissionDenied
        paste_form, review_form, extraction, original = PasteForm(), None, None, ""
        if request.method == "POST" and "_save" in request.POST:
            review_form = ReviewForm(request.POST)
            original = request.POST.get("original", "")
            if review_form.is_valid():
                try:
                    lead_image = review_form.lead_image()
                    saved = services.save_story(
                        review_form.story(),
                        by=request.user,
                        section=review_form.cleaned_data["section"],
                        lead_image=lead_image,
                    )
                except ImportRefused as exc:
                    review_form.add_error("lead_image_url", str(exc))
                except ValidationError as exc:
                    review_form.add_error(None, exc)
                else:
                    assert saved.article is not None
                    self.message_user(request, f"Draft saved: “{saved.article.headline}”.", messages.SUCCESS)
                    return HttpResponseRedirect(reverse("newsroom:content_article_change", args=[saved.article.pk]))
        elif request.method == "POST":
            paste_form = PasteForm(request.POST, request.FILES)
            if paste_form.is_valid():
                upload = paste_form.cleaned_data.get("upload")
                url = paste_form.cleaned_data.get("url")
                try:
                    if url:
                        page = fetch_webpage(url)
                        extraction = extract_webpage(page.body, url=page.url, source=url)
                        original = "\n".join(blocks_from_html(page.body, source=url)[0])  # the page's text
                    elif upload:
                        data = upload.read()
                        extraction = extract_upload(data, filename=upload.name or "upload")
                        original = data.decode("utf-8", errors="replace")
                    else:
                        original = paste_form.cleaned_data["text"]
                        extraction = extract_pasted(original)
                except ImportRefused as exc:
                    paste_form.add_error(None, str(exc))
                else:
                    initial = review_initial(extraction, original)
                    initial["section"] = Section.objects.first()
                    review_form = ReviewForm(initial=initial)
        context = {
            **self.admin_site.each_context(request),
            "title": "Paste or upload agency copy",
            "paste_form": paste_form,
            "review_form": review_form,
            "dropped": extraction.dropped if extraction else [],
            "original": original,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "newsroom/wire_paste.html", context)


newsroom_site.register(IngestedItem, IngestedItemAdmin)


class FeedSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["name", "section", "is_trusted", "is_active", "health", "last_success_at", "next_poll_at"]
    list_filter = ["is_active", "is_trusted", "section"]
    search_fields = ["name", "url"]
    list_select_related = ["section"]
    fields = ["name", "url", "section", "credit", "is_trusted", "is_active", "health", "last_polled_at",
              "last_success_at", "next_poll_at"]  # fmt: skip
    readonly_fields = ["health", "last_polled_at", "last_success_at", "next_poll_at"]
    actions = ["poll_now"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="health")
    def health(self, subscription: FeedSubscription) -> str:
        if subscription.failure_count:
            return format_html(
                '<strong class="errornote" style="padding:.1rem .4rem">Failing ({} in a row)</strong> {}',
                subscription.failure_count,
                Truncator(subscription.last_error).chars(90),
            )
        return "OK" if subscription.last_success_at else "Not polled yet"

    def save_model(self, request: HttpRequest, obj: FeedSubscription, form: forms.ModelForm, change: bool) -> None:
        services.save_subscription(obj, by=request.user)

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request: HttpRequest, queryset: QuerySet[FeedSubscription]) -> None:
        report = PollReport()
        for subscription in queryset.select_related("section"):
            poll(subscription, report)
        level = messages.WARNING if report.failed_feeds or report.failed_items else messages.SUCCESS
        text = f"Polled {report.polled} feed(s): {report.created} new, {report.seen} already taken in."
        self.message_user(request, " ".join([text, *report.failed_feeds, *report.failed_items]), level)


newsroom_site.register(FeedSubscription, FeedSubscriptionAdmin)


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(choices=Scope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ApiToken
        fields = ["name", "scopes"]


class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens for integrations: made here, shown once, revoked with one action."""

    form = ApiTokenForm
    list_display = ["name", "prefix", "scope_list", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    @admin.display(description="scopes")
    def scope_list(self, token: ApiToken) -> str:
        return ", ".join(Scope(scope).label for scope in token.scopes)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)  # a token is made, then only revoked

    def save_model(self, request: HttpRequest, obj: ApiToken, form: forms.ModelForm, change: bool) -> None:
        token, secret = services.create_token(
            name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"], by=request.user
        )
        form.instance = token  # the admin logs and redirects to the token the service made
        self.message_user(
            request,
            f"Token for “{token.name}”: {secret} — copy it now; it is not shown again.",
            messages.WARNING,
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            services.revoke_token(token, by=request.user)
        self.message_user(request, f"{queryset.count()} token(s) revoked.", messages.SUCCESS)


newsroom_site.register(ApiToken, ApiTokenAdmin)
