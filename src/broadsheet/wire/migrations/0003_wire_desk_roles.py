"""The wire desk for the newsroom's roles: editors and contributors open it (and paste copy there),
editors also manage the feed subscriptions. API tokens stay with admins."""

from django.db import migrations

from broadsheet.core.roles import create_group

EDITOR_PERMISSIONS = [
    ("wire", "view_ingesteditem"),
    ("wire", "view_feedsubscription"),
    ("wire", "add_feedsubscription"),
    ("wire", "change_feedsubscription"),
    ("wire", "delete_feedsubscription"),
]
CONTRIBUTOR_PERMISSIONS = [("wire", "view_ingesteditem")]


def grant_wire_desk(apps, schema_editor):
    groups = apps.get_model("auth", "Group").objects
    if groups.filter(name="Editors").exists():
        create_group(apps, "Editors", EDITOR_PERMISSIONS)
    if groups.filter(name="Contributors").exists():
        create_group(apps, "Contributors", CONTRIBUTOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0002_urgency"),
        ("content", "0005_newsroom_roles"),
    ]

    operations = [migrations.RunPython(grant_wire_desk, migrations.RunPython.noop)]
