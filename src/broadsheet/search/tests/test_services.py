"""The index follows the write services: publish, edit, withdraw; `broadsheet reindex` rebuilds it."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from broadsheet.content import services
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.search.query import parse_query
from broadsheet.search.selectors import search_articles

pytestmark = pytest.mark.django_db


def headlines(text: str) -> list[str]:
    return [found.story.headline for found in search_articles(parse_query(text))]


def test_the_index_follows_publish_update_and_withdraw(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Quarry plan goes to appeal", publish=False)
    assert headlines("quarry") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_article(article, by=editor)
    assert headlines("quarry") == ["Quarry plan goes to appeal"]
    with django_capture_on_commit_callbacks(execute=True):
        services.update_article(
            article, by=editor, publish_changes=True, headline="Mine plan goes to appeal", body="<p>Gravel pits.</p>"
        )
    assert headlines("quarry") == []
    assert headlines("gravel") == ["Mine plan goes to appeal"]
    with django_capture_on_commit_callbacks(execute=True):
        services.update_article(article, by=editor, publish_changes=True, bylines=["Wenonah Pettigrew"])
    assert headlines("pettigrew") == ["Mine plan goes to appeal"]
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_article(article, by=editor)
    assert headlines("gravel") == []


def test_nothing_is_indexed_before_the_transaction_commits(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article("Orchard harvest begins")
    assert headlines("orchard") == []
    for callback in callbacks:
        callback()
    assert headlines("orchard") == ["Orchard harvest begins"]


def test_a_search_index_failure_does_not_break_the_save(editor, django_capture_on_commit_callbacks, monkeypatch):
    def broken(article_id):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr("broadsheet.search.services.refresh_article", broken)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Saved despite the index")
    assert article.is_public


def test_reindex_rebuilds_from_published_stories_with_a_progress_bar():
    # Created without running the after-commit effects: the index knows nothing of them.
    section = make_section()
    for n in range(3):
        make_article(f"Heron colony survey {n}", section=section)
    make_article("Heron colony draft", section=section, publish=False)
    make_article("Heron colony tomorrow", section=section, published_at=timezone.now() + timedelta(days=1))
    assert headlines("heron") == []
    out, err = io.StringIO(), io.StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert sorted(headlines("heron")) == [f"Heron colony survey {n}" for n in range(3)]
    assert "Indexed 4 stories" in out.getvalue()  # the scheduled one is indexed, found once public
    assert "100% 4/4" in err.getvalue()


def test_reindex_drops_entries_of_stories_no_longer_published(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Kestrel nest cam")
    article.status = "draft"  # changed behind the services' back: only a rebuild can notice
    article.save(update_fields=["status"])
    call_command("reindex", "--quiet", stdout=io.StringIO())
    services.publish_article(article, by=editor)  # public again, but its effect was not run
    assert headlines("kestrel") == []


def test_a_subheading_does_not_run_into_the_next_paragraph_in_the_index_or_the_snippet(
    django_capture_on_commit_callbacks,
):
    from broadsheet.search.documents import plain_text

    body = "<h2>The numbers</h2><p>Small businesses in the Ropewalk</p><ul><li>One</li><li>Two.</li></ul><h3>Why?</h3>"
    assert plain_text(body) == "The numbers. Small businesses in the Ropewalk. One. Two. Why?"
    assert plain_text("<blockquote><p>“Quoted”</p></blockquote><p>Next</p>") == "“Quoted” Next."
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Harbour trade", section=make_section(), body=f"{body}<p>More about the harbour.</p>")
    snippet = str(search_articles(parse_query("ropewalk"))[0].snippet)
    assert "numbers. Small" in snippet or "Ropewalk</mark>. One" in snippet, snippet
