"""The lock file and the offline vulnerability check: hashes kept, every dependency pinned, advisories matched,
and an empty or stale database never reported as "no vulnerabilities"."""

from __future__ import annotations

import json
import tomllib
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from broadsheet.cli import dependencies

ROOT = Path(__file__).resolve().parents[4]
PYLOCK = """
lock-version = "1.0"
created-by = "pip"
[[packages]]
name = "broadsheet"
[packages.directory]
path = "."
[[packages]]
name = "Django"
version = "5.2.19"
[[packages.wheels]]
name = "django-5.2.19-py3-none-any.whl"
url = "file:///somewhere/on/a/mirror/django-5.2.19-py3-none-any.whl"
[packages.wheels.hashes]
sha256 = "5965d974a5218a2b68a11dd1276434707f23886525c23f0598eccedaf4f4ca00"
"""


def test_the_lock_keeps_hashes_and_drops_file_locations():
    text = dependencies.requirements_lock(dependencies.pins_from_pylock(PYLOCK))
    assert "django==5.2.19 \\\n    --hash=sha256:5965d974" in text
    assert "file://" not in text and "broadsheet" not in text.split("\n", 1)[1]


def test_a_package_without_a_hash_is_refused():
    with pytest.raises(ValueError, match="no sha256 hash"):
        dependencies.pins_from_pylock(PYLOCK.replace('sha256 = "5965', 'md5 = "5965'))


def test_the_committed_lock_pins_every_declared_dependency_within_its_range():
    pins = {
        pin.name: pin.version for pin in dependencies.pins_from_requirements((ROOT / "requirements.lock").read_text())
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    for line in declared:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name], str(requirement))
    assert "file://" not in (ROOT / "requirements.lock").read_text()


def _advisory(tmp_path: Path, name: str, events: list[dict], *, modified: datetime | None = None, **extra) -> None:
    folder = tmp_path / "osv"
    folder.mkdir(exist_ok=True)
    advisory = {
        "id": f"TEST-{len(list(folder.iterdir())) + 1}",
        "summary": f"A made-up flaw in {name}",
        "modified": (modified or datetime.now(UTC)).isoformat().replace("+00:00", "Z"),
        "affected": [{"package": {"ecosystem": "PyPI", "name": name},
                      "ranges": [{"type": "ECOSYSTEM", "events": events}], **extra}],
    }  # fmt: skip
    (folder / f"{advisory['id']}.json").write_text(json.dumps(advisory))


PINS = [dependencies.Pin("django", "5.2.19", ()), dependencies.Pin("pillow", "12.0.0", ())]


def test_an_affected_pin_is_found_with_its_fixed_version(tmp_path):
    _advisory(tmp_path, "Django", [{"introduced": "5.2"}, {"fixed": "5.2.20"}])
    _advisory(tmp_path, "django", [{"introduced": "0"}, {"fixed": "4.2.1"}])  # fixed long before our pin
    _advisory(tmp_path, "pillow", [{"introduced": "11.0"}, {"last_affected": "11.9"}])  # ended before ours
    _advisory(tmp_path, "nh3", [{"introduced": "0"}])  # a package we do not pin
    findings = dependencies.audit(PINS, tmp_path / "osv", max_age_days=14)
    assert [(f.package, f.advisory, f.fixed_in) for f in findings] == [("django", "TEST-1", "5.2.20")]


def test_listed_versions_and_zip_exports_are_read(tmp_path):
    _advisory(tmp_path, "pillow", [], versions=["12.0.0"])
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in (tmp_path / "osv").iterdir():
            zipped.write(path, path.name)
    assert [f.package for f in dependencies.audit(PINS, archive, max_age_days=14)] == ["pillow"]


def test_an_empty_or_stale_database_is_never_a_clean_result(tmp_path):
    (tmp_path / "osv").mkdir()
    with pytest.raises(dependencies.AuditUnavailable, match="no advisories"):
        dependencies.audit(PINS, tmp_path / "osv", max_age_days=14)
    _advisory(tmp_path, "nh3", [{"introduced": "0"}], modified=datetime.now(UTC) - timedelta(days=40))
    with pytest.raises(dependencies.AuditUnavailable, match="40 days old"):
        dependencies.audit(PINS, tmp_path / "osv", max_age_days=14)
    with pytest.raises(dependencies.AuditUnavailable, match="No vulnerability database"):
        dependencies.audit(PINS, tmp_path / "missing", max_age_days=14)


def test_the_command_fails_on_findings_and_passes_a_clean_current_database(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("django==5.2.19 \\\n    --hash=sha256:00\npillow==12.0.0\n")
    _advisory(tmp_path, "nh3", [{"introduced": "0"}])
    call_command("dependencies", "audit", "--lock", str(lock), "--osv", str(tmp_path / "osv"))
    _advisory(tmp_path, "django", [{"introduced": "5.0"}, {"fixed": "6.0"}])
    with pytest.raises(CommandError, match="1 known vulnerability"):
        call_command("dependencies", "audit", "--lock", str(lock), "--osv", str(tmp_path / "osv"))
