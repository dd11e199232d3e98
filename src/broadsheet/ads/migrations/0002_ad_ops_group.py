"""The "ad_ops" group: places ads, edits ads.txt and ad settings, reads the report; nothing else."""

from django.db import migrations

from broadsheet.core.roles import create_group, delete_group

AD_OPS_PERMISSIONS = [
    ("ads", "view_adunit"),
    ("ads", "add_adunit"),
    ("ads", "change_adunit"),
    ("ads", "delete_adunit"),
    ("ads", "view_adunitchange"),
    ("ads", "view_adstat"),
    ("ads", "view_adstxt"),
    ("ads", "add_adstxt"),
    ("ads", "change_adstxt"),
    ("ads", "view_adsettings"),
    ("ads", "add_adsettings"),
    ("ads", "change_adsettings"),
]


def create_ad_ops(apps, schema_editor):
    create_group(apps, "ad_ops", AD_OPS_PERMISSIONS)


def remove_ad_ops(apps, schema_editor):
    delete_group(apps, "ad_ops")


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_ad_ops, remove_ad_ops)]
