"""Loads the demo newsroom: an invented paper with its staff, sections, stories and pictures."""

from __future__ import annotations

import hashlib
import io
import os
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage

from broadsheet.ads import services as ad_services
from broadsheet.ads.models import AdKind, AdUnit
from broadsheet.cli.demo_content import ads as demo_ads
from broadsheet.cli.demo_content import conversations, world
from broadsheet.cli.demo_content.compose import build_body
from broadsheet.cli.demo_content.pictures import (
    AVATAR_SIZE,
    CREDIT,
    LEAD_SIZE,
    PICTURES,
    PictureSpec,
    Size,
    draw_avatar,
    draw_logo,
    draw_picture,
)
from broadsheet.cli.demo_content.stories import STORIES, TOMASZ, Story
from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.services import Posted, import_comment
from broadsheet.content.models import Article, Author, CommentsMode, Section, SiteSettings, Tag
from broadsheet.content.selectors import public_articles
from broadsheet.content.services import (
    BylineSpec,
    add_correction,
    create_article,
    get_or_create_tag,
    publish_article,
    save_section,
    save_site_settings,
    submit_for_review,
    update_article,
)
from broadsheet.media.models import Image
from broadsheet.media.services import upload_image
from broadsheet.search.services import rebuild_index

USERNAME = "editor"
MODERATOR = "moderator"
AD_OPS = "adops"
REPORTER = "reporter"
REPORTER_AUTHOR = TOMASZ  # the staff writer the demo reporter account writes as
ADMIN = "admin"
LOGO_TITLE = "Demo logo"
LOGO_DARK_TITLE = "Demo logo for dark mode"


class Writer(Protocol):
    def write(self, msg: str, /) -> object: ...


@dataclass(frozen=True)
class DemoLogin:
    """The demo's admin account and its moderator account, and where to sign in with them."""

    username: str
    password: str
    url: str
    moderator_username: str = MODERATOR
    moderator_password: str = ""
    adops_username: str = AD_OPS
    adops_password: str = ""
    reporter_username: str = REPORTER
    reporter_password: str = ""
    admin_username: str = ADMIN
    admin_password: str = ""


def demo_login_file() -> Path:
    """Return where the demo editor's password is kept between runs."""
    return settings.ENV.data_dir / "demo-login.txt"


def load_demo_newsroom(
    stdout: Writer | None = None,
    *,
    picture_size: Size = LEAD_SIZE,
    avatar_size: int = AVATAR_SIZE,
    login_file: Path | None = None,
    base_url: str = "http://127.0.0.1:8000",
) -> DemoLogin:
    """Create the demo paper, or fill in whatever is missing from it; return the editor's login.

    Safe to run again: existing sections, authors, pictures and stories (matched by slug or
    title) are left alone; the site settings are set to the demo paper's and the editor's
    password to the stored one on every run.
    Smaller `picture_size` and `avatar_size` make the load quicker, for tests.
    """
    out: Writer = stdout or io.StringIO()
    login_file = login_file or demo_login_file()
    password = _stored_password(login_file)
    moderator_password = _stored_password(login_file, key="moderator-password")
    adops_password = _stored_password(login_file, key="adops-password")
    reporter_password = _stored_password(login_file, key="reporter-password")
    admin_password = _stored_password(login_file, key="admin-password")
    with transaction.atomic():
        _staff_account(ADMIN, admin_password, group="Admins", superuser=True)  # users, settings, everything
        editor = _staff_account(USERNAME, password, group="Editors")  # edits, approves, publishes, corrects
        reporter = _staff_account(REPORTER, reporter_password, group="Contributors")  # files own drafts
        _staff_account(MODERATOR, moderator_password, group="Moderators")  # the comment queue only
        pictures = {spec.key: _picture(spec, picture_size) for spec in PICTURES}
        sections = {spec.slug: _section(spec, editor) for spec in world.SECTIONS}
        authors = {spec.slug: _author(spec, avatar_size) for spec in world.AUTHORS}
        _link_reporter(reporter, authors)
        _site_settings(editor)
        tags: dict[str, Tag] = {}
        now = timezone.now()
        created = 0
        for story in STORIES:
            if Article.objects.filter(slug=story.slug).exists():
                continue
            for name in story.tags:
                tags.setdefault(name, get_or_create_tag(name))
            _article(story, editor=editor, reporter=reporter, now=now, sections=sections, authors=authors,
                     tags=tags, pictures=pictures)  # fmt: skip
            created += 1
        comment_count = _conversations(now)
        _staff_account(AD_OPS, adops_password, group="ad_ops")  # ads and the ad report only
        ad_count = _ads(base_url)
    # A demo loaded before site search existed has an empty index: rebuilding 50 stories is instant.
    indexed = rebuild_index()
    out.write(
        f"{world.PUBLICATION_NAME}: {len(sections)} sections, {len(authors)} staff writers, "
        f"{len(pictures)} pictures, {created} new stories ({len(STORIES) - created} already there), "
        f"{comment_count} new comments, {ad_count} new ad units; {indexed} stories in the search index.\n"
    )
    return DemoLogin(
        username=USERNAME,
        password=password,
        url=f"{base_url.rstrip('/')}/newsroom/",
        moderator_password=moderator_password,
        adops_password=adops_password,
        reporter_password=reporter_password,
        admin_password=admin_password,
    )


PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 - the characters, not a password


def _stored_password(login_file: Path, *, key: str = "password") -> str:
    """Return the demo password kept under `key` in `login_file`, generating and storing it the first time."""
    lines = login_file.read_text().splitlines() if login_file.exists() else []
    for line in lines:
        if line.startswith(f"{key}:") and line.partition(":")[2].strip():
            return line.partition(":")[2].strip()
    # Letters and digits only, none that look alike: read off a terminal and typed by hand.
    password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(16))
    if not lines:
        lines = [
            "Broadsheet demo newsroom logins",
            f"username: {USERNAME}",
            f"moderator-username: {MODERATOR}",
            f"adops-username: {AD_OPS}",
            f"reporter-username: {REPORTER}",
            f"admin-username: {ADMIN}",
        ]
    lines.append(f"{key}: {password}")
    login_file.parent.mkdir(parents=True, exist_ok=True)
    # Created 0600 from the start, so the password is never readable by others, even briefly.
    descriptor = os.open(login_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    login_file.chmod(0o600)
    return password


def _staff_account(username: str, password: str, *, group: str, superuser: bool = False) -> User:
    """A demo staff login: a member of one role group who can do only that role's work.

    The password is set on every run, so the one printed (and stored) is always the one that works.
    """
    user = User.objects.filter(username=username).first() or User(username=username, email=f"{username}@example.test")
    user.is_staff, user.is_active, user.is_superuser = True, True, superuser
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name=group)])
    return User.objects.get(pk=user.pk)  # a fresh permission cache


def _link_reporter(reporter: User, authors: dict[str, Author]) -> None:
    """The demo reporter writes as one of the staff authors, so "my drafts" and bylines line up."""
    author = authors[REPORTER_AUTHOR]
    if author.user_id is None:
        author.user = reporter
        author.save(update_fields=["user"])


def _ads(base_url: str) -> int:
    """Fill every slot with a house ad (light and dark artwork) and add one isolated snippet; ads.txt too.

    Units are matched by name, so a second run adds nothing.
    """
    site = base_url.rstrip("/")
    created = 0
    for spec in demo_ads.HOUSE_ADS:
        if AdUnit.objects.filter(name=spec.name).exists():
            continue
        images = {dark: _ad_image(spec, dark=dark) for dark in (False, True)}
        ad_services.create_unit(
            by=None, name=spec.name, kind=AdKind.HOUSE, slots=list(spec.slots), weight=spec.weight,
            image=images[False], dark_image=images[True], target_url=f"{site}{spec.path}",
        )  # fmt: skip
        created += 1
    if not AdUnit.objects.filter(name=demo_ads.SNIPPET_NAME).exists():
        ad_services.create_unit(
            by=None, name=demo_ads.SNIPPET_NAME, kind=AdKind.SNIPPET, slots=list(demo_ads.SNIPPET_SLOTS),
            code=demo_ads.SNIPPET_CODE, width=300, height=250,
        )  # fmt: skip
        created += 1
    ad_services.save_ads_txt(demo_ads.ADS_TXT, by=None)
    return created


def _ad_image(spec: demo_ads.HouseAdSpec, *, dark: bool) -> Image:
    title = f"Demo ad: {spec.name}{' (dark)' if dark else ''}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return _upload(demo_ads.draw_house_ad(spec, dark=dark), name=f"demo-ad-{spec.key}{'-dark' if dark else ''}.png",
                   fmt="PNG", title=title, alt_text=f"{spec.headline} {spec.line} {spec.button}.")  # fmt: skip


def _conversations(now: datetime) -> int:
    """Give most public stories a discussion: replies, a long thread, a closed and a pre-moderated story.

    Comments carry deterministic idempotency keys, so a second run adds nothing.
    """
    stories = list(public_articles().select_related("section").order_by("-published_at", "-pk"))
    plan = conversations.DemoThreads()
    created = 0
    for index, article in enumerate(stories):
        rng = random.Random(article.slug)  # noqa: S311 - demo text, not security
        if index % 5 == 4:  # some stories have no discussion at all
            continue
        roots = 14 if index == plan.long_thread_slug_index else rng.randint(1, 4)
        since = max(article.published_at or now, now - timedelta(days=20))
        span = max(60.0, (now - since).total_seconds() - 60)
        moments = sorted(since + timedelta(seconds=rng.uniform(30, span)) for _ in range(roots * 3))
        moment = iter(moments)
        for n in range(roots):
            root = _demo_comment(article, rng, f"{article.slug}:{n}", rng.choice(conversations.OPENERS), next(moment))
            created += root.created
            for r in range(rng.choice([0, 0, 1, 2])):
                reply = _demo_comment(
                    article, rng, f"{article.slug}:{n}:{r}", rng.choice(conversations.REPLIES), next(moment),
                    in_reply_to=root.comment,
                )  # fmt: skip
                created += reply.created
        if index == plan.premoderated_index:
            for h, text in enumerate(conversations.HELD):
                held = _demo_comment(
                    article, rng, f"{article.slug}:held:{h}", text, now - timedelta(minutes=20 * (h + 1)),
                    status=CommentStatus.PENDING,
                )  # fmt: skip
                created += held.created
            if article.comments_mode != CommentsMode.PREMODERATED:
                update_article(article, by=None, comments_mode=CommentsMode.PREMODERATED)
        if index == plan.closed_index and article.comments_mode != CommentsMode.CLOSED:
            update_article(article, by=None, comments_mode=CommentsMode.CLOSED)
    return created


def _demo_comment(
    article: Article,
    rng: random.Random,
    key: str,
    text: str,
    at: datetime,
    *,
    in_reply_to: Comment | None = None,
    status: str = CommentStatus.APPROVED,
) -> Posted:
    name = rng.choice(conversations.READERS)
    email = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum()) + "@readers.example"
    digest = hashlib.sha256(f"demo:{key}".encode()).hexdigest()[:40]
    return import_comment(
        article, name=name, email=email, body=text, created_at=min(at, timezone.now()), status=status,
        in_reply_to=in_reply_to, idempotency_key=f"demo-{digest}",
    )  # fmt: skip


def _upload(picture: PILImage.Image, *, name: str, fmt: str, **words: str) -> Image:
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, quality=86)
    return upload_image(ContentFile(buffer.getvalue(), name=name), **words)


def _picture(spec: PictureSpec, size: Size) -> Image:
    existing = Image.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing
    return _upload(draw_picture(spec, size), name=f"demo-{spec.key}.jpg", fmt="JPEG",
                   title=spec.title, alt_text=spec.alt_text, caption=spec.caption, credit=CREDIT)  # fmt: skip


def _section(spec: world.SectionSpec, editor: User) -> Section:
    existing = Section.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    section = Section(name=spec.name, slug=spec.slug, order=spec.order, description=spec.description)
    return save_section(section, by=editor)


def _author(spec: world.AuthorSpec, avatar_size: int) -> Author:
    existing = Author.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    initials = "".join(part[0] for part in spec.name.replace("-", " ").split()[:2])
    photo = _upload(draw_avatar(initials, spec.colour, avatar_size), name=f"demo-{spec.slug}.jpg",
                    fmt="JPEG", title=f"Demo author photo: {spec.name}",
                    alt_text=f"Badge with the initials of {spec.name}", credit=CREDIT)  # fmt: skip
    # There is no author service yet; an Author has no side effects to run.
    return Author.objects.create(name=spec.name, slug=spec.slug, role=spec.role, bio=spec.bio, photo=photo)


def _site_settings(editor: User) -> SiteSettings:
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings()
    logo = Image.objects.filter(title=LOGO_TITLE).first()
    if logo is None:
        logo = _upload(draw_logo(world.PUBLICATION_NAME), name="demo-logo.png", fmt="PNG",
                       title=LOGO_TITLE, alt_text=world.PUBLICATION_NAME)  # fmt: skip
    logo_dark = Image.objects.filter(title=LOGO_DARK_TITLE).first()
    if logo_dark is None:
        logo_dark = _upload(draw_logo(world.PUBLICATION_NAME, dark=True), name="demo-logo-dark.png", fmt="PNG",
                            title=LOGO_DARK_TITLE, alt_text=world.PUBLICATION_NAME)  # fmt: skip
    site.publication_name = world.PUBLICATION_NAME
    site.tagline = world.TAGLINE
    site.logo = logo
    site.logo_dark = logo_dark
    site.time_zone = world.TIME_ZONE
    site.language = world.LANGUAGE
    return save_site_settings(site, by=editor)


def _article(
    story: Story,
    *,
    editor: User,
    reporter: User,
    now: datetime,
    sections: dict[str, Section],
    authors: dict[str, Author],
    tags: dict[str, Tag],
    pictures: dict[str, Image],
) -> Article:
    bylines: list[BylineSpec] = [authors[slug] for slug in story.authors]
    if story.credit:
        bylines.append(story.credit)
    article = create_article(
        by=reporter if story.desk == "in_review" else editor,
        headline=story.headline,
        section=sections[story.section],
        bylines=bylines,
        tags=[tags[name] for name in story.tags],
        slug=story.slug,
        kicker=story.kicker,
        dek=story.dek,
        body=build_body(story),
        dateline=story.dateline,
        lead_image=pictures[story.picture] if story.picture else None,
    )
    if story.is_draft:
        return article
    if story.desk == "in_review":
        submit_for_review(article, by=reporter, note="Two new sites named; the committee report is attached.")
        return article
    if story.desk == "embargoed":
        # Results embargoed until a fixed time: scheduled for exactly then, and nothing shows before.
        lifts = now - timedelta(hours=story.hours_ago)
        update_article(article, by=editor, embargo_until=lifts)
        publish_article(article, by=editor, at=lifts, note="Embargoed until the trust's announcement.")
        return article
    publish_article(article, by=editor, at=now - timedelta(hours=story.hours_ago))
    if story.correction and article.is_public:
        add_correction(article, by=editor, kind="correction", text=story.correction)
    if story.working_copy_dek and article.is_public:
        # An editor's change to a live story, saved but not yet published: readers still see the old one.
        update_article(article, by=editor, dek=story.working_copy_dek)
    return article
