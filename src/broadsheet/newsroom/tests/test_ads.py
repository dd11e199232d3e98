"""Ad operations in the newsroom: who may place ads, the audit trail, ads.txt errors and the report."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from broadsheet.ads.models import AdStat, AdsTxt, AdUnit, AdUnitChange
from broadsheet.ads.tests.factories import make_house_unit
from broadsheet.content.tests.factories import make_image, make_section

pytestmark = pytest.mark.django_db
UNITS = "/newsroom/ads/adunit/"


@pytest.fixture
def adops(django_user_model):
    user = django_user_model.objects.create_user("ada", "ada@example.test", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="ad_ops"))
    return user


@pytest.fixture
def desk(client, adops):
    client.force_login(adops)
    return client


def unit_form(**overrides):
    data = {
        "name": "Spring drive",
        "kind": "house",
        "is_active": "on",
        "weight": "2",
        "slots": ["header", "below_article"],
        "target_url": "https://shop.example.test/spring",
        "width": "300",
        "height": "250",
        "code": "",
        "script_hosts": "",
    }
    data.update(overrides)
    return data


def test_ad_ops_places_a_house_ad_and_the_change_is_recorded(desk, adops):
    image = make_image(970, 250, alt_text="Spring offer")
    world = make_section("World")
    response = desk.post(f"{UNITS}add/", unit_form(image=image.pk, include_sections=[world.pk]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    unit = AdUnit.objects.get()
    assert unit.slots == ["header", "below_article"] and unit.weight == 2
    assert list(unit.include_sections.all()) == [world]
    (change,) = AdUnitChange.objects.all()
    assert change.action == "created" and change.changed_by == adops and "target_url" in change.fields

    response = desk.post(f"{UNITS}{unit.pk}/change/", unit_form(image=image.pk, weight="5"))
    assert response.status_code == 302
    latest = AdUnitChange.objects.first()
    assert latest.action == "changed"
    assert latest.fields["weight"] == [2, 5]
    assert latest.fields["include_sections"] == [["World"], []]


def test_ad_ops_may_save_an_isolated_snippet(desk):
    response = desk.post(f"{UNITS}add/", unit_form(kind="snippet", code="<p>ad</p>", slots=["in_article"]))
    assert response.status_code == 302
    assert AdUnit.objects.get().code == "<p>ad</p>"


def test_a_unit_that_runs_in_the_page_must_name_its_script_hosts(desk):
    form = unit_form(kind="snippet", code="<script></script>", slots=["in_article"], runs_in_page="on")
    response = desk.post(f"{UNITS}add/", form)
    assert "List the hosts" in response.content.decode()
    response = desk.post(f"{UNITS}add/", {**form, "script_hosts": "https://evil.example/x.js"})
    assert "is not a host name" in response.content.decode()
    response = desk.post(f"{UNITS}add/", {**form, "script_hosts": "pagead2.googlesyndication.com"})
    assert response.status_code == 302
    assert AdUnit.objects.get().script_hosts == ["pagead2.googlesyndication.com"]


def test_a_snippet_taller_than_its_slot_is_refused(desk):
    form = unit_form(kind="snippet", code="<p>tall</p>", slots=["header"], height="600")
    assert "Taller than the space reserved in header" in desk.post(f"{UNITS}add/", form).content.decode()
    assert not AdUnit.objects.exists()


def test_a_house_ad_needs_an_image_and_a_link(desk):
    html = desk.post(f"{UNITS}add/", unit_form(target_url="")).content.decode()
    assert "A house ad needs an image" in html and "A house ad needs a link" in html


def test_staff_outside_ad_ops_cannot_see_or_save_units(client, django_user_model):
    moderator = django_user_model.objects.create_user("mo", "mo@example.test", "a-long-password-1", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.get(UNITS).status_code == 403
    assert client.post(f"{UNITS}add/", unit_form()).status_code == 403


def test_deleting_a_unit_keeps_who_deleted_it(desk, adops):
    unit = make_house_unit("Old drive")
    desk.post(f"{UNITS}{unit.pk}/delete/", {"post": "yes"})
    assert not AdUnit.objects.exists()
    latest = AdUnitChange.objects.first()
    assert (latest.unit_name, latest.action, latest.changed_by) == ("Old drive", "deleted", adops)


def test_ads_txt_errors_are_shown_per_line_and_the_text_is_kept(desk):
    text = "google.com, pub-1, DIRECT\nbroken line\ngoogle.com, pub-2, SOMETIMES"
    response = desk.post("/newsroom/ads/adstxt/add/", {"text": text})
    html = response.content.decode()
    assert "Line 2: A record needs at least three" in html
    assert "Line 3: The third field must be DIRECT or RESELLER" in html
    assert "broken line" in html  # the typed text is kept
    assert not AdsTxt.objects.exists()
    assert desk.post("/newsroom/ads/adstxt/add/", {"text": "google.com, pub-1, DIRECT"}).status_code == 302
    assert AdsTxt.objects.get().text == "google.com, pub-1, DIRECT\n"


def test_the_report_shows_ctr_and_exports_csv_with_the_same_filters(desk):
    a, b = make_house_unit("Alpha"), make_house_unit("=Beta")
    AdStat.objects.create(unit=a, day=date(2026, 11, 27), impressions=200, clicks=3)
    AdStat.objects.create(unit=a, day=date(2026, 11, 28), impressions=100, clicks=0)
    AdStat.objects.create(unit=b, day=date(2026, 11, 28), impressions=50, clicks=5)
    html = desk.get("/newsroom/ads/adstat/").content.decode()
    assert "1.50 %" in html and "10.00 %" in html
    assert "350 impressions, 8 clicks" in html
    csv = desk.get(f"/newsroom/ads/adstat/export.csv?unit__id__exact={a.pk}").content.decode().splitlines()
    assert csv == [
        "day,unit,kind,impressions,clicks,ctr_percent",
        "2026-11-28,Alpha,House ad (image and link),100,0,0.00",
        "2026-11-27,Alpha,House ad (image and link),200,3,1.50",
    ]
    everything = desk.get("/newsroom/ads/adstat/export.csv").content.decode()
    assert "'=Beta" in everything  # no spreadsheet formula from a unit name


def test_consent_is_a_setting_ad_ops_can_switch_on(desk):
    assert desk.post("/newsroom/ads/adsettings/add/", {"consent_required": "on"}).status_code == 302
    from broadsheet.ads.selectors import ad_settings

    assert ad_settings().consent_required is True
