"""One site-URL helper: the public site, the served site, the feeds' links."""

from __future__ import annotations

from signage.core.site_url import absolute, feed_base, public_base, public_url, served_base

PUBLIC = "https://accueil.example.fr"
DEVELOPMENT = {"PUBLIC_SITEURL": PUBLIC, "SITEURL": "", "FEED_DOMAIN": "http://127.0.0.1:8000"}
PRODUCTION = {"PUBLIC_SITEURL": PUBLIC, "SITEURL": PUBLIC + "/", "FEED_DOMAIN": PUBLIC}


def test_bases_in_development_and_production():
    assert public_base(DEVELOPMENT) == public_base(PRODUCTION) == PUBLIC
    assert served_base(DEVELOPMENT) == PUBLIC and served_base(PRODUCTION) == PUBLIC
    assert feed_base(DEVELOPMENT) == "http://127.0.0.1:8000" and feed_base(PRODUCTION) == PUBLIC
    assert public_base({}) == "http://localhost"


def test_one_slash_between_base_and_path():
    assert absolute(PUBLIC + "/", "/evenements/forum/") == f"{PUBLIC}/evenements/forum/"
    assert absolute(PUBLIC) == f"{PUBLIC}/"
    assert absolute(PUBLIC, "#point-accueil") == f"{PUBLIC}/#point-accueil"
    assert public_url(DEVELOPMENT, "services/") == f"{PUBLIC}/services/"
