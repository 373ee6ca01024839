"""`invoke new campagne "Titre"`: a new Markdown file, in the right folder, with the right keys.

Kinds: campagne (Prévention), evenement (Événements), alerte (Alertes),
recrutement (Recrutement). Dates are filled in from today (the build's
"now": SOURCE_DATE_EPOCH when set, else the clock), the slug from the title.
Markdown metadata cannot hold comments, so the optional keys are shown as
commented examples in an HTML comment at the end of the text: the site's
sanitiser removes comments, so they are never published.
An existing file is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from signage.core.clock import build_now
from signage.core.content_files import is_ignored, regular_file
from signage.core.errors import CommandError
from signage.core.header import read_header
from signage.core.vocabulary import ALERTS, CATEGORIES, EVENTS, PREVENTION, RECRUITMENT


class NewContentError(CommandError):
    """A French message for the officer: why nothing was created."""

    def report(self) -> str:
        return f"Rien n'a été créé : {self}"


@dataclass(frozen=True)
class Kind:
    folder: str
    category: str
    label: str


KINDS = {
    "campagne": Kind(CATEGORIES[PREVENTION], PREVENTION, "campagne de prévention"),
    "evenement": Kind(CATEGORIES[EVENTS], EVENTS, "événement"),
    "alerte": Kind(CATEGORIES[ALERTS], ALERTS, "alerte"),
    "recrutement": Kind(CATEGORIES[RECRUITMENT], RECRUITMENT, "offre de recrutement"),
}
ALIASES = {"événement": "evenement", "evénement": "evenement", "prevention": "campagne",
           "prévention": "campagne", "campagnes": "campagne", "alertes": "alerte",
           "evenements": "evenement", "événements": "evenement"}


MAX_SLUG = 80  # characters of the file name and address made from the title


def slug_of(title: str) -> str:
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]).strip("-")
    if len(slug) > MAX_SLUG:  # a long title still makes a file name every system accepts, cut between words
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def _minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _saturday_after(today: datetime, weeks: int) -> datetime:
    days = (5 - today.weekday()) % 7 + 7 * weeks
    return (today + timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)


def _keys(kind: str, title: str, slug: str, now: datetime) -> list[tuple[str, str]]:
    info = KINDS[kind]
    keys = [("Title", title), ("Date", _minute(now.replace(second=0, microsecond=0))),
            ("Category", info.category), ("Slug", slug)]
    if kind == "campagne":
        keys += [("Summary", "Une phrase qui résume la campagne (elle sert aussi de texte à l'écran)."),
                 ("Slide", "yes"),
                 ("Slide_title", title),
                 ("Slide_text", "Le conseil en une phrase, lisible à trois mètres."),
                 ("Slide_from", _day(now)),
                 ("Slide_until", _day(now + timedelta(days=30)))]
    elif kind == "evenement":
        start = _saturday_after(now, 2)
        keys += [("Summary", f"Ce qui se passe, pour qui, le {start:%d/%m/%Y} de 10 h à 17 h."),
                 ("Event_start", _minute(start)),
                 ("Event_end", _minute(start.replace(hour=17))),
                 ("Location", "Point d'accueil de gendarmerie, parc commercial de Pusey"),
                 ("Slide", "yes"),
                 ("Slide_title", title),
                 ("Slide_text", "Quand, où, pour qui : en une phrase.")]
    elif kind == "alerte":
        start = now.replace(minute=0, second=0, microsecond=0)
        keys += [("Summary", "Ce qui se passe et ce qu'il faut faire, en une phrase."),
                 ("Alert", "yes"),
                 ("Slide", "yes"),
                 ("Slide_title", title),
                 ("Slide_text", "La consigne en une phrase : que faire, qui appeler (17)."),
                 ("Slide_from", _minute(start)),
                 ("Slide_until", _minute((start + timedelta(days=2)).replace(hour=20)))]
    else:  # recrutement
        keys += [("Summary", "Le métier, les conditions, comment candidater, en une phrase."),
                 ("Slide", "yes"),
                 ("Slide_title", title),
                 ("Slide_text", "Qui peut candidater et comment, en une phrase."),
                 ("Slide_link", "https://www.lagendarmerierecrute.fr")]
    return keys


_EXAMPLES = {
    "campagne": """\
Slide_image: images/ma-photo.jpg        (une photo rangée dans content/images/)
Slide_when: Mo-Sa 09:00-19:00           (seulement pendant ces heures)
Slide_duration: 12                      (secondes à l'écran ; 10 par défaut)
Slide_screens: vitrine                  (un seul écran ; tous par défaut)
Slide_link: https://www.masecurite.interieur.gouv.fr   (adresse du QR code)
Tags: cambriolage, domicile""",
    "evenement": """\
Slide_image: images/ma-photo.jpg        (une photo rangée dans content/images/)
Slide_duration: 12                      (secondes à l'écran ; 10 par défaut)
Slide_screens: vitrine, totem           (écrans ; tous par défaut)
Slide_from: 2027-01-02                  (à l'écran à partir de ce jour)
Tags: animation""",
    "alerte": """\
Slide_until est obligatoire pour une alerte : elle s'arrête toute seule.
Slide_screens: vitrine                  (un seul écran ; tous par défaut)
Slide_link: https://www.amendes.gouv.fr (adresse du QR code)
Slide_duration: 15                      (secondes à l'écran)""",
    "recrutement": """\
Slide_image: images/ma-photo.jpg        (une photo rangée dans content/images/)
Slide_until: 2027-03-31                 (fin de la diffusion à l'écran)
Slide_when: Sa 09:00-19:00              (seulement le samedi)
Tags: recrutement, jeunes""",
}


def render(kind: str, title: str, now: datetime) -> str:
    slug = slug_of(title)
    header = "\n".join(f"{key}: {value}" for key, value in _keys(kind, title, slug, now))
    body = ("Écrivez ici le texte de la page. Un paragraphe court par idée ; "
            "les intertitres commencent par « ## ».\n\n"
            "## Les bons réflexes\n\n"
            "- Premier conseil.\n- Deuxième conseil.\n")
    comment = (f"<!--\nExemples de clés à ajouter en tête du fichier (sans les parenthèses) :\n\n"
               f"{_EXAMPLES[kind]}\n\n"
               "Toutes les clés et leurs exemples : docs/guide-redaction.md.\n"
               "Ce commentaire n'est jamais publié ; vous pouvez le supprimer.\n-->\n")
    return f"{header}\n\n{body}\n{comment}"


def create(content_root: Path, kind: str, title: str, now: datetime | None = None) -> Path:
    """Write the new file and return its path; NewContentError (French) when it cannot."""
    kind = ALIASES.get(kind.lower(), kind.lower())
    if kind not in KINDS:
        raise NewContentError(f"type « {kind} » inconnu : choisissez parmi "
                              f"{', '.join(KINDS)} (par exemple : invoke new campagne \"Vols de vélos\").")
    title = " ".join((title or "").split())
    if not title:
        raise NewContentError("donnez un titre entre guillemets, par exemple : "
                              "invoke new campagne \"Vols de vélos\".")
    slug = slug_of(title)
    if not slug:
        raise NewContentError(f"le titre « {title} » ne donne aucune adresse : ajoutez des lettres ou des chiffres.")
    now = now or build_now()
    folder = Path(content_root) / KINDS[kind].folder
    path = folder / f"{slug}.md"
    if path.exists() or path.is_symlink():
        raise NewContentError(f"{path} existe déjà : il n'a pas été modifié. Choisissez un autre "
                              "titre ou ouvrez ce fichier pour le compléter.")
    for other in Path(content_root).rglob("*.md"):
        if regular_file(content_root, other) is None or is_ignored(other.name):
            continue  # never read through a link, never block on a FIFO (core.content_files)
        written = read_header(other).get("slug")
        if written is not None and written.value == slug and other.parent.name == KINDS[kind].folder:
            raise NewContentError(f"{other} porte déjà le Slug « {slug} » : choisissez un autre titre.")
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(render(kind, title, now))
    return path
