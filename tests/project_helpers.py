"""A private copy of the project where the officer's commands run for real, and what a complete build is.

- `project_copy()` lays out a project (tasks.py, the settings, a copy of content/ and theme/) in a
  temporary folder: `python -m invoke build` run there builds into that folder's output/ and .builds/,
  as the officer's `invoke build` does in the real project (the signage package is the one installed);
- `run_invoke()` runs one task there; `start_invoke()` starts one without waiting (several at once);
  `built_project()` is a copy built once; `live_until_ready()` runs the live preview until it is up;
  `run_make()` runs a make command in a copy made `with_make`;
- `site_problems()` says what is wrong with a built site as a reader would find it: output/ does not
  resolve to a folder, a page the sitemap lists is missing, an image the screens' feed names is missing.

Used by tests/workflow (concurrent builds, disk errors) and bench/bench_concurrent_builds.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EPOCH = 1796115600  # conftest.SAMPLE_NOW: Tuesday 1 December 2026, 10:00 in Paris

PROJECT_FILES = ("tasks.py", "pelicanconf.py", "publishconf.py")
# For `make` there too: the Makefile, the files its set-up steps depend on (copied with their times, so
# that the installed stamps stay newer), and the installed .venv/ and node_modules/ themselves (links).
MAKE_FILES = ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml", "package.json",
              "package-lock.json")


def project_copy(folder: Path, cache: Path | None = None, with_make: bool = False) -> Path:
    """A project in `folder`: its own content/, theme/, output/, .builds/; the render cache `cache` if given;
    with `with_make`, the officer's make commands work there too."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES + (MAKE_FILES if with_make else ()):
        shutil.copy2(ROOT / name, folder / name)
    if with_make:
        for installed in (".venv", "node_modules"):
            (folder / installed).symlink_to(ROOT / installed, target_is_directory=True)
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "theme", folder / "theme")
    if cache is not None:
        (folder / ".cache").mkdir(exist_ok=True)
        (folder / ".cache" / "signage").symlink_to(cache, target_is_directory=True)
    return folder


def invoke_env(extra: dict | None = None) -> dict:
    return {**os.environ, "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH), "COLUMNS": "1000", **(extra or {})}


def start_invoke(project: Path, *args: str, env: dict | None = None, prefix: tuple[str, ...] = (),
                 stderr=subprocess.PIPE) -> subprocess.Popen:
    """Start `invoke ARGS` in `project` (a real process); read it with `.communicate()`."""
    return subprocess.Popen([*prefix, sys.executable, "-m", "invoke", *args], cwd=project, env=invoke_env(env),
                            stdout=subprocess.PIPE, stderr=stderr, text=True, preexec_fn=ctrl_c_delivered)


def ctrl_c_delivered() -> None:
    """In the child: Ctrl+C (SIGINT) does what it does in a terminal, even when the tests were started
    in the background (`make test &`), where the shell makes every child ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_invoke(project: Path, *args: str, env: dict | None = None, prefix: tuple[str, ...] = (),
               timeout: float = 600) -> subprocess.CompletedProcess:
    process = start_invoke(project, *args, env=env, prefix=prefix)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"invoke {' '.join(args)} did not finish in {timeout} s:\n{out}\n{err}") from None
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def built_project(folder: Path, cache: Path) -> Path:
    """A project copy in `folder` built once by `invoke build` (the render cache `cache` is then warm)."""
    project = project_copy(folder, cache)
    first = run_invoke(project, "build")
    assert first.returncode == 0, first.stderr
    return project


def live_until_ready(project: Path, prefix: tuple[str, ...] = (), stop: int = signal.SIGINT) -> str:
    """Start `invoke live --port 0`, stop it with Ctrl+C (or `stop`) once it says it is ready; all it printed."""
    live = start_invoke(project, "live", "--port", "0", prefix=prefix)
    lines = []
    try:
        for line in live.stdout:
            lines.append(line)
            if "Ctrl+C pour arrêter." in line:
                break
    finally:
        live.send_signal(stop)
        out, err = live.communicate(timeout=60)
    return "".join(lines) + out + err


def run_make(project: Path, *args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """`make ARGS` in `project` (a copy made `with_make`), as the officer types it."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=invoke_env(env),
                          capture_output=True, text=True, timeout=timeout)


def site_problems(output: Path) -> list[str]:
    """What a reader of `output` would find broken; [] when it is a complete build."""
    if not output.exists():
        return [f"{output.name}/ does not resolve to a folder ({os.readlink(output) if output.is_symlink() else 'absent'})"]
    problems = []
    for needed in ("index.html", "sitemap.xml", "signage/feed.json"):
        if not (output / needed).is_file():
            problems.append(f"{needed} missing")
    if problems:
        return problems
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    if not locations:
        problems.append("sitemap.xml lists no page")
    for location in locations:
        path = unquote(urlsplit(location).path).lstrip("/")
        file = output / path / "index.html" if path.endswith("/") or not path else output / path
        if not file.is_file():
            problems.append(f"{location} (sitemap.xml) missing")
    try:
        feed = json.loads((output / "signage" / "feed.json").read_text(encoding="utf-8"))
    except ValueError as exc:
        return [*problems, f"signage/feed.json unreadable: {exc}"]
    images = feed_images(feed)
    if not images:
        problems.append("signage/feed.json names no image")
    problems += [f"{image} (feed.json) missing" for image in sorted(images) if not (output / image).is_file()]
    for screen in feed.get("screens", {}):
        if not (output / "signage" / f"{screen}.rss").is_file():
            problems.append(f"signage/{screen}.rss missing")
    return problems


def feed_images(feed) -> set[str]:
    from signage.workflow.publish import feed_images as named

    return named(json.dumps(feed))
