"""Vitrine: development settings (live preview, local build).

`pelican content -s pelicanconf.py -o OUT` builds the full site with these.
Production overrides live in publishconf.py.
"""


# --- The reception point -------------------------------------------------------
AUTHOR = "Gendarmerie nationale"
SITENAME = "Point d'accueil de gendarmerie de Pusey"
SITE_OPERATOR = "Gendarmerie nationale"
SITE_TAGLINE = "Au cœur du parc commercial de Pusey (Haute-Saône)"
SITEURL = ""  # development: relative links; see publishconf.py for production
PUBLIC_SITEURL = "https://point-accueil-pusey.gendarmerie.interieur.gouv.fr"

# Facts used by the theme, the structured data and the screens.
RECEPTION = {
    "name": "Point d'accueil de gendarmerie de Pusey",
    "street": "Parc commercial de Pusey",
    "postal_code": "70000",
    "locality": "Pusey",
    "region": "Haute-Saône",
    "country": "FR",
    "latitude": 47.6525,
    "longitude": 6.1247,
    "telephone": "17",
    "complaint_url": "https://www.masecurite.interieur.gouv.fr",
}

# --- Content --------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["prevention", "recrutement", "evenements", "alertes"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"  # overridden in templates by Babel-formatted dates
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Actualités"
DEFAULT_PAGINATION = 12
SUMMARY_MAX_LENGTH = 40
TYPOGRIFY = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# --- URLs: clean, stable, one folder per page --------------------------------------
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
CATEGORIES_SAVE_AS = ""
TAG_URL = "etiquettes/{slug}/"
TAG_SAVE_AS = "etiquettes/{slug}/index.html"
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "actualites/"
ARCHIVES_SAVE_AS = "actualites/index.html"
DRAFT_URL = "brouillons/{slug}/"
DRAFT_SAVE_AS = "brouillons/{slug}/index.html"
DRAFT_PAGE_URL = "brouillons/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "brouillons/pages/{slug}/index.html"
DIRECT_TEMPLATES = ["index", "archives", "404", "robots", "recherche"]
ROBOTS_SAVE_AS = "robots.txt"  # theme/templates/robots.html, pointing to sitemap.xml
RECHERCHE_URL = "recherche/"  # the search results (theme/templates/recherche.html, signage/site/search_index.py)
RECHERCHE_SAVE_AS = "recherche/index.html"
PAGINATED_TEMPLATES = {"category": None, "archives": None}  # the home is one page
# Page 2 of a listing at actualites/page/2/ (the first stays at the listing's own URL).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
INDEX_SAVE_AS = "index.html"

# --- Feeds ---------------------------------------------------------------------------
FEED_DOMAIN = "http://127.0.0.1:8000"  # development; publishconf.py sets the real one
FEED_ALL_ATOM = "flux/actualites.atom.xml"
CATEGORY_FEED_ATOM = "flux/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
RSS_FEED_SUMMARY_ONLY = True

# --- Theme and plugins -----------------------------------------------------------------
THEME = "theme"
PLUGINS = ["pelican.plugins.sitemap", "signage"]
SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.6, "indexes": 0.5, "pages": 0.7},
    "changefreqs": {"articles": "weekly", "indexes": "daily", "pages": "monthly"},
    "exclude": ["tag/", "etiquettes/", "brouillons/", "signage/", "recherche/"],
}
DELETE_OUTPUT_DIRECTORY = False  # never: `invoke build` swaps a fresh directory in atomically
LOAD_CONTENT_CACHE = False

# --- Screens (see signage/settings.py for every setting and its default) ----------------
SIGNAGE_SCREENS = [
    {"name": "vitrine", "label": "Vitrine (paysage)", "width": 1920, "height": 1080},
    {"name": "totem", "label": "Totem d'entrée (portrait)", "width": 1080, "height": 1920},
]
SIGNAGE_DEFAULT_DURATION = 10
SIGNAGE_HORIZON_DAYS = 42
SIGNAGE_POLL_SECONDS = 60
SIGNAGE_PREVIEW = True

# --- Publishing (invoke publish) -----------------------------------------------------
PUBLISH_DIR = "public"  # a local folder by default
PUBLISH_RSYNC_TARGET = ""  # e.g. "deploy@server:/var/www/vitrine/" to publish with rsync
