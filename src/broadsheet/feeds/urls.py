"""URLs of feeds, sitemaps and robots.txt."""

from django.urls import path, re_path

from broadsheet.feeds import views

app_name = "feeds"

urlpatterns = [
    re_path(r"^feeds/(?P<fmt>rss\.xml|atom\.xml|feed\.json)$", views.feed, name="site"),
    re_path(
        r"^feeds/(?P<kind>sections|authors|tags)/(?P<slug>[-a-zA-Z0-9_]+)/(?P<fmt>rss\.xml|atom\.xml|feed\.json)$",
        views.feed,
        name="scoped",
    ),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<section>.xml", views.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
