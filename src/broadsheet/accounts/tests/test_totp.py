"""RFC 4226 / RFC 6238 one-time passwords, checked against the RFCs' own test vectors."""

import base64

import pytest

from broadsheet.accounts import totp

RFC_KEY = b"12345678901234567890"


def test_hotp_matches_rfc_4226_appendix_d():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
    assert [totp.hotp(RFC_KEY, counter) for counter in range(10)] == expected


@pytest.mark.parametrize(
    ("at", "code"),
    [(59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"), (1234567890, "89005924"),
     (2000000000, "69279037"), (20000000000, "65353130")],
)  # fmt: skip
def test_totp_matches_rfc_6238_appendix_b_for_sha1(at, code):
    assert totp.hotp(RFC_KEY, totp.step_at(at), digits=8) == code


def test_a_code_is_accepted_one_step_either_side_and_never_twice():
    secret = base64.b32encode(RFC_KEY).decode()
    now = 1_700_000_000.0
    code = totp.code_at(secret, now)
    step = totp.matching_step(secret, code, at=now)
    assert step == totp.step_at(now)
    assert totp.matching_step(secret, code, at=now + 30) == step  # the phone's clock a little behind
    assert totp.matching_step(secret, code, at=now + 90) is None  # too old
    assert totp.matching_step(secret, code, at=now, after_step=step) is None  # already used


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_never_match(bad):
    assert totp.matching_step(totp.new_secret(), bad) is None


def test_the_provisioning_uri_carries_the_secret_and_issuer():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", account="ed itor", issuer="news.example")
    assert uri.startswith("otpauth://totp/news.example%3Aed%20itor?")
    assert "secret=JBSWY3DPEHPK3PXP" in uri and "issuer=news.example" in uri and "period=30" in uri
