"""The theme's templates compiled once: Jinja's bytecode kept between builds.

Pelican gives each generator its own Jinja environment, so every build compiled
each template again, several times (the richer theme's templates cost more to
compile than to render on the sample site). `install()` gives every environment of
the build one `jinja2.FileSystemBytecodeCache` under the cache folder: Jinja checks
each entry against the template's source (a changed template is compiled again).
What else the compiled code depends on names the folder (`compiled_with`): the
environment's options, the versions of Jinja and Pelican (Pelican adds its own
filters), and each filter's and test's name and what Jinja passes it (context,
environment...), which Jinja decides at compile time.

Each entry is sealed with the SHA-256 of its bytes: a torn or damaged file (a full
disk, a crash) is compiled again, never run. The seal is no defence against someone
who can write the project's `.cache/` (they can write its code too), but Jinja's
bytecode is code: a cache folder inside the content folder (which the officer and
sync tools write) is never used. The live preview keeps its own cache
in memory, which is left in place.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import jinja2  # Pelican has imported it already

from signage.core.memo import inside


def compiled_with(settings: dict) -> str:
    """What Jinja's compiled code depends on, besides the template's source."""
    import pelican
    from jinja2.utils import _PassArg

    def calls(functions: dict) -> list[tuple[str, str]]:
        return sorted((name, repr(_PassArg.from_obj(function))) for name, function in functions.items())

    jinja = settings.get("JINJA_ENVIRONMENT") or {}
    return repr((jinja2.__version__, pelican.__version__, sorted((k, repr(v)) for k, v in jinja.items()),
                 calls(settings.get("JINJA_FILTERS") or {}), calls(settings.get("JINJA_TESTS") or {})))


def install(settings: dict) -> None:
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    if jinja.get("bytecode_cache") is not None:
        return
    cache = Path(settings["SIGNAGE_CACHE_PATH"])
    if inside(cache, settings["PATH"]):
        return
    folder = cache / "jinja" / hashlib.sha256(compiled_with(settings).encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only or full cache: templates compiled in memory, as without a cache
        return
    settings["JINJA_ENVIRONMENT"] = {**jinja, "bytecode_cache": CheckedBytecodeCache(str(folder))}


class CheckedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, each entry sealed with its SHA-256: a torn or damaged file is compiled again."""

    def load_bytecode(self, bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                data = handle.read()
        except OSError:
            return
        seal, payload = data[:32], data[32:]
        if hashlib.sha256(payload).digest() == seal:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket) -> None:
        payload = bucket.bytecode_to_string()
        target = Path(self._get_cache_filename(bucket))
        try:
            with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".", suffix=".tmp", delete=False) as handle:
                handle.write(hashlib.sha256(payload).digest() + payload)
            os.replace(handle.name, target)
        except OSError:
            pass  # a read-only cache costs time, never the build
