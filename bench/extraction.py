"""Extraction accuracy per field on the paste/upload corpus (src/broadsheet/importers/tests/corpus/).

Run: .venv/bin/python bench/extraction.py
"""

from __future__ import annotations

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.conf.settings")
    django.setup()
    from broadsheet.importers.tests.corpus import CORPUS, FIELDS, HELD_OUT, accuracy, html_comparison, samples

    for label, folder in (("development corpus", CORPUS), ("held-out corpus", HELD_OUT)):
        share, wrong = accuracy(folder)
        print(f"{label}: {len(samples(folder))} samples")
        for field in FIELDS:
            misses = ", ".join(wrong[field]) or "-"
            print(f"  {field:<9} {share[field]:6.1%}   wrong: {misses}")
    print("HTML samples, uploaded-file extractor vs trafilatura (the by-address path):")
    for field, (ours, theirs, total) in html_comparison().items():
        print(f"  {field:<9} {ours}/{total} vs {theirs}/{total}")


if __name__ == "__main__":
    main()
