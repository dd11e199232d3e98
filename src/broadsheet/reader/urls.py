"""URLs of the public site; an article lives at /<section>/<yyyy>/<mm>/<dd>/<slug>/ (ADR 0003)."""

from django.urls import path

from broadsheet.reader import views

app_name = "reader"

urlpatterns = [
    path("", views.home, name="home"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    path(
        "<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.article_page,
        name="article",
    ),
    path("<slug:section>/", views.section_page, name="section"),
]
