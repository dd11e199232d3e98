"""A WordPress export (WXR 1.1/1.2) -> authors, categories, tags, posts, pages, attachments and comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import unescape
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from broadsheet.wire.story import ImportRefused

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}"
DC = "{http://purl.org/dc/elements/1.1/}"
# Shortcodes whose text is content ([caption]…[/caption]) keep it; the rest ([gallery], embeds) go.
_SHORTCODE_PAIR = re.compile(r"\[(caption|wp_caption)[^\]]*\](.*?)\[/\1\]", re.S)
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]")
_BLOCK = re.compile(r"^\s*<(?:p|h[1-6]|ul|ol|li|blockquote|figure|table|div|pre|hr|img)\b", re.I)


@dataclass(frozen=True)
class WpAuthor:
    login: str
    display_name: str


@dataclass(frozen=True)
class WpTerm:
    slug: str
    name: str


@dataclass(frozen=True)
class WpComment:
    comment_id: str
    parent_id: str  # "0" for a top-level comment
    author: str
    email: str
    created_at: datetime
    body: str
    approved: str  # "1", "0", "spam", "trash"
    kind: str  # "" / "comment", "pingback", "trackback"


@dataclass
class WpPost:
    post_id: str
    post_type: str  # post, page, attachment, nav_menu_item…
    title: str
    link: str
    slug: str
    status: str  # publish, future, draft, pending, private, trash, inherit
    published_at: datetime | None
    creator: str
    body_html: str
    excerpt: str
    categories: list[WpTerm] = field(default_factory=list)
    tags: list[WpTerm] = field(default_factory=list)
    comments: list[WpComment] = field(default_factory=list)
    thumbnail_id: str = ""
    attached_file: str = ""  # attachments: path under the uploads folder
    attachment_url: str = ""


@dataclass
class WpExport:
    site_url: str
    authors: dict[str, WpAuthor]
    categories: list[WpTerm]
    tags: list[WpTerm]
    posts: list[WpPost]

    @property
    def attachments(self) -> dict[str, WpPost]:
        return {post.post_id: post for post in self.posts if post.post_type == "attachment"}


def _t(element: Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _gmt(value: str) -> datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def autop(text: str) -> str:
    """WordPress stores paragraphs as blank lines (its wpautop adds <p> on display): do the same once."""
    text = _SHORTCODE_PAIR.sub(lambda m: m.group(2), text)
    text = _SHORTCODE.sub("", text).replace("\r\n", "\n")
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(block if _BLOCK.match(block) else f"<p>{block.replace(chr(10), '<br>')}</p>" for block in blocks)


def parse_wxr(data: bytes, *, source: str) -> WpExport:
    """Return what a WXR file holds; a broken or hostile file is refused whole, naming the item if one is bad."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ImportRefused(source, f"the XML declares a DTD or entities, which are not accepted ({exc}).") from exc
    except ParseError as exc:
        raise ImportRefused(source, f"the XML is broken ({exc}); is the export complete?") from exc
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or channel.find(f"{WP}wxr_version") is None:
        raise ImportRefused(source, "this is not a WordPress export (WXR): no <wp:wxr_version> in the channel.")
    authors = {}
    for element in channel.findall(f"{WP}author"):
        login = _t(element, f"{WP}author_login")
        authors[login] = WpAuthor(login=login, display_name=_t(element, f"{WP}author_display_name") or login)
    categories = [
        WpTerm(_t(c, f"{WP}category_nicename"), _t(c, f"{WP}cat_name")) for c in channel.findall(f"{WP}category")
    ]
    tags = [WpTerm(_t(t, f"{WP}tag_slug"), _t(t, f"{WP}tag_name")) for t in channel.findall(f"{WP}tag")]
    posts = [_post(item, source=source) for item in channel.findall("item")]
    return WpExport(_t(channel, f"{WP}base_site_url") or _t(channel, "link"), authors, categories, tags, posts)


def _post(item: Element, *, source: str) -> WpPost:
    post_id = _t(item, f"{WP}post_id")
    title = " ".join(_t(item, "title").split())
    name = f"{source}, item {post_id or '?'} “{title[:50]}”"
    if not post_id.isdigit():
        raise ImportRefused(name, "the item has no numeric wp:post_id.")
    published = _gmt(_t(item, f"{WP}post_date_gmt"))
    if published is None and _t(item, "pubDate"):
        try:
            published = parsedate_to_datetime(_t(item, "pubDate"))
        except (TypeError, ValueError):
            published = None
    meta = {_t(m, f"{WP}meta_key"): _t(m, f"{WP}meta_value") for m in item.findall(f"{WP}postmeta")}
    post = WpPost(
        post_id=post_id,
        post_type=_t(item, f"{WP}post_type") or "post",
        title=title,
        link=_t(item, "link"),
        slug=_t(item, f"{WP}post_name"),
        status=_t(item, f"{WP}status") or "draft",
        published_at=published,
        creator=_t(item, f"{DC}creator"),
        body_html=autop(_t(item, f"{CONTENT}encoded")),
        excerpt=" ".join(_t(item, f"{EXCERPT}encoded").split()),
        thumbnail_id=meta.get("_thumbnail_id", ""),
        attached_file=meta.get("_wp_attached_file", ""),
        attachment_url=_t(item, f"{WP}attachment_url"),
    )
    for term in item.findall("category"):
        wp_term = WpTerm(term.get("nicename", ""), (term.text or "").strip())
        if term.get("domain") == "category":
            post.categories.append(wp_term)
        elif term.get("domain") == "post_tag":
            post.tags.append(wp_term)
    for element in item.findall(f"{WP}comment"):
        created = _gmt(_t(element, f"{WP}comment_date_gmt"))
        if created is None:
            raise ImportRefused(name, f"comment {_t(element, f'{WP}comment_id')} has no valid date.")
        post.comments.append(
            WpComment(
                comment_id=_t(element, f"{WP}comment_id"),
                parent_id=_t(element, f"{WP}comment_parent") or "0",
                author=_t(element, f"{WP}comment_author"),
                email=_t(element, f"{WP}comment_author_email"),
                created_at=created,
                body=_t(element, f"{WP}comment_content"),
                approved=_t(element, f"{WP}comment_approved"),
                kind=_t(element, f"{WP}comment_type"),
            )
        )
    return post


def plain_text(html: str) -> str:
    """Return a comment's text without markup (WordPress allows some HTML in comments; ours are plain)."""
    text = re.sub(r"<br\s*/?>|</p>", "\n", html, flags=re.I)
    return unescape(re.sub(r"<[^>]+>", "", text)).strip()
