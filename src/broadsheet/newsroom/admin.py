"""The newsroom: Django's admin, customised, where every save goes through the domain services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import construct_change_message
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Prefetch, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from broadsheet.accounts.models import TwoFactorRequirement
from broadsheet.content import rules, services
from broadsheet.content.models import Article, Author, Byline, Section, SiteSettings, Status, Tag
from broadsheet.content.selectors import newsroom_articles, public_articles
from broadsheet.media import services as media_services
from broadsheet.media.models import Image
from broadsheet.media.renditions import rendition_name
from broadsheet.newsroom import signin


class NewsroomSite(admin.AdminSite):
    site_header = "Broadsheet newsroom"
    site_title = "Newsroom"
    index_title = "Today's desk"
    site_url = "/"
    index_template = "newsroom/index.html"

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        from broadsheet.newsroom.desk import dashboard  # desk registers models on this site

        return super().index(request, {**dashboard(request), **(extra_context or {})})

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        # Lockout per (account, address), then the second-factor step for accounts that have one.
        return signin.sign_in(self, request, extra_context)

    def get_urls(self) -> list[URLResolver | URLPattern]:
        return [*signin.urls(self), *super().get_urls()]

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Every newsroom page, behind one more gate: a role that requires two-factor sign-in sends
        its members to set it up before anything else (signing out stays open)."""
        return signin.requiring_two_factor(super().admin_view(view, cacheable))


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
    # “Browse…” in the figure dialog opens the media library picker (ImageAdmin.picker_view).
    "Figure": {"pickerUrl": reverse_lazy("newsroom:media_image_picker")},
    "Caption": True,
    "Image": True,
    "HardBreak": True,
    "History": True,
    # The editor turns the browser's spell check off by default (spellcheck="false"); reporters want
    # it. newsroom.js then marks the editing area spellcheck="true" so every browser checks it.
    "NoSpellCheck": False,
}


class ArticleForm(forms.ModelForm):
    body = ProseEditorFormField(
        config={"extensions": BODY_EXTENSIONS},
        widget=AdminProseEditorWidget,  # the admin variant brings the editor's own styles into the admin
        required=False,
        help_text="Start with the first paragraph; the dateline is added in front of it automatically.",
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_note = forms.CharField(
        label="Note for the desk",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Goes with the next workflow step (required when sending a story back); kept in the audit log.",
    )
    actor: Any = None  # the signed-in user, set by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = [
            "kicker", "headline", "dek", "slug", "section", "dateline", "body",
            "lead_image", "tags", "published_at", "embargo_until", "comments_mode", "ads_suppressed",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An empty address is made from the headline by the service, so it is never a form error.
        if "slug" in self.fields:  # absent when the user may only view the story
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "The last part of the address. Left empty, it is made from the headline."
        # Browsers leave one-line inputs unchecked unless asked; the words readers see first are here.
        for name in ("kicker", "headline", "dek"):
            if name in self.fields:
                self.fields[name].widget.attrs["spellcheck"] = "true"
        article = self.instance
        self.fields["base_revision"].initial = article.revision if article.pk else None
        copy = article.working_copy if article.pk else None
        if copy is not None and not self.is_bound:
            # A live story is edited as its working copy: the form starts from the unpublished changes.
            changes, tags, _ = services.changes_from(copy.data)
            for name, value in changes.items():
                if name in self.fields:
                    self.initial[name] = value.pk if hasattr(value, "pk") else value
            self.initial["tags"] = [tag.pk for tag in tags]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        article = self.instance
        if article.pk and not self.errors:
            changes = {name: data[name] for name in self.changed_data if name in services.EDITABLE_FIELDS}
            conflict = services.keep_conflicting_edit(
                article,
                by=self.actor,
                base_revision=data.get("base_revision"),
                changes=changes,
                tags=data.get("tags") if "tags" in self.changed_data else None,
            )
            if conflict is not None:
                diff = reverse("newsroom:content_article_diff", args=[article.pk])
                raise ValidationError(
                    format_html(
                        '{} <a href="{}?a={}&amp;b={}">Compare your version with theirs</a>. '
                        "Your text is still in the form below.",
                        conflict.message,
                        diff,
                        conflict.current,
                        conflict.kept.number,
                    ),
                    code="edit_conflict",
                )
        return data


class StatusFilter(admin.SimpleListFilter):
    """Where a story is in the workflow, as the desk reads it (a scheduled story whose time came is live)."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(status.value, status.label) for status in Status] + [
            ("working_copy", "Live, with unpublished changes")
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value is None:
            return queryset
        if value == "working_copy":
            return queryset.filter(working_copy__isnull=False)
        if value == Status.PUBLISHED:
            return queryset.filter(pk__in=public_articles().values("pk"))
        if value == Status.SCHEDULED:
            return queryset.filter(status=Status.SCHEDULED).exclude(pk__in=public_articles().values("pk"))
        return queryset.filter(status=value)


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
    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        order = form.fields["ORDER"]
        order.label = "Order"
        order.help_text = "1 reads first; leave empty to keep the rows' order."
        order.widget.attrs["style"] = "width:4em"

    def __init__(self, *args: Any, needs_byline: bool = False, **kwargs: Any) -> None:
        # True when this save publishes the story or it is already public: a byline is then required.
        self.needs_byline = needs_byline
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.needs_byline and not any(form.errors for form in self.forms) and not self.specs():
            raise ValidationError(
                "Add a byline before publishing: choose a staff author, or type a credit such as "
                "“The Example Times” or “Agency Staff”.",
                code="no_byline",
            )

    def specs(self) -> list[services.BylineSpec]:
        """Return the bylines in the order the editor arranged them (rows without a number go last).

        An untouched extra row may carry a byline from a live story's working copy (its initial
        data), so rows are read from their data, or from their initial values when left alone.
        """
        rows: list[tuple[tuple[int, int], services.BylineSpec]] = []
        for index, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            author, credit = data.get("author"), (data.get("credit") or "").strip()
            if not data and form.initial:
                author = Author.objects.filter(pk=form.initial.get("author") or 0).first()
                credit = (form.initial.get("credit") or "").strip()
            if not author and not credit:
                continue
            order = data.get("ORDER")
            rows.append(((0, order) if order is not None else (1, index), author or credit))
        return [spec for _, spec in sorted(rows, key=lambda row: row[0])]


def may_change_story(user: Any, article: Article) -> bool:
    """The story's change form is open to this user: they may edit it, or take it a step on."""
    return rules.can_edit(user, article) or bool(rules.available_moves(article, user))


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineForm
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = (
        "Bylines — a staff author, or a credit such as “The Example Times” or “Agency Staff”; "
        "number them in the order they should read"
    )

    # ORDER is the formset's own ordering field: listed so the table shows it, kept out of the
    # model form (get_formset) because Byline has no such column.
    fields = ["author", "credit", "ORDER"]

    def _view_only(self, request: HttpRequest, obj: Any) -> bool:
        # Django shows the inline read-only when the story itself may not be changed.
        return obj is not None and not may_change_story(request.user, obj)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Read-only (someone who may not edit the story): the stored order, not the form's empty ORDER box.
        return ["order", "author", "credit"] if self._view_only(request, obj) else self.fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["order"] if self._view_only(request, obj) else []

    @admin.display(description="order")
    def order(self, byline: Byline) -> int:
        return byline.position + 1

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        if obj is not None and obj.working_copy_id:
            return len(obj.working_copy.data.get("bylines", [])) + 1
        return self.extra

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs["can_order"] = True
        kwargs["fields"] = ["author", "credit"]
        return super().get_formset(request, obj, **kwargs)


class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    inlines = [BylineInline]
    list_display = ["headline", "section", "status_label", "byline_names", "published_at", "view_link"]
    list_filter = [
        StatusFilter,
        "section",
        ("bylines__author", admin.RelatedOnlyFieldListFilter),
        "published_at",
    ]
    search_fields = ["headline", "kicker", "dek", "slug", "bylines__credit", "bylines__author__name"]
    search_help_text = "Search headlines, standfirsts, addresses and bylines."
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "lead_image", "section"]
    list_select_related = ["section"]
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    actions = ["withdraw_selected"]
    change_form_template = "newsroom/article_change_form.html"
    view_on_site = False  # the template links to the page itself, labelled "Preview" for drafts
    fieldsets = [
        (None, {"fields": ["kicker", "headline", "dek", "body"]}),
        ("Placement", {"fields": ["section", "tags", "dateline", "lead_image"]}),
        (
            "Publication",
            {"fields": ["slug", "published_at", "embargo_until", "comments_mode", "ads_suppressed"]},
        ),
        ("Workflow", {"fields": ["workflow_note", "base_revision"]}),
    ]

    @admin.display(description="status", ordering="status")
    def status_label(self, article: Article) -> str:
        label = article.state.label
        if article.is_embargoed:
            label += " · embargoed"
        if article.working_copy_id:
            label += " · unpublished changes"
        return label

    @admin.display(description="byline")
    def byline_names(self, article: Article) -> str:
        return ", ".join(byline.name for byline in article.bylines.all())

    @admin.display(description="page")
    def view_link(self, article: Article) -> str:
        label = "View" if article.is_public else "Preview"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), label)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        bylines = Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        # Editors see every story; others the public ones and their own (content.selectors.newsroom_articles).
        return newsroom_articles(request.user, super().get_queryset(request)).prefetch_related(bylines)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return super().has_change_permission(request, obj)
        return may_change_story(request.user, obj)

    def _view_only(self, request: HttpRequest, obj: Any) -> bool:
        return obj is not None and not may_change_story(request.user, obj)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        """Read-only, the body shows as readers see it (formatted), not as its HTML source."""
        fieldsets = super().get_fieldsets(request, obj)
        if not self._view_only(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": ["body_as_published" if f == "body" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "body_as_published"] if self._view_only(request, obj) else readonly

    @admin.display(description="Body")
    def body_as_published(self, article: Article) -> str:
        # Stored bodies are sanitised when saved (content.sanitize), the same HTML the public page shows.
        return format_html('<div class="story-body-preview">{}</div>', mark_safe(article.body))

    def get_formset_kwargs(self, request: HttpRequest, obj: Article, inline: Any, prefix: str) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BylineInline) and obj.pk and obj.working_copy is not None:
            # A live story's working copy: its bylines are offered as rows to keep or change.
            kwargs["queryset"] = Byline.objects.none()
            kwargs["initial"] = [
                {"author": row["author_id"], "credit": row["credit"]}
                for row in obj.working_copy.data.get("bylines", [])
            ]
        if isinstance(inline, BylineInline):
            going_live = any(f"_move_{s}" in request.POST for s in (Status.PUBLISHED, Status.SCHEDULED))
            kwargs["needs_byline"] = going_live or (obj.pk is not None and obj.state == Status.PUBLISHED)
        return kwargs

    def save_model(self, request: HttpRequest, obj: Article, form: forms.ModelForm, change: bool) -> None:
        # Nothing is written yet: save_related also sees the bylines, so each save is one service call.
        return None

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        bylines = next(fs for fs in formsets if isinstance(fs, BylineFormSet))
        data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS if name in form.cleaned_data}
        if change:
            stored = Article.objects.select_related("working_copy").get(pk=form.instance.pk)
            changes = {name: data[name] for name in form.changed_data if name in data}
            if "slug" in changes and not changes["slug"]:  # cleared: make a fresh one from the headline
                changes["slug"] = slugify(data["headline"])
            tags = form.cleaned_data["tags"] if "tags" in form.changed_data else None
            specs = bylines.specs() if bylines.has_changed() else None
            if changes or tags is not None or specs is not None:
                article = services.update_article(
                    stored,
                    by=request.user,
                    base_revision=form.cleaned_data.get("base_revision"),
                    tags=tags,
                    bylines=specs,
                    **changes,
                )
            else:
                article = stored
        else:
            if not data.get("slug"):
                data.pop("slug", None)
            article = services.create_article(
                by=request.user, tags=form.cleaned_data["tags"], bylines=bylines.specs(), **data
            )
        # The admin goes on to log, message and redirect with the object it holds.
        form.instance.pk = article.pk
        form.instance.refresh_from_db()
        self._workflow(request, article, note=form.cleaned_data.get("workflow_note") or "")

    def _workflow(self, request: HttpRequest, article: Article, *, note: str) -> None:
        """Take the workflow step the pressed button asks for; refusals are shown, the save stands."""
        try:
            if "_publish_changes" in request.POST:
                services.publish_working_copy(article, by=request.user, note=note)
                self.message_user(request, f"The changes to “{article.headline}” are live.", messages.SUCCESS)
            elif "_discard_changes" in request.POST:
                services.discard_working_copy(article, by=request.user)
                self.message_user(request, "The unpublished changes were discarded (they stay in the history).")
            else:
                target = next((s for s in Status if f"_move_{s.value}" in request.POST), None)
                if target is None:
                    if article.working_copy_id:
                        self.message_user(
                            request,
                            "Saved as a working copy: readers see the published version until an editor "
                            "publishes the changes.",
                            messages.INFO,
                        )
                        request._broadsheet_said_saved = True  # type: ignore[attr-defined]
                    return
                services.move_article(article, target, by=request.user, note=note, at=article.published_at)
                article.refresh_from_db()
                self.message_user(
                    request, f"“{article.headline}” is now {self._state_words(article)}.", messages.SUCCESS
                )
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)

    @staticmethod
    def _state_words(article: Article) -> str:
        if article.state == Status.SCHEDULED and article.published_at:
            return f"scheduled for {timezone.localtime(article.published_at):%d %b %Y %H:%M}"
        return article.state.label.lower()

    def construct_change_message(
        self, request: HttpRequest, form: forms.Form, formsets: Any, add: bool = False
    ) -> list[dict[str, Any]]:
        # Bylines are rewritten by the service, not saved by the formsets, so name them here.
        message = construct_change_message(form, [], add)
        if not add and any(formset.has_changed() for formset in formsets):
            message.append({"changed": {"fields": ["bylines"]}})
        return message

    def message_user(
        self,
        request: HttpRequest,
        message: Any,
        level: int | str = messages.INFO,
        extra_tags: str = "",
        fail_silently: bool = False,
    ) -> None:
        # Django's own "… was changed successfully." (its only SUCCESS message after a working-copy
        # save, which ends the workflow step) would contradict "Saved as a working copy": readers do not
        # see the change yet. Once the save has been described, it is not described again.
        if getattr(request, "_broadsheet_said_saved", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, extra_tags, fail_silently)

    def _stays(self, request: HttpRequest) -> bool:
        return any(key.startswith(("_move_", "_publish_changes", "_discard_changes")) for key in request.POST)

    def response_change(self, request: HttpRequest, obj: Article) -> HttpResponse:
        if self._stays(request):
            return HttpResponseRedirect(reverse("newsroom:content_article_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def response_add(self, request: HttpRequest, obj: Article, post_url_continue: str | None = None) -> HttpResponse:
        if self._stays(request):
            return HttpResponseRedirect(reverse("newsroom:content_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        article = Article.objects.select_related("working_copy").filter(pk=object_id).first()
        extra: dict[str, Any] = dict(extra_context or {})
        if article is not None:
            extra.update(desk.article_panel(request, article))
        return super().change_view(request, object_id, form_url, extra)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        moves = (
            []
            if not request.user.has_perm(rules.SUBMIT)
            else [(Status.IN_REVIEW, rules.ALLOWED[(Status.DRAFT, Status.IN_REVIEW)])]
        )
        if request.user.has_perm(rules.PUBLISH):
            moves += [(t, rules.ALLOWED[(Status.DRAFT, t)]) for t in (Status.PUBLISHED, Status.SCHEDULED)]
        return super().add_view(request, form_url, {**(extra_context or {}), "moves": moves, "can_save": True})

    def get_urls(self) -> list[URLPattern]:
        return [*desk.article_urls(self), *super().get_urls()]

    @admin.action(description="Withdraw the selected stories", permissions=["withdraw"])
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            if article.state != Status.PUBLISHED:
                continue
            try:
                services.withdraw_article(article, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(rules.WITHDRAW)


class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_in_navigation", "ads_suppressed"]
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
    # A plain file field: check_image_upload gives every refusal its specific message, where
    # Django's image field would answer "not a valid image" for a pixel flood too.
    file = forms.FileField(label="Image file", help_text="A JPEG, PNG, WebP or GIF.")

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "title"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a stored image keeps its file; see ImageAdmin.get_readonly_fields
            del self.fields["file"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            media_services.check_image_upload(upload)
        return upload


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def rendition(image: Image, *, at_least: int) -> Rendition:
    """Return the image's smallest JPEG rendition at least `at_least` wide (else its widest)."""
    widths = image.rendition_widths
    if not widths:  # renditions not made yet: the original still works
        return Rendition(image.file.url, image.width, image.height)
    width = next((w for w in widths if w >= at_least), widths[-1])
    height = max(1, round(image.height * width / image.width)) if image.width else 0
    return Rendition(default_storage.url(rendition_name(str(image.file.name), width, "jpeg")), width, height)


# Wide enough for the article column on a desktop, small enough for phones to download quickly.
BODY_IMAGE_WIDTH = 960


class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Image | None = None) -> list[str]:
        # A stored image keeps its file (articles point at its renditions); upload a new one instead.
        return ["preview", "body_address", "width", "height"] if obj else []

    def get_fields(self, request: HttpRequest, obj: Image | None = None) -> tuple[str, ...]:
        if obj is None:
            return ("file", "alt_text", "caption", "credit", "title")
        return ("preview", "body_address", "alt_text", "caption", "credit", "title", "width", "height")

    @admin.display(description="")
    def thumbnail(self, image: Image) -> str:
        small = rendition(image, at_least=160)
        return format_html('<img src="{}" alt="" width="80" style="height:auto">', small.url)

    @admin.display(description="picture")
    def preview(self, image: Image) -> str:
        shown = rendition(image, at_least=640)
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" style="max-width:100%;height:auto">',
            shown.url,
            shown.width,
            shown.height,
        )

    @admin.display(description="Copy address for the article body")
    def body_address(self, image: Image) -> str:
        body = rendition(image, at_least=BODY_IMAGE_WIDTH)
        return format_html(
            '<input type="text" readonly value="{}" size="70" aria-label="Image address" '
            'data-select-on-focus><div class="help">{} × {} pixels. In the body editor, choose '
            "“Insert figure” and paste this address (or press “Browse…” there to pick from the library). "
            "Images from other websites are removed when the story is saved.</div>",
            body.url,
            body.width,
            body.height,
        )

    def get_urls(self) -> list[URLPattern]:
        picker = path("picker/", self.admin_site.admin_view(self.picker_view), name="media_image_picker")
        return [picker, *super().get_urls()]

    def picker_view(self, request: HttpRequest) -> HttpResponse:
        """The body editor's “Browse…” window: pick a library image and hand its address back."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        images = Image.objects.all()
        if query:
            images, _ = self.get_search_results(request, images, query)
        choices = [
            {
                "image": image,
                "thumb": rendition(image, at_least=160),
                "body": rendition(image, at_least=BODY_IMAGE_WIDTH),
            }
            for image in images[:60]
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose a picture",
            "is_popup": True,
            "choices": choices,
            "query": query,
            "callback": request.GET.get("CKEditorFuncNum", ""),
            "upload_url": reverse("newsroom:media_image_add"),
        }
        return TemplateResponse(request, "newsroom/image_picker.html", context)

    def save_model(self, request: HttpRequest, obj: Image, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if change:
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the system writes (audit trails, counts): staff read them, nobody edits them here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SingleRowAdmin(admin.ModelAdmin):
    """A settings row: no list, no delete, straight to the form."""

    # No "does the row exist" query here: the admin asks this for every model on every page, and
    # an add when the row exists just updates it (the services write the single row, pk 1).

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        opts = self.model._meta
        row = self.model.objects.first()
        if row is None:
            return HttpResponseRedirect(reverse(f"newsroom:{opts.app_label}_{opts.model_name}_add"))
        return HttpResponseRedirect(reverse(f"newsroom:{opts.app_label}_{opts.model_name}_change", args=[row.pk]))

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: str | None = None) -> HttpResponse:
        return self.response_change(request, obj)


class SiteSettingsAdmin(SingleRowAdmin):
    autocomplete_fields = ["logo", "logo_dark"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

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
newsroom_site.register(TwoFactorRequirement, signin.TwoFactorRequirementAdmin)

# The desk, the wire desk, the comment moderation queue and ad operations register themselves on this site.
from broadsheet.newsroom import ads, desk, moderation, wire  # noqa: E402, F401
