"""The short links' nginx map, as docs/exploitation.md says to use it, gives real 301s with Debian's nginx."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request

from conftest import ROOT

from signage.screens import short_links
from signage.workflow.nginx import free_port, nginx_binary

GUIDE = (ROOT / "docs" / "exploitation.md").read_text(encoding="utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_the_documented_map_turns_every_short_link_into_a_301(sample_site, tmp_path):
    map_block = re.search(r"```\n(map \$uri \$vitrine_court \{.*?\n\})\n```", GUIDE, re.S).group(1)
    server_line = re.search(r"`(if \(\$vitrine_court\) \{ return 301 \$vitrine_court; \})`", GUIDE).group(1)
    map_block = map_block.replace("/srv/vitrine/current", str(sample_site))
    port = free_port()
    temp = tmp_path / "temp"
    temp.mkdir()
    paths = " ".join(f"{name}_temp_path {temp};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(f"""daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;
events {{}}
http {{
  access_log off; {paths}
  {map_block}
  server {{ listen 127.0.0.1:{port}; root {sample_site};
    {server_line}
    location / {{ try_files $uri $uri/ =404; }}
  }}
}}
""", encoding="utf-8")
    server = subprocess.Popen([nginx_binary(), "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                              stderr=subprocess.PIPE, text=True)
    try:
        opener = urllib.request.build_opener(_NoRedirect)
        links = json.loads((sample_site / short_links.DATA_JSON).read_text(encoding="utf-8"))
        assert links
        for path, target in links.items():
            for asked in (path, path.rstrip("/")):
                for _attempt in range(50):
                    try:
                        opener.open(f"http://127.0.0.1:{port}{asked}")
                    except urllib.error.HTTPError as answer:
                        status, location = answer.code, answer.headers.get("Location")
                        break
                    except urllib.error.URLError:  # nginx still starting
                        time.sleep(0.1)
                else:
                    raise AssertionError(f"nginx did not answer: {server.stderr}")
                assert (status, location) == (301, f"http://127.0.0.1:{port}{target}"), asked
    finally:
        server.terminate()
        server.wait(timeout=10)
