"""URLs of the content API (/api/): version 1, its OpenAPI document and the page that explains it."""

from django.urls import path

from broadsheet.api import views, write

app_name = "api"

urlpatterns = [
    path("api/", views.docs, name="docs"),
    path("api/v1/openapi.json", views.openapi, name="openapi"),
    path("api/v1/articles/", views.articles, name="articles"),
    path("api/v1/articles/<str:pk>/", views.article, name="article"),
    path("api/v1/articles/<str:pk>/comments/", views.article_comments, name="comments"),
    path("api/v1/articles/<str:pk>/publish/", write.publish, name="publish"),
    path("api/v1/sections/", views.sections, name="sections"),
    path("api/v1/tags/", views.tags, name="tags"),
    path("api/v1/authors/", views.authors, name="authors"),
    path("api/v1/drafts/", write.create_draft, name="drafts"),
    path("api/v1/images/", write.upload, name="images"),
]
