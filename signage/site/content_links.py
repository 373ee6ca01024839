"""Every link and image of a page's body leads somewhere: a rule of every build.

Pelican leaves a `{filename}` / `{static}` / `{attach}` link it cannot resolve
as it is (`href="{filename}/pages/absente.md"`) and logs a warning; an image
whose file does not exist is published as a broken image. Here, once every
generator has read the content (`all_generators_finalized`, before a byte is
written), each body is read and each of these is an error of the build, with
the page's file, the line and the fix:

- a `{filename}` link to a file that does not exist or is not published;
- a `{static}` / `{attach}` link to a file that does not exist, or that lies
  outside the content folder (`{static}/../../etc/passwd`) or behind a refused
  link (`content_guard` never copies those);
- a `{category}` / `{tag}` / `{author}` link to a name no content uses;
- an image (Markdown or raw HTML) whose file is not in the site, or whose
  address the sanitiser removed (`file:///…`, `javascript:`);
- an image over the pixel limit (`core.images`: a decompression bomb), with its size and the limit;
- a JPEG, PNG, GIF or WebP image that Pillow cannot identify (random bytes, an SVG renamed .png):
  it would be published broken;
- an image without alternative text (`alt`): the people who do not see it get nothing;
- a plain link to a page of this site (`/services/`, `../cambriolages/`) that no content
  produces (`known_urls`);
- an image fetched from another site (`https://ailleurs.fr/photo.jpg`, in `src` or `srcset`):
  every visitor's browser would call that site (no third-party request, DESIGN.md).

`references(item, …)` reads one body into `Reference`s; `invoke check`
(`workflow.check`) uses them for its extra advice (the weight of images).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from PIL import UnidentifiedImageError

from signage.core.content_files import regular_file
from signage.core.errors import ErrorLog, error_log
from signage.core.header import line_containing
from signage.core.images import IMAGE_EXTENSIONS, ImageTooLargeError, open_image
from signage.core.metadata import build_contents

_LINK_MARK = re.compile(r"^(?:\{|\|)(filename|static|attach)(?:\}|\|)(.*)$")
_NAME_MARK = re.compile(r"^(?:\{|\|)(category|tag|author|index)(?:\}|\|)(.*)$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Attributes holding an address (Pelican resolves its placeholders in these).
ADDRESSES = {"a": "href", "img": "src", "blockquote": "cite", "q": "cite", "del": "cite", "ins": "cite"}
# Folders of the output that are made by the build, not copied from content/.
GENERATED_PREFIXES = ("theme/", "signage/", "flux/", "__vitrine__/")
FIX_PATH = ("vérifiez le nom et le dossier (les chemins partent du fichier, « / » part du dossier de contenu, "
            "« ../ » remonte d'un dossier)")


@dataclass(frozen=True)
class Reference:
    """One address in a body, resolved as Pelican resolves it."""

    source: str  # the page's file
    tag: str  # a, img…
    value: str  # as written in the body (after sanitising); "" when the sanitiser removed it
    attributes: dict
    line: int | None
    kind: str | None  # filename, static, attach, category, tag, author, index; None for a plain address
    relative: str | None = None  # for {filename}/{static}/{attach}: the path from the content folder
    resolved: bool = True  # False: the placeholder leads nowhere (`problem` says why)
    problem: str | None = None
    file: str | None = None  # the file under content/ it shows, when it is a local image

    @property
    def what(self) -> str:
        return "l'image" if self.tag == "img" else "le lien"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ADDRESSES:
            self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _srcset_urls(srcset: str) -> list[str]:
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


def _slug(name: str) -> str:
    from pelican.utils import slugify

    return slugify(name.strip())


def normal_url(url: str) -> str:
    """A URL path as the site's files name it: no leading slash, `index.html` and trailing slash dropped."""
    url = unquote(url).lstrip("/")
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    return url.rstrip("/")


class Resolver:
    """What the build knows to resolve addresses: contents, static files, categories, tags, authors."""

    def __init__(self, context: dict):
        self.context = context
        self.root = context["PATH"]
        self.generated = context.get("generated_content", {}) or {}
        self.static = context.get("static_content", {}) or {}
        self.names = {kind: {_slug(str(group[0] if isinstance(group, tuple) else group))
                             for group in context.get(key, []) or []}
                      for kind, key in (("category", "categories"), ("tag", "tags"), ("author", "authors"))}
        self.origins = {f"{p.scheme}://{p.netloc}" for p in (urlsplit(str(context.get(key) or ""))
                        for key in ("SITEURL", "PUBLIC_SITEURL")) if p.netloc}
        self.static_urls = {normal_url(item.url): item.source_path
                            for item in context.get("staticfiles", []) or [] if getattr(item, "url", None)}

    def references(self, item) -> Iterator[Reference]:
        source = item.source_path
        relative_dir = os.path.dirname(os.path.relpath(source, self.root)).replace(os.sep, "/")
        parser = _Tags()
        parser.feed(getattr(item, "_content", "") or "")
        for tag, attrs in parser.tags:
            value = attrs.get(ADDRESSES[tag]) or ""
            if not value and tag != "img":
                continue
            line = self._line(source, value, attrs)
            yield self._resolve(source, tag, value, attrs, line, relative_dir, getattr(item, "url", "") or "")

    @staticmethod
    def _line(source: str, value: str, attrs: dict) -> int | None:
        quoted = [f"({value})", f'"{value}"', f"'{value}'", f"={value}"] if value else []  # ![](x), src="x"
        for needle in (*quoted, value, value.split("}")[-1], attrs.get("alt") or ""):
            if needle and (line := line_containing(source, needle)):
                return line
        return None

    def _resolve(self, source, tag, value, attrs, line, relative_dir, own_url) -> Reference:
        made = dict(source=source, tag=tag, value=value, attributes=attrs, line=line)
        if not value:
            return Reference(**made, kind=None, resolved=False,
                             problem="n'a pas d'adresse utilisable (une adresse « file: », « javascript: » ou "
                                     "« data: » est retirée) : mettez l'image dans content/images/ et écrivez "
                                     "![description]({static}/images/photo.jpg)")
        named = _NAME_MARK.match(value)
        if named:
            kind, name = named.group(1), unquote(named.group(2))
            if kind == "index" or _slug(name) in self.names.get(kind, set()):
                return Reference(**made, kind=kind)
            label = {"category": "la rubrique", "tag": "l'étiquette", "author": "l'auteur"}[kind]
            return Reference(**made, kind=kind, resolved=False,
                             problem=f"vers {label} « {name} » ne mène nulle part : aucun contenu ne la porte. "
                                     "Vérifiez l'orthographe (par exemple {category}Prévention)")
        mark = _LINK_MARK.match(value)
        if mark:
            return self._placeholder(made, mark.group(1), mark.group(2), relative_dir)
        if tag == "img":
            foreign = [url for url in [value, *_srcset_urls(attrs.get("srcset") or "")] if self._foreign(url)]
            if foreign:
                return Reference(**made, kind=None, resolved=False,
                                 problem=f"« {foreign[0]} » vient d'un autre site : le navigateur de chaque "
                                         "visiteur le lui demanderait (le site n'appelle aucun autre site). "
                                         "Copiez l'image dans content/images/ et écrivez "
                                         "![description]({static}/images/photo.jpg)")
        if tag != "img" or value.startswith(("#", "//")) or _SCHEME.match(value):
            return Reference(**made, kind=None)
        path = urlsplit(value).path
        base = "/" + own_url
        folder = base if base.endswith("/") else posixpath.dirname(base)
        normal = normal_url(posixpath.normpath(posixpath.join(folder, path)))
        if normal in self.static_urls:
            return Reference(**made, kind=None, file=os.path.join(self.root, self.static_urls[normal]))
        if any(normal.startswith(prefix) for prefix in GENERATED_PREFIXES):
            return Reference(**made, kind=None)
        return Reference(**made, kind=None, resolved=False,
                         problem=f"« {value} » ne mène à aucun fichier du site : {FIX_PATH}, et écrivez "
                                 "l'image avec {static}, par exemple ![description]({static}/images/photo.jpg)")

    def _foreign(self, url: str) -> bool:
        """True for an address on another site (http(s) or protocol-relative, not the site's own origin)."""
        url = url.strip()
        if url.startswith("//"):
            url = "https:" + url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        return f"{parts.scheme}://{parts.netloc}" not in self.origins

    def _placeholder(self, made: dict, kind: str, rest: str, relative_dir: str) -> Reference:
        relative = _from_content(unquote(urlsplit(rest).path), relative_dir)
        written = f"vers « {made['value']} »" if made["tag"] == "a" else f"« {made['value']} »"
        made.update(kind=kind, relative=relative)
        if relative == ".." or relative.startswith("../") or posixpath.isabs(relative):
            return Reference(**made, resolved=False,
                             problem=f"{written} sort du dossier de contenu : rien n'est publié hors de ce "
                                     "dossier ; copiez le fichier dans content/ (par exemple content/images/) "
                                     "et liez-le depuis là")
        if relative in self.static:
            return Reference(**made, file=os.path.join(self.root, relative) if made["tag"] == "img" else None)
        if kind == "filename" and relative in self.generated:
            return Reference(**made)
        if kind == "filename" and regular_file(self.root, os.path.join(self.root, relative)):
            return Reference(**made, resolved=False,
                             problem=f"{written} mène à un fichier qui n'est pas publié (brouillon, ou hors des "
                                     "dossiers du site) : publiez-le ou retirez le lien")
        whole = _from_content(unquote(rest), relative_dir)  # « # » and « ? » cut an address: in the file's name?
        if whole != relative and regular_file(self.root, os.path.join(self.root, whole)):
            return Reference(**made, resolved=False,
                             problem=f"{written} : le nom du fichier « {posixpath.basename(whole)} » contient « # » "
                                     "ou « ? », qui coupent une adresse. Renommez le fichier sans ces caractères "
                                     "(par exemple avec des tirets), puis corrigez le lien")
        return Reference(**made, resolved=False,
                         problem=f"{written} mène à un fichier introuvable ({relative}) : {FIX_PATH}")


def _from_content(target: str, relative_dir: str) -> str:
    """A path written in a page (« /images/x.jpg » from the content folder, « x.jpg » from the page's)."""
    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(relative_dir, target))


def known_urls(context: dict, contents: list) -> set[str]:
    """Every URL path (no leading slash, folder form) a build produces from the content."""
    urls = {""}
    for item in contents:
        for attribute in ("url", "save_as"):
            value = getattr(item, attribute, None)
            if value:
                urls.add(value)
    for static in context.get("staticfiles", []) or []:
        urls.add(static.url)
    for key in ("categories", "tags"):
        for group in context.get(key, []) or []:
            wrapper = group[0] if isinstance(group, tuple) else group
            urls.update(filter(None, (getattr(wrapper, "url", None), getattr(wrapper, "save_as", None))))
    for name in context.get("DIRECT_TEMPLATES", []) or []:  # the context holds the settings
        for suffix in ("_URL", "_SAVE_AS"):
            value = context.get(f"{name.upper()}{suffix}")
            if value:
                urls.add(value)
        urls.add(f"{name}.html")
    return {normal_url(u) for u in urls}


def _check_alt(log: ErrorLog, reference: Reference) -> None:
    alt = reference.attributes.get("alt")
    if alt is None or not alt.strip():
        src = reference.value
        name = os.path.basename(src.split("}")[-1]) or src
        log.error(reference.source, None,
                  f"l'image « {name} » n'a pas de texte alternatif : décrivez-la entre les crochets, "
                  f"par exemple ![Un gendarme devant le point d'accueil]({src or name}), "
                  "pour les personnes qui ne la voient pas.", line=reference.line)


def _check_page_link(log: ErrorLog, reference: Reference, known: set[str], own_url: str) -> None:
    """A plain link to a page of this site (`/services/`, `../cambriolages/`) that no content produces."""
    value = reference.value
    if not value or value.startswith(("#", "//")) or _SCHEME.match(value):
        return
    path = urlsplit(value).path
    if not path:
        return
    base = "/" + (own_url or "")
    resolved = posixpath.normpath(posixpath.join(base if base.endswith("/") else posixpath.dirname(base), path))
    normal = normal_url(resolved)
    if normal in known or any(normal.startswith(prefix.rstrip("/")) for prefix in GENERATED_PREFIXES):
        return
    log.error(reference.source, None,
              f"le lien vers « {value} » ne mène à aucune page du site : corrigez l'adresse ou "
              "écrivez le lien vers le fichier, par exemple [Horaires]({filename}../pages/horaires-et-acces.md).",
              line=reference.line)


def image_problem(path: str) -> str | None:
    """The French reason a local image of a body cannot be published as it is, or None."""
    try:
        with open_image(path):  # the header only
            return None
    except ImageTooLargeError as exc:
        return str(exc)
    except (UnidentifiedImageError, SyntaxError, ValueError, OSError):
        if os.path.splitext(path)[1].lower() not in IMAGE_EXTENSIONS:
            return None  # a format Pillow may not know (AVIF…): the browser decides
        return ("n'est pas une image lisible (fichier abîmé, incomplet, ou d'un autre format que son "
                "extension) : ouvrez-la dans un logiciel d'images et enregistrez-la de nouveau en JPEG ou PNG")


def check_links(context: dict, log: ErrorLog | None = None) -> None:
    """The build's rule (module docstring): every problem into the build's ErrorLog."""
    log = log or error_log(context)
    resolver = Resolver(context)
    contents = build_contents(context, drafts=True, translations=True)
    known = known_urls(context, contents)
    images: dict[str, str | None] = {}
    for item in contents:
        for reference in resolver.references(item):
            if not reference.resolved:
                log.error(reference.source, None, f"{reference.what} {reference.problem}.", line=reference.line)
                continue
            if reference.tag == "img":
                _check_alt(log, reference)
            elif reference.tag == "a" and reference.kind is None:
                _check_page_link(log, reference, known, getattr(item, "url", ""))
            if reference.file:
                if reference.file not in images:
                    images[reference.file] = image_problem(reference.file)
                if images[reference.file]:
                    name = os.path.relpath(reference.file, context["PATH"]).replace(os.sep, "/")
                    log.error(reference.source, None, f"l'image « {name} » {images[reference.file]}.",
                              line=reference.line)
