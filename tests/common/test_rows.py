import pytest
from django import forms
from django.contrib.auth.models import Group

from os2org.common.rows import each_row
from tests.cursors import only_on_postgresql, unclosed_server_cursors

pytestmark = pytest.mark.django_db

NAMES = ["Ane", "Bo", "Cai"]


def ours():
    """The test's groups only: migrations make groups of their own."""
    return Group.objects.filter(name__in=NAMES)


@pytest.fixture
def groups():
    Group.objects.bulk_create(Group(name=name) for name in NAMES)


def test_each_row_reads_every_row_across_chunks_in_the_order_of_their_keys(groups):
    names = [group.name for group in each_row(ours().order_by("-name"), chunk_size=2)]

    assert names == ["Ane", "Bo", "Cai"]


def test_each_row_reads_a_chunk_per_query(groups, django_assert_num_queries):
    with django_assert_num_queries(2):
        names = [group.name for group in each_row(ours(), chunk_size=2)]

    assert names == ["Ane", "Bo", "Cai"]


def fail_at_the_first(rows):
    """A reading ended by an error: the error's traceback holds this frame, and so `rows`, as pytest.raises,
    a logged error or a comprehension over the rows do."""
    for group in rows:
        raise RuntimeError(group.name)


@only_on_postgresql
def test_a_queryset_iterator_ended_by_an_error_leaves_no_cursor_for_the_garbage_collector(groups):
    """Server-side cursors are off (settings): one left open waited for the garbage collector, which could
    close it in the middle of another query and stop the process."""
    with pytest.raises(RuntimeError) as caught:
        fail_at_the_first(ours().order_by("name").iterator(chunk_size=1))

    assert (caught.value.args, unclosed_server_cursors()) == (("Ane",), [])


@only_on_postgresql
def test_a_forms_choices_read_in_part_leave_no_cursor_for_the_garbage_collector(groups):
    """Django reads a ModelChoiceField's choices with QuerySet.iterator()."""
    choices = iter(forms.ModelChoiceField(ours().order_by("name")).choices)

    assert (next(choices), next(choices)[1], unclosed_server_cursors()) == (("", "---------"), "Ane", [])
