"""Text made safe for XML 1.0: control characters and non-characters removed, nothing else touched."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline and carriage return; every other C0 control, and U+FFFE/U+FFFF, is illegal.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Return `text` without the characters an XML 1.0 document may not contain."""
    return _ILLEGAL.sub("", text)
