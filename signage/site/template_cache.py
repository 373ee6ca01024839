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

Jinja's bytecode is code: a cache folder inside the content folder (which the
officer and sync tools write) is never used. The live preview keeps its own cache
in memory, which is left in place.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from signage.core.memo import inside


def compiled_with(settings: dict) -> str:
    """What Jinja's compiled code depends on, besides the template's source."""
    import jinja2
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
    import jinja2

    folder = cache / "jinja" / hashlib.sha256(compiled_with(settings).encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**jinja, "bytecode_cache": jinja2.FileSystemBytecodeCache(str(folder))}
