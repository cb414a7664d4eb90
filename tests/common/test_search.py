"""common.search: words folded alike in Python and matched in the database, on SQLite and PostgreSQL."""

import pytest
from django.db.models import Q

from os2org.common.search import folded, matching, words
from os2org.organisation.models import Organisation
from os2org.organisation.services import save_organisation

pytestmark = pytest.mark.django_db


def names(query, *columns):
    return list(Organisation.objects.filter(matching(query, *columns)).order_by("name").values_list("name", flat=True))


@pytest.fixture
def organisations():
    for name in ["Æblegården", "Blåbær Kommune", "Ørestad ApS", "Aarhus Kommune", "Straße GmbH"]:
        save_organisation(name=name)


def test_folded_folds_danish_letters_and_case():
    assert folded("ÆBLE Ø Å æble") == "æble ø å æble"


def test_folded_gives_compatibility_characters_their_plain_form():
    assert folded("ﬁre Ａ") == "fire a"


def test_words_splits_on_any_space():
    assert words("  Blå\tBÆR\n kommune ") == ["blå", "bær", "kommune"]


def test_words_cuts_a_long_query_at_its_start():
    assert words("a" * 199 + " b c") == ["a" * 199]


def test_words_keeps_the_first_ten():
    assert words(" ".join("abcdefghijkl")) == list("abcdefghij")


def test_matching_without_words_matches_everything():
    assert matching("   ") == Q()


@pytest.mark.parametrize("query", ["ÆBLE", "æble", "Æble"])
def test_matching_finds_æ_whatever_its_case(organisations, query):
    assert names(query, "name_key") == ["Æblegården"]


@pytest.mark.parametrize("query", ["Ø", "ø"])
def test_matching_finds_ø_whatever_its_case(organisations, query):
    assert names(query, "name_key") == ["Ørestad ApS"]


@pytest.mark.parametrize("query", ["å", "Å"])
def test_matching_finds_å_whatever_its_case(organisations, query):
    assert names(query, "name_key") == ["Blåbær Kommune", "Æblegården"]


def test_matching_needs_every_word(organisations):
    assert names("kommune BLÅ", "name_key") == ["Blåbær Kommune"]


def test_matching_folds_ß_as_ss(organisations):
    assert names("STRASSE", "name_key") == ["Straße GmbH"]


def test_matching_takes_percent_and_underscore_as_letters(organisations):
    assert (names("%", "name_key"), names("_", "name_key")) == ([], [])


def test_matching_searches_a_column_only_where_its_condition_holds(organisations):
    assert names("kommune", ("name_key", Q(name__startswith="Aarhus"))) == ["Aarhus Kommune"]
