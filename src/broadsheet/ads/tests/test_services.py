"""Ad writes: who may make them, what the audit trail records, ads.txt storage and the counts."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from broadsheet.ads import services
from broadsheet.ads.models import AdKind, AdStat, AdsTxt, AdUnit, AdUnitChange
from broadsheet.ads.tests.factories import make_house_unit, make_snippet_unit
from broadsheet.content.tests.factories import make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(django_user_model):
    return django_user_model.objects.create_user("rep", "rep@example.test", "a-long-password-1", is_staff=True)


@pytest.fixture
def adops(django_user_model):
    user = django_user_model.objects.create_user("ada", "ada@example.test", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="ad_ops"))
    return user


def test_only_ad_ops_and_administrators_may_save_snippets(reporter, adops, editor):
    fields = {"name": "Net", "kind": AdKind.SNIPPET, "slots": ["in_article"], "code": "<script></script>"}
    with pytest.raises(PermissionDenied):
        services.create_unit(by=reporter, **fields)
    assert services.create_unit(by=adops, **fields).pk
    assert services.create_unit(by=editor, **{**fields, "name": "Net 2"}).pk
    with pytest.raises(PermissionDenied):
        services.save_ads_txt("", by=reporter)


def test_every_change_records_who_when_and_each_field_before_and_after(adops):
    unit = make_house_unit("Drive", weight=1)
    world = make_section("World")
    services.update_unit(unit, by=adops, weight=4, name="Drive", targeting={"exclude_sections": [world]})
    change = AdUnitChange.objects.first()
    assert change.changed_by == adops and change.action == "changed" and change.changed_at
    assert change.fields == {"weight": [1, 4], "exclude_sections": [[], ["World"]]}  # name did not change


def test_a_save_that_changes_nothing_records_nothing(adops):
    unit = make_house_unit("Drive")
    before = AdUnitChange.objects.count()
    services.update_unit(unit, by=adops, weight=unit.weight)
    assert AdUnitChange.objects.count() == before


def test_slots_must_be_declared_ones():
    with pytest.raises(ValidationError) as refused:
        make_house_unit("Typo", slots=["headr"])
    assert "header" in str(refused.value)
    assert not AdUnit.objects.exists()


def test_a_schedule_must_end_after_it_starts():
    from django.utils import timezone

    now = timezone.now()
    with pytest.raises(ValidationError, match="end must come after"):
        make_snippet_unit("Backwards", starts_at=now, ends_at=now)


def test_ads_txt_is_refused_with_every_bad_line_and_stored_normalised_when_valid():
    with pytest.raises(ValidationError) as refused:
        services.save_ads_txt("bad\ngoogle.com, pub-1, DIRECT\nworse, line", by=None)
    assert refused.value.message_dict["text"][0].startswith("Line 1:")
    assert refused.value.message_dict["text"][1].startswith("Line 3:")
    services.save_ads_txt("  \r\ngoogle.com, pub-1, DIRECT   \r\n\r\n", by=None)
    assert AdsTxt.objects.get().text == "google.com, pub-1, DIRECT\n"


def test_impressions_and_clicks_add_up_in_one_row_per_unit_and_day():
    unit = make_house_unit("Drive")
    assert services.count_impression(unit.pk, view="a" * 32)
    assert not services.count_impression(unit.pk, view="a" * 32)  # the same view again
    assert services.count_impression(unit.pk, view="b" * 32)
    services.count_click(unit)
    row = AdStat.objects.get()
    assert (row.impressions, row.clicks) == (2, 1)
    assert row.ctr == 50.0


def test_an_impression_of_a_deleted_unit_counts_nothing():
    unit = make_house_unit("Gone")
    services.delete_unit(unit, by=None)
    assert not services.count_impression(unit.pk, view="c" * 32)
    assert not AdStat.objects.exists()
    assert AdUnitChange.objects.first().unit_name == "Gone"
