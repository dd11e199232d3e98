"""Ad operations in the newsroom: units (every change recorded), ads.txt, settings and the report."""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from broadsheet.ads import services
from broadsheet.ads.models import AdKind, AdSettings, AdStat, AdsTxt, AdUnit, AdUnitChange
from broadsheet.ads.rules import ads_txt_errors
from broadsheet.ads.selectors import report_totals
from broadsheet.ads.slots import SLOTS
from broadsheet.newsroom.admin import ReadOnlyAdmin, SingleRowAdmin, newsroom_site


class HostsField(forms.CharField):
    """Script hosts typed one per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip().lower() for line in text.splitlines() if line.strip()]


class AdUnitForm(forms.ModelForm):
    slots = forms.MultipleChoiceField(
        choices=[(s.name, f"{s.name} — {s.description}") for s in SLOTS.values()],
        widget=forms.CheckboxSelectMultiple,
        help_text="Where this unit may appear.",
    )
    target_url = forms.URLField(
        label="link", required=False, assume_scheme="https", max_length=500, help_text="Where a click takes the reader."
    )
    script_hosts = HostsField(
        required=False,
        help_text="Only for units that run in the page: one host per line, e.g. pagead2.googlesyndication.com.",
    )

    class Meta:
        model = AdUnit
        fields = [
            "name", "kind", "is_active", "weight", "slots", "starts_at", "ends_at",
            "image", "dark_image", "target_url", "code", "width", "height", "runs_in_page", "script_hosts",
            "include_sections", "exclude_sections", "include_tags", "exclude_tags",
            "include_articles", "exclude_articles",
        ]  # fmt: skip


TARGETING = list(services.TARGETING_FIELDS)


class AdUnitAdmin(admin.ModelAdmin):
    form = AdUnitForm
    list_display = ["name", "kind", "slot_names", "is_active", "weight", "starts_at", "ends_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "target_url"]
    autocomplete_fields = ["image", "dark_image", *sorted(TARGETING)]
    readonly_fields = ["history"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "is_active", "weight", "slots", "starts_at", "ends_at"]}),
        ("House ad", {"fields": ["image", "dark_image", "target_url"]}),
        (
            "Code snippet",
            {
                "fields": ["code", "width", "height", "runs_in_page", "script_hosts"],
                "description": "Snippets run in an isolated frame that cannot read the site or its readers' "
                "cookies. “Runs in page” is only for network loaders that refuse frames.",
            },
        ),
        (
            "Targeting",
            {
                "fields": [
                    ("include_sections", "exclude_sections"),
                    ("include_tags", "exclude_tags"),
                    ("include_articles", "exclude_articles"),
                ],
                "description": "Empty lists mean everywhere. Every non-empty “only” list must match; "
                "any “never” match keeps the unit away.",
            },
        ),
        ("Changes", {"fields": ["history"], "classes": ["collapse"]}),
    ]

    @admin.display(description="slots")
    def slot_names(self, unit: AdUnit) -> str:
        return ", ".join(unit.slots)

    @admin.display(description="who changed what")
    def history(self, unit: AdUnit) -> str:
        rows = unit.changes.select_related("changed_by")[:30] if unit.pk else []
        return format_html_join(
            "",
            "<p>{} — {} by {}: {}</p>",
            (
                (
                    timezone.localtime(change.changed_at).strftime("%d %b %Y %H:%M"),
                    change.action,
                    change.changed_by or "the system",
                    ", ".join(change.fields) or "—",
                )
                for change in rows
            ),
        ) or format_html("<p>{}</p>", "No changes yet.")

    def save_model(self, request: HttpRequest, obj: AdUnit, form: forms.ModelForm, change: bool) -> None:
        # Written in save_related, where the targeting lists are known too: one service call per save.
        return None

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        data = form.cleaned_data
        targeting = {name: data[name] for name in TARGETING if name in data}
        fields = {name: data[name] for name in services.EDITABLE_FIELDS if name in data}
        if change:
            stored = AdUnit.objects.get(pk=form.instance.pk)
            changes = {name: fields[name] for name in form.changed_data if name in fields}
            changed_targeting = {name: v for name, v in targeting.items() if name in form.changed_data}
            unit = services.update_unit(stored, by=request.user, targeting=changed_targeting, **changes)
        else:
            unit = services.create_unit(by=request.user, targeting=targeting, **fields)
        form.instance.pk = unit.pk
        form.instance.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: AdUnit) -> None:
        services.delete_unit(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AdUnit]) -> None:
        for unit in queryset:
            services.delete_unit(unit, by=request.user)


class AdUnitChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "unit_name", "action", "changed_by", "changed_fields"]
    list_filter = ["action", "changed_at"]
    search_fields = ["unit_name", "changed_by__username"]
    date_hierarchy = "changed_at"
    readonly_fields = ["unit", "unit_name", "action", "changed_by", "changed_at", "fields"]

    @admin.display(description="fields")
    def changed_fields(self, change: AdUnitChange) -> str:
        return ", ".join(change.fields)


class AdsTxtForm(forms.ModelForm):
    class Meta:
        model = AdsTxt
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 20, "cols": 90, "style": "font-family: monospace"})}
        help_texts = {
            "text": "One record per line: ad system domain, publisher account ID, DIRECT or RESELLER, optional "
            "certification authority ID — e.g. “google.com, pub-0000000000000000, DIRECT, f08c47fec0942fa0”. "
            "Variables (CONTACT=, SUBDOMAIN=, OWNERDOMAIN=, MANAGERDOMAIN=, INVENTORYPARTNERDOMAIN=) and # "
            "comments are allowed. Served at /ads.txt."
        }

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        errors = ads_txt_errors(text)
        if errors:
            raise ValidationError([str(error) for error in errors])
        return text


class AdsTxtAdmin(SingleRowAdmin):
    form = AdsTxtForm

    def save_model(self, request: HttpRequest, obj: AdsTxt, form: forms.ModelForm, change: bool) -> None:
        saved = services.save_ads_txt(form.cleaned_data["text"], by=request.user)
        obj.pk = saved.pk
        obj.refresh_from_db()


class AdSettingsAdmin(SingleRowAdmin):
    fields = ["consent_required"]

    def save_model(self, request: HttpRequest, obj: AdSettings, form: forms.ModelForm, change: bool) -> None:
        saved = services.save_ad_settings(consent_required=form.cleaned_data["consent_required"], by=request.user)
        obj.pk = saved.pk


class AdStatAdmin(ReadOnlyAdmin):
    """The report: impressions, clicks and CTR per unit per day, filtered as wanted, exported as CSV."""

    list_display = ["day", "unit", "impressions", "clicks", "ctr_percent"]
    list_filter = ["unit", "unit__kind", "day"]
    date_hierarchy = "day"
    list_select_related = ["unit"]
    list_per_page = 100
    change_list_template = "newsroom/adstat_change_list.html"

    @admin.display(description="CTR")
    def ctr_percent(self, row: AdStat) -> str:
        return f"{row.ctr:.2f} %"

    def get_urls(self) -> list[URLPattern]:
        export = path("export.csv", self.admin_site.admin_view(self.export_view), name="ads_adstat_export")
        return [export, *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            totals = report_totals(context["cl"].queryset)
            context["totals"] = totals
            context["export_query"] = request.GET.urlencode()
        return response

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """The rows the list shows, with the same filters, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = self.get_changelist_instance(request).queryset
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="ad-report.csv"'
        writer = csv.writer(response)
        writer.writerow(["day", "unit", "kind", "impressions", "clicks", "ctr_percent"])
        for row in rows.order_by("-day", "unit__name"):
            # A leading = + - @ would be a formula in a spreadsheet; unit names are typed by staff.
            name = f"'{row.unit.name}" if row.unit.name[:1] in "=+-@" else row.unit.name
            writer.writerow(
                [row.day.isoformat(), name, AdKind(row.unit.kind).label, row.impressions, row.clicks, f"{row.ctr:.2f}"]
            )
        return response


newsroom_site.register(AdUnit, AdUnitAdmin)
newsroom_site.register(AdUnitChange, AdUnitChangeAdmin)
newsroom_site.register(AdsTxt, AdsTxtAdmin)
newsroom_site.register(AdSettings, AdSettingsAdmin)
newsroom_site.register(AdStat, AdStatAdmin)
