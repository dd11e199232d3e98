"""The "ad_ops" group: places ads, edits ads.txt and ad settings, reads the report; nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="ad_ops")
    for app_label, codename in AD_OPS_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_ad_ops(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="ad_ops").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_ad_ops, remove_ad_ops)]
