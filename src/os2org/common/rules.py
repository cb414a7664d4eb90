"""The building blocks of every app's `rules.py`: who may use a view, as a function of the viewer.

A rule takes the viewer (os2org.common.visibility.Viewer) and the view's URL
arguments and answers yes or no. Each app keeps its rules in one place,
`<app>/rules.py`, made of these; access.rules asks them before any view
runs. Reading rules decide who may open a page at all; which items the
page then lists is the viewer's visibility filter (`Viewer.visible`).
"""

from django.http import Http404


def anyone(viewer, **kwargs):
    return True


def signed_in(viewer, **kwargs):
    return viewer.signed_in


def secretariat(viewer, **kwargs):
    return viewer.secretariat


def reads_everything(viewer, **kwargs):
    """The secretariat and the board: personal data and internal reports."""
    return viewer.reads_everything


def edits_body_of(lookup, key="pk"):
    """Edits the item whose body `lookup(url argument)` returns.

    The secretariat edits everything without a query; a coordinator edits
    what belongs to their community.
    """

    def rule(viewer, **kwargs):
        if viewer.secretariat:
            return True
        if not viewer.edits_bodies:
            return False
        return viewer.edits(lookup(kwargs[key]))

    return rule


def body_of(model, path="body_id", field="pk"):
    """A lookup from a URL argument to the body its item belongs to."""

    def lookup(value):
        found = model.objects.filter(**{field: value}).values_list(path, flat=True)[:1]
        if not found:
            # Gone (an agenda item removed, say): not found, as the view would say, rather than forbidden.
            raise Http404
        return found[0]

    return lookup


class ReadWrite:
    """A view that shows on GET and changes on POST, with a rule for each."""

    def __init__(self, read, write):
        self.read, self.write = read, write

    def __call__(self, viewer, method="GET", **kwargs):
        rule = self.read if method in ("GET", "HEAD", "OPTIONS") else self.write
        return rule(viewer, **kwargs)


def edits_some(viewer, **kwargs):
    """May create items in some community (the form offers only theirs)."""
    return viewer.edits_some
