"""`broadsheet vcl`: the shipped Varnish configuration, and clear errors for bad arguments."""

import io

import pytest
from django.core.management import CommandError, call_command

from broadsheet.cli.varnish import render_vcl


def _vcl(*args):
    out = io.StringIO()
    call_command("vcl", *args, stdout=out)
    return out.getvalue()


def test_prints_a_configuration_for_the_given_backend_and_purgers(settings):
    text = _vcl("--backend", "10.0.0.5:8001", "--purger", "10.0.0.0/24", "--purger", "10.0.1.7")
    assert text.startswith("vcl 4.1;") and "import xkey;" in text
    assert '.host = "10.0.0.5";' in text and '.port = "8001";' in text
    assert '  "10.0.0.0"/24;' in text and '  "10.0.1.7";' in text and "127.0.0.1" not in text
    assert f"{settings.SESSION_COOKIE_NAME}=" in text  # staff with a session pass through


def test_defaults_to_this_machine():
    text = _vcl()
    assert '.host = "127.0.0.1";' in text and '.port = "8000";' in text
    assert '  "127.0.0.1";' in text and '  "::1";' in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backend", "localhost"], "--backend must be HOST:PORT"),
        (["--backend", "10.0.0.5:http"], "--backend must be HOST:PORT"),
        (["--backend", "10.0.0.5:70000"], "70000 is not a TCP port"),
        (["--backend", 'evil"; }:80'], "is not a host name or address"),
        (["--purger", "everyone"], "does not appear to be an IPv4 or IPv6"),
    ],
)
def test_bad_arguments_get_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        _vcl(*args)


def test_an_empty_purger_list_is_refused():
    with pytest.raises(ValueError, match="at least one address"):
        render_vcl(purgers=[], session_cookie="sessionid")
