"""Who may use which view, asked in one place.

Each app keeps its rules in one place, `<app>/rules.py`, as a dict from its
URL names to a rule made of the building blocks in os2org.common.rules.
`RuleMiddleware` asks them before any view runs, and the API's permission
class asks the same rules, so a page and its API endpoint cannot disagree.
A view without a rule is refused.
"""

from functools import cache
from importlib import import_module

from os2org.common.rules import ReadWrite, anyone, signed_in

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
