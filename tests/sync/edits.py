"""Edits made in os2org, for the sync tests."""

from os2org.handbook.models import Page
from os2org.handbook.services import save_page
from os2org.sync.git import Origin
from os2org.sync.selectors import current_repository, pending_versions
from tests.accounts import make_user


def ane():
    """A secretary with a name and an e-mail address."""
    user = make_user("ane")
    user.first_name, user.last_name, user.email = "Ane", "Holm", "ane@example.org"
    user.save()
    return user


def edit(path, source, *, user=None, note=""):
    """Change a stored page in the page editor."""
    stored = Page.objects.get(path=path)
    return save_page(stored, source=source, visibility=stored.visibility, note=note, actor=user)


def waiting():
    """(path, version number) of each edit not yet in Git."""
    return list(pending_versions(current_repository(Origin.configured())).values_list("page__path", "number"))
