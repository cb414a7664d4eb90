import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from os2org.audit.changes import related_names
from os2org.organisation.services import save_person
from tests.dom import attribute, children, element, elements, parse, text, texts

pytestmark = pytest.mark.django_db

LOG = "/en/aendringer/"


def test_log_shows_who_changed_which_field(client, staff):
    person = save_person(name="Ane Holm", contract_hours=37, actor=staff)
    save_person(person, name="Ane Holm", contract_hours=30, actor=staff)

    newest = elements(element(parse(client.get(LOG)), "ol", class_="audit-log"), "li")[0]

    assert [texts(children(row)) for row in elements(newest, "tr")][1:] == [["Contract hours per week", "37", "30"]]


def test_log_names_the_user(client, staff):
    save_person(name="Ane Holm", actor=staff)

    first = element(element(parse(client.get(LOG)), "ol", class_="audit-log"), "p")

    assert "(by staff)" in " ".join(texts([first]))


def test_log_filters_by_kind_of_item(client, staff):
    from os2org.organisation.services import save_body

    save_person(name="Ane Holm", actor=staff)
    save_body(name="Bestyrelsen", kind="board", actor=staff)

    items = elements(element(parse(client.get(LOG, {"type": "organisation.body"})), "ol", class_="audit-log"), "li")

    assert len(items) == 1


def test_log_is_not_for_coordinators(client, db):
    from tests.accounts import make_user

    client.force_login(make_user("koordinator", "coordinator"))

    assert client.get(LOG).status_code == 403


def test_log_sends_the_public_to_log_in(client, db):
    response = client.get(LOG)

    assert (response.status_code, response["Location"]) == (302, f"/en/konto/login/?next={LOG}")


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LOG)
    assert response.status_code == 200
    return len(queries)


def test_log_queries_do_not_grow_with_entries(client, staff):
    save_person(name="Person 0", actor=staff)
    one = _queries(client)
    for number in range(1, 50):
        save_person(name=f"Person {number}", actor=staff)

    assert _queries(client) == one


def test_log_read_again_is_served_from_the_cache(client, staff):
    save_person(name="Ane Holm", actor=staff)
    client.get(LOG)

    with CaptureQueriesContext(connection) as queries:
        client.get(LOG)

    # The session, the user and the data's version: the viewer is kept too.
    assert len(queries) == 3


def test_log_shows_a_new_change_at_once(client, staff):
    client.get(LOG)

    save_person(name="Bo Lund", actor=staff)

    assert "Bo Lund" in client.get(LOG).content.decode()


def newest_entry(response):
    return elements(element(parse(response), "ol", class_="audit-log"), "li")[0]


def changed_rows(entry):
    return [texts(children(row)) for row in elements(entry, "tr")][1:]


def test_log_names_the_kind_of_item_in_words(client, staff):
    save_person(name="Ane Holm", actor=staff)

    assert text(element(newest_entry(client.get(LOG)), "span", class_="audit-kind")) == "Person"


def test_log_offers_the_kinds_of_item_by_name(client, staff):
    from os2org.organisation.services import save_body

    save_person(name="Ane Holm", actor=staff)
    save_body(name="Bestyrelsen", kind="board", actor=staff)

    options = elements(element(parse(client.get(LOG)), "select", id="log-type"), "option")
    assert [(attribute(option, "value"), text(option)) for option in options] == [
        ("", "All"),
        ("organisation.body", "Body"),
        ("organisation.person", "Person"),
    ]


def test_log_names_the_item_a_field_points_to(client, staff):
    from os2org.organisation.services import save_organisation

    aarhus = save_organisation(name="Aarhus Kommune", is_member=True, actor=staff)
    odense = save_organisation(name="Odense Kommune", is_member=True, actor=staff)
    person = save_person(name="Ane Holm", employer=aarhus, actor=staff)
    save_person(person, name="Ane Holm", employer=odense, actor=staff)

    assert changed_rows(newest_entry(client.get(LOG))) == [["Employer", "Aarhus Kommune", "Odense Kommune"]]


def test_log_shows_a_choice_by_its_label(client, staff):
    person = save_person(name="Ane Holm", visibility="public", actor=staff)
    save_person(person, name="Ane Holm", visibility="internal", actor=staff)

    assert changed_rows(newest_entry(client.get(LOG))) == [["Visibility", "Public", "Internal"]]


def test_log_shows_a_number_in_the_readers_language(client, staff):
    person = save_person(name="Ane Holm", contract_hours="37", actor=staff)
    save_person(person, name="Ane Holm", contract_hours="12.5", actor=staff)

    assert changed_rows(newest_entry(client.get("/aendringer/"))) == [["Kontraktuelle timer pr. uge", "37", "12,5"]]


def test_log_shows_a_changed_text_as_the_lines_that_changed(client, staff, tmp_path):
    from os2org.handbook.models import Page
    from os2org.handbook.services import import_handbook, save_page

    (tmp_path / "side.md").write_text("# Side\n\nEn\nTo\nTre\nFire\nFem\n", encoding="utf-8")
    import_handbook([tmp_path])
    page = Page.objects.get()
    save_page(page, source="# Side\n\nEn\nTo\nTRE\nFire\nFem\n", visibility=page.visibility, actor=staff)

    diff = element(newest_entry(client.get(LOG)), "pre", class_="audit-diff")
    assert [(child.name, text(child)) for child in children(diff)] == [
        ("del", "removed: - Tre"),
        ("ins", "added: + TRE"),
    ]


def test_log_filters_by_who_made_the_change(client, staff):
    from tests.accounts import make_user

    other = make_user("anden", "secretariat")
    save_person(name="Ane Holm", actor=staff)
    save_person(name="Bo Lund", actor=other)

    items = elements(element(parse(client.get(LOG, {"hvem": "anden"})), "ol", class_="audit-log"), "li")

    assert [text(element(item, "p")).split(": ", 1)[1] for item in items] == ["person: Bo Lund (by anden)"]


def test_log_filters_by_period(client, staff):
    from datetime import timedelta

    from django.utils import timezone

    from os2org.audit.models import Entry

    save_person(name="Ane Holm", actor=staff)
    save_person(name="Bo Lund", actor=staff)
    Entry.objects.filter(summary__contains="Ane").update(created=timezone.now() - timedelta(days=40))
    since = (timezone.localdate() - timedelta(days=7)).isoformat()

    items = elements(element(parse(client.get(LOG, {"fra": since})), "ol", class_="audit-log"), "li")

    assert len(items) == 1 and "Bo Lund" in text(element(items[0], "p"))


def test_log_refuses_a_period_that_ends_before_it_begins(client, staff):
    save_person(name="Ane Holm", actor=staff)

    response = client.get(LOG, {"fra": "2026-05-02", "til": "2026-05-01"})

    assert texts(elements(element(parse(response), "form", class_="audit-filter"), "li")) == [
        "The period ends before it begins: give a last day on or after the first."
    ]


def test_log_filters_by_words_of_the_summary(client, staff):
    save_person(name="Ane Holm", actor=staff)
    save_person(name="Bo Lund", actor=staff)

    items = elements(element(parse(client.get(LOG, {"q": "lund"})), "ol", class_="audit-log"), "li")

    assert ["Bo Lund" in text(element(item, "p")) for item in items] == [True]


def test_log_names_items_of_every_kind_on_the_page_in_one_query(client, staff):
    from os2org.organisation.services import assign_role, save_body, save_organisation

    aarhus = save_organisation(name="Aarhus Kommune", is_member=True, actor=staff)
    ane = save_person(name="Ane Holm", employer=aarhus, actor=staff)
    board = save_body(name="Bestyrelsen", kind="board", actor=staff)
    assign_role(ane, body=board, starts="2026-01-01", hours_per_week=2, actor=staff)
    page = paginate_log()

    with CaptureQueriesContext(connection) as queries:
        names = related_names(page)

    assert (len(queries), sorted(names.values())) == (1, ["Aarhus Kommune", "Ane Holm", "Bestyrelsen"])


def test_log_names_an_item_as_its_newest_entry_does(client, staff):
    from os2org.organisation.services import save_organisation

    aarhus = save_organisation(name="Aarhus Kommune", is_member=True, actor=staff)
    save_person(name="Ane Holm", employer=aarhus, actor=staff)
    save_organisation(aarhus, name="Aarhus Kommune (Borgerservice)", is_member=True, actor=staff)

    assert ["Employer", "—", "Aarhus Kommune (Borgerservice)"] in [
        row for entry in elements(element(parse(client.get(LOG)), "ol", class_="audit-log"), "li")
        for row in changed_rows(entry)
    ]


def test_log_names_an_item_gone_from_the_data_as_its_entries_recorded_it(client, staff):
    from os2org.organisation.models import Organisation
    from os2org.organisation.services import save_organisation

    aarhus = save_organisation(name="Aarhus Kommune", is_member=True, actor=staff)
    save_person(name="Ane Holm", employer=aarhus, actor=staff)
    # Gone without an entry of its own, as a row a cascade takes with it.
    Organisation.objects.filter(pk=aarhus.pk).delete()

    assert ["Employer", "—", "Aarhus Kommune"] in changed_rows(newest_entry(client.get(LOG)))


def test_log_looks_up_an_item_whose_entries_hold_no_name(client, staff):
    from os2org.audit.models import Entry
    from os2org.organisation.services import save_organisation

    aarhus = save_organisation(name="Aarhus Kommune", is_member=True, actor=staff)
    save_person(name="Ane Holm", employer=aarhus, actor=staff)
    # As entries written before names were kept.
    Entry.objects.update(object_name="")

    assert ["Employer", "—", "Aarhus Kommune"] in changed_rows(newest_entry(client.get(LOG)))


def paginate_log():
    from os2org.audit.models import Entry

    return list(Entry.objects.order_by("-id")[:25])


def test_log_shows_a_list_recorded_under_the_name_of_a_reverse_relation(client, staff):
    """A gate template records its points as "items", which is also the name of its points' relation to it:
    they are its own words, not numbers of other items."""
    from os2org.portfolio.services import save_gate_template

    save_gate_template(from_stage="project", items=["Licens valgt", "Koden er offentlig"], actor=staff)

    newest = elements(element(parse(client.get(LOG)), "ol", class_="audit-log"), "li")[0]

    # Sorted: PostgreSQL keeps an entry's fields (jsonb) in an order of its own.
    assert sorted(texts(children(row)) for row in elements(newest, "tr")[1:]) == [
        ["From stage", "—", "Project"],
        ["Items", "—", "Licens valgt, Koden er offentlig"],
        ["To stage", "—", "Product"],
    ]
