"""Views for comments: posting from the cached article page, replying, reporting, email links.

The article page is the same for every anonymous reader, so its form carries no CSRF token.
`comments.js` fetches one (with a signed start time) when the reader starts typing; without
JavaScript, the first submission comes back as a confirmation page that carries a token.
See docs/adr/0007-comments-on-cached-pages.md.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from broadsheet.comments import selectors as comment_selectors
from broadsheet.comments import services as comment_services
from broadsheet.comments.limits import LimiterUnavailable
from broadsheet.comments.models import Comment, CommentStatus
from broadsheet.comments.rules import thread_state
from broadsheet.comments.tokens import BadLink
from broadsheet.conf.config import config
from broadsheet.content import selectors
from broadsheet.content.models import Article
from broadsheet.core.net import client_ip
from broadsheet.reader.forms import (
    CommentForm,
    ReportForm,
    new_idempotency_key,
    new_started_token,
    seconds_since_started,
)


def _csrf_passes(request: HttpRequest) -> bool:
    """Run Django's own CSRF check by hand, so a missing token can lead to a confirm page, not a 403."""
    check = CsrfViewMiddleware(lambda _request: HttpResponse())
    return check.process_view(request, None, (), {}) is None  # type: ignore[arg-type]


def _public_article(article_id: int) -> Article:
    article = selectors.public_articles().select_related("section").filter(pk=article_id).first()
    if article is None:
        raise Http404("There is no story here.")
    return article


def _ip(request: HttpRequest) -> str | None:
    return client_ip(request.META, config().trusted_proxies)


def _form_page(
    request: HttpRequest,
    article: Article,
    form: CommentForm,
    *,
    status: int = 200,
    message: str = "",
    replying_to: Comment | None = None,
) -> HttpResponse:
    """The comment form on a page of its own: fresh token and start time, the reader's text kept."""
    data: dict[str, Any] = dict(form.data.items()) if form.is_bound else {}
    data["started"] = new_started_token()
    data["key"] = data.get("key") or new_idempotency_key()
    if replying_to is not None:
        data["in_reply_to"] = replying_to.pk
    fresh = CommentForm(data)
    fresh.is_valid()
    for field, errors in form.errors.items() if form.is_bound else []:
        for error in errors:
            fresh.add_error(field if field != "__all__" else None, error)
    get_token(request)
    response = render(
        request,
        "reader/comment_form_page.html",
        {
            "article": article,
            "form": fresh,
            "message": message,
            "is_error": status >= 400,
            "replying_to": replying_to,
            "comment_limits": config(),
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@never_cache
def comment_form_token(request: HttpRequest) -> JsonResponse:
    """What the cached page's form needs to post: a CSRF token, a start time and a submission key."""
    return JsonResponse({"csrf": get_token(request), "started": new_started_token(), "key": new_idempotency_key()})


@require_safe
def reply_page(request: HttpRequest, article_id: int, comment_id: int) -> HttpResponse:
    """The reply form for readers without JavaScript (with it, the form opens in place)."""
    article = _public_article(article_id)
    parent = comment_selectors.visible_comment(article, comment_id)
    if parent is None:
        raise Http404("That comment is not available.")
    return _form_page(request, article, CommentForm(), replying_to=parent)


@csrf_exempt  # checked by hand in the view: a missing token gets a confirm page instead of a 403
@require_POST
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _public_article(article_id)
    form = CommentForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    parent = None
    if data.get("in_reply_to"):
        parent = comment_selectors.visible_comment(article, data["in_reply_to"])
        if parent is None:
            return _form_page(
                request, article, form, status=400, message="The comment you replied to is not available any more."
            )
    elapsed = seconds_since_started(data.get("started") or "")
    if not _csrf_passes(request) or elapsed is None or not data.get("key"):
        return _form_page(
            request, article, form, replying_to=parent, message="Check your comment, then press “Post” to publish it."
        )
    if elapsed < config().comment_min_fill_seconds:
        return _form_page(
            request,
            article,
            form,
            status=400,
            replying_to=parent,
            message="That was very quick. Please check your comment and press “Post” again.",
        )
    try:
        posted = comment_services.post_comment(
            article,
            site=selectors.site_settings(),
            name=data.get("name") or "",
            email=data.get("email") or "",
            body=data.get("body") or "",
            ip=_ip(request),
            idempotency_key=data["key"],
            notify_on_reply=bool(data.get("notify")),
            in_reply_to=parent,
            looks_automated=bool(data.get("website")),
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return _form_page(
            request, article, form, status=400, replying_to=parent, message="Please fix the marked fields."
        )
    except comment_services.RateLimited as exc:
        response = _form_page(request, article, form, status=429, replying_to=parent, message=exc.message)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except comment_services.CommentRefused as exc:
        return _form_page(request, article, form, status=exc.status_code, replying_to=parent, message=exc.message)
    except LimiterUnavailable:
        message = "We cannot take comments for a moment. Your text is kept below; please try again shortly."
        return _form_page(request, article, form, status=503, replying_to=parent, message=message)
    comment = posted.comment
    if comment.status == CommentStatus.APPROVED:
        return HttpResponseRedirect(f"{article.get_absolute_url()}#comment-{comment.pk}", status=303)
    response = render(request, "reader/comment_held.html", {"article": article, "comment": comment})
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = Comment.objects.select_related("article__section").filter(pk=comment_id).first()
    if comment is None or not comment.article.is_public or comment.status != CommentStatus.APPROVED:
        raise Http404("That comment is not available.")
    form = ReportForm(request.POST if request.method == "POST" else None)
    done = False
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            comment_services.report_comment(
                comment, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"], ip=_ip(request)
            )
            done = True
        except comment_services.CommentRefused as exc:
            error = exc.message
    response = render(
        request,
        "reader/comment_report.html",
        {"comment": comment, "article": comment.article, "form": form, "done": done, "error": error},
        status=400 if request.method == "POST" and not done else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def email_link(request: HttpRequest, action: str, token: str) -> HttpResponse:
    """Confirm an address or unsubscribe: the link shows a button, so mail scanners change nothing."""
    done, error = False, ""
    if request.method == "POST":
        try:
            if action == "verify":
                comment_services.verify_email(token)
            else:
                comment_services.unsubscribe(token)
            done = True
        except BadLink as exc:
            error = exc.message
    response = render(request, "reader/comment_email_link.html", {"action": action, "done": done, "error": error})
    response["Cache-Control"] = "private, no-store"
    return response


def thread_context(article: Article) -> dict[str, Any]:
    """What the article page shows under the story: the thread, its state and the empty form."""
    thread = comment_selectors.comment_thread(article)
    return {
        "thread": thread,
        "thread_state": thread_state(article, selectors.site_settings()),
        "comment_form": CommentForm(),
        "comment_limits": config(),
    }
