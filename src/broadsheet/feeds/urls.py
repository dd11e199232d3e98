"""URLs of feeds, sitemaps and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from broadsheet.feeds import views
from broadsheet.feeds.sitemaps import SITEMAPS

app_name = "feeds"

urlpatterns = [
    re_path(r"^feeds/(?P<fmt>rss\.xml|atom\.xml|feed\.json)$", views.feed, name="site"),
    re_path(
        r"^feeds/(?P<kind>sections|authors|tags)/(?P<slug>[-a-zA-Z0-9_]+)/(?P<fmt>rss\.xml|atom\.xml|feed\.json)$",
        views.feed,
        name="scoped",
    ),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "feeds:sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "feeds/sitemap.xml"},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
