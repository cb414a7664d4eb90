import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from os2org.handbook.models import Page
from os2org.sync.models import Conflict
from os2org.sync.services import pull, push, resolve_conflict
from tests.accounts import make_user
from tests.sync import edits
from tests.sync.edits import ane, waiting
from tests.sync.repos import page

pytestmark = pytest.mark.django_db

OURS = page("Chef", "Rettet i os2org.")
THEIRS = page("Chef", "Rettet i Git.")


def edit(path="roller/chef.md", source=OURS, *, user=None, note="Fra os2org"):
    return edits.edit(path, source, user=user, note=note)


@pytest.fixture
def both_changed(remote):
    """roller/chef.md changed in os2org (by Ane) and in Git since the last pull."""
    pull()
    edit(user=ane())
    remote.commit({"roller/chef.md": THEIRS})
    return remote


def side_branch():
    return f"os2org/conflict/{timezone.localdate().isoformat()}-1"


def test_conflict_imports_gits_version(both_changed):
    pull()

    assert Page.objects.get(path="roller/chef.md").source == THEIRS


def test_conflict_puts_os2orgs_version_on_a_side_branch_in_the_remote(both_changed):
    pull()

    assert both_changed.text("roller/chef.md", side_branch()) == OURS.rstrip("\n")


def test_conflict_side_branch_starts_where_both_were_in_step(both_changed):
    pulled_at = both_changed.head().parents[0].hexsha

    pull()

    assert [parent.hexsha for parent in both_changed.head(side_branch()).parents] == [pulled_at]


def test_conflict_side_branch_commit_is_by_the_person_who_made_the_edit(both_changed):
    pull()

    author = both_changed.head(side_branch()).author
    assert (author.name, author.email) == ("Ane Holm", "ane@example.org")


def test_conflict_is_recorded_for_the_secretariat(both_changed):
    pull()

    conflict = Conflict.objects.get()
    assert (conflict.path, conflict.ours, conflict.branch, conflict.commit, conflict.is_open) == (
        "roller/chef.md",
        OURS,
        side_branch(),
        both_changed.head(side_branch()).hexsha,
        True,
    )


def test_conflict_leaves_no_edit_waiting_to_be_pushed_over_git(both_changed):
    pull()

    assert waiting() == []


def test_conflict_second_one_on_a_day_gets_the_next_branch(both_changed):
    pull()
    edit("index.md", page("Velkommen", "Her."))
    both_changed.commit({"index.md": page("Velkommen", "Der.")})

    pull()

    day = timezone.localdate().isoformat()
    assert both_changed.branches() == ["main", f"os2org/conflict/{day}-1", f"os2org/conflict/{day}-2"]


def test_same_text_on_both_sides_is_no_conflict(remote):
    pull()
    edit(user=ane())
    remote.commit({"roller/chef.md": OURS})

    pull()

    assert (Conflict.objects.count(), waiting(), remote.branches()) == (0, [], ["main"])


def test_page_removed_in_git_and_edited_here_is_removed_and_kept_on_a_side_branch(remote):
    pull()
    edit(user=ane())
    remote.commit({"roller/chef.md": None})

    pull()

    conflict = Conflict.objects.get()
    assert (
        Page.objects.filter(path="roller/chef.md").exists(),
        conflict.page,
        remote.text("roller/chef.md", conflict.branch),
    ) == (
        False,
        None,
        OURS.rstrip("\n"),
    )


def test_push_after_a_conflict_leaves_the_branch_with_gits_version(both_changed):
    push()

    assert both_changed.text("roller/chef.md") == THEIRS.rstrip("\n")


def test_resolving_by_keeping_gits_version_leaves_the_page(both_changed):
    pull()
    conflict = Conflict.objects.get()

    resolve_conflict(conflict, take="git", actor=make_user("sekretariat"))

    conflict.refresh_from_db()
    assert (conflict.resolution, Page.objects.get(path="roller/chef.md").source, waiting()) == ("git", THEIRS, [])


def test_resolving_by_taking_os2orgs_version_makes_it_a_new_edit(both_changed):
    pull()
    conflict = Conflict.objects.get()

    resolve_conflict(conflict, take="os2org", actor=make_user("sekretariat"))

    assert (Page.objects.get(path="roller/chef.md").source, waiting()) == (OURS, [("roller/chef.md", 4)])


def test_resolving_by_taking_os2orgs_version_pushes_it_over_gits(both_changed):
    pull()
    resolve_conflict(Conflict.objects.get(), take="os2org", actor=make_user("sekretariat"))

    push()

    assert both_changed.text("roller/chef.md") == OURS.rstrip("\n")


def test_resolving_twice_is_refused(both_changed):
    pull()
    conflict = Conflict.objects.get()
    resolve_conflict(conflict, take="git")

    with pytest.raises(ValidationError) as raised, translation.override("en"):
        resolve_conflict(conflict, take="os2org")

    assert raised.value.messages == ["This conflict has been resolved already. Nothing was changed."]


def test_taking_os2orgs_version_of_a_page_removed_in_git_is_refused(remote):
    pull()
    edit(user=ane())
    remote.commit({"roller/chef.md": None})
    pull()
    conflict = Conflict.objects.get()

    with pytest.raises(ValidationError) as raised, translation.override("en"):
        resolve_conflict(conflict, take="os2org")

    assert raised.value.messages == [
        "The page was removed in Git, so os2org's version cannot be taken here. It is kept on the branch "
        f"{conflict.branch}: to bring the page back, merge that branch in Git."
    ]


def test_new_conflict_on_the_same_page_supersedes_the_open_one(both_changed):
    pull()
    edit(source=page("Chef", "Igen i os2org."))
    both_changed.commit({"roller/chef.md": page("Chef", "Igen i Git.")})

    pull()

    assert list(Conflict.objects.order_by("id").values_list("resolution", flat=True)) == ["superseded", ""]
