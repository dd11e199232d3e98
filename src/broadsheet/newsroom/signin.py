"""The newsroom's sign-in: lockout per (account, address), the second-factor step, two-factor setup, password reset.

Every answer to a failed sign-in is the same whether the account exists or not (Django's
backend hashes a password for unknown accounts too), and the lockout counts the pair whatever
the account, so neither the words nor the timing tell a guesser which names are real.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from broadsheet.accounts import limits, services
from broadsheet.accounts.selectors import (
    has_two_factor,
    must_set_up_two_factor,
    two_factor_is_required,
    two_factor_of,
    unused_recovery_code_count,
)
from broadsheet.accounts.totp import provisioning_uri
from broadsheet.conf.config import config
from broadsheet.core.net import client_ip

logger = logging.getLogger("broadsheet.signin")

PENDING = "newsroom_signin_pending"  # the session key holding a password-checked account awaiting its code
PENDING_SECONDS = 300
LOCKED = "Too many failed sign-ins for this account from your address. Wait 15 minutes, or reset the password by email."
TOO_MANY_RESETS = "Too many password reset requests. Wait an hour, then try again, or ask an administrator."
UNAVAILABLE = "Sign-in is paused for a moment while a service restarts. Try again in a minute."


def _address(request: HttpRequest) -> str:
    return client_ip(request.META, config().trusted_proxies) or "unknown"


def _log(event: str, request: HttpRequest, username: str, **fields: Any) -> None:
    level = logging.INFO if event == "signin_succeeded" else logging.WARNING
    logger.log(level, event.replace("_", " "), extra={"event": event, "username": username,
                                                     "address": _address(request), **fields})  # fmt: skip


class SignInForm(AdminAuthenticationForm):
    """The admin's form, refusing a locked-out (account, address) pair before any password is checked."""

    def clean(self) -> dict[str, Any]:
        assert self.request is not None
        username = (self.data.get("username") or "")[:150]
        address = _address(self.request)
        try:
            if limits.is_locked_out(username, address):
                _log("signin_locked_out", self.request, username)
                raise ValidationError(LOCKED, code="locked")
            try:
                return super().clean()
            except ValidationError:
                count = limits.record_failure(username, address)
                _log("signin_failed", self.request, username, failures=count)
                if count == limits.MAX_FAILURES:
                    _log("signin_locked_out", self.request, username, failures=count)
                raise
        except limits.SignInUnavailable:
            raise ValidationError(UNAVAILABLE, code="unavailable") from None


class SignInView(auth_views.LoginView):
    """Password first; accounts with two-factor sign-in go on to the code step before any session is theirs."""

    form_class = SignInForm
    template_name = "admin/login.html"

    def form_valid(self, form: forms.Form) -> HttpResponse:
        assert isinstance(form, SignInForm)
        user = form.get_user()
        limits.clear_failures(user.get_username(), _address(self.request))
        if has_two_factor(user):
            # No session for the account yet: only a note that its password was right, for five minutes.
            self.request.session.cycle_key()
            self.request.session[PENDING] = {
                "user": user.pk,
                "backend": getattr(user, "backend", ""),
                "at": time.time(),
                "next": self.get_success_url(),
            }
            return HttpResponseRedirect(reverse("newsroom:second_factor"))
        response = super().form_valid(form)  # login() gives the signed-in session a new id
        _log("signin_succeeded", self.request, user.get_username(), two_factor=False)
        return response


def sign_in(site: admin.AdminSite, request: HttpRequest, extra_context: dict[str, Any] | None) -> HttpResponse:
    """AdminSite.login, with our form and view."""
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(reverse("newsroom:index", current_app=site.name))
    context = {
        **site.each_context(request),
        "title": "Log in",
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("newsroom:index", current_app=site.name)
    context.update(extra_context or {})
    request.current_app = site.name
    response = SignInView.as_view(extra_context=context, authentication_form=SignInForm)(request)
    assert isinstance(response, HttpResponse)
    return response


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def second_factor(site: admin.AdminSite, request: HttpRequest) -> HttpResponse:
    """The code step: a password-checked account signs in with its authenticator's code or a recovery code."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return HttpResponseRedirect(reverse("newsroom:login"))
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True, is_staff=True).first()
    if user is None:
        return HttpResponseRedirect(reverse("newsroom:login"))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = _address(request)
        try:
            if limits.is_locked_out(user.get_username(), address):
                _log("signin_locked_out", request, user.get_username(), step="code")
                form.add_error(None, LOCKED)
            elif services.verify_second_factor(user, code=form.cleaned_data["code"]):
                del request.session[PENDING]
                login(request, user, backend=pending["backend"] or None)  # a new session id, now signed in
                limits.clear_failures(user.get_username(), address)
                _log("signin_succeeded", request, user.get_username(), two_factor=True)
                target = pending["next"]
                if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                    target = resolve_url("newsroom:index")
                return HttpResponseRedirect(target)
            else:
                count = limits.record_failure(user.get_username(), address)
                _log("signin_failed", request, user.get_username(), step="code", failures=count)
                form.add_error("code", "That code does not match. Type the newest code from the app.")
        except limits.SignInUnavailable:
            form.add_error(None, UNAVAILABLE)
            status = 503
    context = {**site.each_context(request), "title": "Enter your sign-in code", "form": form}
    return TemplateResponse(request, "newsroom/second_factor.html", context, status=status)


# The pages a member who must set up two-factor sign-in may still open.
_OPEN_BEFORE_TWO_FACTOR = {"two_factor", "logout", "jsi18n"}


def requiring_two_factor(view: Any) -> Any:
    """Wrap a newsroom view: members of a group that requires two-factor sign-in set it up first."""

    @functools.wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        match = request.resolver_match
        if (
            user.is_authenticated
            and user.is_staff
            and (match is None or match.url_name not in _OPEN_BEFORE_TWO_FACTOR)
            and must_set_up_two_factor(user)
        ):
            target = reverse("newsroom:two_factor")
            return HttpResponseRedirect(f"{target}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return guarded


class TwoFactorRequirementAdmin(admin.ModelAdmin):
    list_display = ["group", "created_at"]
    fields = ["group"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["group"] if obj else []


def two_factor_setup(site: admin.AdminSite, request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in on (secret + otpauth URI, confirmed by a first code) or off (with a code)."""
    user = request.user
    assert user.is_authenticated
    action = request.POST.get("action", "")
    form = CodeForm(request.POST if action in {"confirm", "turn_off"} else None)
    recovery_codes: list[str] = []
    if request.method == "POST":
        try:
            if action == "start":
                services.start_two_factor(user)
            elif action == "new_codes" and has_two_factor(user):
                recovery_codes = services.replace_recovery_codes(user)
            elif form.is_valid() and action == "turn_off":
                services.turn_off_two_factor(user, code=form.cleaned_data["code"])
                form = CodeForm()
            elif form.is_valid() and action == "confirm":
                recovery_codes = services.confirm_two_factor(user, code=form.cleaned_data["code"])
                form = CodeForm()
        except ValidationError as error:
            form.add_error("code" if form.is_bound else None, error)
    device = two_factor_of(user)  # None until "Turn on": a GET never writes
    required = two_factor_is_required(user)
    next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    context = {
        **site.each_context(request),
        "title": "Two-factor sign-in",
        "required": required,
        "next_url": next_url,
        "form": form,
        "device": device,
        "otpauth_uri": provisioning_uri(device.secret, account=user.get_username(), issuer=_issuer())
        if device and not device.is_confirmed
        else "",
        "recovery_codes": recovery_codes,
        "unused_recovery_codes": unused_recovery_code_count(user),
    }
    response = TemplateResponse(request, "newsroom/two_factor.html", context)
    response["Cache-Control"] = "no-store"  # the secret and the recovery codes stay off every cache
    return response


def _issuer() -> str:
    return urlsplit(config().site_url).hostname or "Broadsheet"


def urls(site: admin.AdminSite) -> list[URLPattern]:
    """The sign-in pages the newsroom site adds to Django admin's own."""
    return [
        path("sign-in/code/", lambda request: second_factor(site, request), name="second_factor"),
        path("two-factor/", site.admin_view(lambda request: two_factor_setup(site, request)), name="two_factor"),
    ]


class SiteAddressPasswordResetView(auth_views.PasswordResetView):
    """Password reset whose emailed link is built from BROADSHEET_SITE_URL, never from the request's Host header."""

    extra_context = {"site_header": "Broadsheet newsroom", "site_title": "Newsroom"}

    def form_valid(self, form: forms.Form) -> HttpResponse:
        assert isinstance(form, self.form_class)
        address = _address(self.request)
        try:
            allowed = limits.allow_password_reset(form.cleaned_data["email"], address)
        except limits.SignInUnavailable:
            form.add_error("email", UNAVAILABLE)  # Django's reset page shows only the field's errors
            return self.form_invalid(form)
        if not allowed:
            logger.warning("password reset refused", extra={"event": "password_reset_throttled", "address": address})
            form.add_error("email", TOO_MANY_RESETS)
            return self.form_invalid(form)
        site = urlsplit(config().site_url)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=dict(self.extra_email_context or {}),
        )
        logger.info("password reset requested", extra={"event": "password_reset_requested", "address": address})
        return HttpResponseRedirect(self.get_success_url())


def password_reset_urls() -> list[URLPattern]:
    """Django's reset views under the newsroom, with the names Django's own templates reverse."""
    header = SiteAddressPasswordResetView.extra_context
    return [
        path("newsroom/password-reset/", SiteAddressPasswordResetView.as_view(), name="admin_password_reset"),
        path(
            "newsroom/password-reset/sent/",
            auth_views.PasswordResetDoneView.as_view(extra_context=header),
            name="password_reset_done",
        ),
        path(
            "newsroom/password-reset/<uidb64>/<token>/",
            auth_views.PasswordResetConfirmView.as_view(extra_context=header),
            name="password_reset_confirm",
        ),
        path(
            "newsroom/password-reset/done/",
            auth_views.PasswordResetCompleteView.as_view(extra_context=header),
            name="password_reset_complete",
        ),
    ]
