"""Two-factor sign-in can be required per group; Admins may manage the requirements."""

import django.db.models.deletion
from django.db import migrations, models

from broadsheet.core.roles import create_group

CODENAMES = [f"{action}_twofactorrequirement" for action in ("add", "change", "delete", "view")]


def grant_admins(apps, schema_editor):
    """Admins hold every permission: the new model's too (the group is made by content 0005)."""
    if apps.get_model("auth", "Group").objects.filter(name="Admins").exists():
        create_group(apps, "Admins", [("accounts", codename) for codename in CODENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("content", "0005_newsroom_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="TwoFactorRequirement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "group",
                    models.OneToOneField(
                        help_text=(
                            "Everyone in this group is sent to set up two-factor sign-in before any other newsroom page."
                        ),
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="two_factor_requirement",
                        to="auth.group",
                    ),
                ),
            ],
            options={"verbose_name": "two-factor requirement"},
        ),
        migrations.RunPython(grant_admins, migrations.RunPython.noop),
    ]
