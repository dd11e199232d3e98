"""Newsroom roles: Contributors, Editors and Admins (Moderators and Ad ops come with their apps).

Scheduled stories now have their own status; rows that were "published" with a future time
become "scheduled" so the desk lists them as such.
"""

from django.db import migrations
from django.utils import timezone

from broadsheet.core.roles import create_group, delete_group

CONTRIBUTOR_PERMISSIONS = [
    ("content", "view_article"),
    ("content", "add_article"),
    ("content", "change_article"),  # own drafts only: content.rules.can_edit
    ("content", "submit_article"),
    ("content", "view_byline"),
    ("content", "add_byline"),
    ("content", "change_byline"),
    ("content", "delete_byline"),
    ("content", "view_section"),
    ("content", "view_tag"),
    ("content", "add_tag"),
    ("content", "view_author"),
    ("content", "view_revision"),
    ("media", "view_image"),
    ("media", "add_image"),
]

EDITOR_PERMISSIONS = [
    *CONTRIBUTOR_PERMISSIONS,
    ("content", "edit_any_article"),
    ("content", "approve_article"),
    ("content", "publish_article"),
    ("content", "withdraw_article"),
    ("content", "correct_article"),
    ("content", "curate_front_page"),
    ("content", "view_correction"),
    ("content", "add_correction"),
    ("content", "view_workflowevent"),
    ("content", "view_previewlink"),
    ("content", "add_previewlink"),
    ("content", "change_previewlink"),
    ("content", "view_frontpageitem"),
    ("content", "add_frontpageitem"),
    ("content", "change_frontpageitem"),
    ("content", "delete_frontpageitem"),
    ("content", "view_breakingnews"),
    ("content", "add_breakingnews"),
    ("content", "change_breakingnews"),
    ("content", "delete_breakingnews"),
    ("content", "change_tag"),
    ("content", "add_author"),
    ("content", "change_author"),
    ("media", "change_image"),
]


def create_roles(apps, schema_editor):
    create_group(apps, "Contributors", CONTRIBUTOR_PERMISSIONS)
    create_group(apps, "Editors", EDITOR_PERMISSIONS)
    permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Admins")
    group.permissions.set(permission.objects.all())  # everything: users, settings, every app
    apps.get_model("content", "Article").objects.filter(status="published", published_at__gt=timezone.now()).update(
        status="scheduled"
    )


def remove_roles(apps, schema_editor):
    for name in ("Contributors", "Editors", "Admins"):
        delete_group(apps, name)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_workflow"),
        ("media", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
