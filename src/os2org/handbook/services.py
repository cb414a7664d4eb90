"""Changing the stored handbook: import and export."""

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.db import transaction
from django.utils.text import slugify

from os2org import markup
from os2org.audit.services import record
from os2org.handbook.models import Page
from os2org.handbook.pages import PAGE_SUFFIXES, PageError, read_handbook
from os2org.organisation.handbook_page import refreshed_source
from os2org.roles.parsing import parse_role
from os2org.roles.services import remove_roles_except, save_role


@dataclass
class ImportResult:
    created: int
    updated: int
    removed: int
    roles: int


def page_slug(path):
    """The address of a page: its path without the file suffix."""
    pure = PurePosixPath(path)
    stem = pure.with_suffix("") if pure.suffix in PAGE_SUFFIXES else pure
    return "/".join(slugify(part, allow_unicode=True) or "side" for part in stem.parts)


def page_fields(page):
    heading, _line = page.heading()
    text = markup.plain_text(page.body)
    return {
        "slug": page_slug(page.path),
        "source": page.source,
        "title": page.title or "",
        "heading": heading or "",
        "parent": page.parent or "",
        "grand_parent": page.grand_parent or "",
        "nav_order": page.nav_order,
        "nav_exclude": page.nav_exclude,
        "has_front_matter": page.has_front_matter,
        "kind": page.kind,
        "body_line": page.body_line,
        "html": markup.render(page.body),
        "has_diagram": any(t.type == "fence" and t.info.strip().startswith("mermaid") for t in page.tokens),
        "text": text,
        "search_text": f"{page.display_title} {text}".casefold(),
    }


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


def import_handbook(paths, *, replace=False, actor=None, progress=None):
    """Read pages from files and folders and store them, all or nothing.

    Side effects: creates or updates a Page per file (and its role
    description and tasks); with `replace`, removes pages not in the
    import; writes one audit entry. A file that cannot be read, or that
    would take a stored page's address, raises PageError (`path:line: …`)
    and nothing is stored.
    """
    pages = read_handbook(paths, progress=progress)
    check_unique_paths(pages)
    roles = {page.path: parse_role(page) for page in pages}
    with transaction.atomic():
        existing = set(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", flat=True))
        removed = 0
        if replace:
            # delete() counts the role descriptions and tasks it takes along too.
            _total, deleted = Page.objects.exclude(path__in=[p.path for p in pages]).delete()
            removed = deleted.get(Page._meta.label, 0)
        check_free_addresses(pages)
        stored = []
        for page in pages:
            model, _created = Page.objects.update_or_create(path=page.path, defaults=page_fields(page))
            stored.append(model)
        kept_roles = [save_role(model, roles[model.path]) for model in stored if roles[model.path]]
        remove_roles_except(stored, kept_roles)
        result = ImportResult(
            created=len(pages) - len(existing), updated=len(existing), removed=removed, roles=len(kept_roles)
        )
        record(
            "handbook.import",
            actor=actor,
            summary=f"Imported {len(pages)} pages ({len(kept_roles)} role descriptions)",
            data={"paths": sorted(p.path for p in pages), "replace": replace, **result.__dict__},
        )
    return result


def export_handbook(directory, *, refresh=False):
    """Write every stored page back to `directory`, in the same layout, byte for byte.

    With `refresh`, the organisation page (see
    organisation.handbook_page) is written with its org charts and roles
    table generated from the data, each in a marked block; the stored page
    stays as it is.
    """
    target = Path(directory).resolve()
    written = []
    for page in Page.objects.only("path", "source", "describes_organisation").iterator():
        destination = (target / page.path).resolve()
        if not destination.is_relative_to(target):
            raise PageError(page.path, 1, "points outside the export folder")
        destination.parent.mkdir(parents=True, exist_ok=True)
        source = refreshed_source(page) if refresh and page.describes_organisation else page.source
        destination.write_bytes(source.encode("utf-8"))
        written.append(destination)
    return written
