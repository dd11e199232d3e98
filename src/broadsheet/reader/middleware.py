"""Middleware of the reader site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from broadsheet.content.selectors import site_time_zone


class SiteTimeZoneMiddleware:
    """Shows every time on the page in the paper's own time zone, not the server's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with timezone.override(site_time_zone()):
            return self.get_response(request)
