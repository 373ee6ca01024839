"""Helpers for the window player's browser tests and benchmark.

- `player_site()` lays out a folder like output/ (signage/player/, signage/feed.json,
  signage/assets/) from the player's sources, for synthetic feeds; `add_marianne()` adds
  the fonts the published site has;
- `FeedBuilder` writes schema-valid synthetic feeds with small Pillow-made slides;
- `ClockedServer` is the dev server whose `Date` header is the test's simulated time,
  never the wall clock: the test moves it together with Playwright's clock (the player
  keeps to the server's Date, so a slow run must not drift); it counts the bytes it sends
  for feed.json and can leave chosen paths unanswered (a hanging image request), telling
  the test when such a request has arrived;
- `Player` opens the page with Playwright's clock installed and steps time.
"""

from __future__ import annotations

import email.utils
import json
import shutil
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
from PIL import Image, ImageDraw, ImageFont

from signage.screens.feed.json_feed import SCHEMA_PATH
from signage.screens.player_assets import copy_player
from signage.workflow.dev_server import SiteHandler, make_server

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(SCHEMA_PATH.read_text())
PARIS = ZoneInfo("Europe/Paris")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CHROMIUM_ARGS_PLAYER = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update"]


def paris(text: str) -> datetime:
    """'2026-12-01 10:00' -> aware datetime in Europe/Paris."""
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def span(start: datetime, end: datetime) -> dict:
    return {"start": iso(start), "end": iso(end)}


def player_site(root: Path) -> Path:
    """A folder laid out like output/, with the player copied as the build copies it."""
    copy_player(root)
    (root / "signage" / "assets").mkdir(parents=True, exist_ok=True)
    return root


def add_marianne(root: Path) -> None:
    """The DSFR's Marianne fonts where the published site has them (theme/dsfr/fonts/, which
    the player's CSS points to); without them the player falls back to DejaVu Sans."""
    fonts = root / "theme" / "dsfr" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for name in ("Marianne-Bold.woff2", "Marianne-Regular.woff2"):
        shutil.copyfile(ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist" / "fonts" / name, fonts / name)


def make_slide_png(path: Path, size: tuple[int, int], color: str, label: str) -> int:
    """A plain slide: colour + big label. Returns its size in bytes."""
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(FONT, max(24, size[1] // 8))
    except OSError:
        font = ImageFont.load_default()
    draw.text((size[0] // 2, size[1] // 2), label, fill="white", font=font, anchor="mm")
    image.save(path, "PNG")
    return path.stat().st_size


COLORS = ["#1f4e9c", "#8a2be2", "#2e7d32", "#b71c1c", "#ef6c00", "#00695c", "#4e342e", "#37474f"]


class FeedBuilder:
    """Synthetic feed.json + slide images in a player_site() folder; always schema-checked."""

    def __init__(self, root: Path, screen: str = "vitrine", size: tuple[int, int] = (480, 270)):
        self.root = root
        self.screen = screen
        self.size = size
        self.assets = root / "signage" / "assets"
        self.count = 0

    def image(self, label: str, color: str | None = None) -> dict:
        color = color or COLORS[self.count % len(COLORS)]
        self.count += 1
        name = f"{label.lower().replace(' ', '-')}-{color.strip('#')}-{self.size[0]}x{self.size[1]}.png"
        size = make_slide_png(self.assets / name, self.size, color, label)
        return {"url": f"assets/{name}", "type": "image/png", "width": self.size[0],
                "height": self.size[1], "bytes": size}

    def slide(self, slide_id: str, intervals: list[dict], duration: float = 10, kind: str = "content",
              title: str | None = None, open_ended: bool = False, variants: list | None = None,
              image: dict | None = None) -> dict:
        item = {"id": slide_id, "kind": kind, "title": title if title is not None else slide_id,
                "duration": duration, "intervals": intervals, "open_ended": open_ended,
                "image": image or self.image(slide_id)}
        if variants:
            item["variants"] = variants
        return item

    def feed(self, slides: list[dict], alerts: list[dict] | None = None, opening: list[dict] | None = None,
             generated_at: datetime | None = None, horizon_end: datetime | None = None,
             poll_seconds: int = 60, site_name: str = "Point d'accueil de gendarmerie de Pusey") -> dict:
        generated_at = generated_at or paris("2026-12-01 00:00")
        horizon_end = horizon_end or generated_at + timedelta(days=42)
        return {
            "version": 1,
            "generated_at": iso(generated_at),
            "horizon_end": iso(horizon_end),
            "poll_seconds": poll_seconds,
            "site": {"name": site_name, "url": "https://example.invalid/"},
            "opening": opening or [],
            "emergency": {"numbers": [{"number": "17", "label": "Police secours"},
                                      {"number": "112", "label": "Urgences européennes"}],
                          "complaint_url": "https://www.masecurite.interieur.gouv.fr"},
            "alerts": [{"id": a["id"], "title": a["title"], "intervals": a["intervals"]} for a in alerts or []],
            "screens": {self.screen: {"width": self.size[0], "height": self.size[1],
                                      "slides": slides, "alerts": alerts or []}},
        }

    def write(self, feed: dict, check: bool = True) -> Path:
        if check:
            jsonschema.validate(feed, SCHEMA)
        path = self.root / "signage" / "feed.json"
        text = json.dumps(feed, ensure_ascii=False, indent=1)
        write_atomically(path, text)
        return path


def write_atomically(path: Path, text: str) -> None:
    """Replace a file in one rename, with a new mtime (so a new ETag)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def opening_weekdays(first: datetime, days: int, hours: tuple[int, int] = (9, 19)) -> list[dict]:
    """Opening intervals Monday to Saturday `hours`, starting on `first` (Paris) for `days` days."""
    spans = []
    for offset in range(days):
        day = (first + timedelta(days=offset)).date()
        if day.weekday() == 6:
            continue
        start = datetime(day.year, day.month, day.day, hours[0], tzinfo=PARIS)
        end = datetime(day.year, day.month, day.day, hours[1], tzinfo=PARIS)
        spans.append(span(start, end))
    return spans


def closed_spans(opening: list[dict], start: datetime, end: datetime) -> list[dict]:
    """The complement of `opening` within [start, end): the closed slide's intervals."""
    spans, cursor = [], start
    for item in sorted(opening, key=lambda o: o["start"]):
        begin, finish = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
        if begin > cursor:
            spans.append(span(cursor, begin))
        cursor = max(cursor, finish)
    if cursor < end:
        spans.append(span(cursor, end))
    return spans


HANG_LIMIT_SECONDS = 30.0  # a hanging request is released at the latest after this (real) time


class ClockedServer:
    """The dev server, with a Date header from the test's simulated clock, a byte
    counter, and paths that hang (no answer until the server stops, at most
    HANG_LIMIT_SECONDS)."""

    def __init__(self, root: Path, now: datetime):
        self.root = Path(root)
        self.lock = threading.Lock()
        self.simulated = now.timestamp()  # seconds since the epoch, moved only by the test
        self.hanging: set[str] = set()  # URL paths left unanswered
        self.held: list[tuple[str, str]] = []  # (path, Sec-Fetch-Dest) of each request left hanging
        self.held_changed = threading.Condition(self.lock)
        self.release = threading.Event()
        self.feed_bytes: list[tuple[int, int]] = []  # (status, bytes sent) per feed.json response
        self.feed_request_bytes: list[int] = []  # request line + headers received, per feed.json request
        owner = self

        class Handler(SiteHandler):
            def date_time_string(self, timestamp=None):
                return email.utils.formatdate(owner.now(), usegmt=True)

            def do_GET(self):
                if self.path.split("?")[0] in owner.hanging:
                    with owner.lock:
                        owner.held.append((self.path.split("?")[0], self.headers.get("Sec-Fetch-Dest", "")))
                        owner.held_changed.notify_all()
                    owner.release.wait(HANG_LIMIT_SECONDS)
                    self.close_connection = True
                    return  # no answer at all: the client sees the connection close
                super().do_GET()

            def handle_one_request(self):
                counter = _CountingWriter(self.wfile)
                self.wfile = counter
                super().handle_one_request()
                path = getattr(self, "path", "") or ""
                if path.split("?")[0].endswith("/signage/feed.json"):
                    received = len(self.raw_requestline) + len(bytes(self.headers)) if self.headers else 0
                    with owner.lock:
                        owner.feed_bytes.append((getattr(self, "_status", 0), counter.count))
                        owner.feed_request_bytes.append(received)

            def send_response(self, code, message=None):
                self._status = code
                super().send_response(code, message)

        self.server = make_server(self.root, "127.0.0.1", 0, handler=Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def now(self) -> float:
        """The server's notion of now: the simulated time, standing still between steps."""
        return self.simulated

    def set_time(self, moment: datetime) -> None:
        self.simulated = moment.timestamp()

    def advance(self, seconds: float) -> None:
        self.simulated += seconds

    def hang(self, path: str) -> None:
        """Leave GET requests for `path` (e.g. '/signage/assets/x.png') unanswered."""
        self.hanging.add(path)

    def wait_for_held(self, path: str, timeout: float = 10.0) -> list[str]:
        """Wait (real time) until a request for `path` has reached the server and is being left
        hanging; return the Sec-Fetch-Dest of those held so far ("image" for an <img>, "empty"
        for a fetch(): Chromium holds a second request for a URL behind the first one)."""
        with self.held_changed:
            if not self.held_changed.wait_for(lambda: any(held == path for held, _ in self.held), timeout):
                raise AssertionError(f"no request for {path} reached the server in {timeout} s")
            return [destination for held, destination in self.held if held == path]

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class _CountingWriter:
    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll `expression` in the page (page.wait_for_function would need 'unsafe-eval',
    which the player's Content-Security-Policy rightly refuses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.005)


class Player:
    """The player page under Playwright's clock, with the server's clock kept in step."""

    def __init__(self, page, server: ClockedServer, screen: str = "vitrine"):
        self.page = page
        self.server = server
        self.screen = screen

    @property
    def url(self) -> str:
        return f"{self.server.url}/signage/player/?screen={self.screen}"

    def open(self, at: datetime, wait_slide: bool = True, skew: float = 0) -> None:
        """Open the player with the clock paused at `at` (a whole second); the server's
        clock stands `skew` seconds ahead of the browser's."""
        self.server.set_time(at + timedelta(seconds=skew))
        self.page.clock.install(time=at - timedelta(seconds=5))
        self.page.clock.pause_at(at)
        self.page.goto(self.url)
        wait_until(self.page, "document.body.dataset.ready === '1' && Number(document.body.dataset.polls) >= 1")
        if wait_slide:
            self.settle()

    def settle(self) -> None:
        """Wait until no slide change is half-way (image decoding): one round trip."""
        self.page.evaluate("""() => new Promise((resolve) => {
            if (document.body.dataset.pending !== '1') return resolve();
            const observer = new MutationObserver(() => {
                if (document.body.dataset.pending !== '1') { observer.disconnect(); resolve(); }
            });
            observer.observe(document.body, {attributes: true, attributeFilter: ['data-pending']});
        })""")

    def run(self, seconds: float) -> None:
        """Let `seconds` of play pass, one second at a time, letting each change finish."""
        whole = int(seconds)
        for _ in range(whole):
            self.step(1)
        if seconds - whole:
            self.step(seconds - whole)

    def step(self, seconds: float, settle: bool = True) -> None:
        """Move Playwright's clock and the server's together; then, unless told not to,
        wait for a slide change under way to finish. Within one step no image decodes
        (Playwright runs the timers in a row), so a step longer than the player's
        DECODE_TIMEOUT_MS (5 s) that starts a slide change skips that slide: use run()."""
        self.server.advance(seconds)
        self.page.clock.run_for(int(round(seconds * 1000)))
        if settle:
            self.settle()

    def slide(self) -> str:
        return self.page.evaluate("document.body.dataset.slide || ''")

    def state(self) -> dict:
        return self.page.evaluate("""() => ({
            slide: document.body.dataset.slide || '', source: document.body.dataset.source || '',
            mode: document.body.dataset.mode || '', stale: document.body.dataset.stale || '',
            polls: Number(document.body.dataset.polls || 0),
            time: document.querySelector('[data-part=time]').textContent,
            hours: document.querySelector('[data-part=hours]').hidden ? null
                   : document.querySelector('[data-part=hours]').textContent,
            emergency: document.querySelector('[data-part=emergency]').textContent,
            src: (document.querySelector('img.layer.shown') || {}).src || '',
            card: document.querySelector('.card').hidden ? null
                  : document.querySelector('.card').innerText,
        })""")


def browser_metrics(cdp, collect: bool = True) -> dict:
    """Chromium's Performance metrics (JSHeapUsedSize, Nodes, TaskDuration, ...), after a GC."""
    if collect:
        cdp.send("HeapProfiler.collectGarbage")
    return {item["name"]: item["value"] for item in cdp.send("Performance.getMetrics")["metrics"]}


def dom_nodes(page) -> int:
    return page.evaluate("document.getElementsByTagName('*').length")
