"""Every reader page shows what a reader expects, in bounded queries, with nothing personal."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from broadsheet.content import services
from broadsheet.content.models import SiteSettings
from broadsheet.content.tests.factories import make_article, make_author, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_section("World", slug="world", order=1)


@pytest.fixture
def story(world):
    body = "".join(f"<p>Paragraph {i} of the report.</p>" for i in range(1, 7))
    return make_article(
        "Talks resume over the river treaty",
        section=world,
        kicker="Diplomacy",
        dek="Negotiators meet again after a month of silence.",
        dateline="Beijing",
        bylines=["The Example Times"],
        body="<h2>Background</h2>" + body,
        lead_image=make_image(alt_text="Delegates at a long table", caption="The first session.", credit="Photo: Desk"),
        tags=[make_tag("Diplomacy"), make_tag("Rivers")],
    )


def test_article_page_has_the_newspaper_anatomy_in_order(client, story, world):
    make_article("An older story from the same desk", section=world, published_at=timezone.now() - timedelta(days=1))
    page = client.get(story.get_absolute_url()).content.decode()
    html = page[page.index("<body") :]  # the <head> repeats the dek in its description
    landmarks = [
        'class="topbar__date"',
        "Dark Mode",
        'class="masthead__logo"',
        'aria-label="Sections"',
        'data-ad-slot="header"',
        '<p class="kicker">Diplomacy</p>',
        '<h1 class="story__headline">Talks resume over the river treaty</h1>',
        "Negotiators meet again after a month of silence.",
        'By <span class="byline__credit">The Example Times</span>',
        "Published <time",
        'alt="Delegates at a long table"',
        "The first session.",
        "Photo: Desk",
        '<p><span class="dateline">BEIJING –</span> Paragraph 1 of the report.</p>',
        "Paragraph 3 of the report.</p>",
        'data-ad-slot="in_article"',
        "Paragraph 4 of the report.</p>",
        'href="/tags/diplomacy/"',
        'data-ad-slot="below_article"',
        'id="comments"',
        "More from World",
        '<footer class="footer">',
    ]
    positions = [html.find(landmark) for landmark in landmarks]
    assert -1 not in positions, [landmark for landmark, at in zip(landmarks, positions, strict=True) if at == -1]
    assert positions[:-2] == sorted(positions[:-2])  # the rail ("More from") sits beside the story
    assert html.count("<h1") == 1
    assert html.count(">Advertisement<") == 4


def test_staff_bylines_link_to_author_pages(client, world):
    ana, tom = make_author("Ana Ruiz"), make_author("Tom Lee")
    article = make_article(section=world, bylines=[ana, tom])
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'By <a href="/authors/ana-ruiz/">Ana Ruiz</a> and <a href="/authors/tom-lee/">Tom Lee</a>' in html


def test_hostile_html_in_a_body_never_reaches_the_page(client, world):
    article = make_article(section=world, body='<p>Hi<script>alert("x")</script><img src=x onerror=alert(1)></p>')
    html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index('class="story__body"') :]
    assert "alert" not in body
    assert "onerror" not in body


def test_updated_time_shows_only_after_a_later_edit(client, story, editor, time_machine):
    assert "Updated" not in client.get(story.get_absolute_url()).content.decode()
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    services.update_article(story, by=editor, publish_changes=True, dek="Negotiators met for six hours.")
    assert "Updated <time" in client.get(story.get_absolute_url()).content.decode()


def test_a_changed_slug_redirects_permanently_from_the_old_address(client, story, editor):
    old_url = story.get_absolute_url()
    services.update_article(story, by=editor, publish_changes=True, slug="river-treaty-talks")
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_a_wrong_section_or_date_in_the_address_redirects_to_the_real_one(client, story):
    response = client.get(f"/sport/1999/01/01/{story.slug}/")
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


def test_drafts_are_hidden_from_readers_but_previewable_by_staff(client, world, editor):
    draft = make_article("Embargoed budget story", section=world, publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview — this story is not public" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_scheduled_stories_are_hidden_until_due(client, world):
    later = make_article("Tomorrow's story", section=world, published_at=timezone.now() + timedelta(hours=3))
    assert client.get(later.get_absolute_url()).status_code == 404
    assert "Tomorrow's story" not in client.get("/").content.decode()


def test_home_page_shows_the_lead_and_section_blocks(client, story):
    other = make_section("Business", slug="business", order=2)
    make_article("Markets steady", section=other, published_at=timezone.now() - timedelta(hours=3))
    html = client.get("/").content.decode()
    assert "Talks resume over the river treaty" in html
    assert 'id="section-business"' in html
    assert "Markets steady" in html
    assert "By The Example Times" in html


def test_section_page_is_paginated_newest_first(client, world, settings):
    settings.BROADSHEET = {"articles_per_page": 3}
    now = timezone.now()
    for i in range(7):
        make_article(f"World story {i}", section=world, published_at=now - timedelta(hours=i + 1))
    first = client.get("/world/").content.decode()
    assert first.index("World story 0") < first.index("World story 2")
    assert "World story 3" not in first
    assert "Page 1 of 3" in first
    assert "World story 6" in client.get("/world/?page=3").content.decode()


def test_author_page_shows_bio_and_stories(client, world):
    ana = make_author("Ana Ruiz", role="Health correspondent", bio="Covers hospitals and clinics.")
    make_article("Clinic waiting times fall", section=world, bylines=[ana])
    html = client.get("/authors/ana-ruiz/").content.decode()
    assert "Health correspondent" in html
    assert "Covers hospitals and clinics." in html
    assert "Clinic waiting times fall" in html


def test_tag_page_lists_tagged_stories(client, story):
    html = client.get("/tags/rivers/").content.decode()
    assert "Talks resume over the river treaty" in html


@pytest.mark.parametrize("url", ["/no-such-section/", "/tags/nothing/", "/authors/nobody/", "/world/2026/01/01/nope/"])
def test_missing_pages_get_the_sites_404(client, world, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()
    assert "Dark Mode" in response.content.decode()


def test_the_date_in_the_top_bar_is_the_papers_local_date_around_midnight(client, world, time_machine):
    services.save_site_settings(SiteSettings(time_zone="Asia/Shanghai"), by=None)
    time_machine.move_to(datetime(2026, 2, 4, 15, 59, tzinfo=UTC), tick=False)  # 23:59 in Beijing
    assert "Wednesday, 04 February 2026" in client.get("/").content.decode()
    time_machine.move_to(datetime(2026, 2, 4, 16, 0, tzinfo=UTC), tick=False)  # midnight in Beijing
    assert "Thursday, 05 February 2026" in client.get("/").content.decode()


def test_anonymous_pages_carry_nothing_personal(client, story):
    for url in ["/", "/world/", story.get_absolute_url()]:
        response = client.get(url)
        assert not response.cookies, url
        html = response.content.decode()
        # The comment form's token slot is empty: comments.js fills it per reader (ADR 0007).
        assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]', html)
        assert "editor" not in html


def _populate(world, count):
    tags = [make_tag(f"Topic {i}") for i in range(5)]
    authors = [make_author(f"Writer {i}") for i in range(3)]
    now = timezone.now()
    for i in range(count):
        make_article(
            section=world,
            bylines=[authors[i % 3], "Agency Staff"],
            tags=tags[: 1 + i % 5],
            lead_image=None,
            published_at=now - timedelta(hours=i + 1),
        )
    return authors[0], tags[0]


@pytest.mark.parametrize("count", [3, 30])
def test_query_counts_do_not_grow_with_content(client, world, count, django_assert_max_num_queries):
    author, tag = _populate(world, count)
    make_section("Business", slug="business")
    story = make_article(section=world, bylines=[author, "Agency Staff"], tags=[tag], lead_image=make_image())
    client.get("/")  # warm the site settings and navigation caches, as any running site has
    budgets = {  # each +1 since the desk: curated stories (home, section), corrections (article)
        "/": 6,
        "/world/": 6,
        story.get_absolute_url(): 8,
        author.get_absolute_url(): 6,
        tag.get_absolute_url(): 6,
    }
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


def test_pages_name_an_icon_and_favicon_ico_leads_to_it(client, db):
    from django.contrib.staticfiles import finders

    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/reader/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/reader/favicon.svg"
    icon = finders.find("reader/favicon.svg")
    assert icon and Path(icon).read_text().startswith("<svg")
