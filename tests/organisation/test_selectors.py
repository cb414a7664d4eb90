"""organisation.selectors: the lists the directory shows, searched word by word in the database,
and what one person holds and which role reviews are theirs."""

from datetime import date
from decimal import Decimal

import pytest

from os2org.common.visibility import ANONYMOUS, SECRETARIAT, Viewer
from os2org.handbook.models import Page
from os2org.organisation import selectors
from os2org.organisation.models import Body, Person
from os2org.organisation.services import assign_role, end_assignment, save_body, save_organisation, save_person
from os2org.roles.models import RoleDescription
from tests.governance.cycle_data import make_role

pytestmark = pytest.mark.django_db

MEMBER = Viewer(user_id=1)
STAFF = Viewer(user_id=2, groups=frozenset({SECRETARIAT}))
ON = date(2026, 5, 7)


def names(found):
    return [item.name for item in found]


def found(selector, query, *viewers):
    """The names `selector` finds for `query`, for each of `viewers`, sorted (databases sort Æ, Ø, Å differently)."""
    return [sorted(names(selector(viewer=viewer, words=query))) for viewer in viewers]


@pytest.fixture
def people():
    aeble = save_organisation(name="Æbleby Kommune")
    hidden = save_organisation(name="Blåbær ApS", visibility="internal")
    save_person(name="Åse Ørsted", email="aase@example.org", employer=hidden)
    save_person(name="Øjvind Bak", email="oejvind@example.org", employer=aeble)
    save_person(name="Bo Lund", email="bo@æble.dk")
    save_person(name="Ærø Holm", visibility="members")


@pytest.mark.parametrize("query", ["ÆBLE", "æble"])
def test_people_finds_by_the_employers_name_whatever_its_case(people, query):
    assert found(selectors.people, query, ANONYMOUS) == [["Øjvind Bak"]]


@pytest.mark.parametrize("query", ["Ø", "ø"])
def test_people_finds_ø_whatever_its_case(people, query):
    assert found(selectors.people, query, ANONYMOUS) == [["Åse Ørsted", "Øjvind Bak"]]


@pytest.mark.parametrize("query", ["å", "Å"])
def test_people_finds_å_whatever_its_case(people, query):
    assert found(selectors.people, query, ANONYMOUS) == [["Åse Ørsted"]]


@pytest.mark.parametrize("query", ["ÆRØ", "ærø"])
def test_people_finds_a_person_for_members_only_for_those_signed_in(people, query):
    assert found(selectors.people, query, ANONYMOUS, MEMBER) == [[], ["Ærø Holm"]]


def test_people_needs_every_word(people):
    assert found(selectors.people, "ø BAK", ANONYMOUS) == [["Øjvind Bak"]]


@pytest.mark.parametrize("query", ["ÆBLE.DK", "æble.dk"])
def test_people_finds_by_e_mail_only_for_those_signed_in(people, query):
    assert found(selectors.people, query, ANONYMOUS, MEMBER, STAFF) == [[], ["Bo Lund"], ["Bo Lund"]]


@pytest.mark.parametrize("query", ["BLÅBÆR", "blåbær"])
def test_people_finds_by_an_employers_name_only_where_the_viewer_reads_the_employer(people, query):
    assert found(selectors.people, query, ANONYMOUS, MEMBER, STAFF) == [[], [], ["Åse Ørsted"]]


def test_people_without_words_lists_everyone_the_viewer_reads_by_name():
    for name in ["Carl Dam", "Anna Berg", "Bo Lund"]:
        save_person(name=name)
    save_person(name="Dorte Eg", visibility="internal")

    assert names(selectors.people(viewer=ANONYMOUS)) == ["Anna Berg", "Bo Lund", "Carl Dam"]


def test_people_carries_hours_today_for_those_who_see_hours(people):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    assign_role(Person.objects.get(name="Bo Lund"), body=board, starts=date(2020, 1, 1), hours_per_week=5)

    found = selectors.people(viewer=STAFF, words="bo")

    assert [(person.name, person.current_hours) for person in found] == [("Bo Lund", Decimal(5))]


def test_people_finds_a_person_renamed_by_the_new_name(people):
    bo = Person.objects.get(name="Bo Lund")
    save_person(bo, name="Bo Ærenlund")

    assert (found(selectors.people, "ÆRE", ANONYMOUS), found(selectors.people, "lund", ANONYMOUS)) == (
        [["Bo Ærenlund"]],
        [["Bo Ærenlund"]],
    )


@pytest.fixture
def organisations():
    for name in ["Æbeltoft Kommune", "Ørsted A/S", "Blåvand Kommune", "Aabenraa Kommune"]:
        save_organisation(name=name)
    save_organisation(name="Ærø Kommune", visibility="internal")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ÆBEL", "Æbeltoft Kommune"),
        ("æbel", "Æbeltoft Kommune"),
        ("Ø", "Ørsted A/S"),
        ("ø", "Ørsted A/S"),
        ("Å", "Blåvand Kommune"),
        ("å", "Blåvand Kommune"),
    ],
)
def test_organisations_finds_danish_letters_whatever_their_case(organisations, query, expected):
    assert found(selectors.organisations, query, ANONYMOUS) == [[expected]]


@pytest.mark.parametrize("query", ["ÆRØ", "ærø"])
def test_organisations_finds_only_what_the_viewer_reads(organisations, query):
    assert found(selectors.organisations, query, ANONYMOUS, STAFF) == [[], ["Ærø Kommune"]]


@pytest.fixture
def bodies():
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    save_body(name="Styregruppen for Æblehaven", kind=Body.Kind.STEERING_GROUP, parent=board)
    save_body(name="Faggruppen for Økonomi", kind=Body.Kind.WORKING_GROUP)
    save_body(name="Anvendere af Blåt Kort", kind=Body.Kind.USERS, visibility="members")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ÆBLE", "Styregruppen for Æblehaven"),
        ("æble", "Styregruppen for Æblehaven"),
        ("Ø", "Faggruppen for Økonomi"),
        ("ø", "Faggruppen for Økonomi"),
    ],
)
def test_bodies_finds_danish_letters_whatever_their_case(bodies, query, expected):
    assert found(selectors.bodies, query, ANONYMOUS) == [[expected]]


@pytest.mark.parametrize("query", ["Å", "å"])
def test_bodies_finds_what_members_read_only_for_those_signed_in(bodies, query):
    assert found(selectors.bodies, query, ANONYMOUS, MEMBER) == [[], ["Anvendere af Blåt Kort"]]


def test_body_summary_shows_the_top_and_what_lies_directly_under_the_associations_own_bodies():
    assembly = save_body(name="Generalforsamlingen", kind=Body.Kind.GENERAL_ASSEMBLY)
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD, parent=assembly)
    programme = save_body(name="Velfærd", kind=Body.Kind.PROGRAMME, parent=board)
    community = save_body(name="OS2mo", kind=Body.Kind.PRODUCT_COMMUNITY, parent=programme, programme=programme)
    save_body(name="Styregruppen for OS2mo", kind=Body.Kind.STEERING_GROUP, parent=community)
    save_body(name="OS2kitos", kind=Body.Kind.PRODUCT_COMMUNITY)

    found = selectors.body_summary(viewer=ANONYMOUS)

    assert [(body.name, body.parts) for body in found] == [
        ("Bestyrelsen", 1),
        ("Generalforsamlingen", 1),
        ("OS2kitos", 0),
        ("Velfærd", 1),
    ]


def test_body_summary_counts_only_the_parts_the_viewer_reads():
    programme = save_body(name="Velfærd", kind=Body.Kind.PROGRAMME)
    save_body(name="OS2mo", kind=Body.Kind.PRODUCT_COMMUNITY, parent=programme)
    save_body(name="OS2intern", kind=Body.Kind.PRODUCT_COMMUNITY, parent=programme, visibility="internal")

    counts = [[body.parts for body in selectors.body_summary(viewer=viewer)] for viewer in (ANONYMOUS, STAFF)]

    assert counts == [[1], [2]]


@pytest.fixture
def secretariat():
    """Sekretariatet on 7 May 2026: Ane is its chief, and Bo, its editor, reports to her.

    The chief's description was reviewed on 12 June 2025; the editor's never.
    """
    body = save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT)
    chief = make_role("Sekretariatschef", reviewed_on=date(2025, 6, 12))
    editor = make_role("Kommunikationsmedarbejder")
    ane, bo = save_person(name="Ane Holm"), save_person(name="Bo Lund")
    assign_role(ane, body=body, role=chief, starts=date(2025, 1, 1), hours_per_week=37)
    assign_role(bo, body=body, role=editor, starts=date(2025, 1, 1), hours_per_week=30, reports_to=ane)
    return {"body": body, "chief": chief, "editor": editor, "ane": ane, "bo": bo}


def reviews(person, viewer=STAFF, until=date(2026, 6, 4)):
    found = selectors.reviews_owned_by(person, viewer=viewer, on=ON, until=until)
    return [(review.role.name, names(review.holders), review.due) for review in found]


def test_assignments_held_are_those_of_the_day_in_the_order_they_began(secretariat):
    ane = secretariat["ane"]
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    assign_role(ane, body=board, starts=date(2024, 1, 1), ends=date(2026, 1, 1), hours_per_week=2)
    assign_role(ane, body=board, starts=date(2026, 6, 1), hours_per_week=2)
    assign_role(ane, body=board, starts=date(2026, 2, 1), hours_per_week=3)

    held = selectors.assignments_held(ane, on=ON)

    assert [(a.body.name, a.hours_per_week) for a in held] == [("Sekretariatet", 37), ("Bestyrelsen", 3)]


def test_reviews_owned_by_the_one_reported_to_include_the_roles_of_their_reports(secretariat):
    assert reviews(secretariat["ane"]) == [("Kommunikationsmedarbejder", ["Bo Lund"], None)]


def test_reviews_owned_by_a_person_are_due_by_the_day_asked_never_reviewed_first(secretariat):
    assert reviews(secretariat["ane"], until=date(2026, 6, 12)) == [
        ("Kommunikationsmedarbejder", ["Bo Lund"], None),
        ("Sekretariatschef", ["Ane Holm"], date(2026, 6, 12)),
    ]


def test_reviews_owned_by_a_holder_are_of_their_own_role(secretariat):
    assert reviews(secretariat["bo"]) == [("Kommunikationsmedarbejder", ["Bo Lund"], None)]


def test_reviews_owned_by_a_person_past_due_are_overdue(secretariat):
    RoleDescription.objects.filter(pk=secretariat["chief"].pk).update(reviewed_on=date(2025, 5, 1))

    (_editor, chief) = selectors.reviews_owned_by(secretariat["ane"], viewer=STAFF, on=ON, until=ON)

    assert (chief.due, chief.overdue(ON)) == (date(2026, 5, 1), True)


def test_reviews_owned_by_a_person_leave_out_the_roles_the_viewer_may_not_read(secretariat):
    Page.objects.filter(role=secretariat["editor"]).update(visibility="internal")

    assert reviews(secretariat["ane"], viewer=MEMBER) == []


def test_reviews_owned_by_a_person_leave_out_a_report_who_has_left(secretariat):
    (held,) = secretariat["bo"].assignments.all()
    end_assignment(held, ends=date(2026, 5, 1))

    assert reviews(secretariat["ane"]) == []


def test_reviews_owned_by_a_person_cost_one_query_however_many_report_to_them(secretariat, django_assert_num_queries):
    for number in range(20):
        person = save_person(name=f"Person {number:02}")
        role = make_role(f"Rolle {number:02}")
        reporting = {"reports_to": secretariat["ane"], "starts": date(2025, 1, 1), "hours_per_week": 5}
        assign_role(person, body=secretariat["body"], role=role, **reporting)

    with django_assert_num_queries(1):
        found = selectors.reviews_owned_by(secretariat["ane"], viewer=STAFF, on=ON, until=ON)

    assert len(found) == 21


@pytest.fixture
def communities():
    """Mosaik lost its coordinator on 5 May 2026; Tavle's left on 1 May and a new one began on 4 May;
    Kort (internal) lost theirs on 6 May; Spor never had one."""
    people = [save_person(name=name) for name in ("Ane Holm", "Bo Lund", "Cille Dahl", "Dan Ravn")]
    mosaik, tavle, _spor = (save_body(name=name, kind=Body.Kind.PRODUCT_COMMUNITY) for name in ("Mosaik", "Tavle", "Spor"))
    kort = save_body(name="Kort", kind=Body.Kind.PROJECT_COMMUNITY, visibility="internal")
    for person, body, starts, ends in (
        (people[0], mosaik, date(2025, 1, 1), date(2026, 5, 5)),
        (people[1], tavle, date(2025, 1, 1), date(2026, 5, 1)),
        (people[2], tavle, date(2026, 5, 4), None),
        (people[3], kort, date(2025, 1, 1), date(2026, 5, 6)),
    ):
        assign_role(person, body=body, function="coordinator", starts=starts, ends=ends, hours_per_week=7)


def vacated(viewer, since):
    return [(body.name, body.vacated) for body in selectors.coordinator_posts_vacated(viewer=viewer, since=since, on=ON)]


def test_coordinator_posts_vacated_are_those_left_empty_since_the_day_given(communities):
    assert vacated(STAFF, date(2026, 4, 30)) == [("Kort", date(2026, 5, 6)), ("Mosaik", date(2026, 5, 5))]


def test_coordinator_posts_vacated_before_the_day_given_are_left_out(communities):
    assert vacated(STAFF, date(2026, 5, 6)) == [("Kort", date(2026, 5, 6))]


def test_coordinator_posts_vacated_leave_out_the_communities_the_viewer_may_not_read(communities):
    assert vacated(MEMBER, date(2026, 4, 30)) == [("Mosaik", date(2026, 5, 5))]
