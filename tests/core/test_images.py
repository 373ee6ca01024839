"""Pillow's pixel limit is passed where an image is opened, never changed for the whole process."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, png_header
from PIL import Image

from signage.core.images import MAX_IMAGE_PIXELS, ImageTooLargeError, open_image


@pytest.mark.filterwarnings("error")  # Pillow's DecompressionBombWarning would reach the officer
def test_a_photo_between_pillows_guard_and_vitrines_limit_opens_silently(tmp_path):
    photo = tmp_path / "grande.png"
    photo.write_bytes(png_header(10_000, 10_000))  # 100 MP: over Pillow's 89 MP warning, under 120 MP
    assert Image.MAX_IMAGE_PIXELS < 100_000_000 < MAX_IMAGE_PIXELS
    with open_image(photo) as image:
        assert image.size == (10_000, 10_000)


@pytest.mark.parametrize("width, height, message", [
    (10_000, 13_000, "est trop grande (10000 × 13000 pixels, plus de 120 mégapixels)"),
    (20_000, 20_000, "est trop grande (20000 × 20000 pixels, plus de 120 mégapixels)"),  # Pillow's guard: size read anyway
])
def test_over_the_limit_is_a_french_error_with_the_size(tmp_path, width, height, message):
    photo = tmp_path / "immense.png"
    photo.write_bytes(png_header(width, height))
    with pytest.raises(ImageTooLargeError) as refused:
        open_image(photo)
    assert str(refused.value).startswith(message)


def test_a_smaller_limit_is_passed_in(tmp_path):
    photo = tmp_path / "moyenne.png"
    Image.new("RGB", (1500, 1500)).save(photo)
    with pytest.raises(ImageTooLargeError, match="plus de 2 mégapixels"):
        open_image(photo, max_pixels=2_000_000)


def test_no_module_changes_pillows_global_limit(tmp_path):
    """Import every module, check and draw a photo: Pillow's own limit is still its default."""
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (1600, 900), (20, 40, 60)).save(photo)
    script = f"""
import importlib, pkgutil
from PIL import Image
default = Image.MAX_IMAGE_PIXELS
import signage
for module in pkgutil.walk_packages(signage.__path__, "signage."):
    importlib.import_module(module.name)
from signage.screens import slides
from signage.screens.rendering.photos import cover
assert slides.check_image({str(photo)!r}) is None
cover({str(photo)!r}, 1080, 1920)
print(default, Image.MAX_IMAGE_PIXELS)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    default, after = result.stdout.split()
    assert default == after == str(int(1024 * 1024 * 1024 // 4 // 3))  # Pillow's own default
    writes = [path.name for path in (ROOT / "signage").rglob("*.py")
              if re.search(r"MAX_IMAGE_PIXELS\s*=(?!=)", path.read_text(encoding="utf-8"))
              and path.name != "images.py"]
    assert writes == []
