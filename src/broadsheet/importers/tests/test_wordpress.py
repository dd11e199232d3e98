"""WordPress migration: posts, sections, tags, authors, comments and images in; old addresses redirect; re-runs safe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.content.models import Article, Author, Revision, Section, Status
from broadsheet.importers.wordpress import autop, parse_wxr
from broadsheet.importers.wordpress_import import import_wordpress
from broadsheet.media.models import Image
from broadsheet.wire.models import LegacyRedirect
from broadsheet.wire.story import ImportRefused

EXPORT = Path(__file__).parent / "wordpress" / "export.xml"
SITE = "https://old-gazette.example"


@pytest.fixture
def uploads(tmp_path):
    for name in ("2019/03/pier.jpg", "2019/04/market.jpg"):  # 2019/05/missing.jpg is left out on purpose
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 800), (20, 80, 120)).save(buffer, format="JPEG")
        path.write_bytes(buffer.getvalue())
    return tmp_path


def export():
    return parse_wxr(EXPORT.read_bytes(), source="export.xml")


def test_paragraphs_stored_as_blank_lines_become_paragraphs_and_shortcodes_go():
    html = autop('[caption id="1"]The pier[/caption]\n\nOne\nline two\n\n<h2>Sub</h2>\n\n[gallery ids="1,2"]')
    assert html == "<p>The pier</p><p>One<br>line two</p><h2>Sub</h2>"


@pytest.mark.django_db
def test_an_export_of_the_demos_size_imports_posts_sections_tags_authors_comments_and_images(uploads):
    report = import_wordpress(export(), media_dir=uploads)
    # 50 posts: one in the bin; 3 pages.
    assert (report.posts, report.pages, report.failed) == (49, 3, [])
    assert Article.objects.count() == 52
    assert {"News", "Sport", "Culture", "Search and Rescue", "Uncategorized", "Pages"} <= set(
        Section.objects.values_list("name", flat=True)
    )
    assert Section.objects.get(name="Search and Rescue").slug == "search-section"  # /search/ is the site's own
    assert set(Author.objects.values_list("name", flat=True)) == {"Mara Lindqvist", "Tomas Reyes", "Ines Moreau"}
    assert Article.objects.filter(status=Status.DRAFT).count() == 2
    assert Article.objects.filter(status=Status.SCHEDULED).count() == 1
    assert report.images == 2  # pier.jpg and market.jpg, each stored once though used twice
    assert any("missing.jpg not found" in line for line in report.skipped)
    assert report.comments == Comment.objects.count() > 10
    assert Comment.objects.filter(status=CommentStatus.SPAM).exists()
    assert Comment.objects.filter(status=CommentStatus.PENDING).exists()
    assert Comment.objects.filter(in_reply_to__isnull=False).exists()
    assert not Comment.objects.filter(body__contains="<b>").exists()


@pytest.mark.django_db
def test_hostile_markup_and_shortcodes_do_not_survive_the_sanitiser(uploads):
    import_wordpress(export(), media_dir=uploads)
    post = next(p for p in export().posts if p.post_id == "7")  # [caption], <script> and [gallery] in it
    body = Article.objects.get(headline=post.title, published_at=post.published_at).body
    assert body.startswith("<p>The pier at dusk</p>")
    market = Image.objects.get(alt_text="Market day")
    assert f'<img src="{market.file.url}" alt="Market day" width="300">' in body  # the library copy
    assert "old-gazette.example" not in body and "Gone" not in body  # a missing file's picture is dropped
    assert "<script" not in body and "alert" not in body and "[gallery" not in body and "[caption" not in body


@pytest.mark.django_db
def test_running_the_import_again_changes_nothing():
    first = import_wordpress(export())
    counts = (Article.objects.count(), Comment.objects.count(), LegacyRedirect.objects.count())
    second = import_wordpress(export())
    assert (Article.objects.count(), Comment.objects.count(), LegacyRedirect.objects.count()) == counts
    assert second.already_imported == first.posts + first.pages
    assert second.posts == second.comments == 0


@pytest.mark.django_db
def test_skip_pages_leaves_pages_out():
    report = import_wordpress(export(), skip_pages=True)
    assert report.pages == 0
    assert not Section.objects.filter(name="Pages").exists()


@pytest.mark.django_db
def test_old_addresses_answer_with_a_permanent_redirect_to_the_story(client):
    import_wordpress(export())
    post = next(p for p in export().posts if p.post_id == "5")
    article = Article.objects.get(headline=post.title, published_at=post.published_at)
    old_path = post.link.removeprefix(SITE)
    for address in (old_path, "/?p=5"):
        response = client.get(address)
        assert response.status_code == 301, address
        assert response["Location"] == article.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_old_addresses_of_drafts_do_not_leak_them(client):
    import_wordpress(export())
    draft = next(p for p in export().posts if p.post_id == "12")
    assert client.get(draft.link.removeprefix(SITE)).status_code == 404


@pytest.mark.django_db
def test_a_bad_item_is_refused_whole_naming_it_and_the_rest_import():
    data = EXPORT.read_bytes().replace(b"<wp:comment_date_gmt>", b"<wp:comment_date_gmt>x", 1)
    with pytest.raises(ImportRefused, match=r"export\.xml, item 3 .*comment 300 has no valid date"):
        parse_wxr(data, source="export.xml")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<rss><channel><item>", r"export\.xml: the XML is broken"),
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><rss/>', r"export\.xml: the XML declares a DTD"),
        (b'<rss version="2.0"><channel><title>Blog feed</title></channel></rss>', "not a WordPress export"),
    ],
)
def test_broken_hostile_or_wrong_files_are_refused(data, message):
    with pytest.raises(ImportRefused, match=message):
        parse_wxr(data, source="export.xml")


@pytest.mark.django_db
def test_the_command_reports_what_it_imported_and_skipped(uploads, capsys):
    call_command("import", "wordpress", str(EXPORT), "--media", str(uploads), "--skip-pages")
    out = capsys.readouterr().out
    assert "imported 49 post(s), 0 page(s)" in out
    assert "0 failed" in out
    assert "skipped page 501 “About us”: --skip-pages" in out
    assert {r.who for r in Revision.objects.all()} == {f"WordPress import of {EXPORT.name}"}
    call_command("import", "wordpress", str(EXPORT))
    assert "49 imported before" in capsys.readouterr().out


def test_the_command_names_a_missing_media_folder(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("import", "wordpress", str(EXPORT), "--media", str(tmp_path / "nope"))


@pytest.mark.django_db
def test_old_archive_addresses_redirect_to_the_sections_tags_and_feed(client):
    import_wordpress(export())
    news = Section.objects.get(slug="news")
    for address, target in [
        ("/category/news/", news.get_absolute_url()),
        ("/category/world/news/", news.get_absolute_url()),
        ("/category/news/feed/", "/feeds/sections/news/rss.xml"),
        ("/tag/harbour/", "/tags/harbour/"),
        ("/feed/", "/feeds/rss.xml"),
    ]:
        response = client.get(address)
        assert (response.status_code, response.get("Location")) == (301, target), address
    assert client.get("/category/no-such-category/").status_code == 404
