import pytest

from os2org.common.stemming import stem, stemmed


# Each as PostgreSQL's Danish stemmer makes it (ts_lexize('danish_stem', …)).
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("budgettet", "budget"),
        ("budgetter", "budget"),
        ("budget", "budg"),
        ("bestyrelsesmøderne", "bestyrelsesmød"),
        ("vedtaget", "vedtag"),
        ("årshjulet", "årshjul"),
        ("sekretariatschefen", "sekretariatschef"),
        ("løst", "løst"),
        ("forløst", "forløs"),
        ("hurtigst", "hurt"),
    ],
)
def test_stem_is_postgresqls_danish_stem(word, expected):
    assert stem(word) == expected


def test_stemmed_folds_and_leaves_out_stop_words():
    assert stemmed("Budgettet og ÅRSHJULET") == "budget årshjul"


def test_stemmed_splits_words_at_underscores_as_postgresql_does():
    assert stemmed("budget_2026") == "budg 2026"
