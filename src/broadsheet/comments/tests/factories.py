"""Builders for comment tests, going through the same services readers do."""

from __future__ import annotations

import itertools

from broadsheet.comments.models import Comment
from broadsheet.comments.services import post_comment
from broadsheet.content.selectors import site_settings

_keys = itertools.count(1)


def make_comment(
    article, *, body=None, name="Reader", email=None, ip="203.0.113.7", reply_to=None, **kwargs
) -> Comment:
    n = next(_keys)
    return post_comment(
        article,
        site=site_settings(),
        name=name,
        email=email or f"reader{n}@example.test",
        body=body or f"A considered comment, number {n}.",
        ip=ip,
        idempotency_key=f"test-key-{n:012d}",
        in_reply_to=reply_to,
        **kwargs,
    ).comment
