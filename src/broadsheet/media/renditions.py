"""Where renditions live and how they are named: one rule shared by writer and reader."""

from __future__ import annotations

from pathlib import PurePosixPath

FORMATS = {"webp": "image/webp", "jpeg": "image/jpeg"}


def rendition_name(original_name: str, width: int, fmt: str) -> str:
    """Return the storage name of the `width`-pixel rendition of an original, in `fmt`."""
    original = PurePosixPath(original_name)
    extension = "jpg" if fmt == "jpeg" else fmt
    return str(PurePosixPath("renditions") / original.parent / f"{original.stem}-{width}w.{extension}")
