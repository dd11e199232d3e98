"""Signed links in comment emails: confirming an address and unsubscribing from every email."""

from __future__ import annotations

from typing import Any

from django.core import signing

EMAIL_SALT = "broadsheet.comments.email"


class BadLink(Exception):
    """The link is expired, altered or meant for something else; `message` says which."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def email_token(email: str, purpose: str) -> str:
    return signing.dumps({"e": email, "p": purpose}, salt=EMAIL_SALT, compress=True)


def email_from_token(token: str, purpose: str, *, max_age: int | None) -> str:
    try:
        data: dict[str, Any] = signing.loads(token, salt=EMAIL_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise BadLink("This link has expired. Post again with the box ticked to get a new one.") from None
    except signing.BadSignature:
        raise BadLink("This link is not valid. Copy the whole address from the email.") from None
    if data.get("p") != purpose:
        raise BadLink("This link is not valid. Copy the whole address from the email.")
    return str(data["e"])
