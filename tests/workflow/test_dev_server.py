"""The local server answers like a production one: validators, 304, 404 page, no 500 on bad headers."""

import time
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


BURST = 64  # simultaneous clients: a classroom of phones, or the officer's browser and every screen


def test_a_burst_of_64_clients_is_queued_then_served_while_the_server_is_busy(tmp_path):
    """While the serving thread is busy (a rebuild holds the interpreter), 64 clients connect at once.

    With Python's default listen queue (5) the kernel drops all but 6 connections, which retry after
    1 s, 3 s, 7 s…: the page stalls. Every connection must be queued, then every one served in full.
    """
    import select
    import socket
    import threading

    from signage.workflow.dev_server import make_server

    body = b"<!doctype html><title>Accueil</title>" + b"x" * 20_000
    (tmp_path / "index.html").write_bytes(body)
    server = make_server(tmp_path, "127.0.0.1", 0)  # listening, not yet accepting: busy
    port = server.server_address[1]
    clients = [socket.socket() for _ in range(BURST)]
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        for client in clients:
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
        established, deadline = set(), time.monotonic() + 0.5  # well under the 1 s of a dropped SYN's retry
        while len(established) < BURST and time.monotonic() < deadline:
            _, ready, _ = select.select([], [c for c in clients if c not in established], [], 0.05)
            established |= {c for c in ready if c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0}
        assert len(established) == BURST  # every client is in the listen queue, none dropped

        serving.start()
        for client in clients:
            client.setblocking(True)
            client.settimeout(10)
            client.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        for client in clients:
            answer = b""
            while chunk := client.recv(65536):
                answer += chunk
            assert answer.startswith(b"HTTP/1.0 200") and answer.endswith(body)
        # and it keeps serving: 64 more clients at once, through urllib this time
        results = []
        threads = [threading.Thread(target=lambda: results.append(fetch(f"http://127.0.0.1:{port}/")[0]))
                   for _ in range(BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert results == [200] * BURST
    finally:
        for client in clients:
            client.close()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
