"""Old addresses from an imported site (WordPress) answer with a permanent redirect to the story."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from broadsheet.content import selectors as content
from broadsheet.wire.selectors import redirect_target

# WordPress's own short links (/?p=12, /?page_id=3) reach the home page, so they are looked up first.
SHORT_LINK_PARAMETERS = ("p", "page_id")


# A WordPress archive's first path segment -> how to find what it became (categories became sections).
ARCHIVES = {
    "category": content.section_by_slug,
    "tag": content.tag_by_slug,
    "author": content.author_by_slug,
}


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
            return (
                self._redirect(request.get_full_path())
                or self._redirect(request.path)
                or self._archive(request.path)
                or response
            )
        return response

    @staticmethod
    def _archive(path: str) -> HttpResponse | None:
        """WordPress's archive addresses: /category/…/<slug>/, /tag/<slug>/, /author/<slug>/, /feed/."""
        parts = [part for part in path.split("/") if part]
        if parts == ["feed"]:
            return HttpResponsePermanentRedirect("/feeds/rss.xml")
        if len(parts) < 2 or parts[0] not in ARCHIVES:
            return None
        is_feed = parts[-1] == "feed"
        slug = parts[-2] if is_feed else parts[-1]
        found = ARCHIVES[parts[0]](slug)
        if found is None:
            return None
        if is_feed:  # the archive's feed: the same scope's RSS feed here
            kind = {"category": "sections", "tag": "tags", "author": "authors"}[parts[0]]
            return HttpResponsePermanentRedirect(f"/feeds/{kind}/{found.slug}/rss.xml")
        return HttpResponsePermanentRedirect(found.get_absolute_url())

    @staticmethod
    def _redirect(old_path: str) -> HttpResponse | None:
        article = redirect_target(old_path)
        if article is None or not article.is_public:
            return None
        return HttpResponsePermanentRedirect(article.get_absolute_url())
