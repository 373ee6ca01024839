"""`invoke serve --production`: the real nginx in the foreground on 127.0.0.1, the log path printed,
Ctrl+C stops it; a taken port or a missing folder is said in French."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from project_helpers import ctrl_c_delivered

from signage.workflow.nginx import free_port

INVOKE = str(Path(sys.executable).with_name("invoke"))


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_production_runs_nginx_in_the_foreground_until_ctrl_c(release, tmp_path, stop):
    port, log = free_port(), tmp_path / "journal" / "vitrine.json.log"
    process = subprocess.Popen([INVOKE, "serve", "--production", "--port", str(port), "--root",
                                str(release / "current"), "--log", str(log)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=ctrl_c_delivered)
    try:
        first = process.stdout.readline()
        assert first.startswith(f"nginx sert {release / 'current'} sur http://127.0.0.1:{port}/"), first
        lines = [process.stdout.readline() for _ in range(3)]
        assert f"journal d'accès (JSON, pour « invoke ecrans --log ») : {log}" in "".join(lines)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/signage/feed.json",
                                         headers={"X-Vitrine-Screen": "vitrine"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200 and response.headers["Cache-Control"] == "no-cache"
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0 and "Arrêt de nginx." in out and "Traceback" not in err, (out, err)
    (line,) = log.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["screen"] == "vitrine"
    with socket.socket() as probe:  # nginx is gone: the port is free again
        probe.bind(("127.0.0.1", port))


def test_a_taken_port_and_a_missing_folder_are_said_in_french(release, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run([INVOKE, "serve", "--production", "--port", str(port), "--root", str(release / "current")],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert busy.returncode == 1
    assert f"Le port {port} est déjà utilisé par un autre programme" in busy.stderr
    missing = subprocess.run([INVOKE, "serve", "--production", "--port", str(free_port()), "--root",
                              str(tmp_path / "rien")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "Rien à servir" in missing.stderr
    assert "Traceback" not in busy.stderr + missing.stderr
