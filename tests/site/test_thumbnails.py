"""Cards and article images list smaller copies (srcset + sizes), made by Pillow, whatever the photo.

A phone picks a 400-pixel copy of a camera photo instead of the 24-megapixel original;
each copy is named by the hash of the photo's bytes and of its own size, has exactly the original's shape, is made
once (kept in the render cache) and every one the pages name exists in the output.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site, write_content
from PIL import Image
from test_site_pages import broken_links

from signage.site import thumbnails


def camera_photo(path: Path, size=(6000, 4000)) -> None:
    base = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (base, base.rotate(90, expand=False), base)).save(path, "JPEG", quality=92)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("thumbnails") / "content"
    shutil.copytree(ROOT / "content", content)
    camera_photo(content / "images" / "camera.jpg")
    write_content(content, {"prevention/appareil-photo.md": (
        "Title: Une photo d'appareil\nDate: 2026-11-30 09:00\nCategory: Prévention\nSlug: appareil-photo\n"
        "Summary: Une campagne illustrée par une photo de 24 mégapixels.\nSlide: yes\n"
        "Slide_image: images/camera.jpg\n\n![Une grande photo]({static}/images/camera.jpg)\n\nTexte.\n")})
    output = tmp_path_factory.mktemp("thumbnails-out")
    result = build_site(output, content=content, cache=tmp_path_factory.mktemp("thumbnails-cache"))
    assert result.returncode == 0, result.log
    return output


def srcsets(html: str) -> list[tuple[str, str, str]]:
    """(src, srcset, sizes) of every <img> that has a srcset."""
    found = []
    for tag in re.findall(r"<img\b[^>]*>", html):
        srcset = re.search(r'srcset="([^"]*)"', tag)
        if srcset:
            found.append((re.search(r'src="([^"]*)"', tag).group(1), srcset.group(1),
                          re.search(r'sizes="([^"]*)"', tag).group(1)))
    return found


def test_the_home_card_and_the_article_list_small_copies_of_the_camera_photo(site):
    for page, sizes in (("index.html", thumbnails.CARD_SIZES),
                        ("prevention/appareil-photo/index.html", thumbnails.ARTICLE_SIZES)):
        images = [i for i in srcsets((site / page).read_text(encoding="utf-8")) if "camera" in i[0]]
        assert images, page
        src, srcset, shown = images[0]
        assert shown == sizes
        candidates = [c.strip().rsplit(" ", 1) for c in srcset.split(",")]
        widths = [int(w[:-1]) for _url, w in candidates]
        assert widths == sorted(widths) and widths[0] <= 400 and widths[-1] == 6000
        assert candidates[-1][0] == src == "/images/camera.jpg"  # the original, widest
        for url, width in candidates[:-1]:
            assert re.fullmatch(r"/images/miniatures/camera-\d+\.[0-9a-f]{12}\.jpg", url), url
            with Image.open(site / url.lstrip("/")) as copy:
                assert copy.width == int(width[:-1])
                assert copy.width * 4000 == copy.height * 6000  # exactly the original's shape (3:2)
        smallest = site / candidates[0][0].lstrip("/")
        assert smallest.stat().st_size < 60_000 < (site / "images" / "camera.jpg").stat().st_size


def test_every_image_named_by_a_srcset_exists(site):
    problems = broken_links(site)
    assert not problems, "\n".join(problems[:20])


def test_copies_are_made_once_and_named_by_the_photos_bytes(tmp_path):
    photo = tmp_path / "photo.jpg"
    camera_photo(photo, (2400, 1600))
    first = thumbnails.Thumbnails(tmp_path / "cache")
    width, copies = first.copies(photo)
    assert width == 2400 and [c.width for c in copies] == [399, 801, 1200, 1599]  # multiples of 3: 3:2 exact
    assert first.copies(photo) == (width, copies)  # a second page showing it: not made twice
    assert first.store.made == 1
    assert first.place(tmp_path / "out") == 4  # waits for the copies being made
    for copy in copies:
        with Image.open(tmp_path / "out" / thumbnails.FOLDER / copy.name) as made:
            assert made.size == (copy.width, copy.height)
    again = thumbnails.Thumbnails(tmp_path / "cache")
    assert again.copies(photo) == (width, copies) and again.store.made == 0
    elsewhere = tmp_path / "ailleurs" / "photo.jpg"  # the same bytes in another clone: the same names
    elsewhere.parent.mkdir()
    shutil.copyfile(photo, elsewhere)
    assert thumbnails.Thumbnails(tmp_path / "other-cache").copies(elsewhere) == (width, copies)
    camera_photo(photo, (2400, 1601))  # the officer replaces the photo: new copies, new names
    changed = thumbnails.Thumbnails(tmp_path / "cache").copies(photo)[1]
    assert {c.name for c in changed}.isdisjoint({c.name for c in copies})


def test_a_photo_that_does_not_decode_to_the_end_is_placed_as_it_is_under_each_name(tmp_path, caplog):
    """Its header is read (the pages name its copies), its pixels stop short: the copies cannot
    be made; each name the pages carry leads to a copy of the original rather than to nothing,
    and the officer is told which photo, why, and what to do."""
    photo = tmp_path / "coupee.jpg"
    camera_photo(photo, (2400, 1600))
    photo.write_bytes(photo.read_bytes()[:5000])
    store = thumbnails.Thumbnails(tmp_path / "cache")
    width, copies = store.copies(photo)
    assert width == 2400 and copies
    store.place(tmp_path / "out")
    for copy in copies:
        placed = tmp_path / "out" / thumbnails.FOLDER / copy.name
        assert placed.read_bytes() == photo.read_bytes()
        assert not placed.samefile(photo)  # a copy: the officer may overwrite the photo in place
    assert not list((tmp_path / "cache").rglob("index.json"))  # tried again by the next build
    assert "coupee.jpg » : la photo n'a pas pu être lue jusqu'au bout" in caplog.text
    assert "Réenregistrez-la en JPEG ou PNG" in caplog.text


def test_a_photo_saved_again_while_its_copies_are_made_keeps_nothing_under_the_old_names(tmp_path):
    """Found by an outsider: copies named from a landscape photo held the portrait saved over it
    meanwhile, squashed. The copies are made from the bytes they are named from, or not at all:
    the names then lead to the photo as it is now, and nothing is kept for the next build."""
    import threading

    from signage.core.workers import Workers

    photo = tmp_path / "photo.jpg"
    camera_photo(photo, (2400, 1600))
    helpers, busy = Workers(1), threading.Event()
    helpers.submit(busy.wait, 30)  # the build's helper is busy: the copies wait their turn
    store = thumbnails.Thumbnails(tmp_path / "cache", helpers=helpers)
    _width, copies = store.copies(photo)
    camera_photo(photo, (1000, 1500))  # saved again before the copies are made
    busy.set()
    store.place(tmp_path / "out")
    helpers.close()
    for copy in copies:
        assert (tmp_path / "out" / thumbnails.FOLDER / copy.name).read_bytes() == photo.read_bytes()
    assert not list((tmp_path / "cache").rglob("index.json"))
    assert thumbnails.make_copies(str(photo), str(tmp_path / "x"), 2400, [c.__dict__ for c in copies], False,
                                  "0" * 64) == thumbnails.CHANGED
    helpers, busy = Workers(1), threading.Event()
    helpers.submit(busy.wait, 30)
    deleted = thumbnails.Thumbnails(tmp_path / "other-cache", helpers=helpers)
    named = deleted.copies(photo)[1]
    photo.unlink()  # deleted before its copies are made: no name leads anywhere, and no error
    busy.set()
    assert deleted.place(tmp_path / "out2") == 0 and named
    helpers.close()


def test_a_small_or_unreadable_photo_gets_no_srcset(tmp_path):
    small = tmp_path / "petit.png"
    Image.new("RGB", (300, 200), "white").save(small)
    broken = tmp_path / "abime.jpg"
    broken.write_bytes(b"\xff\xd8 not a jpeg")
    store = thumbnails.Thumbnails(tmp_path / "cache")
    assert store.srcset_attributes(small, "/images/petit.png", thumbnails.CARD_SIZES) == ""
    assert store.srcset_attributes(broken, "/images/abime.jpg", thumbnails.CARD_SIZES) == ""
