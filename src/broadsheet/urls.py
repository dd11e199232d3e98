"""The root URL map: the newsroom, media in the embedded profile, then the reader site."""

from django.conf import settings
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.static import serve

from broadsheet.newsroom.admin import newsroom_site
from broadsheet.newsroom.signin import password_reset_urls


def favicon(request: HttpRequest) -> HttpResponseBase:
    """Browsers ask for /favicon.ico on their own: send them to the site's icon (hashed, cached a year)."""
    response = HttpResponsePermanentRedirect(static("reader/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    # MEDIA_ROOT is read per request, so a changed setting (tests, a moved data dir) is honoured.
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    *password_reset_urls(),  # before the newsroom's own URLs: Django's templates reverse these names
    path("newsroom/", newsroom_site.urls),
    path("favicon.ico", favicon),
    # The embedded profile serves uploaded media itself; at scale a CDN or storage bucket does.
    re_path(r"^media/(?P<path>.*)$", serve_media),
    path("", include("broadsheet.api.urls")),
    path("", include("broadsheet.feeds.urls")),
    path("", include("broadsheet.reader.urls")),
]

handler404 = "broadsheet.reader.views.page_not_found"
handler500 = "broadsheet.reader.views.server_error"
