"""Unit checks of the theme's modules: French dates, DSFR assets subset, image sizes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from conftest import ROOT

from signage.site import content_images, dates_fr, dsfr_assets

DIST = ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist"


@pytest.mark.parametrize("value, expected", [
    ("2026-12-01T10:00:00+01:00", "mardi 1er décembre 2026"),
    (datetime(2026, 12, 2, 23, 30, tzinfo=UTC), "jeudi 3 décembre 2026"),  # 00:30 in Paris
    (date(2027, 8, 15), "dimanche 15 août 2027"),
    ("2027-02-28", "dimanche 28 février 2027"),
])
def test_date_fr(value, expected):
    assert dates_fr.date_fr(value) == expected


def test_times_and_iso():
    assert dates_fr.time_fr("2026-12-12 10:00") == "10 h"
    assert dates_fr.time_fr("2026-12-12 14:30") == "14 h 30"
    assert dates_fr.datetime_fr("2026-07-14 09:05") == "mardi 14 juillet 2026 à 9 h 05"
    assert dates_fr.date_iso("2026-07-14 09:05") == "2026-07-14T09:05+02:00"  # summer time
    assert dates_fr.date_iso("2026-12-14 09:05") == "2026-12-14T09:05+01:00"
    assert dates_fr.date_fr_short("2026-12-01") == "1 déc. 2026"
    assert dates_fr.paris_datetime("2026-12-01") < dates_fr.paris_datetime("2026-12-01 00:01")
    assert dates_fr.date_fr(None) == "" and dates_fr.time_fr("2026-12-01") == ""


def test_icon_subset_keeps_only_used_icons_and_their_media_blocks():
    css = (DIST / "utility" / "icons" / "icons.min.css").read_text(encoding="utf-8")
    subset = dsfr_assets.icon_subset(css, {"fr-icon-phone-line"})
    assert ".fr-icon-phone-line:before" in subset and "phone-line.svg" in subset
    assert "fr-icon-phone-fill" not in subset and "arrow-down" not in subset
    assert subset.count("{") == subset.count("}")
    assert len(subset) < 2000 < len(css)


def test_only_the_used_dsfr_files_are_copied(sample_site):
    copied = sample_site / "theme" / "dsfr"
    assert (copied / "dsfr.min.css").is_file()
    assert (copied / "dsfr.module.min.js").is_file() and (copied / "dsfr.nomodule.min.js").is_file()
    assert any((copied / "fonts").glob("Marianne-Regular.woff2"))
    icons = list((copied / "icons").rglob("*.svg"))
    assert 0 < len(icons) < 120, len(icons)  # a subset, not the package's 1,800 icons
    assert not list(copied.rglob("*.map"))
    assert not (copied / "component").exists() and not (copied / "utility" / "utility.min.css").exists()
    assert "sourceMappingURL" not in (copied / "dsfr.min.css").read_text(encoding="utf-8")[-300:]


def test_missing_design_system_gives_a_french_message(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "a.md").write_text("Title: A\n\nTexte.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
         "-o", str(tmp_path / "out"), "-e", f'DSFR_DIST="{tmp_path / "absent"}"',
         f'SIGNAGE_CACHE_PATH="{tmp_path / "cache"}"'],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1796115600"})
    assert proc.returncode != 0
    assert "lancez make setup" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_content_images_get_their_size(tmp_path):
    from PIL import Image

    (tmp_path / "images").mkdir()
    Image.new("RGB", (640, 360)).save(tmp_path / "images" / "photo.jpg")

    class Fake:
        settings = {"PATH": str(tmp_path)}
        source_path = str(tmp_path / "pages" / "p.md")
        _content = ('<p><img alt="Photo" src="{static}/images/photo.jpg"></p>'
                    '<img alt="" src="https://example.org/x.png">')

    item = Fake()
    content_images.add_image_dimensions(item)
    assert '<img alt="Photo" src="{static}/images/photo.jpg" width="640" height="360" loading="lazy"' in item._content
    assert 'src="https://example.org/x.png" loading="lazy"' in item._content
    size = content_images.image_size_filter({"PATH": str(tmp_path)})
    assert size("images/photo.jpg") == (640, 360) and size("images/none.jpg") is None


def test_the_module_docstring_examples_are_what_the_filters_give():
    """Each « … » example of signage/dates_fr.py's docstring, for Tuesday 1 December 2026."""
    inputs = {"date_fr": ["2026-12-01 14:30"], "date_fr_short": ["2026-12-01 14:30"],
              "time_fr": ["2026-12-01 14:00", "2026-12-01 14:30"], "datetime_fr": ["2026-12-01 14:30"],
              "date_iso": ["2026-12-01"]}
    examples = {}
    for name, shown in re.findall(r"\|(\w+) \}\}\s+-> (.+)", dates_fr.__doc__):
        examples[name] = re.findall(r"« ([^»]+) »", shown)
    assert set(examples) == set(inputs)
    for name, texts in examples.items():
        assert texts == [dates_fr.FILTERS[name](value) for value in inputs[name]], name


def test_date_fr_writes_the_first_as_core_wording_does_and_as_its_docstring_says():
    from datetime import date

    from signage.core.clock import PARIS
    from signage.core.wording import date_words

    assert dates_fr.date_fr("2026-12-01") == date_words(date(2026, 12, 1), with_year=True) == "mardi 1er décembre 2026"
    assert "« mardi 1er décembre 2026 »" in dates_fr.date_fr.__doc__
    assert dates_fr.PARIS is PARIS  # one time zone constant
