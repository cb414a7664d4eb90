import pytest
from django.contrib.auth.models import Group

from os2org.common.rows import each_row
from tests.cursors import only_on_postgresql, unclosed_server_cursors

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    Group.objects.bulk_create(Group(name=name) for name in ["Ane", "Bo", "Cai"])


def test_each_row_reads_every_row_a_chunk_at_a_time(groups):
    with each_row(Group.objects.filter(name__in=["Ane", "Bo", "Cai"]).order_by("name"), chunk_size=2) as rows:
        names = [group.name for group in rows]

    assert names == ["Ane", "Bo", "Cai"]


def fail_at_the_first(rows):
    """A reading ended by an error: the error's traceback holds this frame, and so `rows`, as pytest.raises,
    a logged error or a comprehension over the rows do."""
    for group in rows:
        raise RuntimeError(group.name)


@only_on_postgresql
def test_reading_ended_by_an_error_leaves_no_cursor_for_the_garbage_collector(groups):
    with pytest.raises(RuntimeError) as caught:
        with each_row(Group.objects.order_by("name"), chunk_size=1) as rows:
            fail_at_the_first(rows)

    assert (caught.value.args, unclosed_server_cursors()) == (("Ane",), [])


@only_on_postgresql
def test_a_bare_iterator_ended_by_an_error_leaves_its_cursor_open(groups):
    """What each_row is for: without it the cursor waits for the garbage collector."""
    with pytest.raises(RuntimeError) as caught:
        fail_at_the_first(Group.objects.order_by("name").iterator(chunk_size=1))

    left = unclosed_server_cursors()
    try:
        assert (caught.value.args, len(left)) == (("Ane",), 1)
    finally:
        # Closed here, between queries, where closing is safe.
        for cursor in left:
            cursor.close()
