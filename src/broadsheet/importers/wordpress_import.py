"""Importing a WordPress export through the newsroom's services: each post whole or not at all, re-runs safe."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.services import import_comment
from broadsheet.content import services as content
from broadsheet.content.models import RESERVED_SECTION_SLUGS, Article, Section
from broadsheet.importers.wordpress import WpComment, WpExport, WpPost, WpTerm, plain_text
from broadsheet.media.models import Image
from broadsheet.media.services import upload_image
from broadsheet.wire import services
from broadsheet.wire.models import IngestedItem
from broadsheet.wire.story import ImportRefused, Story

IMG = re.compile(r"<img\b[^>]*>", re.I)
SRC = re.compile(r"""\ssrc=(["'])(.*?)\1""", re.I)
ALT = re.compile(r"""\salt=(["'])(.*?)\1""", re.I)
COMMENT_STATUSES = {"1": CommentStatus.APPROVED, "0": CommentStatus.PENDING, "spam": CommentStatus.SPAM}
IMPORTED_TYPES = {"post", "page"}


@dataclass
class WpReport:
    posts: int = 0
    pages: int = 0
    comments: int = 0
    redirects: int = 0
    images: int = 0
    already_imported: int = 0
    skipped: list[str] = field(default_factory=list)  # left out on purpose, with the reason
    failed: list[str] = field(default_factory=list)  # refused, with the reason; nothing of them was saved


class _Importer:
    def __init__(self, export: WpExport, *, media_dir: Path | None, skip_pages: bool, report: WpReport) -> None:
        self.export = export
        self.media_dir = media_dir.resolve() if media_dir else None
        self.skip_pages = skip_pages
        self.report = report
        self.source = f"wordpress:{urlsplit(export.site_url).netloc or export.site_url}"[:200]
        self.sections: dict[str, Section] = {}
        self.attachments = export.attachments
        self.uploaded: dict[str, Image] = {}

    def section(self, term: WpTerm | None, *, pages: bool = False) -> Section:
        if pages:
            term = WpTerm("pages", "Pages")
        term = term or WpTerm("uncategorized", "Uncategorized")
        if term.slug in self.sections:
            return self.sections[term.slug]
        slug = slugify(term.slug or term.name)[:80] or "news"
        if slug in RESERVED_SECTION_SLUGS:
            slug = f"{slug}-section"  # "search", "feeds"… are the site's own addresses
        section = Section.objects.filter(slug=slug).first() or Section.objects.filter(name=term.name).first()
        if section is None:
            section = content.save_section(Section(name=term.name[:80] or slug, slug=slug), by=None)
        self.sections[term.slug] = section
        return section

    def _library_image(self, relative: str, *, alt: str, caption: str = "", owner: str) -> Image | None:
        """Return the library copy of an uploads file (stored once per run); None when it is not in --media."""
        if self.media_dir is None:
            return None
        if relative in self.uploaded:
            return self.uploaded[relative]
        path = (self.media_dir / relative).resolve()
        if not path.is_relative_to(self.media_dir):
            raise ImportRefused(owner, f"“{relative}” points outside --media.")
        if not path.is_file():
            self.report.skipped.append(f"{owner}: {relative} not found in --media")
            return None
        picture = ContentFile(path.read_bytes(), name=path.name)
        image = upload_image(picture, alt_text=alt, caption=caption)
        self.uploaded[relative] = image
        self.report.images += 1
        return image

    def body_images(self, post: WpPost) -> str:
        """Point the body's pictures from the old site's uploads at library copies; others the sanitiser drops."""

        def replace(match: re.Match[str]) -> str:
            tag = match.group(0)
            source = SRC.search(tag)
            if source is None or "/uploads/" not in source.group(2):
                return tag
            relative = urlsplit(unescape(source.group(2))).path.split("/uploads/", 1)[1]
            alt = ALT.search(tag)
            image = self._library_image(
                relative, alt=unescape(alt.group(2)) if alt and alt.group(2).strip() else post.title,
                owner=f"picture in post {post.post_id}",
            )  # fmt: skip
            if image is None:
                return tag
            return tag[: source.start(2)] + escape(image.file.url) + tag[source.end(2) :]

        return IMG.sub(replace, post.body_html)

    def lead_image(self, post: WpPost) -> Image | None:
        attachment = self.attachments.get(post.thumbnail_id)
        if attachment is None or self.media_dir is None:
            return None
        relative = attachment.attached_file or urlsplit(attachment.attachment_url).path.split("/uploads/", 1)[-1]
        return self._library_image(
            relative, alt=attachment.title or post.title, caption=attachment.excerpt,
            owner=f"featured image of post {post.post_id}",
        )  # fmt: skip

    def run(self, post: WpPost) -> None:
        name = f"post {post.post_id} “{post.title[:60]}”"
        if post.post_type not in IMPORTED_TYPES:
            return  # attachments, menus and revisions are not stories
        if post.post_type == "page" and self.skip_pages:
            self.report.skipped.append(f"page {post.post_id} “{post.title[:60]}”: --skip-pages")
            return
        if post.status in {"trash", "auto-draft", "inherit"}:
            self.report.skipped.append(f"{name}: status {post.status}")
            return
        if IngestedItem.objects.filter(source=self.source, external_id=post.post_id).exists():
            self.report.already_imported += 1
            return
        try:
            with transaction.atomic():  # the story, its comments and redirects together, or nothing
                self._import(post)
        except (ImportRefused, ValidationError, OSError) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.report.failed.append(f"{name}: {reason}")

    def _import(self, post: WpPost) -> None:
        if not post.title:
            raise ImportRefused(f"post {post.post_id}", "it has no title.")
        author = self.export.authors.get(post.creator)
        authors = [services.author_for_import(name=author.display_name, slug=author.login)] if author else []
        story = Story(
            headline=post.title[:200],
            credit="" if authors else (post.creator or "Staff"),
            body_html=self.body_images(post),
            dek=post.excerpt[:400],
            published_at=post.published_at,
            tags=tuple(tag.name for tag in post.tags),
        )
        pages = post.post_type == "page"
        saved = services.save_story(
            story,
            by=None,
            section=self.section(post.categories[0] if post.categories else None, pages=pages),
            source=self.source,
            external_id=post.post_id,
            lead_image=self.lead_image(post),
            authors=authors,
        )
        article = saved.article
        assert article is not None
        if post.status in {"publish", "future"}:
            content.publish_article(article, by=None, at=post.published_at)
        self._comments(article, post)
        self._redirects(article, post)
        if pages:
            self.report.pages += 1
        else:
            self.report.posts += 1

    def _comments(self, article: Article, post: WpPost) -> None:
        stored: dict[str, Comment] = {}
        pending = [c for c in post.comments if c.kind in {"", "comment"}]
        for comment in sorted(pending, key=lambda c: int(c.comment_id) if c.comment_id.isdigit() else 0):
            status = COMMENT_STATUSES.get(comment.approved)
            if status is None:
                self.report.skipped.append(f"comment {comment.comment_id} on post {post.post_id}: {comment.approved}")
                continue
            parent = stored.get(comment.parent_id) if comment.parent_id != "0" else None
            if comment.parent_id != "0" and parent is None:
                self.report.skipped.append(f"comment {comment.comment_id}: its parent was not imported")
                continue
            try:
                with transaction.atomic():
                    posted = self._comment(article, comment, status, parent)
            except ValidationError as exc:
                self.report.skipped.append(
                    f"comment {comment.comment_id} on post {post.post_id}: {' '.join(exc.messages)}"
                )
                continue
            stored[comment.comment_id] = posted
            self.report.comments += 1

    def _comment(self, article: Article, comment: WpComment, status: str, parent: Comment | None) -> Comment:
        return import_comment(
            article,
            name=comment.author or "Anonymous",
            email=comment.email,
            body=plain_text(comment.body),
            created_at=comment.created_at,
            status=status,
            in_reply_to=parent,
            idempotency_key=f"{self.source}:comment:{comment.comment_id}",
        ).comment

    def _redirects(self, article: Article, post: WpPost) -> None:
        parts = urlsplit(post.link)
        olds = [parts.path + (f"?{parts.query}" if parts.query else ""), f"/?p={post.post_id}"]
        if post.post_type == "page":
            olds.append(f"/?page_id={post.post_id}")
        for old in olds:
            if old and services.add_redirect(old, article) is not None:
                self.report.redirects += 1


def import_wordpress(
    export: WpExport,
    *,
    media_dir: Path | None = None,
    skip_pages: bool = False,
    progress: Callable[[WpPost], None] | None = None,
) -> WpReport:
    """Import every post (and page unless skipped) of `export`; what was imported before is left alone."""
    report = WpReport()
    importer = _Importer(export, media_dir=media_dir, skip_pages=skip_pages, report=report)
    for post in export.posts:
        importer.run(post)
        if progress is not None:
            progress(post)
    return report
