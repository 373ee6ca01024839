"""Fixtures for the shipped production files: a published release served by the real nginx.

Loaded for every test by `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from signage.workflow.nginx import start_on_free_port
from signage.workflow.publish import Target, publish

NGINX_CONFIG = ROOT / "deploy" / "nginx" / "vitrine.conf"


def publish_copy(site: Path, folder: Path, extra: dict[str, str] | None = None) -> Path:
    """Publish a copy of a built site (plus `extra` files) into folder/target; TARGET.

    The sample itself stays untouched (publishing writes gzip twins into what it uploads)."""
    built = folder / "built"
    shutil.copytree(site, built)
    for name, text in (extra or {}).items():
        (built / name).write_text(text, encoding="utf-8")
    target = folder / "target"
    publish(built, Target.parse(str(target)))
    return target


@pytest.fixture(scope="session")
def release(sample_site, tmp_path_factory) -> Path:
    """The sample site published as a release (gzip twins written); TARGET (serve TARGET/current)."""
    manifest = '{"name": "Point d\'accueil", "start_url": "/", "display": "standalone"}'
    return publish_copy(sample_site, tmp_path_factory.mktemp("release"), {"vitrine.webmanifest": manifest})


@pytest.fixture(scope="session")
def nginx(release, tmp_path_factory):
    """The real nginx serving the sample release with the shipped config, for the whole session."""
    server = start_on_free_port(NGINX_CONFIG, release / "current", tmp_path_factory.mktemp("nginx-log") / "access.log")
    yield server
    server.cleanup()


@pytest.fixture
def nginx_for():
    """Factory: nginx_for(root, log) -> a started server, stopped after the test."""
    servers = []

    def start(root: Path, log: Path | None = None):
        server = start_on_free_port(NGINX_CONFIG, root, log)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.cleanup()
