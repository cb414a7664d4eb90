"""Who may use which view: the building blocks of every app's `rules.py`.

Each app keeps its rules in one place, `<app>/rules.py`, as a dict from its
URL names to a rule. A rule takes the viewer and the view's URL arguments
and answers yes or no. `RuleMiddleware` asks it before any view runs, and
the API's permission class asks the same rules, so a page and its API
endpoint cannot disagree. A view without a rule is refused.

Reading rules decide who may open a page at all; which items the page then
lists is the viewer's visibility filter (`Viewer.visible`).
"""

from functools import cache
from importlib import import_module


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
        return model.objects.filter(**{field: value}).values_list(path, flat=True).first()

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


# Django's own log-in views, mounted without a namespace.
RULES = {
    "login": anyone,
    "logout": anyone,
    "password_change": signed_in,
    "password_change_done": signed_in,
    "password_reset": anyone,
    "password_reset_done": anyone,
    "password_reset_confirm": anyone,
    "password_reset_complete": anyone,
}


@cache
def rules_of(namespace):
    """The rules of the app behind a URL namespace ('' for Django's auth)."""
    module = "os2org.access.rules" if not namespace else f"os2org.{namespace}.rules"
    try:
        return import_module(module).RULES
    except ModuleNotFoundError:
        return {}


def rule_for(view_name):
    namespace, _, name = view_name.rpartition(":")
    return rules_of(namespace).get(name)


def allows(viewer, view_name, method="GET", **kwargs):
    rule = rule_for(view_name)
    if rule is None:
        return False
    if isinstance(rule, ReadWrite):
        return rule(viewer, method=method, **kwargs)
    return rule(viewer, **kwargs)
