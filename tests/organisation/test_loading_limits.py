"""An organisation file that would unfold or nest without end is refused before it is read."""

import pytest
from django.utils import translation

from os2org.audit.models import Entry
from os2org.organisation.loading import LoadError, load_yaml

pytestmark = pytest.mark.django_db

LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi")
)


def refusal(path):
    before = Entry.objects.count()
    with translation.override("en"), pytest.raises(LoadError) as raised:
        load_yaml(path)
    assert Entry.objects.count() == before
    return str(raised.value)


def test_load_refuses_aliases_that_unfold_without_end(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text('a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + LAUGHS, encoding="utf-8")

    assert refusal(path) == f"{path}:5: its aliases unfold to far more than the text itself; write the values out."


def test_load_refuses_nesting_deeper_than_fifty_levels(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("people: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")

    assert refusal(path) == f"{path}:1: nests deeper than 50 levels."
