"""JSON responses of the API: cacheable like pages (surrogate keys, ETags) or explicit errors."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from broadsheet.core.surrogates import cache_publicly, set_keys

JSON = "application/json"


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def public_json(request: HttpRequest, data: Any, *, keys: Iterable[str]) -> HttpResponse:
    """A public, cacheable answer: the surrogate keys name what it shows, its ETag answers If-None-Match."""
    body = _dump(data)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=JSON)
    response["ETag"] = etag
    cache_publicly(response)
    response["Access-Control-Allow-Origin"] = "*"  # public content: any site's script may read it
    return set_keys(response, keys)


def private_json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> HttpResponse:
    """An answer to a write or an error: never cached."""
    response = HttpResponse(_dump(data), content_type=JSON, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Authorization"])
    return response


def error(status: int, message: str, *, headers: dict[str, str] | None = None) -> HttpResponse:
    return private_json({"error": message}, status=status, headers=headers)
