"""`reverse`, remembered: the reader's pages build dozens of addresses per render from the same few patterns.

Django's `reverse` costs tens of microseconds a call (pattern matching, thread-local lookups), and an
article page asks for 30–50 addresses (sections in the navigation twice, bylines, tags, teasers, feed
links, structured data). The answer depends only on the name, the arguments, the URL configuration and
the script prefix, so all four are the key.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


@lru_cache(maxsize=8192)
def _reverse(name: str, kwargs: tuple[tuple[str, object], ...], urlconf: object, prefix: str) -> str:
    return django_reverse(name, urlconf=urlconf, kwargs=dict(kwargs))  # type: ignore[arg-type]  # a module works too


def reverse(name: str, **kwargs: object) -> str:
    """Return the path for URL pattern `name` with `kwargs` (as `django.urls.reverse`), from memory when seen."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(name, tuple(sorted(kwargs.items())), urlconf, get_script_prefix())
