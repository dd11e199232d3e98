"""The desk in the newsroom, driven through the forms people submit: roles, the working copy,
concurrent edits, history and diffs, preview links, corrections, curation, the dashboard, the audit log."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from broadsheet.content import services
from broadsheet.content.models import Article, BreakingNews, FrontPageItem, PreviewLink, Status, WorkflowEvent
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.content.tests.test_rules import EXPECTED, GROUPS, SERVICE_CASES
from broadsheet.newsroom.tests.test_admin import ADD_URL, article_form, change_url

pytestmark = pytest.mark.django_db


def staff(role_group: str, username: str) -> Client:
    user = User.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=role_group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter() -> Client:
    return staff("Contributors", "reporter")


@pytest.fixture
def editor_client() -> Client:
    return staff("Editors", "deskeditor")


def edit_form(article: Article, **fields) -> dict[str, object]:
    article.refresh_from_db()
    local = timezone.localtime(article.published_at) if article.published_at else None
    data = article_form(
        article.section,
        headline=article.headline,
        slug=article.slug,
        dek=article.dek,
        body=article.body,
        base_revision=str(article.revision),
        existing=[(b, i + 1, False) for i, b in enumerate(article.bylines.all())],
        **(
            {"published_at_0": local.strftime("%d/%m/%Y"), "published_at_1": local.strftime("%H:%M:%S")}
            if local
            else {}
        ),
    )
    data.update(fields)
    return data


def test_a_reporter_files_and_submits_but_cannot_publish(reporter, editor_client):
    section = make_section()
    data = article_form(section, bylines=[(None, "Agency Staff", 1)], _move_in_review="Save and submit for review")
    response = reporter.post(ADD_URL, data, follow=True)
    article = Article.objects.get()
    assert article.status == Status.IN_REVIEW, response.text[:2000]
    assert "is now in review" in response.text
    page = reporter.get(change_url(article)).text
    assert "Publish now" not in page and "_move_published" not in page
    # Forcing the button is refused by the service, and the story stays where it was.
    refused = reporter.post(change_url(article), edit_form(article, _move_published="Publish now"), follow=True)
    assert Article.objects.get(pk=article.pk).status == Status.IN_REVIEW
    assert refused.status_code in (200, 403)
    # The editor sends it back with a note, then approves and publishes.
    editor_page = editor_client.get(change_url(article)).text
    assert "Save and approve" in editor_page and "Save and send back to the reporter" in editor_page
    editor_client.post(change_url(article), edit_form(article, _move_draft="Send back", workflow_note="Needs a quote."))
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert WorkflowEvent.objects.get(action="send_back").note == "Needs a quote."
    reporter.post(change_url(article), edit_form(article, _move_in_review="Submit"))
    editor_client.post(change_url(article), edit_form(article, _move_ready="Approve"))
    editor_client.post(change_url(article), edit_form(article, _move_published="Publish now"))
    assert Article.objects.get(pk=article.pk).is_public


def test_sending_back_without_a_note_is_refused_with_a_message(editor_client):
    article = make_article(publish=False)
    services.submit_for_review(article, by=None)
    response = editor_client.post(change_url(article), edit_form(article, _move_draft="Send back"), follow=True)
    assert "a note is required" in response.text
    assert Article.objects.get(pk=article.pk).status == Status.IN_REVIEW


def test_editing_a_live_story_saves_a_working_copy_the_public_page_keeps_the_old_one(client, editor_client):
    article = make_article("Original headline", body="<p>Original words.</p>")
    response = editor_client.post(
        change_url(article), edit_form(article, headline="Sharper headline", _continue="Save working copy"), follow=True
    )
    assert "Saved as a working copy" in response.text
    assert "was changed successfully" not in response.text  # not two messages that contradict each other
    article.refresh_from_db()
    assert article.headline == "Original headline" and article.working_copy is not None
    assert "Original headline" in client.get(article.get_absolute_url()).text
    # The form reopens on the working copy, not the live text.
    form = editor_client.get(change_url(article))
    assert form.context["adminform"].form.initial["headline"] == "Sharper headline"
    assert "working copy" in form.text
    editor_client.post(change_url(article), edit_form(article, headline="Sharper headline", _publish_changes="Publish"))
    article.refresh_from_db()
    assert article.headline == "Sharper headline" and article.working_copy is None
    assert "Sharper headline" in client.get(article.get_absolute_url()).text


def test_two_editors_saving_at_once_get_a_conflict_not_a_lost_edit(editor_client):
    second = staff("Editors", "second")
    article = make_article(publish=False, dek="First standfirst.")
    first_form = edit_form(article)  # both open the story at the same revision
    second_form = edit_form(article)
    first_form.update(dek="Alice's standfirst.", _continue="Save")
    assert editor_client.post(change_url(article), first_form).status_code == 302
    second_form.update(dek="Bob's standfirst.", _continue="Save")
    response = second.post(change_url(article), second_form)
    assert response.status_code == 200
    assert "Someone else saved this story" in response.text and "Compare your version" in response.text
    assert "Bob&#x27;s standfirst." in response.text or "Bob's standfirst." in response.text  # kept in the form
    article.refresh_from_db()
    assert article.dek == "Alice's standfirst."
    kept = article.revisions.get(kind="conflict")
    assert kept.data["dek"] == "Bob's standfirst." and kept.created_by.username == "second"
    diff = second.get(
        reverse("newsroom:content_article_diff", args=[article.pk]), {"a": article.revision, "b": kept.number}
    )
    assert diff.status_code == 200 and "Bob" in diff.text and "Alice" in diff.text


def test_who_else_has_the_story_open_is_shown(editor_client):
    second = staff("Editors", "second")
    article = make_article(publish=False)
    editor_client.get(change_url(article))
    page = second.get(change_url(article)).text
    assert "Also open by: <span>deskeditor</span>" in page
    pinged = editor_client.post(reverse("newsroom:content_article_presence", args=[article.pk]))
    assert pinged.json() == {"others": ["second"]}


def test_history_diff_and_restore(editor_client):
    article = make_article(publish=False, body="<p>Alpha paragraph.</p><p>Beta paragraph.</p>")
    services.update_article(article, by=None, body="<p>Alpha paragraph.</p><p>Beta changed paragraph.</p><p>Gamma.</p>")
    history = editor_client.get(reverse("newsroom:content_article_revisions", args=[article.pk]))
    assert history.status_code == 200 and "Revision" in history.text
    diff = editor_client.get(reverse("newsroom:content_article_diff", args=[article.pk]), {"a": 1, "b": 2})
    assert '<ins class="diff-added">changed</ins>' in diff.text
    assert '<ins class="diff-added">Gamma.</ins>' in diff.text
    assert 'Headline <span class="diff-unchanged">— unchanged' in diff.text
    editor_client.post(reverse("newsroom:content_article_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert article.body == "<p>Alpha paragraph.</p><p>Beta paragraph.</p>"
    assert article.revisions.get(number=article.revision).kind == "restored"


def test_preview_links_are_created_listed_and_revoked(client, editor_client):
    article = make_article(publish=False, headline="Draft for the lawyer")
    url = reverse("newsroom:content_article_previews", args=[article.pk])
    editor_client.post(url, {"hours": "24"})
    link = PreviewLink.objects.get()
    listing = editor_client.get(url).text
    assert "/preview/" in listing and "active" in listing
    public = next(line for line in listing.split('value="') if line.startswith("http")).split('"')[0]
    assert "Draft for the lawyer" in client.get(public).text
    editor_client.post(reverse("newsroom:content_article_preview_revoke", args=[article.pk, link.pk]))
    assert client.get(public).status_code == 410


def test_a_correction_is_added_from_the_story(client, editor_client):
    article = make_article()
    url = reverse("newsroom:content_article_correct", args=[article.pk])
    assert editor_client.post(url, {"kind": "correction", "text": ""}).status_code == 200  # empty: refused
    editor_client.post(url, {"kind": "correction", "text": "The bridge is 40 m long, not 400 m."})
    assert "The bridge is 40 m long" in client.get(article.get_absolute_url()).text
    assert "The bridge is 40 m long" in client.get("/corrections/").text


def test_a_contributor_cannot_open_the_correction_or_curation_screens(reporter):
    article = make_article()
    assert reporter.get(reverse("newsroom:content_article_correct", args=[article.pk])).status_code == 403
    assert reporter.get(reverse("newsroom:content_frontpageitem_changelist")).status_code == 403
    assert reporter.get(reverse("newsroom:content_breakingnews_add")).status_code == 403


def test_editors_curate_the_front_page_and_post_breaking_news(
    client, editor_client, django_capture_on_commit_callbacks
):
    story = make_article("The lead of the day")
    make_article("A newer story")
    editor_client.post(
        reverse("newsroom:content_frontpageitem_add"), {"section": "", "article": story.pk, "position": 0}
    )
    assert FrontPageItem.objects.get().article == story
    assert client.get("/").context["front"].lead == [story]
    now = timezone.localtime()
    later = now + timedelta(hours=1)
    client.get("/")  # the site is running: what it caches must not hide the new banner
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("newsroom:content_breakingnews_add"),
            {
                "text": "Bridge closed after collision",
                "url": story.get_absolute_url(),
                "starts_at_0": now.strftime("%d/%m/%Y"),
                "starts_at_1": now.strftime("%H:%M:%S"),
                "expires_at_0": later.strftime("%d/%m/%Y"),
                "expires_at_1": later.strftime("%H:%M:%S"),
            },
        )
    assert BreakingNews.objects.count() == 1
    assert "Bridge closed after collision" in client.get("/").text


def test_the_dashboard_lists_the_desk(editor_client, reporter):
    mine = services.create_article(
        by=User.objects.get(username="reporter"), headline="Reporter's own draft", section=make_section()
    )
    waiting = make_article("Waiting for the desk", publish=False)
    services.submit_for_review(waiting, by=None)
    later = make_article("Goes out tonight", publish=False)
    services.publish_article(later, by=None, at=timezone.now() + timedelta(hours=5))
    corrected = make_article("Corrected story")
    services.add_correction(corrected, by=None, kind="update", text="Police have named the driver.")
    desk = editor_client.get(reverse("newsroom:index")).text
    for text in (
        "Waiting for the desk",
        "Goes out tonight",
        "Corrected story",
        "Recently published",
    ):
        assert text in desk, text
    assert "Comments waiting" not in desk  # editors do not moderate: the count is for moderators
    own = reporter.get(reverse("newsroom:index")).text
    assert mine.headline.replace("'", "&#x27;") in own


def test_the_audit_log_is_searchable_by_story_and_by_person(editor_client):
    article = make_article("Searchable story", publish=False)
    services.submit_for_review(article, by=User.objects.get(username="deskeditor"))
    url = reverse("newsroom:content_workflowevent_changelist")
    by_story = editor_client.get(url, {"q": "Searchable"})
    assert list(by_story.context["cl"].result_list) == list(article.events.all())
    by_person = editor_client.get(url, {"q": "deskeditor"})
    assert [e.action for e in by_person.context["cl"].result_list] == ["submit"]
    # Automation is named in the log and can be searched for like a person.
    wired = make_article("Story from a partner", publish=False)
    with services.acting_as("API token “Partner CMS”"):
        services.publish_article(wired, by=None)
    by_token = editor_client.get(url, {"q": "Partner CMS"})
    assert [(e.article_id, e.action) for e in by_token.context["cl"].result_list] == [(wired.pk, "publish")]
    assert "API token “Partner CMS”" in by_token.text


# The same matrix as content/tests/test_rules.py, pressed as buttons in the newsroom.

# Owning the story only matters to contributors; the other roles are tried on someone else's.
ACTORS = [(role, owner) for role in GROUPS for owner in ((True, False) if role == "contributor" else (False,))]


@pytest.mark.parametrize(("role", "owner"), ACTORS)
@pytest.mark.parametrize(("service", "start", "end", "kwargs"), SERVICE_CASES)
def test_the_newsroom_buttons_follow_the_matrix(service, start, end, kwargs, role, owner):
    from broadsheet.content.rules import ALLOWED

    client = staff(GROUPS[role], f"{role}-user")
    user = User.objects.get(username=f"{role}-user")
    article = make_article(publish=False, bylines=["Agency Staff"])
    past, future = timezone.now() - timedelta(hours=1), timezone.now() + timedelta(hours=3)
    published_at = {Status.SCHEDULED: future, Status.PUBLISHED: past, Status.WITHDRAWN: past}.get(start)
    if kwargs.get("at") == "future":
        published_at = future
    Article.objects.filter(pk=article.pk).update(
        status=start, published_at=published_at, created_by=user if owner else None
    )
    form = edit_form(article, **{f"_move_{end}": "Go", "workflow_note": kwargs.get("note", "")})
    response = client.post(change_url(article), form)
    move = ALLOWED[(Status(start), Status(end))]
    allowed = role in EXPECTED[move.action] and (role != "contributor" or owner)
    after = Article.objects.get(pk=article.pk).status
    assert after == (end if allowed else start), (response.status_code, role, owner)


def test_editors_checking_in_at_the_same_moment_all_see_each_other(db):
    """Presence keys are per editor: simultaneous check-ins cannot overwrite one another."""
    import threading
    from unittest import mock

    from broadsheet.newsroom import desk

    names = [f"desk{n}" for n in range(8)]
    for name in [*names, "late"]:
        User.objects.create_user(name, is_staff=True)
    User.objects.create_user("reader-account")  # not newsroom staff: never listed
    staff_names = desk.active_staff_usernames()
    assert "reader-account" not in staff_names
    article = make_article(publish=False)
    start = threading.Barrier(len(names))

    def arrive(name):
        start.wait()
        desk.check_in(article.pk, name)

    # The threads share the cache, not this test's database transaction: the staff list is handed in.
    with mock.patch.object(desk, "active_staff_usernames", return_value=staff_names):
        threads = [threading.Thread(target=arrive, args=(name,)) for name in names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert desk.check_in(article.pk, "late") == sorted(names)
    assert desk.check_in(article.pk + 1, "late") == []  # another story: nobody there


def test_only_editors_open_stories_that_are_not_public_yet(editor_client, reporter):
    """A moderator (or ad ops) sees public stories only; a contributor public ones and their own."""
    moderator = staff("Moderators", "desk-moderator")
    lifts = timezone.now() + timedelta(hours=3)
    embargoed = make_article("Embargoed harbour report", published_at=lifts, embargo_until=lifts)
    colleague_draft = make_article("A colleague's draft", publish=False)
    own = services.create_article(
        by=User.objects.get(username="reporter"), headline="Reporter's own draft", section=make_section()
    )
    public = make_article("A public story")
    changelist = reverse("newsroom:content_article_changelist")
    for client, may_open in (
        (moderator, {public}),
        (reporter, {public, own}),
        (editor_client, {public, own, embargoed, colleague_draft}),
    ):
        listed = {a.pk for a in client.get(changelist).context["cl"].result_list}
        assert listed == {a.pk for a in may_open}
        for story in (embargoed, colleague_draft, own, public):
            status = client.get(change_url(story)).status_code
            assert (status == 200) == (story in may_open), (story.headline, status)
        revisions = client.get(reverse("newsroom:content_article_revisions", args=[embargoed.pk])).status_code
        assert (revisions == 200) == (embargoed in may_open)
        dashboard = client.get(reverse("newsroom:index")).text
        assert ("Embargoed harbour report" in dashboard) == (embargoed in may_open)


def test_the_desk_leads_editors_and_reporters_to_the_wire_desk(editor_client, reporter):
    from django.contrib.auth.models import Group

    moderator = staff("Moderators", "wire-moderator")
    for client in (editor_client, reporter):
        desk = client.get(reverse("newsroom:index")).text
        assert f'href="{reverse("newsroom:wire_paste")}">Paste wire copy</a>' in desk
        assert client.get(reverse("newsroom:wire_ingesteditem_changelist")).status_code == 200
        assert client.get(reverse("newsroom:wire_paste")).status_code == 200
    assert editor_client.get(reverse("newsroom:wire_feedsubscription_changelist")).status_code == 200
    assert reporter.get(reverse("newsroom:wire_feedsubscription_changelist")).status_code == 403
    assert reporter.get(reverse("newsroom:wire_apitoken_changelist")).status_code == 403  # tokens: admins only
    assert "Paste wire copy" not in moderator.get(reverse("newsroom:index")).text
    assert Group.objects.get(name="Editors").permissions.filter(codename="view_ingesteditem").exists()


def test_the_comment_count_is_shown_to_those_who_can_moderate(editor_client, reporter):
    from broadsheet.comments.models import CommentStatus
    from broadsheet.comments.tests.factories import make_comment

    comment = make_comment(make_article())
    comment.status = CommentStatus.PENDING
    comment.save(update_fields=["status"])
    moderator = staff("Moderators", "count-moderator")
    assert "waiting for a moderator" in moderator.get(reverse("newsroom:index")).text
    for client in (editor_client, reporter):
        assert "waiting for a moderator" not in client.get(reverse("newsroom:index")).text


def test_a_story_someone_may_not_edit_reads_as_formatted_text(reporter):
    """Read-only (a reporter's submitted story, a moderator on a public one): formatted body, byline order kept."""
    from broadsheet.content.tests.factories import make_author

    author = make_author("Ana Ruiz")
    story = make_article(
        "A submitted story", publish=False, by=User.objects.get(username="reporter"),
        bylines=[author, "Agency Staff"], body="<p>The ferry operator will add sailings.</p><p>Residents asked.</p>",
    )  # fmt: skip
    services.submit_for_review(story, by=User.objects.get(username="reporter"))
    moderator = staff("Moderators", "reading-moderator")
    public = make_article("A public story", bylines=[author], body="<p>Public <strong>text</strong>.</p>")
    for client, article, paragraph in (
        (reporter, story, "<p>The ferry operator will add sailings.</p>"),
        (moderator, public, "<p>Public <strong>text</strong>.</p>"),
    ):
        page = client.get(change_url(article)).text
        assert f'<div class="story-body-preview">{paragraph}' in page
        assert "&lt;p&gt;" not in page
        if client is reporter:  # moderators are not shown the bylines table at all
            order = re.findall(r"<td class=\"field-order\">\s*<p>(\d+)</p>", page)
            assert order == ["1", "2"], order
