"""Changing the stored handbook: import, the page editor and export."""

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from os2org import markup
from os2org.audit.services import check_revision, record
from os2org.handbook.lint import ERROR, check_role
from os2org.handbook.models import Page, PageVersion
from os2org.handbook.pages import PAGE_SUFFIXES, PageError, read_handbook, read_page
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
    description and tasks); a PageVersion for each page whose source is
    new or changed; with `replace`, removes pages not in the import;
    writes one audit entry. A file that cannot be read, or that
    would take a stored page's address, raises PageError (`path:line: …`)
    and nothing is stored.
    """
    pages = read_handbook(paths, progress=progress)
    check_unique_paths(pages)
    roles = {page.path: parse_role(page) for page in pages}
    with transaction.atomic():
        existing = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "source"))
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
        add_versions([model for model in stored if model.source != existing.get(model.path)], actor=actor)
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


def add_versions(pages, *, actor=None, note=""):
    """Store each page's source as its next version. Side effects: one PageVersion per page."""
    newest = dict(
        PageVersion.objects.filter(page__in=pages)
        .order_by()
        .values("page_id")
        .annotate(number=Max("number"))
        .values_list("page_id", "number")
    )
    return PageVersion.objects.bulk_create(
        PageVersion(page=page, number=newest.get(page.pk, 0) + 1, source=page.source, actor=actor, note=note)
        for page in pages
    )


def read_edited_page(path, source):
    """A page's new source read as an import reads a file: (page, role or None).

    Raises ValidationError on "source", each message `path:line: what is
    wrong`, for a page that cannot be read or whose role description
    contradicts itself (the lint errors of one page).
    """
    try:
        parsed = read_page(path, source)
    except PageError as error:
        raise ValidationError({"source": str(error)}, code="unreadable") from None
    role = parse_role(parsed)
    findings = check_role(parsed, role) if role else []
    errors = [f"{f.path}:{f.line}: {f.message}" for f in findings if f.severity == ERROR]
    if errors:
        raise ValidationError({"source": errors}, code="lint")
    return parsed, role


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


def save_page(page, *, source, visibility, note="", revision=None, version=None, actor=None):
    """Change a page's source and who may read it, from the editor.

    `revision` and `version` are what the form was opened at (see
    check_revision and check_version); None skips the checks.

    Side effects: the Page row with every field derived from the source;
    its role description and tasks (created, replaced, or removed when the
    page is no longer one); a PageVersion when the source changed; one
    audit entry with the source and visibility before and after. A save
    that changes nothing writes nothing. Raises ValidationError for a
    source that cannot be read and for a conflicting save; nothing is
    written then.
    """
    parsed, role = read_edited_page(page.path, source)
    with transaction.atomic():
        check_revision(page, revision)
        check_version(page, version)
        if source == page.source and visibility == page.visibility:
            return page
        before = _page_state(page)
        for name, value in page_fields(parsed).items():
            setattr(page, name, value)
        page.visibility = visibility
        page.full_clean()
        page.save()
        remove_roles_except([page], [save_role(page, role)] if role else [])
        data = {"note": note}
        if before["source"] != source:
            (added,) = add_versions([page], actor=actor, note=note)
            data["version"] = added.number
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
