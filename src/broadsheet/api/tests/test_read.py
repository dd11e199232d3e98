"""The read API: only public stories, filters, cursor pages, ETags, surrogate keys and flat query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.comments.tests.factories import make_comment
from broadsheet.content import services
from broadsheet.content.tests.factories import make_article, make_author, make_image, make_section, make_tag
from broadsheet.search.services import rebuild_index

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(f"/api/v1{path}", params)
    return response, (response.json() if response.content and response["Content-Type"] == "application/json" else None)


def test_the_list_shows_public_stories_only_newest_first_with_bylines_and_sections(client):
    news = make_section("News")
    old = make_article("Older story", section=news, published_at=timezone.now() - timedelta(days=2))
    new = make_article("Newer story", section=news, bylines=[make_author("Ines Moreau"), "Agency Staff"])
    make_article("A draft", section=news, publish=False)
    make_article("Scheduled", section=news, published_at=timezone.now() + timedelta(days=1))
    response, data = get(client, "/articles/")
    assert response.status_code == 200
    assert [a["id"] for a in data["articles"]] == [new.pk, old.pk]
    first = data["articles"][0]
    assert first["bylines"] == [
        {"name": "Ines Moreau", "author": "ines-moreau"},
        {"name": "Agency Staff", "author": None},
    ]
    assert first["section"]["slug"] == "news"
    assert first["url"].endswith(new.get_absolute_url())
    assert "body" not in first


def test_filters_by_section_tag_author_and_date(client):
    news, sport = make_section("News"), make_section("Sport")
    harbour = make_tag("Harbour")
    writer = make_author("Ola Berg")
    a = make_article("Harbour news", section=news, tags=[harbour], published_at=timezone.now() - timedelta(days=3))
    b = make_article("Sport by Ola", section=sport, bylines=[writer])
    assert [x["id"] for x in get(client, "/articles/", section="news")[1]["articles"]] == [a.pk]
    assert [x["id"] for x in get(client, "/articles/", tag=harbour.slug)[1]["articles"]] == [a.pk]
    assert [x["id"] for x in get(client, "/articles/", author="ola-berg")[1]["articles"]] == [b.pk]
    today = timezone.localdate().isoformat()
    assert [x["id"] for x in get(client, "/articles/", **{"from": today})[1]["articles"]] == [b.pk]
    assert get(client, "/articles/", section="nope")[0].status_code == 404


def test_full_text_search_goes_through_the_search_app(client):
    make_article("Lighthouse keeper retires", body="<p>The north light keeper retired.</p>")
    make_article("Budget passes", body="<p>Money matters.</p>")
    rebuild_index()  # the index is refreshed after commit, which these tests do not reach
    _, data = get(client, "/articles/", q="lighthouse")
    assert [a["headline"] for a in data["articles"]] == ["Lighthouse keeper retires"]
    assert get(client, "/articles/", q="!!!")[1]["articles"] == []  # nothing searchable: nothing found


def test_cursor_pages_walk_the_whole_list_without_repeats(client):
    section = make_section("News")
    moment = timezone.now() - timedelta(hours=1)
    made = [
        make_article(f"Story {n}", section=section, published_at=moment - timedelta(minutes=n % 3)) for n in range(7)
    ]
    seen, response = [], get(client, "/articles/", limit="3")[1]
    while True:
        seen += [a["id"] for a in response["articles"]]
        if response["next"] is None:
            break
        response = client.get(response["next"]).json()
    assert sorted(seen) == sorted(a.pk for a in made) and len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"limit": "0"}, 400, "limit"),
        ({"limit": "lots"}, 400, "limit"),
        ({"cursor": "not a cursor!"}, 400, "cursor"),
        ({"cursor": "AAAA"}, 404, "cursor"),
        ({"from": "05/02/2026"}, 400, "from"),
        ({"colour": "red"}, 400, "colour"),
    ],
)
def test_bad_parameters_are_refused_naming_them(client, params, status, message):
    response, data = get(client, "/articles/", **params)
    assert response.status_code == status
    assert data["error"].startswith(message)


def test_the_detail_has_body_dateline_images_with_renditions_and_corrections(client):
    image = make_image(alt_text="The pier at dusk")
    article = make_article("Pier reopens", dateline="Meridian", lead_image=image, body="<p>It reopened.</p>")
    services.add_correction(article, by=None, kind="correction", text="The pier is 300 m long, not 3 km.")
    response, data = get(client, f"/articles/{article.pk}/")
    assert response.status_code == 200
    assert data["body"] == "<p>It reopened.</p>"
    assert data["dateline"] == "Meridian"
    assert data["lead_image"]["alt"] == "The pier at dusk"
    assert {r["format"] for r in data["lead_image"]["renditions"]} == {"webp", "jpeg"}
    assert data["corrections"][0]["text"] == "The pier is 300 m long, not 3 km."


def test_drafts_and_unknown_ids_are_not_found(client):
    draft = make_article("Secret draft", publish=False)
    assert get(client, f"/articles/{draft.pk}/")[0].status_code == 404
    assert get(client, f"/articles/{draft.pk}/comments/")[0].status_code == 404
    assert get(client, "/articles/abc/")[0].status_code == 400


def test_comments_come_as_a_thread_with_replies(client):
    article = make_article("Talked about")
    first = make_comment(article, body="First <script>")
    make_comment(article, body="A reply", reply_to=first)
    _, data = get(client, f"/articles/{article.pk}/comments/")
    assert data["count"] == 2
    assert data["comments"][0]["body"] == "<p>First &lt;script&gt;</p>"
    assert data["comments"][0]["replies"][0]["body"] == "<p>A reply</p>"


def test_sections_tags_and_authors_list_only_those_with_public_stories(client):
    make_article("Public", section=make_section("News"), tags=[make_tag("Coast")], bylines=[make_author("Ana Lund")])
    make_article("Hidden", section=make_section("Drafts only"), tags=[make_tag("Secret")], publish=False)
    assert [s["slug"] for s in get(client, "/sections/")[1]["sections"]] == ["news"]
    assert [t["name"] for t in get(client, "/tags/")[1]["tags"]] == ["Coast"]
    assert [a["name"] for a in get(client, "/authors/")[1]["authors"]] == ["Ana Lund"]


def test_answers_are_cacheable_with_surrogate_keys_and_an_etag(client):
    article = make_article("Cached")
    response = client.get(f"/api/v1/articles/{article.pk}/")
    assert f"article:{article.pk}" in response["Surrogate-Key"].split()
    assert "public" in response["Cache-Control"]
    again = client.get(f"/api/v1/articles/{article.pk}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    listing = client.get("/api/v1/articles/")
    assert {"feeds", f"article:{article.pk}"} <= set(listing["Surrogate-Key"].split())


def test_writes_to_read_addresses_are_refused(client):
    assert client.post("/api/v1/articles/").status_code == 405


@pytest.mark.parametrize("path", ["/articles/", "/articles/?limit=100", "/sections/", "/tags/", "/authors/"])
def test_query_counts_do_not_grow_with_content(client, django_assert_max_num_queries, path):
    def build(n):
        section = make_section()
        for _ in range(n):
            make_article(section=section, tags=[make_tag(), make_tag()], bylines=[make_author(), "Agency Staff"],
                         lead_image=None)  # fmt: skip

    build(2)
    client.get(f"/api/v1{path}")  # warm the site-settings cache
    with django_assert_max_num_queries(100) as few:
        client.get(f"/api/v1{path}")
    build(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/api/v1{path}")


def test_the_detail_query_count_does_not_grow_with_tags_bylines_or_corrections(client, django_assert_max_num_queries):
    small = make_article("Small", tags=[make_tag()], bylines=["Agency Staff"])
    client.get(f"/api/v1/articles/{small.pk}/")
    with django_assert_max_num_queries(100) as few:
        client.get(f"/api/v1/articles/{small.pk}/")
    big = make_article("Big", tags=[make_tag() for _ in range(8)], bylines=[make_author() for _ in range(5)])
    for n in range(4):
        services.add_correction(big, by=None, kind="update", text=f"Update {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/api/v1/articles/{big.pk}/")


def test_the_comments_query_count_does_not_grow_with_comments(client, django_assert_max_num_queries):
    article = make_article("Talked about")
    make_comment(article)
    client.get(f"/api/v1/articles/{article.pk}/comments/")
    with django_assert_max_num_queries(100) as few:
        client.get(f"/api/v1/articles/{article.pk}/comments/")
    for n in range(6):  # readers from different networks, as the rate limits expect
        first = make_comment(article, ip=f"198.51.{n}.7")
        make_comment(article, reply_to=first, ip=f"203.0.{n}.9")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/api/v1/articles/{article.pk}/comments/").json()["count"] == 13
