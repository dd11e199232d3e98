"""ads.txt 1.1 lines and script host names: what is accepted and what each refusal says."""

import pytest

from broadsheet.ads.rules import ads_txt_errors, script_host_errors

VALID = """\
# ads.txt for the demo paper
google.com, pub-0000000000000000, DIRECT, f08c47fec0942fa0
adnetwork.example, 12345, RESELLER
Ads.Example.ORG , abc-99 , direct   # case and spaces do not matter
exchange.example, 777, DIRECT; extension=ignored

CONTACT=adops@example.test
SUBDOMAIN=sport.example.test
INVENTORYPARTNERDOMAIN=partner.example
OWNERDOMAIN=example.test
MANAGERDOMAIN=manager.example, GB
"""


def test_a_file_of_valid_records_variables_comments_and_blanks_passes():
    assert ads_txt_errors(VALID) == []
    assert ads_txt_errors("") == []


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("google.com, pub-1", "at least three"),
        ("google.com, pub-1, DIRECT, abc, extra", "at most four"),
        ("https://google.com, pub-1, DIRECT", "ad system's domain"),
        ("google, pub-1, DIRECT", "ad system's domain"),
        ("google.com, , DIRECT", "publisher account ID, is empty"),
        ("google.com, pub-1, PARTNER", "DIRECT or RESELLER"),
        ("google.com, pub-1, DIRECT, f08c-47", "letters and digits"),
        ("CONTACTS=me@example.test", "Unknown variable “CONTACTS”"),
        ("SUBDOMAIN=", "needs a value"),
        ("SUBDOMAIN=http://x.example/", "must be a domain"),
        ("MANAGERDOMAIN=manager.example, Britain", "two-letter ISO code"),
        ("just some words", "at least three"),
    ],
)
def test_each_bad_line_gets_a_specific_message(line, says):
    (error,) = ads_txt_errors(line)
    assert error.line == 1
    assert says in error.message


def test_errors_name_their_line_numbers():
    text = "google.com, pub-1, DIRECT\n\n# fine\nbroken\ngoogle.com, pub-2, SOMETIMES\n"
    assert [str(e).split(":")[0] for e in ads_txt_errors(text)] == ["Line 4", "Line 5"]


def test_ownerdomain_may_appear_only_once():
    (error,) = ads_txt_errors("OWNERDOMAIN=a.example\nOWNERDOMAIN=b.example")
    assert error.line == 2 and "only once" in error.message


def test_script_hosts_must_be_bare_host_names():
    assert script_host_errors(["securepubads.g.doubleclick.net", "pagead2.googlesyndication.com"]) == []
    assert len(script_host_errors(["https://evil.example/x.js", "*", "example.com:8080"])) == 3
