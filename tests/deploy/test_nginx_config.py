"""deploy/nginx/vitrine.conf, served by Debian's real nginx: caching, security headers, gzip,
types, the site's 404, no listing, nothing outside the release; and the file as a server loads it."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import crossplane
import pytest
from nginx_helpers import NGINX_CONFIG

SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def get(server, path: str, **headers) -> tuple[http.client.HTTPResponse, bytes]:
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def csp_directives(policy: str) -> dict[str, set[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = set(words[1:])
    return directives


def assert_secure(response, path: str) -> None:
    for name, value in SECURITY.items():
        assert response.getheader(name) == value, (path, name)
    assert "camera=()" in response.getheader("permissions-policy", ""), path
    policy = csp_directives(response.getheader("content-security-policy", ""))
    assert policy.get("default-src") == {"'self'"} and policy.get("object-src") == {"'none'"}, path
    assert policy.get("frame-ancestors") == {"'none'"}, path
    assert response.getheader("server") == "nginx", path  # server_tokens off: no version


@pytest.mark.parametrize("path", ["/", "/horaires-et-acces/", "/signage/feed.json", "/signage/player/"])
def test_html_and_the_feed_revalidate_with_a_strong_etag(nginx, path):
    for encoding in ("gzip", "identity"):
        first, body = get(nginx, path, **{"Accept-Encoding": encoding})
        assert first.status == 200, (path, encoding)
        assert first.getheader("cache-control") == "no-cache"
        etag, modified = first.getheader("etag"), first.getheader("last-modified")
        assert etag and not etag.startswith("W/"), (path, encoding, etag)  # strong, gzip or not
        assert modified
        assert (first.getheader("content-encoding") == "gzip") == (encoding == "gzip"), (path, encoding)
        assert_secure(first, path)
        again, empty = get(nginx, path, **{"Accept-Encoding": encoding, "If-None-Match": etag})
        assert again.status == 304 and empty == b"", (path, encoding)
        assert again.getheader("etag") == etag and again.getheader("cache-control") == "no-cache"
        assert_secure(again, path)
        since, _ = get(nginx, path, **{"Accept-Encoding": encoding, "If-Modified-Since": modified})
        assert since.status == 304, (path, encoding)


def test_content_hashed_images_are_immutable(nginx, release):
    asset = sorted((release / "current" / "signage" / "assets").glob("*.png"))[0]
    response, body = get(nginx, f"/signage/assets/{asset.name}")
    assert response.status == 200 and body == asset.read_bytes()
    assert response.getheader("cache-control") == "public, max-age=31536000, immutable"
    assert response.getheader("content-type") == "image/png"
    assert_secure(response, asset.name)


def test_the_player_gets_its_own_policy_at_least_as_strict_as_its_meta(nginx, release):
    page = (release / "current" / "signage" / "player" / "index.html").read_text(encoding="utf-8")
    meta = csp_directives(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1])
    for path in ("/signage/player/", "/signage/player/main.js", "/signage/feed.json"):
        response, _ = get(nginx, path)
        header = csp_directives(response.getheader("content-security-policy"))
        if path.startswith("/signage/player/"):
            for directive, sources in meta.items():
                assert header[directive] == sources, (path, directive)
        assert "'unsafe-inline'" not in str(header) and "'unsafe-eval'" not in str(header)


def inline_script_hashes(folder: Path) -> set[str]:
    """sha256 of every inline script a browser would run, in every page of the site."""
    hashes = set()
    pattern = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S)
    for page in folder.rglob("*.html"):
        for match in pattern.finditer(page.read_text(encoding="utf-8")):
            attrs = match["attrs"]
            if "src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs):
                continue
            digest = base64.b64encode(hashlib.sha256(match["code"].encode()).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return hashes


def test_every_inline_script_of_the_site_is_allowed_by_its_hash(nginx, sample_site):
    hashes = inline_script_hashes(sample_site)
    assert hashes, "the theme has an inline script: this test must see it"
    response, _ = get(nginx, "/")
    allowed = csp_directives(response.getheader("content-security-policy"))["script-src"]
    assert hashes <= allowed, hashes - allowed


@pytest.mark.parametrize(("path", "content_type", "compressed"), [
    ("/flux/evenements.ics", "text/calendar; charset=utf-8", True),
    ("/flux/evenements.atom.xml", "application/atom+xml; charset=utf-8", True),
    ("/signage/vitrine.rss", "application/rss+xml; charset=utf-8", True),
    ("/vitrine.webmanifest", "application/manifest+json; charset=utf-8", True),
    ("/theme/dsfr/dsfr.min.css", "text/css; charset=utf-8", True),
    ("/signage/player/main.js", "application/javascript; charset=utf-8", True),
    ("/theme/dsfr/favicon/favicon.svg", "image/svg+xml", True),
    ("/images/cambriolages.jpg", "image/jpeg", False),
])
def test_types_and_gzip(nginx, release, path, content_type, compressed):
    response, body = get(nginx, path, **{"Accept-Encoding": "gzip"})
    assert response.status == 200, path
    assert response.getheader("content-type") == content_type
    assert (response.getheader("content-encoding") == "gzip") == compressed, path
    assert response.getheader("vary") == ("Accept-Encoding" if compressed else None) or not compressed
    plain = (release / "current" / path.lstrip("/")).read_bytes()
    assert (gzip.decompress(body) if compressed else body) == plain


@pytest.mark.parametrize("path", ["/pas-de-page/", "/theme/", "/theme/dsfr/icons/", "/signage/assets/",
                                  "/.vitrine/changements.json", "/.env"])
def test_missing_pages_hidden_files_and_folders_get_the_sites_404(nginx, path):
    response, body = get(nginx, path)
    assert response.status == 404, path
    assert "Page non trouvée" in body.decode("utf-8"), path  # the site's own page, never a listing
    assert "Index of" not in body.decode("utf-8")
    assert_secure(response, path)


def raw_request(server, target: str) -> tuple[int, bytes]:
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def test_nothing_outside_the_release_is_reachable(nginx_for, release, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(release / "current", root, symlinks=True)
    (tmp_path / "secret.txt").write_text("root:x:0:0 secret", encoding="utf-8")
    (root / "fuite").symlink_to(tmp_path)  # a symbolic link out of the release
    (root / "fuite.txt").symlink_to(tmp_path / "secret.txt")
    server = nginx_for(root)
    for target in ("/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2e%2e%2f%2e%2e%2fetc/passwd",
                   "/signage/..%2f..%2fsecret.txt", "/fuite/secret.txt", "/fuite.txt", "//etc/passwd"):
        status, data = raw_request(server, target)
        assert status in (400, 403, 404), (target, status)
        assert b"root:x:0" not in data and b"secret" not in data.split(b"\r\n\r\n", 1)[-1], target
    assert raw_request(server, "/index.html")[0] == 200


def test_the_shipped_file_loads_in_debians_nginx_with_tls_and_hsts_only_there(tmp_path):
    """`nginx -t` on Debian's own nginx.conf layout with the file unchanged but for the certificate."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                    "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
                   check=True, capture_output=True, timeout=60)
    text = NGINX_CONFIG.read_text(encoding="utf-8")
    certificates = re.findall(r"/etc/letsencrypt/live/[^;]+/", text)
    assert certificates, "the certificate lines moved: update this test"
    for folder in set(certificates):
        text = text.replace(folder, f"{tmp_path}/")
    text = text.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "vitrine.conf").write_text(text, encoding="utf-8")
    main = Path("/etc/nginx/nginx.conf").read_text(encoding="utf-8")
    main = re.sub(r"include /etc/nginx/sites-enabled/\*;", f"include {tmp_path}/vitrine.conf;", main)
    main = re.sub(r"include /etc/nginx/conf\.d/\*\.conf;", "", main)
    main = re.sub(r"include /etc/nginx/modules-enabled/\*\.conf;", "", main)
    main = main.replace("/var/log/nginx/", f"{tmp_path}/").replace("/run/nginx.pid", f"{tmp_path}/nginx.pid")
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    check = subprocess.run(["nginx", "-t", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path),
                            "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr

    parsed = crossplane.parse(str(NGINX_CONFIG), single=True, check_ctx=False)["config"][0]["parsed"]
    servers = [d["block"] for d in parsed if d["directive"] == "server"]

    def hsts(block):
        return any(d["directive"] == "add_header" and d["args"][0] == "Strict-Transport-Security" for d in block)

    def tls(block):
        return any(d["directive"] == "listen" and "ssl" in d["args"] for d in block)

    assert [hsts(b) for b in servers] == [tls(b) for b in servers] and any(map(tls, servers))
    for block in servers:  # an add_header inside a location would drop every header of the server
        for location in (d for d in block if d["directive"] == "location"):
            assert not any(d["directive"] == "add_header" for d in location["block"]), location["args"]
