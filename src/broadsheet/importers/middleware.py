"""Old addresses from an imported site (WordPress) answer with a permanent redirect to the story."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from broadsheet.wire.selectors import redirect_target

# WordPress's own short links (/?p=12, /?page_id=3) reach the home page, so they are looked up first.
SHORT_LINK_PARAMETERS = ("p", "page_id")


class LegacyRedirectMiddleware:
    """Costs nothing on pages that exist: the redirect table is read only for a 404 or a short link."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in {"GET", "HEAD"} and request.path == "/":
            for name in SHORT_LINK_PARAMETERS:
                value = request.GET.get(name, "")
                if value.isdigit():
                    found = self._redirect(f"/?{name}={value}")
                    if found is not None:
                        return found
        response = self.get_response(request)
        if response.status_code == 404 and request.method in {"GET", "HEAD"}:
            return self._redirect(request.get_full_path()) or self._redirect(request.path) or response
        return response

    @staticmethod
    def _redirect(old_path: str) -> HttpResponse | None:
        article = redirect_target(old_path)
        if article is None or not article.is_public:
            return None
        return HttpResponsePermanentRedirect(article.get_absolute_url())
