"""What comes in through content/ cannot hurt the site: real builds (plain `pelican`) of hostile content.

Each hostile file is made in a private copy of the sample content. Where the officer (or whoever
writes to the folder) made the mistake: a French message with the file and the line, every problem
in one run, no traceback, nothing written. The commands' side (last good output kept byte for
byte, `invoke check`, `publish --to`, the live preview) is in tests/workflow/test_untrusted_content_commands.py.
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, build_site, png_header, write_content

SECRET = "SECRET-4f1c-ne-doit-jamais-sortir"


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """Files outside the content folder, as /etc/passwd and /etc/ would be."""
    folder = tmp_path_factory.mktemp("ailleurs")
    (folder / "passwd").write_text(f"root:x:0:0:{SECRET}\n", encoding="utf-8")
    (folder / "etc").mkdir()
    (folder / "etc" / "shadow").write_text(SECRET, encoding="utf-8")
    return folder


def lines_of(result) -> str:
    return result.stderr


def assert_nothing_written(output: Path) -> None:
    assert not (output / "index.html").exists()
    leaked = [p for p in output.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()] \
        if output.exists() else []
    assert leaked == []


def build(tmp_path, content) -> object:
    return build_site(tmp_path / "out", content=content, cache=tmp_path / "cache")


def refused(tmp_path, content) -> str:
    """Build `content`, which must be refused in French (no traceback); the report."""
    result = build(tmp_path, content)
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log
    return lines_of(result)


# --- 1. Symbolic links, FIFOs, loops: nothing is read or published through them --------------------------

def test_links_in_content_publish_nothing_and_each_is_named_with_its_target(tmp_path, content_copy, outside):
    images, pages = content_copy / "images", content_copy / "pages"
    (images / "x.jpg").symlink_to(outside / "passwd")
    (images / "etc").symlink_to(outside / "etc")  # a link to a folder would copy all of it
    (images / "boucle").symlink_to("..")  # a loop: Pelican would walk it forever
    (images / "copie.jpg").symlink_to("arnaques.jpg")  # inside content/: refused too (copy the file)
    (pages / "x.md").symlink_to(outside / "passwd")
    os.mkfifo(pages / "tube.md")  # reading it would block the build for ever
    os.mkfifo(images / "tube.jpg")  # so would reading the size of this « photo »
    write_content(content_copy, {
        "pages/photo.md": "Title: Photo\n\n![Une photo]({static}/images/x.jpg)\n\n<img src=\"/images/tube.jpg\" "
                          "alt=\"Un tube\">\n",
        "prevention/lien.md": "Title: Lien\nDate: 2026-11-02\nCategory: Prévention\nSummary: Texte.\n"
                              "Slide: yes\nSlide_until: 2027-01-31\nSlide_image: images/x.jpg\n\nTexte.\n",
    })
    err = refused(tmp_path, content_copy)
    for name, target in (("images/x.jpg", outside / "passwd"), ("images/etc", outside / "etc"),
                         ("pages/x.md", outside / "passwd")):
        assert f"{name}: lien symbolique vers {target}, un " in err, name
    assert "images/boucle: lien symbolique vers un dossier du dossier de contenu" in err
    assert "images/copie.jpg: lien symbolique vers un fichier du dossier de contenu (images/arnaques.jpg)" in err
    assert "pages/tube.md: ce n'est pas un fichier ordinaire mais un tube nommé (FIFO)" in err
    assert "pages/photo.md:3: l'image « {static}/images/x.jpg » mène à un fichier introuvable" in err
    assert "images/tube.jpg: ce n'est pas un fichier ordinaire mais un tube nommé (FIFO)" in err
    assert "pages/photo.md:5: l'image « /images/tube.jpg » ne mène à aucun fichier du site" in err
    assert "prevention/lien.md:7: Slide_image « images/x.jpg » est hors du dossier content/" in err
    assert SECRET not in err
    assert_nothing_written(tmp_path / "out")


def test_static_and_attach_links_cannot_reach_outside_the_folder(tmp_path, content_copy, outside):
    up = os.path.relpath(outside, content_copy / "pages")
    write_content(content_copy, {"pages/fuite.md": (
        f"Title: Fuite\n\n[a]({{attach}}{up}/passwd)\n\n![b]({{static}}/{os.path.relpath(outside, content_copy)}"
        f"/etc/shadow)\n\n<img src=\"file://{outside}/passwd\" alt=\"fichier local\">\n")})
    result = build(tmp_path, content_copy)
    err = lines_of(result)
    assert result.returncode == 1, result.log
    assert f"pages/fuite.md:3: le lien vers « {{attach}}{up}/passwd » sort du dossier de contenu" in err
    assert "pages/fuite.md:5: l'image « {static}/" in err and "/etc/shadow » sort du dossier de contenu" in err
    assert "pages/fuite.md:7: l'image n'a pas d'adresse utilisable" in err
    assert "Traceback" not in result.log
    assert_nothing_written(tmp_path / "out")


# --- 5. One file, one source ---------------------------------------------------------------------------

def test_two_files_with_one_slug_are_named_before_anything_is_written(tmp_path, content_copy):
    write_content(content_copy, {
        "pages/services-bis.md": "Title: Nos services\nSlug: services\n\nTexte.\n",
        "pages/rubrique.md": "Title: Prévention\nSlug: prevention\n\nTexte.\n",
        "prevention/doublon.md": "Title: Doublon\nDate: 2026-11-02\nCategory: Prévention\nSlug: vols-vehicules\n\nx\n",
    })
    result = build(tmp_path, content_copy)
    err = lines_of(result)
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log and "FileOverwriteFailedError" not in result.log
    pair = [line for line in err.splitlines() if "(services/index.html)" in line]
    assert len(pair) == 1 and "pages/services-bis.md" in pair[0] and "pages/services.md" in pair[0], err
    assert "Slug « services » : même adresse" in pair[0] and "donnez-lui un autre Slug" in pair[0]
    assert ("pages/rubrique.md:2: Slug « prevention » : même adresse que la rubrique « Prévention » "
            "(prevention/index.html)") in err
    assert ("prevention/doublon.md:4: Slug « vols-vehicules » : même adresse (prevention/vols-vehicules/index.html) "
            "que ") in err and "prevention/vols-dans-les-vehicules.md" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_save_as_and_template_cannot_take_the_builds_own_files(tmp_path, content_copy):
    write_content(content_copy, {
        "pages/flux.md": "Title: Flux\nSave_as: signage/feed.json\n\nTexte.\n",
        "pages/lecteur.md": "Title: Lecteur\nSlug: signage/player\n\nTexte.\n",
        "pages/plan.md": "Title: Plan\nSave_as: sitemap.xml\n\nTexte.\n",
        "pages/sortie.md": "Title: Sortie\nSave_as: ../../x.html\n\nTexte.\n",
        "pages/gabarit.md": "Title: Gabarit\nTemplate: ../../../../etc/passwd\n\nTexte.\n",
    })
    err = refused(tmp_path, content_copy)
    assert "pages/flux.md:2: Save_as « signage/feed.json » : la page serait écrite dans signage/feed.json" in err
    assert "pages/lecteur.md:2: Slug « signage/player » : la page serait écrite dans signage/player/index.html" in err
    assert "pages/plan.md:2: Save_as « sitemap.xml » : la page serait écrite dans sitemap.xml, qui n'est pas" in err
    assert "pages/sortie.md:2: l'adresse de la page sortirait du site : retirez les « / » et « .. » du Save_as" in err
    assert "pages/gabarit.md:2: Template « ../../../../etc/passwd » : le thème n'a pas ce gabarit" in err
    assert not (tmp_path / "out" / "index.html").exists()


# --- 6, 19, 10. Every link and image of a body leads somewhere ------------------------------------------

def test_links_and_images_that_lead_nowhere_stop_every_build(tmp_path, content_copy):
    (content_copy / "images" / "bombe.png").write_bytes(png_header(40000, 40000))
    write_content(content_copy, {"pages/liens.md": "\n".join([
        "Title: Liens", "Summary: Des liens.", "",
        "Voir [la page absente]({filename}/pages/absente.md).", "",
        "![Une photo absente](/images/absente.jpg)", "",
        '<img src="../images/absente.png" alt="Absente aussi">', "",
        "Rubrique [inconnue]({category}Sport).", "",
        "![Une bombe]({static}/images/bombe.png)", "",
        "![Un pixel espion](https://traceur.example/pixel.png)", "",
        "[Une vraie page]({filename}/pages/services.md) et ![une vraie image]({static}/images/arnaques.jpg)", "",
        "[Un autre site](https://www.service-public.gouv.fr) se lie sans erreur.", ""])})
    err = refused(tmp_path, content_copy)
    assert ("pages/liens.md:4: le lien vers « {filename}/pages/absente.md » mène à un fichier introuvable "
            "(pages/absente.md)") in err
    assert "pages/liens.md:6: l'image « /images/absente.jpg » ne mène à aucun fichier du site" in err
    assert "pages/liens.md:8: l'image « ../images/absente.png » ne mène à aucun fichier du site" in err
    assert "pages/liens.md:10: le lien vers la rubrique « Sport » ne mène nulle part" in err
    assert ("pages/liens.md:12: l'image « images/bombe.png » est trop grande (40000 × 40000 pixels, plus de "
            "120 mégapixels)") in err
    assert ("pages/liens.md:14: l'image « https://traceur.example/pixel.png » vient d'un autre site : le "
            "navigateur de chaque visiteur le lui demanderait") in err
    assert "Pillow" not in err and "decompression" not in err.lower()
    assert "services.md" not in err and "arnaques.jpg" not in err
    assert "images/bombe.png: l'image est trop grande (40000 × 40000 pixels" in err  # the file itself too
    assert "7 erreurs dans le contenu" in err and "service-public" not in err
    assert not (tmp_path / "out" / "liens" / "index.html").exists()


def test_images_a_browser_could_not_show_or_find_stop_every_build(tmp_path, content_copy):
    """Found by a breaker: each was published (exit 0) while `invoke check` said otherwise or nothing."""
    images = content_copy / "images"
    (images / "bombe-inutilisee.png").write_bytes(png_header(60000, 60000))  # used by no page, still copied
    (images / "octets.jpg").write_bytes(bytes(range(256)) * 8)  # random bytes named .jpg
    (images / "dessin.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    decomposed = unicodedata.normalize("NFD", "été.jpg")  # as an old Mac writes it
    shutil.copy(images / "arnaques.jpg", images / decomposed)
    write_content(content_copy, {"pages/images.md": "\n".join([
        "Title: Images", "",
        "![Des octets]({static}/images/octets.jpg)", "",
        "![Un dessin]({static}/images/dessin.png)", "",
        "![]({static}/images/arnaques.jpg)", "",
        "Voir [les tarifs](/tarifs/) et [les services](/services/).", ""])})
    err = refused(tmp_path, content_copy)
    assert "images/bombe-inutilisee.png: l'image est trop grande (60000 × 60000 pixels" in err, err
    assert ("pages/images.md:3: l'image « images/octets.jpg » n'est pas une image lisible (fichier abîmé, "
            "incomplet, ou d'un autre format que son extension)") in err
    assert "pages/images.md:5: l'image « images/dessin.png » n'est pas une image lisible" in err
    assert "pages/images.md:7: l'image « arnaques.jpg » n'a pas de texte alternatif" in err
    assert "pages/images.md:9: le lien vers « /tarifs/ » ne mène à aucune page du site" in err
    assert "« /services/ »" not in err
    assert "le nom « images/été.jpg » est écrit avec des accents décomposés" in err
    assert "6 erreurs dans le contenu" in err, err
    assert not (tmp_path / "out" / "images").exists()


def test_a_file_named_with_a_hash_is_named_in_the_message_with_its_page(tmp_path, content_copy):
    """Was: « content/images/image avec espace : un fichier sans extension… », a file that does not exist."""
    shutil.copy(content_copy / "images" / "arnaques.jpg", content_copy / "images" / "photo #1 ?.jpg")
    write_content(content_copy, {"pages/diese.md": "Title: Dièse\n\n![Une photo]({static}/images/photo #1 ?.jpg)\n"})
    result = build(tmp_path, content_copy)
    err = lines_of(result)
    assert result.returncode == 1, result.log
    assert ("pages/diese.md:3: l'image « {static}/images/photo #1 ?.jpg » : le nom du fichier « photo #1 ?.jpg » "
            "contient « # » ou « ? », qui coupent une adresse. Renommez le fichier") in err, err
    assert "1 erreur dans le contenu" in err and "sans extension" not in err


# --- 12, 13, 18 and a shared drive: what must build, and how ------------------------------------------------

SUNRISE_SLIDE = """Title: Éclairage
Date: 2026-11-02 09:00
Category: Prévention
Summary: Garez-vous dans les zones éclairées.
Slide: yes
Slide_until: 2027-01-31
Slide_when: sunrise-sunset

Texte.
"""


@pytest.fixture(scope="module")
def shared_drive(tmp_path_factory) -> tuple[object, Path]:
    """The sample content on a « shared drive » (content/ is a link to it), with what such a drive holds."""
    base = tmp_path_factory.mktemp("partage")
    real = base / "lecteur-reseau" / "contenu"
    shutil.copytree(ROOT / "content", real)
    junk = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\t\x00\x00\x00"
    for folder in ("pages", "prevention", "images"):
        (real / folder / "._accueil.md").write_bytes(junk)  # macOS metadata beside each file
        (real / folder / ".DS_Store").write_bytes(junk)
        (real / folder / "Thumbs.db").write_bytes(junk)
        (real / folder / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    (real / "pages" / ".#accueil.md").symlink_to("officier@poste.1234:1700000000")  # Emacs' lock (a dangling link)
    (real / "pages" / "~$accueil.md").write_bytes(b"\x0bOfficier" + b"\x00" * 40)  # Word's lock file
    (real / "pages" / ".accueil.md.swp").write_bytes(b"b0VIM 9.0" + b"\x00" * 100)
    write_content(real, {
        "prevention/eclairage.md": SUNRISE_SLIDE,
        "pages/lien-mort.md": "Title: Lien retiré\n\nAvant [cliquez ici](javascript:alert(1)) après.\n",
    })
    content = base / "content"
    content.symlink_to(real)
    output = base / "out"
    result = build_site(output, content=content, cache=base / "cache")
    return result, output


def test_a_content_folder_on_a_shared_drive_builds_with_its_hidden_files_ignored(shared_drive):
    result, output = shared_drive
    assert result.returncode == 0, result.log
    assert "._accueil" not in result.log and "Thumbs" not in result.log and "~$" not in result.log
    assert not [p for p in output.rglob("*") if p.name in ("Thumbs.db", "desktop.ini", ".DS_Store")
                or p.name.startswith(("._", "~$"))]
    assert (output / "images" / "arnaques.jpg").is_file()


def test_a_link_whose_javascript_address_was_removed_keeps_only_its_text(shared_drive):
    result, output = shared_drive
    assert result.returncode == 0, result.log
    html = (output / "lien-retire" / "index.html").read_text(encoding="utf-8")
    assert "Avant cliquez ici après." in html
    assert "<a>" not in html and "javascript" not in html


def test_sunrise_sunset_follows_the_sun_at_the_reception_point(shared_drive):
    result, output = shared_drive
    assert result.returncode == 0, result.log
    feed = json.loads((output / "signage" / "feed.json").read_text(encoding="utf-8"))
    slide = next(s for s in feed["screens"]["vitrine"]["slides"] if s["id"] == "prevention/eclairage")
    days = {i["start"][:10]: (i["start"][11:16], i["end"][11:16]) for i in slide["intervals"]}
    # Pusey (47.65 N, 6.12 E) in December: the sun rises after 8 h and sets before 17 h (not 07:00-19:00).
    sunrise, sunset = days["2026-12-21"]
    assert "08:00" < sunrise < "08:30" and "16:30" < sunset < "17:00", days["2026-12-21"]


def test_empty_binary_and_huge_pages_get_one_plain_message_each(tmp_path, content_copy):
    """0 bytes, a JPEG named .md, 1.5 Mo of text: one French message each, not a misleading second one."""
    pages = content_copy / "pages"
    (pages / "vide.md").write_bytes(b"")
    (pages / "photo.md").write_bytes((content_copy / "images" / "arnaques.jpg").read_bytes())
    (pages / "enorme.md").write_text("Title: Énorme\n\n" + "mot " * 400_000, encoding="utf-8")
    result = build(tmp_path, content_copy)
    err = lines_of(result)
    assert result.returncode == 1, result.log
    assert "pages/vide.md:1: Title manquant" in err
    assert "pages/photo.md: le fichier n'est pas enregistré en UTF-8" in err
    assert "pages/enorme.md: page de 1,5 Mo, bien plus qu'une page n'en fait" in err
    assert "sortirait du site" not in err  # a page without Title has no address: not a second mistake
    assert "3 erreurs dans le contenu" in err and "Traceback" not in result.log


def test_files_a_browser_would_run_are_not_copied_into_the_site(tmp_path, content_copy):
    """Static files skip the sanitiser: an .html, .js or .svg would run its script on the site's address."""
    images = content_copy / "images"
    (images / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (images / "code.js").write_text("alert(1)", encoding="utf-8")
    (images / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                     encoding="utf-8")
    (images / "horaires.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")  # a document: published
    write_content(content_copy, {
        "pages/ailleurs.md": "Title: Ailleurs\nUrl: https://ailleurs.example/\n\nTexte.\n",
        "pages/doc.md": "Title: Document\n\n[Les horaires en PDF]({static}/images/horaires.pdf)\n",
    })
    result = build(tmp_path, content_copy)
    err = lines_of(result)
    assert result.returncode == 1, result.log
    for name in ("page.html", "code.js", "logo.svg"):
        assert f"images/{name}: un fichier « .{name.rsplit('.', 1)[1]} » ne peut pas être publié tel quel" in err
    assert "enregistrez-la en PNG" in err and "horaires.pdf" not in err
    assert "pages/ailleurs.md:2: Url « https://ailleurs.example/ » n'est pas une adresse de ce site" in err
    assert "4 erreurs dans le contenu" in err and "Traceback" not in result.log
    assert not (tmp_path / "out" / "images").exists()


def test_the_folders_the_build_makes_are_all_reserved():
    """A page may not be written where the screens' short links are (s/<code>/): one list agrees with the other."""
    from signage.screens import short_links
    from signage.site.output_paths import RESERVED

    assert short_links.FOLDER in RESERVED and short_links.DATA_JSON.split("/")[0] in RESERVED
