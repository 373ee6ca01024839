"""The local server answers like a production one: validators, 304, 404 page, no 500 on bad headers."""

import urllib.error
import urllib.request


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_revalidation_404_and_malformed_dates(tmp_path, serve):
    (tmp_path / "feed.json").write_text('{"version": 1}', encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Page introuvable</h1>", encoding="utf-8")
    server = serve(tmp_path)
    status, headers, body = fetch(server.url + "/feed.json")
    assert status == 200 and body == b'{"version": 1}'
    assert headers["Content-Type"] == "application/json" and headers["ETag"]
    status, _, body = fetch(server.url + "/feed.json", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    status, _, _ = fetch(server.url + "/feed.json", {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    status, _, body = fetch(server.url + "/feed.json", {"If-Modified-Since": "pas une date"})
    assert status == 200 and body == b'{"version": 1}'
    status, _, body = fetch(server.url + "/absente/")
    assert status == 404 and b"Page introuvable" in body
