"""The newsroom: Django's admin, customised, where every save goes through the domain services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField

from broadsheet.content import services
from broadsheet.content.models import Article, Author, Byline, Section, SiteSettings, Status, Tag
from broadsheet.media import services as media_services
from broadsheet.media.models import Image


class NewsroomSite(admin.AdminSite):
    site_header = "Broadsheet newsroom"
    site_title = "Newsroom"
    index_title = "Today's desk"
    site_url = "/"


newsroom_site = NewsroomSite(name="newsroom")

BODY_EXTENSIONS: dict[str, Any] = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "HardBreak": True,
    "History": True,
}


class ArticleForm(forms.ModelForm):
    body = ProseEditorFormField(
        config={"extensions": BODY_EXTENSIONS},
        required=False,
        help_text="Start with the first paragraph; the dateline is added in front of it automatically.",
    )

    class Meta:
        model = Article
        fields = [
            "kicker", "headline", "dek", "slug", "section", "dateline", "body",
            "lead_image", "tags", "published_at",
        ]  # fmt: skip


class BylineForm(forms.ModelForm):
    class Meta:
        model = Byline
        fields = ["author", "credit"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        author, credit = data.get("author"), (data.get("credit") or "").strip()
        if author and credit:
            raise ValidationError("Choose a staff author or type a credit, not both.")
        if not author and not credit and not self.cleaned_data.get("DELETE"):
            raise ValidationError("Choose a staff author or type a credit such as “Agency Staff”.")
        return data


class BylineFormSet(BaseInlineFormSet):
    def specs(self) -> list[services.BylineSpec]:
        """Return the bylines in the order the editor arranged them."""
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        kept.sort(key=lambda f: f.cleaned_data.get("ORDER") or 0)
        return [f.cleaned_data["author"] or f.cleaned_data["credit"].strip() for f in kept]


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineForm
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "Bylines — a staff author, or a credit such as “The Example Times” or “Agency Staff”"

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs["can_order"] = True
        return super().get_formset(request, obj, **kwargs)


class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    inlines = [BylineInline]
    list_display = ["headline", "section", "status_label", "published_at", "updated_at", "view_link"]
    list_filter = ["status", "section", ("bylines__author", admin.RelatedOnlyFieldListFilter), "published_at"]
    search_fields = ["headline", "dek", "slug", "bylines__credit", "bylines__author__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "lead_image", "section"]
    list_select_related = ["section"]
    prepopulated_fields = {"slug": ["headline"]}
    actions = ["publish_selected", "withdraw_selected"]
    change_form_template = "newsroom/article_change_form.html"
    fieldsets = [
        (None, {"fields": ["kicker", "headline", "dek", "body"]}),
        ("Placement", {"fields": ["section", "tags", "dateline", "lead_image"]}),
        ("Publication", {"fields": ["slug", "published_at"]}),
    ]

    @admin.display(description="status", ordering="status")
    def status_label(self, article: Article) -> str:
        if article.status == Status.PUBLISHED and not article.is_public:
            return "Scheduled"
        return Status(article.status).label

    @admin.display(description="page")
    def view_link(self, article: Article) -> str:
        label = "View" if article.is_public else "Preview"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), label)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).distinct()

    def save_model(self, request: HttpRequest, obj: Article, form: forms.ModelForm, change: bool) -> None:
        # Content goes through the services; bylines and tags follow in save_related.
        data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS if name in form.cleaned_data}
        if change:
            stored = Article.objects.get(pk=obj.pk)
            changed = {name: data[name] for name in form.changed_data if name in data}
            saved = services.update_article(stored, by=request.user, **changed)
        else:
            data.pop("slug", None) if not data.get("slug") else None
            saved = services.create_article(by=request.user, **data)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        bylines = next(fs for fs in formsets if isinstance(fs, BylineFormSet))
        article = form.instance
        services.update_article(article, by=request.user, tags=form.cleaned_data["tags"], bylines=bylines.specs())
        if "_publish" in request.POST:
            self._transition(request, article, publish=True)
        elif "_withdraw" in request.POST:
            self._transition(request, article, publish=False)

    def _transition(self, request: HttpRequest, article: Article, *, publish: bool) -> None:
        try:
            if publish:
                services.publish_article(article, by=request.user, at=article.published_at)
                when = "is live" if article.is_public else "is scheduled"
                self.message_user(request, f"“{article.headline}” {when}.", messages.SUCCESS)
            else:
                services.unpublish_article(article, by=request.user)
                self.message_user(request, f"“{article.headline}” was withdrawn; it is a draft again.")
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)

    def response_change(self, request: HttpRequest, obj: Article) -> HttpResponse:
        if "_publish" in request.POST or "_withdraw" in request.POST:
            return HttpResponseRedirect(reverse("newsroom:content_article_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def response_add(self, request: HttpRequest, obj: Article, post_url_continue: str | None = None) -> HttpResponse:
        if "_publish" in request.POST:
            return HttpResponseRedirect(reverse("newsroom:content_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description="Publish the selected stories", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            self._transition(request, article, publish=True)

    @admin.action(description="Withdraw the selected stories", permissions=["publish"])
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset.filter(status=Status.PUBLISHED):
            self._transition(request, article, publish=False)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("content.publish_article")


class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_in_navigation"]
    list_editable = ["order", "is_in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request: HttpRequest, obj: Section, form: forms.ModelForm, change: bool) -> None:
        services.save_section(obj, by=request.user)


class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "user"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo", "user"]


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "title"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            media_services.check_image_upload(upload)
        return upload


class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit", "width", "height", "uploaded_at"]
    search_fields = ["title", "alt_text", "caption", "credit"]

    @admin.display(description="")
    def thumbnail(self, image: Image) -> str:
        return format_html('<img src="{}" alt="" width="80" style="height:auto">', image.file.url)

    def save_model(self, request: HttpRequest, obj: Image, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if change and "file" not in form.changed_data:
            media_services.update_image(
                obj,
                alt_text=data["alt_text"],
                caption=data["caption"],
                credit=data["credit"],
                title=data["title"],
            )
            return
        saved = media_services.upload_image(
            data["file"],
            alt_text=data["alt_text"],
            caption=data["caption"],
            credit=data["credit"],
            title=data["title"],
        )
        obj.pk = saved.pk
        obj.refresh_from_db()


class SiteSettingsAdmin(admin.ModelAdmin):
    autocomplete_fields = ["logo"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        # One row: the list is a detour, go straight to the form.
        site = SiteSettings.objects.first()
        if site is None:
            return HttpResponseRedirect(reverse("newsroom:content_sitesettings_add"))
        return HttpResponseRedirect(reverse("newsroom:content_sitesettings_change", args=[site.pk]))

    def save_model(self, request: HttpRequest, obj: SiteSettings, form: forms.ModelForm, change: bool) -> None:
        services.save_site_settings(obj, by=request.user)


newsroom_site.register(Article, ArticleAdmin)
newsroom_site.register(Section, SectionAdmin)
newsroom_site.register(Tag, TagAdmin)
newsroom_site.register(Author, AuthorAdmin)
newsroom_site.register(Image, ImageAdmin)
newsroom_site.register(SiteSettings, SiteSettingsAdmin)
newsroom_site.register(User, UserAdmin)
newsroom_site.register(Group, GroupAdmin)
