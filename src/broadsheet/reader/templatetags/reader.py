"""Template helpers of the reader site: ad slots, pictures, bylines and comment threads, each drawn one way."""

from __future__ import annotations

import json
from html import escape  # Django's escape() is this plus lazy-string support, which costs in a loop
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.safestring import SafeString, mark_safe

from broadsheet.ads.slots import slot
from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.rules import ThreadState
from broadsheet.comments.selectors import Thread
from broadsheet.content.models import Article
from broadsheet.content.selectors import byline_text
from broadsheet.media.models import Image
from broadsheet.media.selectors import picture

register = template.Library()


@register.inclusion_tag("reader/includes/ad_slot.html", takes_context=True)
def ad_slot(context: template.Context, name: str) -> dict[str, Any]:
    """An empty, labelled container that reserves the slot's declared height.

    It names what the page is about (story, section), never the reader: ads.js asks for the
    eligible units with that, so the cached page stays the same for everyone (ADR 0008).
    """
    article = context.get("article")
    section = context.get("current_section") or context.get("section")
    return {
        "slot": slot(name),
        "article_id": article.pk if isinstance(article, Article) and article.is_public else "",
        "section_slug": getattr(section, "slug", ""),
    }


@register.inclusion_tag("reader/includes/picture.html")
def responsive_image(image: Image | None, sizes: str = "100vw", eager: bool = False) -> dict[str, Any]:
    return {"pic": picture(image) if image else None, "sizes": sizes, "eager": eager}


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(data: Any) -> str:
    """A JSON-LD <script>; <, > and & escaped so no text in it can close the script element."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # safe: escaped above


@register.filter
def bylines_of(article: Article) -> str:
    """ "Ana Ruiz and Tom Lee" from prefetched bylines (no query in a template loop)."""
    return byline_text(list(article.bylines.all()))


_ID = "987654321"  # stands for a comment id in a reversed URL, which is then filled in per comment


def _url_for_each(name: str, *args: int) -> tuple[str, str]:
    before, _, after = reverse(name, args=[*args, int(_ID)]).rpartition(_ID)
    return before, after


@register.simple_tag
def comment_list(thread: Thread, state: ThreadState, article: Article) -> SafeString:
    """The thread as nested lists: top comments oldest first, each with its replies.

    Drawn in Python with f-strings, not with an include per comment: with 80 comments the
    includes, `{% url %}` tags and date filters were most of the article page's render time
    (and `format_html` still a third of it). Every text is escaped here; the comment body is
    the sanitised HTML stored when it was posted.
    """
    reply_before, reply_after = _url_for_each("reader:comment_reply", article.pk)
    report_before, report_after = _url_for_each("reader:comment_report")
    months: dict[int, str] = {}  # the month's short name, translated, once per month

    def one(comment: Comment, *, is_reply: bool) -> str:
        pk = comment.pk
        if comment.status == CommentStatus.REMOVED:
            inner = '<p class="comment__removed">This comment was removed.</p>'
        else:
            name = escape(comment.author_name)
            to, parent = "", comment.in_reply_to
            if is_reply and parent is not None and parent.pk != comment.thread_id:
                to = f'<span class="comment__to">replying to {escape(parent.author_name or "a removed comment")}</span>'
            at = timezone.localtime(comment.created_at)
            month = months.get(at.month) or months.setdefault(at.month, dateformat.format(at, "M"))
            reply = (
                f'<a class="comment__reply" href="{reply_before}{pk}{reply_after}#respond" data-reply-to="{pk}" '
                f'data-reply-name="{name}">Reply</a>'
                if state.is_open
                else ""
            )
            inner = (
                f'<header class="comment__head"><span class="comment__author">{name}</span>{to}'
                f'<a class="comment__time" href="#comment-{pk}"><time datetime="{at.isoformat()}" data-relative>'
                f"{at.day} {month} {at.year}, {at:%H:%M}</time></a></header>"
                f'<div class="comment__body">{comment.body_html}</div>'
                f'<footer class="comment__actions">{reply}'
                f'<a class="comment__report" href="{report_before}{pk}{report_after}" rel="nofollow">Report</a>'
                "</footer>"
            )
        return f'<article class="comment{" comment--reply" if is_reply else ""}" id="comment-{pk}">{inner}</article>'

    items = []
    for entry in thread.entries:
        replies = "".join(f"<li>{one(reply, is_reply=True)}</li>" for reply in entry.replies)
        if replies:
            replies = f'<ol class="comment-replies" aria-label="Replies">{replies}</ol>'
        items.append(f'<li class="comment-entry">{one(entry.comment, is_reply=False)}{replies}</li>')
    return mark_safe(f'<ol class="comment-list">{"".join(items)}</ol>')  # safe: every text escaped above
