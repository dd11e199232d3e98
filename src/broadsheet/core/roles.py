"""Newsroom roles as permission groups, created by data migrations with the historical models."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.management import create_permissions


def create_group(apps: Any, name: str, permissions: Iterable[tuple[str, str]]) -> None:
    """Create (or complete) the group `name` holding exactly these (app label, codename) permissions."""
    # Permissions are normally created after migrations; a data migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    permission = apps.get_model("auth", "Permission")
    for app_label, codename in permissions:
        group.permissions.add(permission.objects.get(content_type__app_label=app_label, codename=codename))


def delete_group(apps: Any, name: str) -> None:
    apps.get_model("auth", "Group").objects.filter(name=name).delete()
