"""The ads' doors on the public site: eligible units as JSON, the impression beacon, clicks, frames, ads.txt.

The article page itself holds only empty slots; ads.js fills them in the browser (ADR 0009).
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.cache import cache
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from broadsheet.ads import services
from broadsheet.ads.effects import current_version
from broadsheet.ads.models import AdKind, AdUnit
from broadsheet.ads.selectors import (
    Target,
    ad_settings,
    ads_txt,
    article_target,
    eligible_units,
    section_target,
)
from broadsheet.ads.tokens import click_token, impression_token, read_click_token, read_impression_token
from broadsheet.media.models import Image
from broadsheet.media.selectors import picture

# Short enough that a newly scheduled or switched-off unit shows up within a minute everywhere.
SLOTS_MAX_AGE = 60
FRAME_MAX_AGE = 300
# Only flags ad networks need: scripts and click-through pop-ups; never same-origin or top navigation.
FRAME_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
_VIEW_ID = re.compile(r"^[0-9a-f]{32}$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


@require_safe
def ad_slots(request: HttpRequest) -> HttpResponse:
    """The units eligible in each slot of one page, with weights; the browser picks one per slot."""
    target = _target_from(request)
    if target is None:
        return HttpResponseBadRequest("Give article=<id> or section=<slug> of a public page, or neither.")
    key = f"ads:slots:{current_version()}:{target.cache_key}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(_offers(target), separators=(",", ":"))
        cache.set(key, body, SLOTS_MAX_AGE)
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = f"public, max-age={SLOTS_MAX_AGE}"
    return response


def _target_from(request: HttpRequest) -> Target | None:
    article, section = request.GET.get("article"), request.GET.get("section")
    if article is not None:
        return article_target(int(article)) if article.isdigit() and len(article) < 12 else None
    if section is not None:
        return section_target(section) if _SLUG.match(section) else None
    return Target()


def _image(image: Image | None) -> dict[str, Any] | None:
    if image is None:
        return None
    pic = picture(image)
    return {
        "src": pic.src,
        "webp": pic.webp_srcset,
        "jpeg": pic.jpeg_srcset,
        "width": pic.width,
        "height": pic.height,
        "alt": pic.alt,
    }


def _offer(unit: AdUnit) -> dict[str, Any]:
    offer: dict[str, Any] = {"id": unit.pk, "weight": unit.weight, "impression": impression_token(unit.pk)}
    if unit.kind == AdKind.HOUSE:
        token = click_token(unit.pk, unit.target_url)
        offer.update(
            kind="house",
            href=reverse("reader:ad_click", args=[token]),
            image=_image(unit.image),
            dark_image=_image(unit.dark_image),
        )
    elif unit.runs_in_page:
        offer.update(kind="in_page", code=unit.code, width=unit.width, height=unit.height)
    else:
        stamp = int(unit.updated_at.timestamp())  # a changed snippet gets a new address past any cache
        offer.update(
            kind="frame",
            src=f"{reverse('reader:ad_frame', args=[unit.pk])}?v={stamp}",
            sandbox=FRAME_SANDBOX,
            width=unit.width,
            height=unit.height,
        )
    return offer


def _offers(target: Target) -> dict[str, Any]:
    eligible = eligible_units(target)
    return {
        "consent_required": ad_settings().consent_required,
        "slots": {name: [_offer(unit) for unit in units] for name, units in eligible.items()},
    }


@csrf_exempt  # a beacon from a cached page carries no CSRF token; the signed token replaces it
@require_POST
def ad_seen(request: HttpRequest) -> HttpResponse:
    """Count one impression: a signed unit token and the page view's random id, once per view."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return HttpResponseForbidden("Impressions are reported by this site's own pages only.")
    token, view = request.POST.get("token", ""), request.POST.get("view", "")
    unit_id = read_impression_token(token) if len(token) < 200 else None
    if unit_id is None:
        return HttpResponseBadRequest("The impression token is missing, tampered with or expired.")
    if not _VIEW_ID.match(view):
        return HttpResponseBadRequest("The view id must be 32 lowercase hexadecimal characters.")
    services.count_impression(unit_id, view=view)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def ad_click(request: HttpRequest, token: str) -> HttpResponse:
    """Count a click and send the reader on to the unit's own stored link, never anywhere else."""
    click = read_click_token(token)
    if click is None:
        return HttpResponseBadRequest("This ad link is damaged.")
    unit = AdUnit.objects.filter(pk=click.unit_id, kind=AdKind.HOUSE).first()
    # The link travels signed, but it must also still be the unit's link: no stale or foreign targets.
    if unit is None or not unit.target_url or unit.target_url != click.target_url:
        raise Http404("This ad is no longer running.")
    services.count_click(unit)
    response = HttpResponseRedirect(unit.target_url)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "origin"
    return response


@require_safe
def ad_frame(request: HttpRequest, unit_id: int) -> HttpResponse:
    """An isolated snippet's own document, sandboxed by its CSP even if opened outside the frame."""
    unit = AdUnit.objects.filter(pk=unit_id, kind=AdKind.SNIPPET, runs_in_page=False).first()
    if unit is None:
        raise Http404("No such ad.")
    html = (
        '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        "<style>html,body{margin:0;padding:0;overflow:hidden;background:transparent}</style></head>"
        f"<body>{unit.code}</body></html>"
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # The sandbox directive gives the document an opaque origin wherever it is loaded.
    response["Content-Security-Policy"] = f"sandbox {FRAME_SANDBOX}"
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Cache-Control"] = f"public, max-age={FRAME_MAX_AGE}"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def ads_txt_file(request: HttpRequest) -> HttpResponse:
    """/ads.txt as plain text, as ad buyers' crawlers expect."""
    response = HttpResponse(ads_txt(), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
