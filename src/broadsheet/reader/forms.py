"""Forms of the reader site: the "Comment / Reply" form, the report form and the search form."""

from __future__ import annotations

import secrets
import time
from typing import Any

from django import forms
from django.core import signing

from broadsheet.comments.models import ReportReason
from broadsheet.content.models import Section
from broadsheet.content.selectors import section_by_slug
from broadsheet.search.query import Query, QueryError, parse_query

STARTED_SALT = "broadsheet.reader.comment-started"


def new_started_token() -> str:
    """A signed note of when the form was handed out, so a too-fast submission can be spotted."""
    return signing.dumps({"t": time.time()}, salt=STARTED_SALT)


def seconds_since_started(token: str) -> float | None:
    """Return how long ago the form was handed out, or None if the token is missing or forged."""
    try:
        data = signing.loads(token, salt=STARTED_SALT, max_age=2 * 24 * 3600)
    except signing.BadSignature:
        return None
    return time.time() - float(data["t"])


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


class CommentForm(forms.Form):
    name = forms.CharField(label="Name", required=False, help_text="Shown with your comment.")
    email = forms.CharField(
        label="Email",
        required=False,
        help_text="Never shown. Used for reply notifications you ask for and by our moderators.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    notify = forms.BooleanField(label="Email me when someone replies", required=False)
    in_reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and aria-hidden, irresistible to form-filling bots.
    website = forms.CharField(label="Leave this field empty", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "maxlength": "200"})
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this comment?", choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label="Anything to add (optional)", required=False, max_length=500, widget=forms.Textarea)


class SearchForm(forms.Form):
    """The search page's query: text, and optionally a section and a date range (days, both included)."""

    q = forms.CharField(label="Search for", required=False, strip=False)
    section = forms.CharField(label="Section", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" and "to" are the public parameter names, and "from" cannot be a class attribute.
        dates = {"from": "Published from", "to": "Published up to"}
        for name, label in dates.items():
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                input_formats=["%Y-%m-%d"],
                widget=forms.DateInput(attrs={"type": "date"}),
                error_messages={"invalid": "Give the date as year-month-day, for example 2026-02-05."},
            )

    def clean_q(self) -> Query:
        try:
            return parse_query(self.cleaned_data["q"])
        except QueryError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_section(self) -> Section | None:
        slug = self.cleaned_data["section"].strip()
        if not slug:
            return None
        section = section_by_slug(slug)
        if section is None:
            raise forms.ValidationError("There is no such section; choose one from the list.")
        return section

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "This date is before the “from” date; swap them or widen the range.")
        return cleaned
