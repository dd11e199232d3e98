"""The comment moderation queue: pending and reported first, the commenter's history, bulk decisions."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator

from broadsheet.comments import services
from broadsheet.comments.models import Ban, Comment, CommentStatus
from broadsheet.comments.selectors import commenter_history
from broadsheet.newsroom.admin import newsroom_site


class ReportedFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Reported by readers")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        return queryset.filter(report_count__gt=0) if self.value() == "yes" else queryset


def _decision(to: str, label: str) -> Any:
    @admin.action(description=label, permissions=["moderate"])
    def act(modeladmin: CommentAdmin, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        try:
            changed = services.moderate_comments(queryset, to, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
            return
        modeladmin.message_user(request, f"{changed} comment(s): {CommentStatus(to).label.lower()}.", messages.SUCCESS)

    act.__name__ = f"mark_{to}"
    return act


class CommentAdmin(admin.ModelAdmin):
    # Eight columns on a laptop screen beside the sidebar: short cells that wrap, a compact date,
    # and desk.css (the Media below) lays the filters above the table instead of beside it.
    list_display = ["excerpt", "author", "history", "story", "status", "reports", "hold_reason", "received"]
    list_filter = ["status", ReportedFilter, "article__section", "created_at"]
    search_fields = ["body", "author_name", "author_email", "article__headline", "ip_address"]
    list_select_related = ["article", "article__section"]
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = [
        _decision(CommentStatus.APPROVED, "Approve the selected comments"),
        _decision(CommentStatus.REJECTED, "Reject the selected comments"),
        _decision(CommentStatus.SPAM, "Mark the selected comments as spam"),
        _decision(CommentStatus.REMOVED, "Remove the selected comments"),
    ]
    readonly_fields = [
        "article", "thread", "in_reply_to", "author_name", "author_email", "body", "status", "hold_reason",
        "report_count", "ip_address", "created_at", "moderated_at", "moderated_by", "notify_on_reply",
    ]  # fmt: skip
    fields = list(readonly_fields)  # nothing a moderator types changes the comment; decisions are buttons
    change_form_template = "newsroom/comment_change_form.html"

    class Media:
        css = {"all": ["newsroom/desk.css"]}

    def get_ordering(self, request: HttpRequest) -> list[str | Combinable]:
        # The queue's order: waiting comments, then reported ones, then everything else, newest first.
        return ["queue_rank", "-report_count", "-created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        # Built here rather than by super(): the admin orders by queue_rank, which must exist first.
        return (
            Comment.objects.all()
            .annotate(
                queue_rank=Case(
                    When(status=CommentStatus.PENDING, then=Value(0)),
                    When(report_count__gt=0, status=CommentStatus.APPROVED, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by(*self.get_ordering(request))
        )

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)
        # One query for every commenter's history on the page, not one per row.
        self._history = commenter_history(c.author_email for c in changelist.result_list)
        return changelist

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        # Enough to decide most comments from the queue; the whole one is a click away.
        text = comment.body if len(comment.body) <= 120 else comment.body[:117].rstrip() + "…"
        return text or "(erased)"

    @admin.display(description="commenter", ordering="author_name")
    def author(self, comment: Comment) -> str:
        return format_html("{}<br><small>{}</small>", comment.author_name, comment.author_email)

    @admin.display(description="history")
    def history(self, comment: Comment) -> str:
        counts = getattr(self, "_history", {}).get(comment.author_email, {"approved": 0, "rejected": 0})
        return f"{counts['approved']} approved, {counts['rejected']} rejected"

    @admin.display(description="story", ordering="article__headline")
    def story(self, comment: Comment) -> str:
        url = comment.article.get_absolute_url() + f"#comment-{comment.pk}"
        # The start of the headline tells stories on one desk apart; the title and name hold all of it.
        headline = comment.article.headline
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" title="{}" aria-label="{}">{}</a>',
            url, headline, headline, Truncator(headline).chars(48),
        )  # fmt: skip

    @admin.display(description="reports", ordering="report_count")
    def reports(self, comment: Comment) -> int:
        return comment.report_count

    @admin.display(description="received", ordering="created_at")
    def received(self, comment: Comment) -> str:
        # Today's comments show the time only, this year's the day and month: the full date is the title.
        at = timezone.localtime(comment.created_at)
        now = timezone.localtime()
        short = "H:i" if at.date() == now.date() else ("j M H:i" if at.year == now.year else "j M Y")
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            at.isoformat(), date_format(at, "DATETIME_FORMAT"), date_format(at, short),
        )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers, through the reader form

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("comments.moderate_comment")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_moderate_permission(request) or request.user.has_perm("comments.view_comment")

    def response_change(self, request: HttpRequest, obj: Comment) -> HttpResponse:
        decision = next((s for s in CommentStatus.values if f"_to_{s}" in request.POST), None)
        if decision:
            try:
                services.moderate_comment(obj, decision, by=request.user)
                self.message_user(request, f"Comment {CommentStatus(decision).label.lower()}.", messages.SUCCESS)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
            return HttpResponseRedirect(reverse("newsroom:comments_comment_changelist"))
        return super().response_change(request, obj)

    def save_model(self, request: HttpRequest, obj: Comment, form: forms.ModelForm, change: bool) -> None:
        return None  # every field is read-only; decisions go through response_change

    def get_urls(self) -> list[Any]:
        return [
            path(
                "commenter/",
                self.admin_site.admin_view(self.commenter_view),
                name="comments_commenter",
            ),
            *super().get_urls(),
        ]

    def commenter_view(self, request: HttpRequest) -> HttpResponse:
        """A reader's data request: export everything held about an address as JSON, or erase it."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        email = (request.POST.get("email") or request.GET.get("email") or "").strip()
        if request.method == "POST" and email and "_export" in request.POST:
            data = services.export_commenter(email)
            response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
            response["Content-Disposition"] = f'attachment; filename="commenter-{data["email"]}.json"'
            return response
        if request.method == "POST" and email and "_erase" in request.POST:
            erased = services.erase_commenter(email, by=request.user)
            self.message_user(request, f"Erased {erased} comment(s) and the data held for {email}.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("newsroom:comments_commenter"))
        count = Comment.objects.filter(author_email__iexact=email).count() if email else 0
        context = {**self.admin_site.each_context(request), "title": "Commenter data", "email": email, "count": count}
        return TemplateResponse(request, "newsroom/commenter.html", context)


class BanForm(forms.ModelForm):
    class Meta:
        model = Ban
        fields = ["email", "network", "reason"]

    def clean_network(self) -> str:
        return services.normalise_network(self.cleaned_data["network"])


class BanAdmin(admin.ModelAdmin):
    form = BanForm
    list_display = ["__str__", "reason", "created_by", "created_at"]
    search_fields = ["email", "network", "reason"]
    fields = ["email", "network", "reason"]

    def save_model(self, request: HttpRequest, obj: Ban, form: forms.ModelForm, change: bool) -> None:
        if change:
            obj.save()
            return
        saved = services.ban(email=obj.email, network=obj.network, reason=obj.reason, by=request.user)
        obj.pk = saved.pk


newsroom_site.register(Comment, CommentAdmin)
newsroom_site.register(Ban, BanAdmin)
