"""The newsroom's article editor, driven through the real admin forms an editor submits."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from broadsheet.content.models import Article, SiteSettings, Status
from broadsheet.content.tests.factories import make_article, make_author, make_image, make_section, make_tag
from broadsheet.media.models import Image
from broadsheet.media.renditions import rendition_name

pytestmark = pytest.mark.django_db

ADD_URL = reverse("newsroom:content_article_add")


def change_url(article: Article) -> str:
    return reverse("newsroom:content_article_change", args=[article.pk])


def article_form(section, *, bylines=(), existing=(), **fields) -> dict[str, object]:
    """Return the POST data of the article form: fields plus the bylines inline's management form.

    `bylines` are new rows as (author or None, credit, order); `existing` are stored Byline rows
    as (byline, order, delete).
    """
    data: dict[str, object] = {
        "kicker": "",
        "headline": "Harbour bridge reopens after repairs",
        "dek": "",
        "slug": "",
        "section": str(section.pk),
        "dateline": "",
        "body": "<p>The bridge reopened on Monday.</p>",
        "lead_image": "",
        "published_at_0": "",
        "published_at_1": "",
        "comments_mode": "inherit",
    }
    data.update(fields)
    rows = [
        {"id": str(b.pk), "author": str(b.author_id or ""), "credit": b.credit, "ORDER": str(order)}
        | ({"DELETE": "on"} if delete else {})
        for b, order, delete in existing
    ] + [
        {"id": "", "author": str(author.pk) if author else "", "credit": credit, "ORDER": str(order)}
        for author, credit, order in bylines
    ]
    data |= {
        "bylines-TOTAL_FORMS": str(len(rows)),
        "bylines-INITIAL_FORMS": str(len(existing)),
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"bylines-{index}-{name}"] = value
    return data


def test_index_is_todays_desk(desk):
    response = desk.get(reverse("newsroom:index"))
    assert response.status_code == 200
    assert "Today’s desk" in response.text or "Today&#x27;s desk" in response.text


def test_add_form_renders(desk):
    response = desk.get(ADD_URL)
    assert response.status_code == 200
    assert "Save and publish" in response.text
    assert 'name="bylines-0-ORDER"' in response.text  # editors can number the bylines


def test_save_draft_creates_a_draft_with_ordered_bylines_and_a_clean_body(desk, client):
    section, tag = make_section("World"), make_tag("Climate")
    first, second = make_author("Ana Ruiz"), make_author("Bo Chen")
    image = make_image()
    data = article_form(
        section,
        kicker="Exclusive",
        dek="Traffic returns to the city's main crossing.",
        dateline="BEIJING",
        lead_image=str(image.pk),
        tags=[str(tag.pk)],
        body='<p>Opened.</p><script>alert("x")</script><p onclick="x()">More.</p>',
        bylines=[(second, "", 2), (first, "", 1), (None, "The Example Times", 3)],
        _continue="Save draft",
    )
    response = desk.post(ADD_URL, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert [b.name for b in article.bylines.all()] == ["Ana Ruiz", "Bo Chen", "The Example Times"]
    assert "<script" not in article.body and "alert" not in article.body
    assert "onclick" not in article.body
    assert article.kicker == "Exclusive" and article.dateline == "BEIJING"
    assert article.lead_image == image and list(article.tags.all()) == [tag]
    assert article.slug == "harbour-bridge-reopens-after-repairs"
    assert article.created_by is not None


def test_save_and_publish_makes_the_story_public_at_its_address(desk, client):
    section = make_section("World")
    data = article_form(
        section, dateline="BEIJING", bylines=[(None, "The Example Times", 1)], _move_published="Save and publish now"
    )
    response = desk.post(ADD_URL, data)
    article = Article.objects.get()
    assert response.status_code == 302 and response.url == change_url(article)
    assert article.status == Status.PUBLISHED and article.is_public
    client.logout()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "The Example Times</span>" in page.text
    assert "BEIJING" in page.text
    assert "Harbour bridge reopens after repairs" in page.text


def test_publish_message_says_the_story_is_live(desk):
    data = article_form(make_section(), bylines=[(None, "Agency Staff", 1)], _move_published="Save and publish now")
    response = desk.post(ADD_URL, data, follow=True)
    assert "is live" in response.text


def test_publishing_without_a_byline_explains_and_keeps_what_was_typed(desk):
    data = article_form(make_section(), dek="A standfirst the editor typed.", _move_published="Save and publish now")
    response = desk.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Add a byline before publishing" in response.text
    assert "A standfirst the editor typed." in response.text
    assert not Article.objects.exists()


def test_saving_a_draft_without_a_byline_is_allowed(desk):
    response = desk.post(ADD_URL, article_form(make_section(), _continue="Save draft"))
    assert response.status_code == 302
    assert Article.objects.get().status == Status.DRAFT


def test_a_missing_headline_is_shown_on_the_form_with_the_typed_text_kept(desk):
    data = article_form(make_section(), headline="", dek="Kept standfirst.", _continue="Save draft")
    response = desk.post(ADD_URL, data)
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Kept standfirst." in response.text
    assert not Article.objects.exists()


def test_a_byline_with_both_author_and_credit_is_refused(desk):
    author = make_author("Ana Ruiz")
    data = article_form(make_section(), bylines=[(author, "Agency Staff", 1)], _continue="Save draft")
    response = desk.post(ADD_URL, data)
    assert response.status_code == 200
    assert "not both" in response.text
    assert not Article.objects.exists()


def test_draft_is_hidden_from_readers_and_previewed_by_staff(desk, client, editor):
    desk.post(ADD_URL, article_form(make_section(), bylines=[(None, "Agency Staff", 1)], _continue="Save"))
    article = Article.objects.get()
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    preview = client.get(article.get_absolute_url())
    assert preview.status_code == 200
    assert "Preview" in preview.text


def test_future_time_and_publish_schedules_the_story(desk, client):
    when = timezone.localtime() + timedelta(days=2)
    data = article_form(
        make_section(),
        bylines=[(None, "Agency Staff", 1)],
        published_at_0=when.strftime("%d/%m/%Y"),
        published_at_1=when.strftime("%H:%M:%S"),
        _move_scheduled="Save and schedule",
    )
    response = desk.post(ADD_URL, data, follow=True)
    article = Article.objects.get()
    assert article.status == Status.SCHEDULED and not article.is_public
    assert "is now scheduled for" in response.text
    listing = desk.get(reverse("newsroom:content_article_changelist"))
    assert "Scheduled" in listing.text
    scheduled = desk.get(reverse("newsroom:content_article_changelist"), {"state": "scheduled"})
    assert list(scheduled.context["cl"].result_list) == [article]
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_changing_bylines_reorders_and_deletes(desk):
    ana, bo = make_author("Ana Ruiz"), make_author("Bo Chen")
    article = make_article(bylines=[ana, bo, "Agency Staff"], publish=False)
    first, second, third = article.bylines.all()
    data = article_form(
        article.section,
        headline=article.headline,
        slug=article.slug,
        body=article.body,
        existing=[(first, 2, False), (second, 1, False), (third, 3, True)],
        _continue="Save draft",
    )
    response = desk.post(change_url(article), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert [b.name for b in article.bylines.all()] == ["Bo Chen", "Ana Ruiz"]


def test_a_published_story_cannot_lose_its_last_byline(desk):
    article = make_article(bylines=["Agency Staff"])
    data = article_form(
        article.section,
        headline=article.headline,
        slug=article.slug,
        body=article.body,
        published_at_0=timezone.localtime(article.published_at).strftime("%d/%m/%Y"),
        published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        existing=[(article.bylines.get(), 1, True)],
        _continue="Save changes",
    )
    response = desk.post(change_url(article), data)
    assert response.status_code == 200
    assert "Add a byline before publishing" in response.text
    assert article.bylines.count() == 1


def test_saving_without_changes_does_not_mark_the_story_updated(desk):
    article = make_article(bylines=["Agency Staff"])
    before = Article.objects.get(pk=article.pk).updated_at
    local = timezone.localtime(article.published_at)
    data = article_form(
        article.section,
        headline=article.headline,
        slug=article.slug,
        body=article.body,
        published_at_0=local.strftime("%d/%m/%Y"),
        published_at_1=local.strftime("%H:%M:%S"),
        existing=[(article.bylines.get(), 1, False)],
        _continue="Save changes",
    )
    assert desk.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).updated_at == before


def test_withdraw_takes_a_published_story_off_the_site_with_410_gone(desk, client):
    article = make_article(bylines=["Agency Staff"])
    url = article.get_absolute_url()
    local = timezone.localtime(article.published_at)
    data = article_form(
        article.section,
        headline=article.headline,
        slug=article.slug,
        body=article.body,
        published_at_0=local.strftime("%d/%m/%Y"),
        published_at_1=local.strftime("%H:%M:%S"),
        existing=[(article.bylines.get(), 1, False)],
        _move_withdrawn="Withdraw from the site",
    )
    response = desk.post(change_url(article), data, follow=True)
    assert "is now withdrawn" in response.text
    assert Article.objects.get(pk=article.pk).status == Status.WITHDRAWN
    client.logout()
    gone = client.get(url)
    assert gone.status_code == 410 and "withdrawn" in gone.text and article.headline not in gone.text


def test_changing_a_published_slug_keeps_the_old_address_redirecting(desk, client):
    article = make_article("Old headline", bylines=["Agency Staff"])
    old_url = article.get_absolute_url()
    local = timezone.localtime(article.published_at)
    data = article_form(
        article.section,
        headline="New headline",
        slug="new-headline",
        body=article.body,
        published_at_0=local.strftime("%d/%m/%Y"),
        published_at_1=local.strftime("%H:%M:%S"),
        existing=[(article.bylines.get(), 1, False)],
        _publish_changes="Publish changes",
    )
    assert desk.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.slug == "new-headline"
    client.logout()
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved.url == article.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_change_form_links_to_the_preview(desk):
    article = make_article(publish=False)
    response = desk.get(change_url(article))
    assert response.status_code == 200
    assert article.get_absolute_url() in response.text
    assert "Save and publish now" in response.text and 'value="Save"' in response.text


def test_changelist_search_and_filters(desk):
    world, sport = make_section("World"), make_section("Sport")
    ana = make_author("Ana Ruiz")
    by_ana = make_article("Floods in the valley", section=world, bylines=[ana])
    make_article("Cup final tonight", section=sport)
    draft = make_article("Unfinished story", section=world, publish=False)
    url = reverse("newsroom:content_article_changelist")

    def found(**params):
        return set(desk.get(url, params).context["cl"].result_list)

    assert found(q="floods") == {by_ana}
    assert found(q="Ana Ruiz") == {by_ana}
    assert found(section__id__exact=world.pk) == {by_ana, draft}
    assert found(bylines__author__id__exact=ana.pk) == {by_ana}
    assert found(state="draft") == {draft}
    listing = desk.get(url)
    assert "Preview" in listing.text and "View" in listing.text


@pytest.mark.parametrize("count", [5, 30])
def test_changelist_query_count_does_not_grow_with_articles(desk, django_assert_max_num_queries, count):
    section, ana = make_section(), make_author()
    for _ in range(count):
        make_article(section=section, bylines=[ana, "Agency Staff"])
    with django_assert_max_num_queries(13):  # 12, and one for the two-factor requirement check on every page
        response = desk.get(reverse("newsroom:content_article_changelist"))
    assert response.status_code == 200


# The media library


IMAGE_ADD_URL = reverse("newsroom:media_image_add")


def jpeg_upload(width=1200, height=800, name="harbour.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 120, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def image_form(upload, **fields):
    return {
        "file": upload,
        "alt_text": "Boats in the harbour at dawn",
        "caption": "",
        "credit": "",
        "title": "",
    } | fields


def test_uploading_an_image_stores_it_with_renditions(desk):
    response = desk.post(IMAGE_ADD_URL, image_form(jpeg_upload()))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.alt_text == "Boats in the harbour at dawn"
    assert image.rendition_widths == [320, 640, 960, 1200]
    assert default_storage.exists(rendition_name(image.file.name, 960, "jpeg"))


def test_an_image_needs_alt_text(desk):
    response = desk.post(IMAGE_ADD_URL, image_form(jpeg_upload(), alt_text=""))
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Image.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_clearly(desk):
    fake = SimpleUploadedFile("report.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    response = desk.post(IMAGE_ADD_URL, image_form(fake))
    assert response.status_code == 200
    assert not Image.objects.exists()
    assert "This file is not an image we can read" in response.text


def test_an_oversized_upload_is_refused_with_its_size(desk, settings):
    settings.BROADSHEET = {"max_upload_bytes": 1024}
    response = desk.post(IMAGE_ADD_URL, image_form(jpeg_upload()))
    assert response.status_code == 200
    assert "images may be at most" in response.text
    assert not Image.objects.exists()


def test_a_pixel_flood_is_refused_before_decoding(desk, settings):
    settings.BROADSHEET = {"max_image_pixels": 100_000}
    response = desk.post(IMAGE_ADD_URL, image_form(jpeg_upload(1000, 1000)))
    assert response.status_code == 200
    assert "1000 × 1000 pixels" in response.text
    assert not Image.objects.exists()


def test_an_image_too_large_for_pillow_to_open_gets_the_pixel_message(desk, monkeypatch):
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 1000)  # 1000 × 1000 is then a bomb to Pillow
    response = desk.post(IMAGE_ADD_URL, image_form(jpeg_upload(1000, 1000)))
    assert response.status_code == 200
    assert "pixels we accept" in response.text
    assert not Image.objects.exists()


def test_image_list_shows_small_renditions_not_originals(desk):
    image = make_image()
    response = desk.get(reverse("newsroom:media_image_changelist"))
    assert default_storage.url(rendition_name(image.file.name, 320, "jpeg")) in response.text
    assert f'src="{image.file.url}"' not in response.text


def test_image_page_offers_a_body_address_that_survives_the_sanitiser(desk):
    image = make_image(1600, 900)
    response = desk.get(reverse("newsroom:media_image_change", args=[image.pk]))
    address = default_storage.url(rendition_name(image.file.name, 960, "jpeg"))
    assert "Copy address for the article body" in response.text
    assert address in response.text and "960 × 540 pixels" in response.text
    article = make_article(body=f'<p>Text.</p><figure><img src="{address}" alt="Boats"></figure>')
    assert f'src="{address}"' in article.body


def test_editing_an_image_changes_its_words_not_its_file(desk):
    image = make_image()
    response = desk.post(
        reverse("newsroom:media_image_change", args=[image.pk]),
        {"alt_text": "A new description", "caption": "Dawn", "credit": "Photo: Staff", "title": ""},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.caption, Image.objects.count()) == ("A new description", "Dawn", 1)


def test_image_picker_lists_library_images_for_the_body_editor(desk):
    image = make_image(alt_text="Lighthouse at night")
    make_image(alt_text="Market stalls")
    picker = reverse("newsroom:media_image_picker")
    response = desk.get(picker, {"CKEditorFuncNum": "3", "q": "lighthouse"})
    assert response.status_code == 200
    assert default_storage.url(rendition_name(image.file.name, 960, "jpeg")) in response.text
    assert 'data-callback="3"' in response.text
    assert "Market stalls" not in response.text


def test_body_editor_is_configured_with_the_picker(desk):
    response = desk.get(ADD_URL)
    assert reverse("newsroom:media_image_picker") in response.text


def test_image_picker_is_for_staff_only(client):
    response = client.get(reverse("newsroom:media_image_picker"))
    assert response.status_code == 302 and "/newsroom/login/" in response.url


# Site settings, sections, tags, authors


def test_site_settings_list_goes_straight_to_the_single_form(desk):
    listing = reverse("newsroom:content_sitesettings_changelist")
    assert desk.get(listing).url == reverse("newsroom:content_sitesettings_add")
    response = desk.post(
        reverse("newsroom:content_sitesettings_add"),
        {
            "publication_name": "The Harbour Gazette",
            "tagline": "",
            "logo": "",
            "time_zone": "Europe/London",
            "comments_mode": "open",
            "language": "en-GB",
            "date_format": "l, d F Y",
        },
    )
    assert response.status_code == 302
    site = SiteSettings.objects.get()
    assert site.pk == 1 and site.publication_name == "The Harbour Gazette"
    assert desk.get(listing).url == reverse("newsroom:content_sitesettings_change", args=[1])
    assert desk.get(reverse("newsroom:content_sitesettings_add")).status_code == 403


def test_site_settings_refuse_an_unknown_time_zone(desk):
    response = desk.post(
        reverse("newsroom:content_sitesettings_add"),
        {
            "publication_name": "Gazette",
            "time_zone": "Mars/Olympus",
            "language": "en",
            "date_format": "l",
            "comments_mode": "open",
        },
    )
    assert response.status_code == 200
    assert "is not a time zone name" in response.text
    assert not SiteSettings.objects.exists()


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (
            "section",
            {"name": "Science", "slug": "science", "order": "3", "description": "", "comments_mode": "inherit"},
        ),
        ("tag", {"name": "Climate", "slug": "climate"}),
        ("author", {"name": "Ana Ruiz", "slug": "ana-ruiz", "role": "", "bio": "", "photo": "", "user": ""}),
    ],
)
def test_sections_tags_and_authors_can_be_added(desk, model, data):
    add = reverse(f"newsroom:content_{model}_add")
    page = desk.get(add)
    assert page.status_code == 200 and "prepopulated" in page.text
    assert desk.post(add, data).status_code == 302
    assert desk.get(reverse(f"newsroom:content_{model}_changelist")).status_code == 200


def test_a_section_cannot_take_a_reserved_address(desk):
    response = desk.post(
        reverse("newsroom:content_section_add"),
        {"name": "Newsroom", "slug": "newsroom", "order": "0", "comments_mode": "inherit"},
    )
    assert response.status_code == 200
    assert "used by the site itself" in response.text
