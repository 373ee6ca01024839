"""`invoke new`: the right folder, the right keys, commented examples never published, no overwrite."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, SAMPLE_EPOCH

HOURS = "Title: Horaires\nSlug: horaires\nOpening_hours: Mo-Sa 09:00-19:00; PH off\n\nTexte.\n"


def invoke(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


def test_new_files_build_cleanly_and_are_never_overwritten(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "horaires.md").write_text(HOURS, encoding="utf-8")
    expected = {"campagne": "prevention", "evenement": "evenements", "alerte": "alertes",
                "recrutement": "recrutement"}
    for kind, folder in expected.items():
        result = invoke("new", kind, "Vols de vélos à l'été", "--content", str(content))
        assert result.returncode == 0, result.stderr
        path = content / folder / "vols-de-velos-a-lete.md"
        text = path.read_text(encoding="utf-8")
        assert text.startswith("Title: Vols de vélos à l'été\nDate: 2026-12-01 10:00\n")
        assert "Slug: vols-de-velos-a-lete" in text and "<!--" in text
    alert = (content / "alertes" / "vols-de-velos-a-lete.md").read_text(encoding="utf-8")
    assert "Alert: yes" in alert and "Slide_until: 2026-12-03 20:00" in alert
    event = (content / "evenements" / "vols-de-velos-a-lete.md").read_text(encoding="utf-8")
    assert "Event_start: 2026-12-19 10:00" in event and "Location:" in event

    before = (content / "prevention" / "vols-de-velos-a-lete.md").read_bytes()
    again = invoke("new", "campagne", "Vols de vélos à l'été", "--content", str(content))
    assert again.returncode != 0 and "existe déjà" in again.stderr
    assert (content / "prevention" / "vols-de-velos-a-lete.md").read_bytes() == before

    # The four new files pass the content check as they are (no warning either).
    check = invoke("check", "--content", str(content), "--cache", str(tmp_path / "cache"))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Aucun problème" in check.stdout, check.stdout

    # The commented examples are not published.
    output = tmp_path / "site"
    from conftest import build_site

    built = build_site(output, content=content, cache=tmp_path / "cache")
    assert built.returncode == 0, built.log
    page = next(output.rglob("vols-de-velos-a-lete/index.html")).read_text(encoding="utf-8")
    assert "Exemples de clés" not in page and "Premier conseil" in page


def test_new_reads_no_fifo_and_no_link_in_the_content_folder(tmp_path):
    """Looking for slugs already taken, `invoke new` never blocks on a FIFO nor reads through a link."""
    content = tmp_path / "content"
    (content / "prevention").mkdir(parents=True)
    os.mkfifo(content / "prevention" / "tube.md")  # reading it would never end
    outside = tmp_path / "ailleurs.md"
    outside.write_text("Title: Ailleurs\nSlug: vols-de-velos\n\nTexte.\n", encoding="utf-8")
    (content / "prevention" / "lien.md").symlink_to(outside)  # its Slug must not be seen
    (content / "alertes").mkdir()
    (content / "alertes" / "faux-sms.md").symlink_to(tmp_path / "absent.md")  # a dangling link in the way
    result = invoke("new", "campagne", "Vols de vélos", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert (content / "prevention" / "vols-de-velos.md").is_file()
    taken = invoke("new", "alerte", "Faux SMS", "--content", str(content))
    assert taken.returncode == 1 and "existe déjà" in taken.stderr and "Traceback" not in taken.stderr
