"""The write API: an integration's token, scoped, creates drafts, uploads images and publishes its own stories."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from broadsheet.api import serialise
from broadsheet.api.reads import BadRequest, parse_id
from broadsheet.api.responses import error, private_json
from broadsheet.content import services as content
from broadsheet.content.models import Article, Section
from broadsheet.media.models import Image
from broadsheet.media.services import upload_image
from broadsheet.wire import services
from broadsheet.wire.models import ApiToken, IngestedItem, Scope
from broadsheet.wire.story import Story

View = Callable[..., HttpResponse]
MAX_JSON_BYTES = 2 * 1024 * 1024
WORDY = re.compile(r"[A-Za-z0-9]")
DRAFT_FIELDS = frozenset({"headline", "section", "body", "bylines", "dateline", "dek", "published_at",
                          "embargo_until", "tags", "lead_image", "external_id"})  # fmt: skip


class Invalid(ValueError):
    """A request body the API cannot use; the message names the field."""


class Missing(LookupError):
    """A field names a section or image that is not there."""


def token_source(token: ApiToken) -> str:
    return f"api:{token.pk}"


def needs(scope: Scope) -> Callable[[View], View]:
    """POST only, with a valid token that holds `scope`; the view receives the token."""

    def decorate(view: View) -> View:
        @csrf_exempt  # token-authenticated, no cookies: cross-site forgery has nothing to ride on
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                return error(405, "This address only answers POST.", headers={"Allow": "POST"})
            header = request.headers.get("Authorization", "")
            token = services.authenticate_token(header[7:].strip()) if header[:7].lower() == "bearer " else None
            if token is None:
                return error(401, "Send a valid API token: Authorization: Bearer <token>.",
                             headers={"WWW-Authenticate": 'Bearer realm="broadsheet"'})  # fmt: skip
            if scope not in token.scopes:
                return error(403, f"This token may not {Scope(scope).label.lower()} (scope “{scope}”).")
            try:
                return view(request, token, *args, **kwargs)
            except Invalid as exc:
                return error(400, str(exc))
            except Missing as exc:
                return error(404, str(exc))
            except ValidationError as exc:
                return error(422, " ".join(exc.messages))
            except PermissionDenied as exc:
                return error(403, str(exc))

        return wrapped

    return decorate


def _json_object(request: HttpRequest) -> dict[str, Any]:
    if not request.content_type or request.content_type != "application/json":
        raise Invalid("Send the story as JSON (Content-Type: application/json).")
    if len(request.body) > MAX_JSON_BYTES:
        raise Invalid(f"The request is larger than {MAX_JSON_BYTES:,} bytes.")
    try:
        data = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(f"The JSON cannot be read: {exc}.") from exc
    if not isinstance(data, dict):
        raise Invalid("The JSON must be an object.")
    return data


def _text(data: dict[str, Any], name: str, *, required: bool = False, limit: int = 0) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise Invalid(f"{name}: must be a string.")
    if limit and len(value) > limit:
        raise Invalid(f"{name}: at most {limit} characters.")
    value = _storable(value)
    if required and not WORDY.search(value):
        raise Invalid(f"{name}: required, with at least one letter or digit.")
    return value


def _strings(data: dict[str, Any], name: str, *, limit: int, most: int) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"{name}: must be a list of strings.")
    if len(value) > most:
        raise Invalid(f"{name}: at most {most} items.")
    if any(len(v) > limit for v in value):
        raise Invalid(f"{name}: each at most {limit} characters.")
    if any(not WORDY.search(v) for v in value):
        raise Invalid(f"{name}: each needs a letter or digit.")
    return tuple(_storable(v).strip() for v in value)


def _storable(text: str) -> str:
    """Drop what no database stores: NUL characters and unpaired surrogates (invalid UTF-8)."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _time(data: dict[str, Any], name: str) -> datetime | None:
    if name not in data:
        return None
    value = data[name]
    if not isinstance(value, str):
        raise Invalid(f"{name}: must be an ISO 8601 date-time string.")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise Invalid(f"{name}: “{value[:40]}” is not an ISO 8601 date-time.") from exc
    if moment.tzinfo is None:
        raise Invalid(f"{name}: give a time zone (e.g. 2026-02-05T09:00:00Z).")
    if not 1900 <= moment.year <= 2999:
        raise Invalid(f"{name}: a year from 1900 to 2999.")
    return moment


@needs(Scope.CREATE_DRAFTS)
def create_draft(request: HttpRequest, token: ApiToken) -> HttpResponse:
    """Create a draft (or return the one made before for the same external_id)."""
    data = _json_object(request)
    unknown = set(data) - DRAFT_FIELDS
    if unknown:
        raise Invalid(f"{sorted(unknown)[0]}: not a field of a draft.")
    slug = _text(data, "section", required=True, limit=200)
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise Missing(f"section: there is no section “{slug}”.")
    lead_image = None
    if "lead_image" in data:
        image_id = data["lead_image"]
        if isinstance(image_id, float) and image_id.is_integer():
            image_id = int(image_id)  # JSON does not tell 1 from 1.0
        if not isinstance(image_id, int) or isinstance(image_id, bool) or not 1 <= image_id < 2**31:
            raise Invalid("lead_image: the id of an image uploaded through /api/v1/images/.")
        lead_image = Image.objects.filter(pk=image_id).first()
        if lead_image is None:
            raise Missing(f"lead_image: there is no image {image_id}.")
    story = Story(
        headline=_text(data, "headline", required=True, limit=200),
        body_html=_text(data, "body", limit=500_000),
        bylines=_strings(data, "bylines", limit=120, most=10),
        dateline=_text(data, "dateline", limit=80),
        dek=_text(data, "dek", limit=400),
        published_at=_time(data, "published_at"),
        embargo_until=_time(data, "embargo_until"),
        tags=_strings(data, "tags", limit=80, most=20),
    )
    if data.get("external_id", None) == "":
        raise Invalid("external_id: leave it out or give a non-empty id.")
    external_id = _text(data, "external_id", limit=200) or f"request-{uuid.uuid4()}"
    with content.acting_as(f"API token “{token.name}”"):
        saved = services.save_story(
            story, by=None, section=section, source=token_source(token), external_id=external_id, lead_image=lead_image
        )
    article = saved.article
    if article is None:
        return error(409, f"external_id “{external_id}” was taken in before and its story has since been deleted.")
    return private_json(_state(article), status=201 if saved.created else 200)


def _state(article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "headline": article.headline,
        "status": article.state,
        "published_at": serialise.when(article.published_at),
        "embargo_until": serialise.when(article.embargo_until),
    }


@needs(Scope.UPLOAD_IMAGES)
def upload(request: HttpRequest, token: ApiToken) -> HttpResponse:
    """Store an image in the media library (multipart: file, alt_text, caption, credit)."""
    file = request.FILES.get("file")
    if file is None:
        raise Invalid("file: send the image as multipart/form-data in a field called “file”.")
    image = upload_image(
        file,
        alt_text=request.POST.get("alt_text", ""),
        caption=request.POST.get("caption", ""),
        credit=request.POST.get("credit", ""),
    )
    return private_json(
        {"id": image.pk, "url": request.build_absolute_uri(image.file.url), "width": image.width,
         "height": image.height},
        status=201,
    )  # fmt: skip


@needs(Scope.PUBLISH)
def publish(request: HttpRequest, token: ApiToken, pk: str) -> HttpResponse:
    """Publish (or schedule, with a future "at") a story this token created."""
    try:
        article_id = parse_id(pk)
    except BadRequest as exc:
        raise Invalid(str(exc)) from exc
    items = IngestedItem.objects.filter(source=token_source(token), article_id=article_id)
    own = items.select_related("article").first()
    if own is None or own.article is None:
        return error(404, f"This token created no story {pk}.")
    data = _json_object(request) if request.body else {}
    if set(data) - {"at"}:
        raise Invalid(f"{sorted(set(data) - {'at'})[0]}: not a field here (only “at”).")
    with content.acting_as(f"API token “{token.name}”"):
        article = content.publish_article(own.article, by=None, at=_time(data, "at"))
    return private_json(_state(article))
