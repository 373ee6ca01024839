"""The disk refuses a write: a French message saying what (no space, no permission, read-only, a file
too large) and which folder, never a traceback nor « annulez la dernière modification », and the site
already built stays as it was.

Every condition is real, made without root: a folder without write permission (chmod 555; when the
tests run as root, the command runs without the capability that lets root write anywhere), a full
disk (a 512 KiB tmpfs over .builds/ in a private mount namespace, `unshare -rm`: ENOSPC from the
kernel), a read-only disk (the same, mounted read-only: EROFS) and the size limit of a session
(`prlimit --fsize`, i.e. `ulimit -f`: EFBIG).
"""

from __future__ import annotations

import os
import stat

import pytest
from conftest import build_site
from project_helpers import built_project, live_until_ready, run_invoke, site_problems

from signage.core.storage import size_words

# Root writes anywhere: run the command without that capability, so that chmod means what it says.
UNPRIVILEGED = ("setpriv", "--bounding-set=-dac_override,-dac_read_search") if os.geteuid() == 0 else ()


def in_private_mount(options: str) -> tuple[str, ...]:
    """Run the command with a small tmpfs over .builds/ that only it sees (`options`: size=…, ro)."""
    return ("unshare", "--map-root-user", "--mount", "sh", "-c",
            f'mount -t tmpfs -o {options} vitrine-essai .builds && exec "$@"', "sh")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return built_project(tmp_path_factory.mktemp("storage") / "projet", tmp_path_factory.mktemp("render-cache"))


def assert_refused_and_kept(result, project, before: str, *said: str) -> None:
    assert result.returncode == 1
    err = result.stderr
    for words in said:
        assert words in err, err
    assert "Le site déjà construit dans output/ n'a pas été modifié." in err
    assert "Traceback" not in err + result.stdout
    assert "Annulez" not in err and "annulez" not in err  # not the officer's mistake
    assert os.readlink(project / "output") == before and site_problems(project / "output") == []


def test_plain_pelican_into_a_read_only_output_folder_says_so_in_french(tmp_path):
    out = tmp_path / "sortie"
    out.mkdir()
    out.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    result = build_site(out, cache=tmp_path / "cache", prefix=UNPRIVILEGED)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Pas le droit d'écrire dans {out}/ : donnez à votre compte (")
    assert last.endswith(f"(« chmod u+w {out} », ou demandez-le à l'informaticien), ou construisez dans un autre "
                         "dossier, puis recommencez.")
    assert "Traceback" not in result.log
    assert list(out.iterdir()) == []


def test_invoke_build_into_a_builds_folder_it_may_not_write(project):
    before = os.readlink(project / "output")
    builds = project / ".builds"
    builds.chmod(0o555)
    try:
        result = run_invoke(project, "build", prefix=UNPRIVILEGED)
    finally:
        builds.chmod(0o755)
    assert_refused_and_kept(result, project, before, "Pas le droit d'écrire dans .builds/ : ", "chmod u+w .builds")


def test_invoke_build_on_a_full_disk_says_there_is_no_space_left(project):
    before = os.readlink(project / "output")
    result = run_invoke(project, "build", prefix=in_private_mount("size=512k"))
    assert_refused_and_kept(result, project, before, "Plus de place sur le disque : impossible d'écrire dans .builds/",
                            "Libérez de la place", "make clean")
    assert "libre sur ce disque)" in result.stderr or "libres sur ce disque)" in result.stderr


def test_invoke_build_on_a_read_only_disk_says_so(project):
    before = os.readlink(project / "output")
    result = run_invoke(project, "build", prefix=in_private_mount("ro"))
    assert_refused_and_kept(result, project, before, "Le disque de .builds/ est en lecture seule")


def test_invoke_build_beyond_the_session_file_size_limit_names_the_limit(project):
    # 20 KB: under a page of the site (the slides' images, 100 KB and more, are linked from the
    # render cache, not written, by a build where nothing changed).
    before = os.readlink(project / "output")
    result = run_invoke(project, "build", prefix=("prlimit", "--fsize=20000", "--"))
    assert_refused_and_kept(result, project, before, "dépasse la taille maximale de fichier permise",
                            f"(limite « ulimit -f » : {size_words(20000)})")


def test_invoke_live_on_a_full_disk_says_why_and_that_it_is_not_the_content(project):
    """The live preview's first build on a full disk: the storage message, not « erreur dans le contenu »."""
    said = live_until_ready(project, prefix=in_private_mount("size=512k"))
    assert "Plus de place sur le disque : impossible d'écrire dans .builds/" in said
    assert "dans le contenu" not in said and "Traceback" not in said
    assert "Une fois ce problème réglé, enregistrez un fichier : le site sera reconstruit." in said


@pytest.mark.parametrize("size, words", [(0, "0 octet"), (1, "1 octet"), (512, "512 octets"), (12 * 1024, "12 Ko"),
                                          (1536 * 1024, "1,5 Mo"), (100000, "98 Ko"), (3 * 1024 ** 3, "3 Go")])
def test_sizes_in_french(size, words):
    assert size_words(size) == words
