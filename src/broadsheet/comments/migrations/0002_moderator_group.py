"""The "Moderators" group: moderates comments and bans, cannot touch stories."""

from django.db import migrations

from broadsheet.core.roles import create_group, delete_group

MODERATOR_PERMISSIONS = [
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "moderate_comment"),
    ("comments", "view_commentreport"),
    ("comments", "view_ban"),
    ("comments", "add_ban"),
    ("comments", "change_ban"),
    ("comments", "delete_ban"),
    ("content", "view_article"),  # to see which story a comment is on; no change permission
]


def create_moderators(apps, schema_editor):
    create_group(apps, "Moderators", MODERATOR_PERMISSIONS)


def remove_moderators(apps, schema_editor):
    delete_group(apps, "Moderators")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("content", "0002_comments_mode"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_moderators, remove_moderators)]
