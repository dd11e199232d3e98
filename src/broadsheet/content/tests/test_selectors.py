"""What readers may see: one rule for "public", and the lists pages are built from."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from broadsheet.content import selectors, services
from broadsheet.content.models import SiteSettings
from broadsheet.content.tests.factories import make_article, make_author, make_section, make_tag

pytestmark = pytest.mark.django_db


def test_public_means_published_and_due():
    shown = make_article("Shown")
    make_article("Draft", publish=False)
    make_article("Scheduled", published_at=timezone.now() + timedelta(minutes=10))
    assert list(selectors.public_articles()) == [shown]


def test_a_scheduled_story_appears_when_its_time_comes(time_machine):
    article = make_article(published_at=timezone.now() + timedelta(minutes=10))
    assert article not in selectors.public_articles()
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    assert article in selectors.public_articles()


def test_front_page_leads_with_the_latest_and_groups_the_rest_by_section():
    news, sport = make_section("News", order=1), make_section("Sport", order=2)
    now = timezone.now()
    old_news = [make_article(f"News {i}", section=news, published_at=now - timedelta(hours=10 + i)) for i in range(6)]
    sport_story = make_article("Sport 1", section=sport, published_at=now - timedelta(hours=5))
    lead = make_article("Lead", section=news, published_at=now - timedelta(minutes=1))
    front = selectors.front_page()
    assert front.lead == [lead]
    assert [block.section for block in front.blocks] == [news, sport]
    assert front.blocks[0].articles == old_news[:4]
    assert front.blocks[1].articles == [sport_story]


def test_hidden_sections_stay_off_the_front_page_blocks():
    hidden = make_section("Archive", is_in_navigation=False)
    make_article("Lead")
    make_article("Hidden", section=hidden, published_at=timezone.now() - timedelta(days=1))
    assert all(block.section != hidden for block in selectors.front_page().blocks)


def test_author_and_tag_pages_list_only_their_public_stories():
    ana, tag = make_author("Ana Ruiz"), make_tag("Elections")
    mine = make_article(bylines=[ana, "Agency Staff"], tags=[tag])
    make_article(bylines=[ana], tags=[tag], publish=False)
    make_article(bylines=["Agency Staff"])
    assert list(selectors.author_articles(ana, page=1)) == [mine]
    assert list(selectors.tag_articles(tag, page=1)) == [mine]


def test_byline_text_reads_like_a_newspaper():
    ana, tom, li = make_author("Ana Ruiz"), make_author("Tom Lee"), make_author("Li Wei")
    assert selectors.byline_text(list(make_article(bylines=[ana]).bylines.all())) == "Ana Ruiz"
    assert selectors.byline_text(list(make_article(bylines=[ana, tom]).bylines.all())) == "Ana Ruiz and Tom Lee"
    three = make_article(bylines=[ana, tom, li])
    assert selectors.byline_text(list(three.bylines.all())) == "Ana Ruiz, Tom Lee and Li Wei"


def test_site_settings_are_cached_and_refreshed_when_saved(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.save_site_settings(SiteSettings(publication_name="The Harbour Ledger"), by=None)
    assert selectors.site_settings().publication_name == "The Harbour Ledger"
    with django_assert_num_queries(0):
        selectors.site_settings()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_site_settings(SiteSettings(publication_name="The Evening Ledger"), by=None)
    assert selectors.site_settings().publication_name == "The Evening Ledger"


def test_article_address_uses_the_papers_local_date():
    services.save_site_settings(SiteSettings(time_zone="Asia/Shanghai"), by=None)
    # 20:30 UTC on 4 February is already 5 February in Beijing.
    moment = datetime(2026, 2, 4, 20, 30, tzinfo=UTC)
    article = make_article("Late story", section=make_section("World", slug="world"), published_at=moment)
    assert article.get_absolute_url() == "/world/2026/02/05/late-story/"


def _plan(queryset):
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL plans by statistics"
)
def test_the_newest_public_stories_are_read_in_index_order_not_sorted():
    news = make_section("News", slug="news")
    make_article("A story", section=news)
    for queryset in (
        selectors.teasers()[:5],
        selectors.teasers().filter(section=news).exclude(pk=0)[:5],
    ):
        plan = _plan(queryset)
        assert "published_idx" in plan, plan
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan  # a sort of every public story
    by_id = _plan(selectors.teasers().filter(pk__in=[1, 2, 3]))
    assert "INTEGER PRIMARY KEY" in by_id and "published_idx" not in by_id, by_id


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL plans by statistics"
)
def test_a_section_pages_count_reads_an_index_only():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    news = make_section("News", slug="news")
    make_article("A story", section=news)
    with CaptureQueriesContext(connection) as captured:
        assert selectors.section_articles(news, page=1).paginator.count == 1
    (count_sql,) = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {count_sql}")
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX article_section_count_idx" in plan, plan
