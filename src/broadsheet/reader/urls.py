"""URLs of the public site; an article lives at /<section>/<yyyy>/<mm>/<dd>/<slug>/ (ADR 0003)."""

from django.urls import path

from broadsheet.reader import ad_views, comment_views, views

app_name = "reader"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("corrections/", views.corrections_page, name="corrections"),
    path("preview/<str:token>/", views.preview_page, name="preview"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    path("ads.txt", ad_views.ads_txt_file, name="ads_txt"),
    path("ads/slots/", ad_views.ad_slots, name="ad_slots"),
    path("ads/seen/", ad_views.ad_seen, name="ad_seen"),
    path("ads/click/<str:token>/", ad_views.ad_click, name="ad_click"),
    path("ads/frame/<int:unit_id>/", ad_views.ad_frame, name="ad_frame"),
    path("comments/token/", comment_views.comment_form_token, name="comment_token"),
    path("comments/<int:article_id>/", comment_views.post_comment, name="comment_post"),
    path("comments/<int:article_id>/reply/<int:comment_id>/", comment_views.reply_page, name="comment_reply"),
    path("comments/report/<int:comment_id>/", comment_views.report_comment, name="comment_report"),
    path("comments/confirm/<str:token>/", comment_views.email_link, {"action": "verify"}, name="comment_verify"),
    path(
        "comments/unsubscribe/<str:token>/",
        comment_views.email_link,
        {"action": "unsubscribe"},
        name="comment_unsubscribe",
    ),
    path(
        "<slug:section>/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.article_page,
        name="article",
    ),
    path("<slug:section>/", views.section_page, name="section"),
]
