"""Template filters for XML documents."""

from __future__ import annotations

from django import template

from broadsheet.feeds.text import xml_safe as _xml_safe

register = template.Library()


@register.filter
def xml_safe(value: object) -> str:
    """Drop characters XML 1.0 cannot hold (autoescaping still escapes <, > and &)."""
    return _xml_safe(str(value))
