"""The root URL map: the newsroom, media in the embedded profile, then the reader site."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from broadsheet.newsroom.admin import newsroom_site

urlpatterns = [
    path("newsroom/", newsroom_site.urls),
    # The embedded profile serves uploaded media itself; at scale a CDN or storage bucket does.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include("broadsheet.reader.urls")),
]

handler404 = "broadsheet.reader.views.page_not_found"
handler500 = "broadsheet.reader.views.server_error"
