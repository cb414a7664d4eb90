from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from os2org.audit.models import Entry
from os2org.handbook.services import import_handbook
from os2org.organisation.loading import LoadError, dump_yaml, load_csv, load_yaml
from os2org.organisation.models import Assignment, Body, Organisation, Person
from os2org.organisation.services import save_body
from os2org.roles.models import Priority, Task
from tests.conftest import DEMO

pytestmark = pytest.mark.django_db

DEMO_ORGANISATION = DEMO.parent / "organisation.yaml"

SMALL = """\
organisations:
- name: Egebjerg Kommune
  kind: municipality
  cvr: '38990608'
  member: true
  supplier: false
  partner: true
  partner_role: Huser sekretariatet.
- name: Kodehuset A/S
  kind: company
  member: false
  supplier: true
  partner: false
bodies:
- name: Bestyrelsen
  kind: board
- name: Booking
  kind: product_community
  parent: Sekretariatet
  programme: Borgerservice
  suppliers:
  - Kodehuset A/S
- name: Borgerservice
  kind: programme
- name: Sekretariatet
  kind: secretariat
  parent: Bestyrelsen
  description: Den daglige drift.
people:
- name: Ane Holm
  email: ane@example.org
  employer: Egebjerg Kommune
  contract_hours: 37
- name: Bo Lund
  contract_hours: 18.5
assignments:
- person: Ane Holm
  body: Bestyrelsen
  function: chair
  from: 2025-01-01
  until: 2026-12-31
  hours_per_week: 2.5
- person: Bo Lund
  body: Booking
  role: Produktkoordinator
  function: coordinator
  from: 2025-02-01
  share: 1/3
  reports_to: Ane Holm
task_hours:
- role: Produktkoordinator
  priority: MUST
  task: 1
  hours: 3
- role: Produktkoordinator
  priority: SHOULD
  task: 2
  hours: 1.5
"""

# The same organisation written by hand: sections and keys in another
# order, parents after children, dates and numbers as people type them.
SMALL_BY_HAND = """\
people:
  - name: Bo Lund
    contract_hours: "18,5"
  - name: Ane Holm
    email: ane@example.org
    employer: Egebjerg Kommune
bodies:
  - {name: Sekretariatet, kind: secretariat, parent: Bestyrelsen, description: Den daglige drift.}
  - name: Booking
    kind: product_community
    parent: Sekretariatet
    programme: Borgerservice
    suppliers: [Kodehuset A/S]
  - {name: Borgerservice, kind: programme}
  - {name: Bestyrelsen, kind: board}
organisations:
  - name: Kodehuset A/S
    kind: company
    supplier: yes
  - name: Egebjerg Kommune
    kind: municipality
    cvr: "38990608"
    member: true
    partner: true
    partner_role: Huser sekretariatet.
assignments:
  - person: Bo Lund
    body: Booking
    role: Produktkoordinator
    function: coordinator
    from: "2025-02-01"
    share: 0.3333
    reports_to: Ane Holm
  - person: Ane Holm
    body: Bestyrelsen
    function: chair
    from: 2025-01-01
    until: 2026-12-31
    hours_per_week: 2.50
task_hours:
  - {role: Produktkoordinator, priority: SHOULD, task: 2, hours: 1.5}
  - {role: Produktkoordinator, priority: MUST, task: 1, hours: 3}
"""

# A valid base for the bad inputs below: each test breaks one line of it.
BASE = """\
organisations:
  - name: Egebjerg Kommune
    kind: municipality
bodies:
  - name: Bestyrelsen
    kind: board
people:
  - name: Ane Holm
    employer: Egebjerg Kommune
  - name: Bo Lund
assignments:
  - person: Ane Holm
    body: Bestyrelsen
    function: chair
    from: 2025-01-01
    hours_per_week: 2
"""


@pytest.fixture
def roles():
    """The demo handbook's role descriptions (Produktkoordinator and four more)."""
    import_handbook([DEMO])


def write(folder, text, name="organisation.yaml"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def counts():
    return (
        Organisation.objects.count(),
        Body.objects.count(),
        Person.objects.count(),
        Assignment.objects.count(),
        Task.objects.exclude(hours_per_week=None).count(),
        Entry.objects.count(),
    )


def load_error(load, path):
    """The message of the LoadError that loading `path` raises (in English); the database must be unchanged."""
    before = counts()
    with translation.override("en"), pytest.raises(LoadError) as raised:
        load(path)
    assert counts() == before
    return str(raised.value)


def test_load_demo_counts(roles):
    load_yaml(DEMO_ORGANISATION)
    assert counts()[:5] == (6, 11, 15, 19, 7)


def test_load_demo_product_coordinator_is_bought_free_for_a_third(roles):
    load_yaml(DEMO_ORGANISATION)
    coordinator = Assignment.objects.get(person__name="Mads Kjær", body__name="Fælleskode Booking")
    assert (coordinator.function, coordinator.role.name, coordinator.hours_per_week, coordinator.share) == (
        "coordinator",
        "Produktkoordinator",
        Decimal("12.33"),
        Decimal("0.3333"),
    )


def test_load_demo_overloads_one_person_to_120_percent(roles):
    load_yaml(DEMO_ORGANISATION)
    person = Person.objects.get(name="Thomas Møller")
    total = sum(a.hours_per_week for a in person.assignments.current(on=date(2026, 6, 1)))
    assert total / person.contract_hours == Decimal("1.2")


def test_load_demo_leaves_programme_manager_vacant(roles):
    load_yaml(DEMO_ORGANISATION)
    assert Assignment.objects.filter(role__name="Programleder").count() == 0


def test_load_demo_must_and_should_exceed_the_coordinators_hours(roles):
    load_yaml(DEMO_ORGANISATION)
    tasks = Task.objects.filter(role__name="Produktkoordinator", priority__lte=Priority.SHOULD)
    assert sum(t.hours_per_week for t in tasks) == Decimal("13.5")


def test_load_returns_counts(roles, tmp_path):
    result = load_yaml(write(tmp_path, SMALL))
    assert result.__dict__ == {
        "organisations": 2,
        "bodies": 4,
        "people": 2,
        "assignments": 2,
        "task_hours": 2,
        "created": 10,
        "changed": 2,
        "unchanged": 0,
    }


def test_load_stores_values(roles, tmp_path):
    load_yaml(write(tmp_path, SMALL))
    booking = Body.objects.get(name="Booking")
    assert (
        booking.kind,
        booking.parent.name,
        booking.programme.name,
        [o.name for o in booking.suppliers.all()],
    ) == ("product_community", "Sekretariatet", "Borgerservice", ["Kodehuset A/S"])


def test_load_writes_one_audit_entry_per_change(roles, tmp_path):
    before = Entry.objects.count()
    load_yaml(write(tmp_path, SMALL))
    assert Entry.objects.count() - before == 12


def test_dump_small_file_exactly(roles, tmp_path):
    load_yaml(write(tmp_path, SMALL))
    assert dump_yaml() == SMALL


def test_dump_of_a_hand_written_file_is_the_same(roles, tmp_path):
    load_yaml(write(tmp_path, SMALL_BY_HAND))
    assert dump_yaml() == SMALL


def test_dump_of_empty_database():
    assert dump_yaml() == "organisations: []\nbodies: []\npeople: []\nassignments: []\n"


def test_dump_writes_a_share_that_is_no_common_fraction_as_a_decimal(roles, tmp_path):
    load_yaml(write(tmp_path, SMALL.replace("share: 1/3", "share: '0.4'")))
    assert "  share: '0.4'\n" in dump_yaml()


def test_load_of_dump_is_the_identity_for_the_demo(roles, tmp_path):
    load_yaml(DEMO_ORGANISATION)
    dumped = dump_yaml()
    Assignment.objects.all().delete()
    Person.objects.all().delete()
    Body.objects.update(parent=None, programme=None)
    Body.objects.all().delete()
    Organisation.objects.all().delete()
    Task.objects.update(hours_per_week=None)
    load_yaml(write(tmp_path, dumped))
    assert dump_yaml() == dumped


def test_load_twice_changes_nothing(roles, tmp_path):
    path = write(tmp_path, SMALL)
    load_yaml(path)
    before, dumped = counts(), dump_yaml()
    result = load_yaml(path)
    assert (counts(), dump_yaml(), result.created, result.changed, result.unchanged) == (before, dumped, 0, 0, 12)


def test_load_updates_by_name_and_keeps_keys_left_out(roles, tmp_path):
    load_yaml(write(tmp_path, SMALL))
    load_yaml(write(tmp_path, "people:\n  - name: Ane Holm\n    contract_hours: 30\n", "change.yaml"))
    ane = Person.objects.get(name="Ane Holm")
    assert (Person.objects.count(), ane.email, ane.employer.name, ane.contract_hours) == (
        2,
        "ane@example.org",
        "Egebjerg Kommune",
        Decimal("30"),
    )


def test_load_updates_an_assignment_by_its_key(roles, tmp_path):
    load_yaml(write(tmp_path, BASE))
    load_yaml(write(tmp_path, BASE.replace("hours_per_week: 2", "hours_per_week: 4"), "change.yaml"))
    assert list(Assignment.objects.values_list("hours_per_week", flat=True)) == [Decimal("4")]


def test_load_empty_file_does_nothing(tmp_path):
    assert load_yaml(write(tmp_path, "")).__dict__ == dict.fromkeys(
        ["organisations", "bodies", "people", "assignments", "task_hours", "created", "changed", "unchanged"], 0
    )


# Bad YAML: each names its line, and nothing is stored.


def test_load_refuses_yaml_syntax_error(tmp_path):
    path = write(tmp_path, BASE.replace("kind: board", "kind: board: the one that decides"))
    assert load_error(load_yaml, path) == f"{path}:6: not valid YAML: mapping values are not allowed here"


def test_load_refuses_unknown_key(tmp_path):
    path = write(tmp_path, BASE.replace("    kind: board\n", "    kind: board\n    colour: red\n"))
    assert load_error(load_yaml, path) == (
        f"{path}:7: unknown key “colour” (expected one of: name, kind, parent, programme, member_authorities, "
        "suppliers, description, position)."
    )


def test_load_refuses_unknown_section(tmp_path):
    path = write(tmp_path, BASE + "meetings: []\n")
    assert load_error(load_yaml, path) == (
        f"{path}:17: unknown section “meetings” (expected one of: organisations, bodies, relations, people, assignments, "
        "task_hours)."
    )


def test_load_refuses_unknown_body(tmp_path):
    path = write(tmp_path, BASE.replace("    body: Bestyrelsen", "    body: Bestyrelse"))
    assert load_error(load_yaml, path) == f"{path}:13: body: there is no body named “Bestyrelse”."


def test_load_refuses_unknown_employer(tmp_path):
    path = write(tmp_path, BASE.replace("employer: Egebjerg Kommune", "employer: Egebjerg"))
    assert load_error(load_yaml, path) == f"{path}:9: employer: there is no organisation named “Egebjerg”."


def test_load_refuses_unknown_role(tmp_path):
    path = write(tmp_path, BASE.replace("    function: chair\n", "    role: Kasserer\n    function: chair\n"))
    assert load_error(load_yaml, path) == f"{path}:14: role: there is no role description named “Kasserer”."


def test_load_refuses_duplicate_person_name(tmp_path):
    path = write(tmp_path, BASE.replace("  - name: Bo Lund", "  - name: Ane Holm"))
    assert load_error(load_yaml, path) == f"{path}:10: name: “Ane Holm” is listed twice (first on line 8)."


def test_load_refuses_duplicate_key(tmp_path):
    path = write(tmp_path, BASE.replace("    kind: board\n", "    kind: board\n    kind: committee\n"))
    assert load_error(load_yaml, path) == f"{path}:7: “kind” is given twice."


def test_load_refuses_bad_date(tmp_path):
    path = write(tmp_path, BASE.replace("from: 2025-01-01", "from: 2026-02-30"))
    assert load_error(load_yaml, path) == f"{path}:15: from: “2026-02-30” is not a date (YYYY-MM-DD)."


def test_load_refuses_end_before_start(tmp_path):
    path = write(tmp_path, BASE.replace("    from: 2025-01-01\n", "    from: 2025-01-01\n    until: 2024-12-31\n"))
    assert load_error(load_yaml, path) == f"{path}:16: until: must be after from (2025-01-01)."


def test_load_refuses_missing_start(tmp_path):
    path = write(tmp_path, BASE.replace("    from: 2025-01-01\n", ""))
    assert load_error(load_yaml, path) == f"{path}:12: “from” is missing."


def test_load_refuses_share_over_one(tmp_path):
    path = write(tmp_path, BASE.replace("hours_per_week: 2", "share: 3/2"))
    assert load_error(load_yaml, path) == (
        f"{path}:16: share: A share of a full year must be more than 0 and at most 1 (e.g. 1/3)."
    )


def test_load_refuses_both_hours_and_share(tmp_path):
    path = write(tmp_path, BASE + "    share: 1/5\n")
    assert load_error(load_yaml, path) == (
        f"{path}:16: hours_per_week: Enter either hours per week or a share of a full year, not both."
    )


def test_load_refuses_zero_hours(tmp_path):
    path = write(tmp_path, BASE.replace("hours_per_week: 2", "hours_per_week: 0"))
    assert load_error(load_yaml, path) == f"{path}:16: hours_per_week: must be more than 0 and at most 168 hours a week."


def test_load_refuses_hours_that_are_no_number(tmp_path):
    path = write(tmp_path, BASE.replace("hours_per_week: 2", "hours_per_week: two"))
    assert load_error(load_yaml, path) == f"{path}:16: hours_per_week: “two” is not a number."


def test_load_refuses_contract_hours_over_a_week(tmp_path):
    path = write(tmp_path, BASE.replace("  - name: Bo Lund\n", "  - name: Bo Lund\n    contract_hours: 169\n"))
    assert load_error(load_yaml, path) == f"{path}:11: contract_hours: must be more than 0 and at most 168 hours a week."


def test_load_refuses_short_cvr(tmp_path):
    path = write(tmp_path, BASE.replace("    kind: municipality\n", "    kind: municipality\n    cvr: \"123\"\n"))
    assert load_error(load_yaml, path) == f"{path}:4: cvr: A CVR number has 8 digits."


def test_load_refuses_a_cvr_number_whose_check_digit_does_not_add_up(tmp_path):
    path = write(tmp_path, BASE.replace("    kind: municipality\n", "    kind: municipality\n    cvr: \"38990609\"\n"))
    assert load_error(load_yaml, path) == (
        f"{path}:4: cvr: 38990609 is not a CVR number: its check digit does not add up. "
        "Check it against the CVR register."
    )


def test_load_refuses_an_ean_number_whose_check_digit_does_not_add_up(tmp_path):
    path = write(tmp_path, BASE.replace("    kind: municipality\n", "    kind: municipality\n    ean: \"5798000410016\"\n"))
    assert load_error(load_yaml, path) == (
        f"{path}:4: ean: 5798000410016 is not an EAN number: its check digit does not add up. "
        "Check it against the invoice address the authority gave."
    )


def test_load_refuses_member_authorities_typed_in(tmp_path):
    booking = "  - name: Booking\n    kind: product_community\n    member_authorities: [Egebjerg Kommune]\n"
    path = write(tmp_path, BASE.replace("bodies:\n", "bodies:\n" + booking))
    assert load_error(load_yaml, path) == (
        f"{path}:7: member_authorities: member authorities follow from agreements now: "
        "load them with “os2org members load”."
    )


def test_load_refuses_unknown_kind(tmp_path):
    path = write(tmp_path, BASE.replace("kind: board", "kind: club"))
    assert load_error(load_yaml, path) == f"{path}:6: kind: Value 'club' is not a valid choice."


def test_load_refuses_a_second_open_chair_of_the_board(tmp_path):
    second = "  - person: Bo Lund\n    body: Bestyrelsen\n    function: chair\n    from: 2025-06-01\n    hours_per_week: 1\n"
    path = write(tmp_path, BASE + second)
    assert load_error(load_yaml, path) == f"{path}:19: function: Bestyrelsen already has a chair in that period: Ane Holm."


def test_load_refuses_a_chair_when_one_is_stored(tmp_path):
    load_yaml(write(tmp_path, BASE))
    second = "assignments:\n  - {person: Bo Lund, body: Bestyrelsen, function: chair, from: 2026-01-01, hours_per_week: 1}\n"
    path = write(tmp_path, second, "second.yaml")
    assert load_error(load_yaml, path) == f"{path}:2: function: Bestyrelsen already has a chair in that period: Ane Holm."


def test_load_refuses_the_same_assignment_twice(tmp_path):
    path = write(tmp_path, BASE + BASE[BASE.index("  - person") :])
    assert load_error(load_yaml, path) == f"{path}:17: person: the same assignment is listed on line 12."


def test_load_refuses_body_inside_itself(tmp_path):
    path = write(tmp_path, BASE.replace("    kind: board\n", "    kind: board\n    parent: Bestyrelsen\n"))
    assert load_error(load_yaml, path) == f"{path}:7: parent: “Bestyrelsen” would be part of itself."


def test_load_refuses_a_parent_stored_inside_the_body(tmp_path):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD)
    save_body(name="Sekretariatet", kind=Body.Kind.SECRETARIAT, parent=board)
    path = write(tmp_path, "bodies:\n  - name: Bestyrelsen\n    parent: Sekretariatet\n")
    assert load_error(load_yaml, path) == f"{path}:3: parent: “Bestyrelsen” would be part of itself."


def test_load_refuses_programme_of_another_kind(tmp_path):
    extra = "  - name: Booking\n    kind: product_community\n    programme: Bestyrelsen\n"
    path = write(tmp_path, BASE.replace("people:\n", extra + "people:\n"))
    assert load_error(load_yaml, path) == f"{path}:9: programme: “Bestyrelsen” is not a programme (it is a board)."


def test_load_refuses_a_list_where_a_value_belongs(tmp_path):
    path = write(tmp_path, BASE.replace("kind: board", "kind: [board]"))
    assert load_error(load_yaml, path) == f"{path}:6: kind: expected a single value."


def test_load_refuses_bad_email(tmp_path):
    path = write(tmp_path, BASE.replace("  - name: Bo Lund\n", "  - name: Bo Lund\n    email: bo at example\n"))
    assert load_error(load_yaml, path) == f"{path}:11: email: Enter a valid email address."


def test_load_refuses_unknown_task(roles, tmp_path):
    path = write(tmp_path, "task_hours:\n  - {role: Produktkoordinator, priority: SHOULD, task: 3, hours: 1}\n")
    assert load_error(load_yaml, path) == f"{path}:2: task: Produktkoordinator has no SHOULD task number 3."


def test_load_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_bytes(BASE.encode("utf-8").replace(b"Bo Lund", "Bo Lund".encode("utf-16")))
    assert load_error(load_yaml, path) == f"{path}:10: not UTF-8 text."


def test_load_refuses_a_missing_file(tmp_path):
    path = tmp_path / "missing.yaml"
    assert load_error(load_yaml, path) == f"{path}: cannot read the file: No such file or directory"


# CSV

PEOPLE_CSV = """\
name;email;employer;contract_hours;body;role;function;from;until;hours_per_week;share;reports_to
Ane Holm;ane@example.org;Egebjerg Kommune;37;Bestyrelsen;;chair;2025-01-01;;2;;
Bo Lund;;;18,5;Booking;Produktkoordinator;coordinator;2025-02-01;;;1/3;Ane Holm
Bo Lund;;;;Bestyrelsen;;member;2025-01-01;2026-12-31;1;;
Cai Dam;cai@example.org;;;;;;;;;;
"""


@pytest.fixture
def stored(roles, tmp_path):
    """The organisations and bodies a CSV export refers to."""
    load_yaml(write(tmp_path, SMALL.split("people:")[0]))


def test_load_csv_people_and_assignments(stored, tmp_path):
    result = load_csv(write(tmp_path, PEOPLE_CSV, "people.csv"))
    rows = Assignment.objects.order_by("person__name", "starts").values_list(
        "person__name", "body__name", "function", "hours_per_week", "share", "ends", "reports_to__name"
    )
    assert (result.people, result.assignments, list(rows), list(Person.objects.values_list("name", "contract_hours"))) == (
        3,
        3,
        [
            ("Ane Holm", "Bestyrelsen", "chair", Decimal("2.00"), None, None, None),
            ("Bo Lund", "Bestyrelsen", "member", Decimal("1.00"), None, date(2026, 12, 31), None),
            ("Bo Lund", "Booking", "coordinator", Decimal("12.33"), Decimal("0.3333"), None, "Ane Holm"),
        ],
        [("Ane Holm", Decimal("37.00")), ("Bo Lund", Decimal("18.50")), ("Cai Dam", Decimal("37.00"))],
    )


def test_load_csv_with_comma_and_byte_order_mark(stored, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"\xef\xbb\xbf" + PEOPLE_CSV.replace(";", ",").replace("18,5", '"18,5"').encode("utf-8"))
    assert load_csv(path).assignments == 3


def test_load_csv_twice_changes_nothing(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV, "people.csv")
    load_csv(path)
    before = counts()
    result = load_csv(path)
    assert (counts(), result.created, result.changed) == (before, 0, 0)


def test_load_csv_refuses_bad_hours(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV.replace(";2;;\n", ";2 timer;;\n", 1), "people.csv")
    assert load_error(load_csv, path) == f"{path}:2: hours_per_week: “2 timer” is not a number."


def test_load_csv_refuses_unknown_body(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV.replace(";Booking;", ";Bookning;"), "people.csv")
    assert load_error(load_csv, path) == f"{path}:3: body: there is no body named “Bookning”."


def test_load_csv_refuses_unknown_employer(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV.replace("Egebjerg Kommune", "Egebjerg"), "people.csv")
    assert load_error(load_csv, path) == f"{path}:2: employer: there is no organisation named “Egebjerg”."


def test_load_csv_counts_physical_lines(stored, tmp_path):
    text = PEOPLE_CSV.replace("Cai Dam;cai@example.org", '"Cai\nDam";cai@example.org') + "Dan Ek;;;;Bookning;;;;;;;\n"
    path = write(tmp_path, text, "people.csv")
    assert load_error(load_csv, path) == f"{path}:7: body: there is no body named “Bookning”."


def test_load_csv_refuses_a_person_who_differs_between_rows(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV.replace("Bo Lund;;;;", "Bo Lund;;;20;"), "people.csv")
    assert load_error(load_csv, path) == f"{path}:4: contract_hours: “20” differs from line 3 (“18,5”)."


def test_load_csv_refuses_unknown_column(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV.replace("reports_to", "chef"), "people.csv")
    assert load_error(load_csv, path) == (
        f"{path}:1: unknown column “chef” (expected: name, email, employer, contract_hours, body, role, function, "
        "from, until, hours_per_week, share, reports_to)."
    )


def test_load_csv_refuses_an_assignment_without_body(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV.replace("Bestyrelsen;;chair", ";;chair"), "people.csv")
    assert load_error(load_csv, path) == f"{path}:2: “body” is missing."


def test_load_csv_refuses_a_row_without_name(stored, tmp_path):
    path = write(tmp_path, PEOPLE_CSV.replace("Cai Dam;", ";"), "people.csv")
    assert load_error(load_csv, path) == f"{path}:5: “name” is missing."


def test_load_csv_refuses_an_empty_file(tmp_path):
    path = write(tmp_path, "", "people.csv")
    assert load_error(load_csv, path) == (
        f"{path}:1: the file is empty; expected a header row: name, email, employer, contract_hours, body, role, "
        "function, from, until, hours_per_week, share, reports_to."
    )


def test_readme_example_loads(roles, tmp_path):
    readme = (DEMO.parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The organisation file") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))]
    load_yaml(write(tmp_path, example))
    assert counts()[:5] == (2, 4, 2, 2, 1)


RELATED = """\
bodies:
  - name: Bestyrelsen
    kind: board
    position: 2
  - name: Sekretariatet
    kind: secretariat
    position: 1
relations:
  - from: Bestyrelsen
    to: Sekretariatet
  - from: Sekretariatet
    to: Bestyrelsen
    kind: one_way
"""


def test_dump_writes_relations_and_positions(tmp_path):
    load_yaml(write(tmp_path, RELATED))
    assert dump_yaml() == (
        "organisations: []\n"
        "bodies:\n"
        "- name: Bestyrelsen\n  kind: board\n  position: 2\n"
        "- name: Sekretariatet\n  kind: secretariat\n  position: 1\n"
        "people: []\n"
        "assignments: []\n"
        "relations:\n"
        "- from: Bestyrelsen\n  to: Sekretariatet\n"
        "- from: Sekretariatet\n  to: Bestyrelsen\n  kind: one_way\n"
    )


def test_load_of_dump_is_the_identity_for_relations(tmp_path):
    load_yaml(write(tmp_path, RELATED))
    dumped = dump_yaml()
    Body.objects.all().delete()
    load_yaml(write(tmp_path, dumped))
    assert dump_yaml() == dumped


def test_load_relation_to_itself_is_refused_and_saves_nothing(tmp_path):
    path = write(tmp_path, RELATED.replace("    to: Sekretariatet\n  - from: Sekretariatet", "    to: Bestyrelsen\n  - from: Sekretariatet"))
    with translation.override("en"), pytest.raises(LoadError) as raised:
        load_yaml(path)
    assert (str(raised.value), Body.objects.count()) == (f"{path}:10: to: A body cannot be related to itself.", 0)


def test_load_relation_of_unknown_kind_is_refused(tmp_path):
    path = write(tmp_path, RELATED.replace("kind: one_way", "kind: sideways"))
    with translation.override("en"), pytest.raises(LoadError) as raised:
        load_yaml(path)
    assert str(raised.value) == f"{path}:13: kind: “sideways” is not one of both_ways, one_way, line."


# Queries: a load reads what is stored once and writes each section in bulk,
# in one transaction, so its number of queries does not grow with the file.


def assignments_of(number, hours):
    return [
        f"  - {{person: Person {number}, body: Bestyrelsen, from: 2025-01-01, hours_per_week: {hours}}}",
        f"  - {{person: Person {number}, body: Booking, role: Produktkoordinator, from: 2025-01-01, share: 1/5}}",
    ]


def organisation_of(people, *, hours=2):
    """An organisation file of `people` people, each employed by one organisation and holding two assignments."""
    lines = [
        "organisations:",
        "  - {name: Egebjerg Kommune, kind: municipality}",
        "bodies:",
        "  - {name: Bestyrelsen, kind: board}",
        "  - {name: Booking, kind: product_community, parent: Bestyrelsen, suppliers: [Egebjerg Kommune]}",
        "relations:",
        "  - {from: Bestyrelsen, to: Booking}",
        "people:",
        *(f"  - {{name: Person {n}, employer: Egebjerg Kommune}}" for n in range(people)),
        "assignments:",
        *(line for n in range(people) for line in assignments_of(n, hours)),
        "task_hours:",
        "  - {role: Produktkoordinator, priority: MUST, task: 1, hours: 3}",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("people", [10, 40])
def test_load_makes_as_many_queries_for_10_as_for_40_people(roles, tmp_path, django_assert_num_queries, people):
    path = write(tmp_path, organisation_of(people))
    # Each section reads what it checks against, inserts its rows (a new body inside
    # a new one after it), and writes its audit entries; the whole load is one savepoint.
    with django_assert_num_queries(31):
        load_yaml(path)


@pytest.mark.parametrize("people", [10, 40])
def test_load_of_changes_makes_as_many_queries_for_10_as_for_40_people(
    roles, tmp_path, django_assert_num_queries, people
):
    load_yaml(write(tmp_path, organisation_of(people)))
    path = write(tmp_path, organisation_of(people, hours=3), "changed.yaml")
    with django_assert_num_queries(14):
        load_yaml(path)


def test_a_loaded_organisation_is_found_by_word_search(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_text(
        "bodies:\n  - name: Ærø Styregruppe\n    kind: steering_group\n"
        "people:\n  - name: Øjvind Åberg\n    email: OJVIND@example.org\n",
        encoding="utf-8",
    )

    load_yaml(path)

    assert (
        list(Body.objects.values_list("name_key", flat=True)),
        list(Person.objects.values_list("name_key", "email_key")),
    ) == (["ærø styregruppe"], [("øjvind åberg", "ojvind@example.org")])
