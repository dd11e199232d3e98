"""Loads the demo newsroom: an invented paper with its staff, sections, stories and pictures."""

from __future__ import annotations

import io
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage

from broadsheet.cli.demo_content import world
from broadsheet.cli.demo_content.compose import build_body, correction_html
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
from broadsheet.cli.demo_content.stories import STORIES, Story
from broadsheet.content.models import Article, Author, Section, SiteSettings, Tag
from broadsheet.content.services import (
    BylineSpec,
    create_article,
    get_or_create_tag,
    publish_article,
    save_section,
    save_site_settings,
    update_article,
)
from broadsheet.media.models import Image
from broadsheet.media.services import upload_image

USERNAME = "editor"
LOGO_TITLE = "Demo logo"


class Writer(Protocol):
    def write(self, msg: str, /) -> object: ...


@dataclass(frozen=True)
class DemoLogin:
    """The demo's admin account, and where to sign in with it."""

    username: str
    password: str
    url: str


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
    with transaction.atomic():
        editor = _editor_account(password)
        pictures = {spec.key: _picture(spec, picture_size) for spec in PICTURES}
        sections = {spec.slug: _section(spec, editor) for spec in world.SECTIONS}
        authors = {spec.slug: _author(spec, avatar_size) for spec in world.AUTHORS}
        _site_settings(editor)
        tags: dict[str, Tag] = {}
        now = timezone.now()
        created = 0
        for story in STORIES:
            if Article.objects.filter(slug=story.slug).exists():
                continue
            for name in story.tags:
                tags.setdefault(name, get_or_create_tag(name))
            _article(story, editor=editor, now=now, sections=sections, authors=authors,
                     tags=tags, pictures=pictures)  # fmt: skip
            created += 1
    out.write(
        f"{world.PUBLICATION_NAME}: {len(sections)} sections, {len(authors)} staff writers, "
        f"{len(pictures)} pictures, {created} new stories ({len(STORIES) - created} already there).\n"
    )
    return DemoLogin(username=USERNAME, password=password, url=f"{base_url.rstrip('/')}/newsroom/")


def _stored_password(login_file: Path) -> str:
    """Return the demo password kept in `login_file`, generating and storing it the first time."""
    if login_file.exists():
        for line in login_file.read_text().splitlines():
            if line.startswith("password:") and line.partition(":")[2].strip():
                return line.partition(":")[2].strip()
    password = secrets.token_urlsafe(12)
    login_file.parent.mkdir(parents=True, exist_ok=True)
    # Created 0600 from the start, so the password is never readable by others, even briefly.
    descriptor = os.open(login_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(f"Broadsheet demo newsroom login\nusername: {USERNAME}\npassword: {password}\n")
    login_file.chmod(0o600)
    return password


def _editor_account(password: str) -> User:
    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        return User.objects.create_superuser(USERNAME, "editor@example.test", password)
    # Set on every run, so the password printed (and stored) is always the one that works.
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return user


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
    site.publication_name = world.PUBLICATION_NAME
    site.tagline = world.TAGLINE
    site.logo = logo
    site.time_zone = world.TIME_ZONE
    site.language = world.LANGUAGE
    return save_site_settings(site, by=editor)


def _article(
    story: Story,
    *,
    editor: User,
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
        by=editor,
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
    publish_article(article, by=editor, at=now - timedelta(hours=story.hours_ago))
    if story.correction and article.is_public:
        # An edit after publication, made the way the newsroom makes one, shows readers "Updated".
        update_article(article, by=editor, body=article.body + correction_html(story))
    return article
