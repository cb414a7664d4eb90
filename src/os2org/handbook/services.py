"""Changing the stored handbook: import, the page editor and export."""

import mimetypes
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from os2org.audit.services import check_revision, record
from os2org.common.processes import each_in_processes
from os2org.common.rows import each_row
from os2org.common.validation import full_clean
from os2org.common.visibility import Visibility
from os2org.handbook.lint import ERROR, check_role, front_matter_line
from os2org.handbook.models import Asset, Page, PageVersion, Site
from os2org.handbook.pages import (
    SITE_CONFIG,
    PageError,
    given_folders,
    page_slug,
    read_handbook,
    read_page,
    read_site_file,
    read_site_files,
)
from os2org.handbook.rendering import Rendering, text_of
from os2org.handbook.signals import page_edited
from os2org.handbook.site import brand_colour, read_config, scheme_file
from os2org.roles.models import RoleDescription
from os2org.roles.parsing import parse_role
from os2org.roles.services import store_roles

# From this many pages on, an import reads them in worker processes
# (common.processes); below it, forking costs more than it saves.
PARALLEL_PAGES = 24

# Visibilities from the widest readership to the narrowest.
STRICTNESS = {level: rank for rank, level in enumerate(Visibility.values)}


@dataclass
class ImportResult:
    created: int
    updated: int
    removed: int
    roles: int
    # How many of the new pages got each visibility.
    visibilities: dict = field(default_factory=dict)


def page_fields(page, rendering):
    """The stored fields of a page read, rendered with its handbook's `rendering` (prepared by it)."""
    heading, _line = page.heading()
    rendered = rendering.render(page)
    text = text_of(rendered)
    return {
        "slug": page_slug(page.path),
        "url": rendering.sitemap.url_of(page.path),
        "source": page.source,
        "title": page.title or "",
        "heading": heading or "",
        "parent": page.parent or "",
        "grand_parent": page.grand_parent or "",
        "nav_order": page.nav_order,
        "nav_exclude": page.nav_exclude,
        "has_toc": page.has_toc,
        "draft": page.draft_line() is not None,
        "has_front_matter": page.has_front_matter,
        "kind": page.kind,
        "body_line": page.body_line,
        "html": rendered,
        "has_diagram": any(t.type == "fence" and t.info.strip().startswith("mermaid") for t in page.tokens),
        "text": text,
        "search_text": f"{page.display_title} {text}".casefold(),
    }


def _limit(model, name):
    return model._meta.get_field(name).max_length


def check_lengths(page, role):
    """Refuse a page (or its role) with more text in a field than the database holds.

    Raises PageError `path:line: <field> is longer than N characters`, as a
    form would refuse it.
    """
    heading, heading_line = page.heading()
    fields = [
        ("path", page.path, _limit(Page, "path"), 1),
        ("address", page_slug(page.path), _limit(Page, "slug"), 1),
        ("title", page.title, _limit(Page, "title"), "title"),
        ("heading", heading, _limit(Page, "heading"), heading_line),
        ("parent", page.parent, _limit(Page, "parent"), "parent"),
        ("grand_parent", page.grand_parent, _limit(Page, "grand_parent"), "grand_parent"),
    ]
    if role:
        fields += [
            ("role name", role.name, _limit(RoleDescription, "name"), role.heading_line),
            ("reports to", role.reports_to, _limit(RoleDescription, "reports_to"), role.reports_to_line),
        ]
    for name, value, most, line in fields:
        if value and len(value) > most:
            line = front_matter_line(page, line) if isinstance(line, str) else line
            raise PageError(page.path, line, gettext_noop("%(name)s is longer than %(most)d characters"), name=name, most=most)


def check_unique_paths(pages):
    seen = {}
    for page in pages:
        slug = page_slug(page.path)
        if slug in seen:
            raise PageError(page.path, 1, f"has the same address as {seen[slug]}; rename one of them")
        seen[slug] = page.path


def check_free_addresses(pages):
    """No page may take the address of a stored page at another path."""
    paths = {page_slug(page.path): page.path for page in pages}
    taken = Page.objects.filter(slug__in=paths).exclude(path__in=paths.values()).order_by("path").first()
    if taken:
        message = f"has the same address as {taken.path}, which is already stored; rename one of them"
        raise PageError(paths[taken.slug], 1, message)


def import_handbook(paths, *, replace=False, remove=(), site=None, actor=None, progress=None):
    """Read pages from files and folders and store them, all or nothing.

    Pages are named relative to their handbook's root (pages.handbook_root).
    Side effects: creates or updates a Page per file (a new one with the
    visibility new_page_visibilities gives it) and its role description
    and tasks (roles.services.store_roles); a PageVersion for each page
    whose source is new or changed; the site's `_config.yml` when the
    handbook's root is given, and the published files (images, PDFs…)
    under the folders given; with `replace`, removes the stored pages and
    files under the folders given that the import does not hold (a file
    given on its own removes nothing), detaching their role descriptions;
    removes the stored pages at the paths in `remove` as well (os2org.sync:
    the pages a Git commit removed); with `site` (the handbook's root
    folder), takes its `_config.yml` and all its published files from there
    whatever pages are given, removing the stored files it lacks (os2org.sync:
    a pull of a few changed pages);
    writes one audit entry. A file that cannot be read, holds more than
    the database takes, or would take a stored page's address raises
    PageError (`path:line: …`) and nothing is stored.

    Each page is parsed once, after the site's Liquid, and rendered from
    that parse (handbook.rendering).
    """
    pages = read_handbook(paths, progress=progress)
    check_unique_paths(pages)
    config_source, files = read_site_files(paths if site is None else [site])
    config = read_config(config_source, settings.HANDBOOK_LANGUAGE) if config_source is not None else None
    colour = ""
    if config is not None:
        scheme = scheme_file(config)
        colour = brand_colour(config, read_site_file(paths if site is None else [site], scheme) if scheme else None)
    folders = given_folders(paths) if replace else []
    file_folders = folders if site is None else [""]
    with transaction.atomic():
        rows = list(
            Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "source", "visibility", "url")
        )
        urls = {path: url for path, _source, _level, url in rows}
        new_files = {name for name, _data in files} - set(Asset.objects.values_list("path", flat=True))
        existing = {path: source for path, source, _level, _url in rows}
        leaving = leaving_pages(pages, folders, remove)
        leaving_files = leaving_assets(files, file_folders)
        rendering = Rendering.from_store(
            config, pages=pages, assets=[name for name, _data in files], leaving=leaving, leaving_assets=leaving_files
        )
        for page in pages:
            rendering.prepare(page)
        roles, fields = {}, {}
        read = each_in_processes(lambda page: read_fully(page, rendering), pages, least=PARALLEL_PAGES)
        for page, (role, values, used) in zip(pages, read):
            roles[page.path], fields[page.path] = role, values
            for name in used:
                rendering.asset_users.setdefault(name, set()).add(page.path)
        levels = new_page_visibilities(pages, {path: level for path, _source, level, _url in rows}, leaving)
        _total, deleted = Page.objects.filter(path__in=leaving).delete()
        removed = deleted.get(Page._meta.label, 0)
        check_free_addresses(pages)
        stored = store_pages(fields, levels)
        add_versions([model for model in stored if model.source != existing.get(model.path)], actor=actor)
        kept_roles = store_roles([(model, roles[model.path]) for model in stored])
        Asset.objects.filter(path__in=leaving_files).delete()
        moved = any(urls.get(model.path, model.url) != model.url for model in stored)
        if len(pages) > len(existing) or removed or leaving_files or new_files or moved:
            # Links on the other stored pages may lead somewhere else now.
            rerender_links(rendering, exclude=[page.path for page in pages])
        store_assets(files, rendering, {model.path: model.visibility for model in stored})
        store_site(config_source, rendering.config, colour)
        counts = Counter(levels.values())
        result = ImportResult(
            created=len(pages) - len(existing),
            updated=len(existing),
            removed=removed,
            roles=len(kept_roles),
            visibilities={level: counts[level] for level in Visibility.values if counts[level]},
        )
        record(
            "handbook.import",
            actor=actor,
            summary=f"Imported {len(pages)} pages ({len(kept_roles)} role descriptions)",
            data={
                "paths": sorted(p.path for p in pages),
                "files": sorted(name for name, _data in files),
                "replace": replace,
                **result.__dict__,
            },
        )
    return result


def rerender_links(rendering, exclude):
    """Render the stored pages outside `exclude` again, where their HTML changes (their links).

    Side effects: updates those pages' HTML; their text and everything else
    read from the source stay as they are.
    """
    for model in Page.objects.exclude(path__in=exclude).only("path", "source", "html"):
        parsed = read_page(model.path, model.source)
        rendering.prepare(parsed)
        rendered = rendering.render(parsed)
        if rendered != model.html:
            Page.objects.filter(pk=model.pk).update(html=rendered)


def store_site(source, config, colour):
    """Store `_config.yml` and the colour of its scheme (when read), and which of the handbook's files is its logo."""
    logo = config.logo.lstrip("/")
    logo = logo if logo and Asset.objects.filter(path=logo).exists() else ""
    if source is not None:
        Site.objects.update_or_create(pk=1, defaults={"source": source, "logo": logo, "colour": colour})
    else:
        Site.objects.filter(pk=1).update(logo=logo)


def leaving_assets(files, folders):
    """The paths of the stored files under `folders` that the import does not hold."""
    kept = {name for name, _data in files}
    prefixes = tuple(f"{folder}/" for folder in folders)
    stored = Asset.objects.exclude(path__in=kept).values_list("path", flat=True)
    return [path for path in stored if "" in folders or path.startswith(prefixes)]


def store_assets(files, rendering, visibilities):
    """Store the published files read, each as visible as the widest page that shows or links to it.

    The site's logo is public (every page shows it). A file no page uses
    keeps its stored visibility (new: HANDBOOK_NEW_PAGE_VISIBILITY).
    """
    stored = dict(Asset.objects.filter(path__in=[name for name, _data in files]).values_list("path", "visibility"))
    logo = rendering.config.logo.lstrip("/")
    for name, data in files:
        users = [visibilities[path] for path in rendering.asset_users.get(name, ()) if path in visibilities]
        if name == logo:
            level = Visibility.PUBLIC
        elif users:
            level = min(users, key=STRICTNESS.__getitem__)
        else:
            level = stored.get(name, settings.HANDBOOK_NEW_PAGE_VISIBILITY)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        Asset.objects.update_or_create(
            path=name,
            defaults={"content": data, "content_type": content_type, "size": len(data), "visibility": level},
        )


def read_fully(page, rendering):
    """What an import stores of a prepared page: (its role or None, its fields, the files it shows or links to).

    Refuses, with PageError, a page with more text in a field than the
    database holds. Reads no stored data, so that it can run in a worker
    process (common.processes); the role comes back without its sections'
    tokens, which only the parse needs.
    """
    role = parse_role(page)
    check_lengths(page, role)
    values = page_fields(page, rendering)
    if role is not None:
        role.sections = [replace(section, tokens=[]) for section in role.sections]
    files = [name for name, users in rendering.asset_users.items() if page.path in users]
    return role, values, files


def store_pages(fields, visibilities):
    """Create or update the Page of each page read, in two queries, from {path: page_fields}; `visibilities`
    is for the new ones.

    Returns the stored Page models, in the order of `fields`.
    """
    stored = {model.path: model for model in Page.objects.filter(path__in=fields)}
    for path, values in fields.items():
        model = stored.get(path) or Page(path=path, visibility=visibilities[path])
        for name, value in values.items():
            setattr(model, name, value)
        stored[path] = model
    changed = [model for model in stored.values() if model.pk is not None]
    new = [model for model in stored.values() if model.pk is None]
    if changed:
        # `updated` is auto_now, which bulk_update leaves alone.
        now = timezone.now()
        for model in changed:
            model.updated = now
        Page.objects.bulk_update(changed, [*next(iter(fields.values())), "updated"])
    Page.objects.bulk_create(new)
    return [stored[path] for path in fields]


def leaving_pages(pages, folders, remove=()):
    """The paths of the stored pages under `folders` ("" is the whole handbook) that `pages` do not hold,
    and those in `remove`."""
    kept = {page.path for page in pages}
    prefixes = tuple(f"{folder}/" for folder in folders)
    stored = Page.objects.exclude(path__in=kept).values_list("path", flat=True)
    return [path for path in stored if "" in folders or path.startswith(prefixes) or path in remove]


def strictest(levels):
    return max(levels, key=STRICTNESS.__getitem__)


def new_page_visibilities(pages, stored_levels, leaving):
    """{path: visibility} of the pages new to the store, so that a page keeps who may read it.

    A page renamed takes the visibility of the page it was renamed from:
    one of the `leaving` pages with the same source or else, if exactly
    one, with the same display title. Any other new page gets the
    strictest of HANDBOOK_NEW_PAGE_VISIBILITY and the visibility of its
    parent (the page, stored or imported, whose title its `parent:`
    names), so a new page under an internal page is internal.
    """
    new = [page for page in pages if page.path not in stored_levels]
    levels = renamed_visibilities(new, leaving)
    default = settings.HANDBOOK_NEW_PAGE_VISIBILITY
    children = defaultdict(list)
    for page in new:
        if page.path not in levels:
            levels[page.path] = default
            if page.parent:
                children[page.parent].append(page)
    # Known visibilities flow down to the new pages below them; a page is
    # visited again only when its level rises, at most twice.
    stored = Page.objects.exclude(path__in=[*leaving, *(page.path for page in pages)]).filter(title__in=children)
    queue = list(stored.values_list("title", "parent", "visibility"))
    queue += [(page.title, page.parent, stored_levels[page.path]) for page in pages if page.path in stored_levels]
    queue += [(page.title, page.parent, levels[page.path]) for page in new if levels[page.path] != default]
    while queue:
        title, parent, level = queue.pop()
        for child in children.get(title, ()):
            below = not child.grand_parent or child.grand_parent == parent
            if below and STRICTNESS[level] > STRICTNESS[levels[child.path]]:
                levels[child.path] = level
                queue.append((child.title, child.parent, level))
    return {page.path: levels[page.path] for page in new}


def renamed_visibilities(new, leaving):
    """{path: visibility} of the new pages that are a `leaving` page under another name."""
    by_source, by_title = defaultdict(list), defaultdict(list)
    rows = Page.objects.filter(path__in=leaving).values_list("path", "source", "title", "heading", "visibility")
    for path, source, title, heading, visibility in rows:
        by_source[source].append(visibility)
        by_title[title or heading or PurePosixPath(path).stem].append(visibility)
    levels = {}
    for page in new:
        same_title = by_title.get(page.display_title, [])
        renamed_from = by_source.get(page.source) or (same_title if len(same_title) == 1 else None)
        if renamed_from:
            levels[page.path] = strictest(renamed_from)
    return levels


def add_versions(pages, *, actor=None, note="", origin=PageVersion.Origin.IMPORT):
    """Store each page's source as its next version. Side effects: one PageVersion per page."""
    newest = dict(
        PageVersion.objects.filter(page__in=pages)
        .order_by()
        .values("page_id")
        .annotate(number=Max("number"))
        .values_list("page_id", "number")
    )
    return PageVersion.objects.bulk_create(
        PageVersion(
            page=page, number=newest.get(page.pk, 0) + 1, source=page.source, actor=actor, note=note, origin=origin
        )
        for page in pages
    )


def read_edited_page(path, source, rendering):
    """A page's new source read as an import reads a file: (page, role or None).

    `rendering` is the handbook's (Rendering.from_store); the page is
    prepared with it before it is parsed.

    Raises ValidationError on "source", each message `path:line: what is
    wrong`, for a page that cannot be read, holds more in a field than the
    database takes (check_lengths), or whose role description contradicts
    itself (the lint errors of one page).
    """
    try:
        parsed = read_page(path, source)
        rendering.prepare(parsed)
        role = parse_role(parsed)
        check_lengths(parsed, role)
    except PageError as error:
        raise ValidationError({"source": error.translated()}, code="unreadable") from None
    findings = check_role(parsed, role) if role else []
    errors = [f"{f.path}:{f.line}: {f.message}" for f in findings if f.severity == ERROR]
    if errors:
        raise ValidationError({"source": errors}, code="lint")
    return parsed, role


def preview_page(page, source):
    """The editor's live preview: (the sanitised HTML the page would show with `source`, [error, …]).

    The page is read and rendered as a save would (read_edited_page, the
    handbook's Rendering), with the errors a save would give, in the
    reader's language; nothing is written.
    """
    rendering = Rendering.from_store()
    try:
        parsed, _role = read_edited_page(page.path, source, rendering)
    except ValidationError as error:
        return "", error.messages
    return str(rendering.render(parsed)), []


def newest_version(page):
    return page.versions.order_by("-number").values_list("number", flat=True).first() or 0


def check_version(page, seen):
    """Refuse a save made before an import changed the page.

    An import writes no audit entry per page, so `check_revision` cannot
    see it; the page's newest version number can. None skips the check.
    """
    if seen is not None and newest_version(page) != seen:
        message = _(
            "The handbook was imported again while you were editing this page. Nothing of yours was saved: "
            "open the editor again to see the imported text, then make your change."
        )
        raise ValidationError({NON_FIELD_ERRORS: message}, code="conflict")


def _page_state(page):
    return {"source": page.source, "visibility": page.visibility}


def save_page(page, *, source, visibility, note="", revision=None, version=None, actor=None, audit_data=None):
    """Change a page's source and who may read it, from the editor.

    `revision` and `version` are what the form was opened at (see
    check_revision and check_version); None skips the checks. `audit_data`
    goes into the audit entry as well: what else the edit settles, in the
    same change (os2org.sync's conflict).

    Side effects: the Page row with every field derived from the source;
    its role description and tasks (roles.services.store_roles: a role
    the page no longer describes is detached, not deleted); a PageVersion
    when the source changed (the editor's; the signal page_edited tells of
    it); one audit entry with the source and
    visibility before and after. A save
    that changes nothing writes nothing. Raises ValidationError for a
    source that cannot be read and for a conflicting save; nothing is
    written then.
    """
    rendering = Rendering.from_store()
    parsed, role = read_edited_page(page.path, source, rendering)
    with transaction.atomic():
        check_revision(page, revision)
        check_version(page, version)
        if source == page.source and visibility == page.visibility:
            return page
        before = _page_state(page)
        for name, value in page_fields(parsed, rendering).items():
            setattr(page, name, value)
        page.visibility = visibility
        full_clean(page)
        page.save()
        store_roles([(page, role)])
        data = {**(audit_data or {}), "note": note}
        if before["source"] != source:
            (added,) = add_versions([page], actor=actor, note=note, origin=PageVersion.Origin.EDITOR)
            data["version"] = added.number
            page_edited.send(sender=Page, page=page, version=added)
        record(
            "handbook.page",
            summary=f"Page {page.path}",
            actor=actor,
            obj=page,
            before=before,
            after=_page_state(page),
            data=data,
        )
    return page


# What `export --refresh` writes in place of a page whose parts are generated
# from the data: [(a filter that finds such pages, the function that writes a
# page's text anew: the page's own text where it has nothing to write)],
# applied in turn. The apps that generate the parts register here when they
# start (sync.apps), since the handbook stands below them.
REFRESHED = []


def export_handbook(directory, *, refresh=False):
    """Write every stored page, the `_config.yml` and the published files back to `directory`, byte for byte.

    With `refresh`, a page whose parts are generated from the data (see
    REFRESHED: the organisation page, os2org.sync.organisation_page) is written
    with those parts generated anew, each in a marked block; the stored page
    stays as it is.
    """
    target = Path(directory).resolve()
    written = []

    def write(path, data):
        destination = (target / path).resolve()
        if not destination.is_relative_to(target):
            raise PageError(path, 1, "points outside the export folder")
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        written.append(destination)

    for page in each_row(Page.objects.only("path", "source", "describes_organisation")):
        write(page.path, (_refreshed(page) if refresh else page.source).encode("utf-8"))
    site = Site.objects.filter(pk=1).first()
    if site is not None:
        write(SITE_CONFIG, site.source.encode("utf-8"))
    for asset in each_row(Asset.objects.only("path", "content")):
        write(asset.path, bytes(asset.content))
    return written


def refreshed_pages():
    """(path, source) of each stored page whose parts are generated from the data (see REFRESHED), as
    `export --refresh` writes it: the parts generated anew. The stored pages stay as they are."""
    marked = Q()
    for which, _refresh in REFRESHED:
        marked |= which
    if not marked:
        return []
    pages = Page.objects.filter(marked).only("path", "source", "describes_organisation")
    return [(page.path, _refreshed(page)) for page in pages]


def _refreshed(page):
    source = page.source
    for _which, refresh in REFRESHED:
        source = refresh(replace_source(page, source))
    return source


def replace_source(page, source):
    """A copy of the stored `page` with another text, for the next generator of REFRESHED to read."""
    if source == page.source:
        return page
    copy = Page(pk=page.pk, path=page.path, source=source, describes_organisation=page.describes_organisation)
    return copy
