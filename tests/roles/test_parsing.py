import pytest

from os2org.handbook.pages import read_file
from os2org.roles.parsing import parse_role
from tests.conftest import seed


def role_of(prefix):
    path = seed(prefix)
    return parse_role(read_file(path, path.name))


@pytest.mark.parametrize(
    ("prefix", "name", "counts"),
    [
        ("000", "Sekretariatschef", {"MUST": 4, "SHOULD": 3, "COULD": 3}),
        ("002", "Programleder", {"MUST": 8, "SHOULD": 6, "COULD": 5}),
        ("003", "Forretningskoordinator", {"MUST": 5, "SHOULD": 4, "COULD": 3}),
        ("004", "Kommunikationsmedarbejder", {"MUST": 4, "SHOULD": 4, "COULD": 4}),
    ],
)
def test_seed_role_task_counts(prefix, name, counts):
    role = role_of(prefix)
    assert (role.name, {p: len(t) for p, t in role.tasks.items()}) == (name, counts)


@pytest.mark.parametrize(
    ("prefix", "hours"),
    [("000", None), ("002", {"min": 37, "max": 37}), ("003", None), ("004", {"min": 37, "max": 37})],
)
def test_seed_role_hours(prefix, hours):
    assert role_of(prefix).hours_per_week == hours


@pytest.mark.parametrize(
    ("prefix", "reports_to"),
    [("000", "OS2’s bestyrelse"), ("002", "Sekretariatschefen"), ("003", None), ("004", "Sekretariatschefen")],
)
def test_seed_role_reporting_line(prefix, reports_to):
    assert role_of(prefix).reports_to == reports_to


def test_organisation_page_is_not_a_role():
    assert role_of("001") is None
