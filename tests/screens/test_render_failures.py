"""Render failures told in French on the field that caused them; one limit for big photos."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import png_header
from PIL import Image

from signage.core.errors import ErrorLog
from signage.screens import slides
from signage.screens.rendering.draw import Spec, render_many

# --- 5. render failures on the right field, in French -------------------------------------------


def render_spec(**changes) -> Spec:
    base = dict(kind="content", identity="prevention", category="Prévention", title="Titre", title_field="Slide_title",
                text="Texte.", text_field="Slide_text", link="https://accueil.example.fr/x/",
                short_link="accueil.example.fr/x")
    base.update(changes)
    return Spec(**base)


def test_a_truncated_photo_is_a_slide_image_error_and_a_bug_is_not(tmp_path):
    photo = tmp_path / "coupee.jpg"
    buffer = io.BytesIO()
    Image.effect_noise((1200, 800), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    photo.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])  # the upload stopped halfway
    assert slides.check_image(photo) is None  # the header is fine: only drawing finds out
    jobs = [(render_spec(image=str(photo), image_digest="x"), 1920, 1080),
            (render_spec(link="https://accueil.example.fr/" + "a" * 4000), 1920, 1080)]  # no QR code holds it
    photo_result, bug_result = render_many(jobs, str(tmp_path / "cache"), workers=1)
    assert photo_result.photo is True and bug_result.photo is False

    from signage.screens.generator import _report_failure

    log = ErrorLog()
    _report_failure(log, "content/prevention/otv.md", jobs[0][0], photo_result)
    _report_failure(log, "content/prevention/otv.md", jobs[1][0], bug_result)
    _report_failure(log, "", render_spec(kind="closed", identity="closed"), bug_result)
    photo_problem, bug_problem, closed_problem = log.errors
    assert photo_problem.field == "Slide_image" and "coupee.jpg" in photo_problem.message
    assert "Error" not in photo_problem.message  # no English exception text for the officer
    assert bug_problem.field is None and bug_problem.message.startswith("erreur interne de Vitrine")
    assert (closed_problem.path, closed_problem.field) == ("pelicanconf.py", "RECEPTION")
    assert "complaint_url" in closed_problem.message


# --- 6. one limit for big photos ----------------------------------------------------------------


@pytest.mark.filterwarnings("error")  # no DecompressionBombWarning reaches the officer either
def test_both_big_photo_messages_give_the_same_limit_and_the_size(tmp_path):
    over = tmp_path / "over.png"  # 130 MP: over Vitrine's limit, under twice Pillow's own guard
    over.write_bytes(png_header(10_000, 13_000))
    bomb = tmp_path / "bomb.png"  # 400 MP: Pillow's guard fires before Vitrine's check
    bomb.write_bytes(png_header(20_000, 20_000))
    before = Image.MAX_IMAGE_PIXELS
    over_message, bomb_message = slides.check_image(over), slides.check_image(bomb)
    assert over_message.startswith("est trop grande (10000 × 13000 pixels, plus de 120 mégapixels)")
    assert bomb_message.startswith("est trop grande (20000 × 20000 pixels, plus de 120 mégapixels)")
    assert before == Image.MAX_IMAGE_PIXELS


def test_a_slide_photo_saved_again_while_the_slides_are_drawn_stops_the_build_in_french(tmp_path, monkeypatch):
    """Found by an outsider (on the share previews; the slides had the same gap): a slide drawn
    from a photo saved again during the build would be kept under the key of the bytes read before.
    The build stops before writing anything and says to build again; nothing is kept."""
    import shutil

    from conftest import ROOT, SAMPLE_EPOCH

    from signage.screens import generator
    from signage.workflow.build import run_build

    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(SAMPLE_EPOCH))
    real_render_many = generator.render_many
    saved = []

    def render_many_then_save(jobs, *args, **kwargs):
        results = real_render_many(jobs, *args, **kwargs)
        photo = next(spec.image for spec, _w, _h in jobs if spec.image)
        with Image.open(photo) as picture:  # the officer saves the photo again, mirrored
            picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo)
        saved.append(photo)
        return results

    monkeypatch.setattr(generator, "render_many", render_many_then_save)
    cache = tmp_path / "cache"
    result = run_build(str(ROOT / "pelicanconf.py"), tmp_path / "output",
                       {"PATH": str(content), "SIGNAGE_CACHE_PATH": str(cache)}, content_root=str(content))
    assert result.output is None and saved
    changed = [p for p in result.errors if p.field == "Slide_image"]
    assert changed and "enregistrée de nouveau pendant la construction" in changed[0].message
    assert "relancez la construction" in changed[0].message
    # The photo back as it was (the bytes the first build's keys named): what is reused must be what
    # a fresh cache draws, not the drawings of the bytes saved meanwhile.
    monkeypatch.setattr(generator, "render_many", real_render_many)
    shutil.copyfile(ROOT / "content" / Path(saved[0]).relative_to(content), saved[0])
    feeds = []
    for name, cache_folder in (("again", cache), ("fresh", tmp_path / "fresh-cache")):
        built = run_build(str(ROOT / "pelicanconf.py"), tmp_path / name,
                          {"PATH": str(content), "SIGNAGE_CACHE_PATH": str(cache_folder)}, content_root=str(content))
        assert built.output is not None, built.errors
        feeds.append(json.loads((built.output / "signage" / "feed.json").read_text(encoding="utf-8"))["screens"])
    assert feeds[0] == feeds[1]
