"""The organisation page of the seeds (001) read into the organisation."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from os2org.audit.models import Entry
from os2org.audit.services import history
from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook
from os2org.organisation.models import Body, BodyRelation, Organisation
from os2org.organisation.services import relate_bodies, save_body
from os2org.roles.models import RoleSummary
from os2org.sync.organisation_page import import_organisation_page, parse_organisation_page
from tests.conftest import seed

pytestmark = pytest.mark.django_db

BODIES = [
    ("Generalforsamling", "general_assembly", "OS2-fællesskabet"),
    ("Bestyrelsen", "board", "Generalforsamling"),
    ("Sekretariatet", "secretariat", "OS2-fællesskabet"),
    ("Fagudvalg", "committee", "Sekretariatet"),
    ("Andre interessenter", "stakeholders", "Sekretariatet"),
    ("Leverandører", "suppliers", "Sekretariatet"),
    ("Produkter og Projekter", "product_community", "OS2-fællesskabet"),
    ("Styregrupper", "steering_group", "Produkter og Projekter"),
    ("Koordinationsgrupper", "coordination_group", "Produkter og Projekter"),
    ("Faggrupper", "working_group", "Produkter og Projekter"),
    ("Anvendere", "users", "Produkter og Projekter"),
    ("OS2-fællesskabet", "association", None),
]
RELATIONS = [
    ("Bestyrelsen", "Sekretariatet", "both_ways"),
    ("Sekretariatet", "Produkter og Projekter", "both_ways"),
    ("Leverandører", "Produkter og Projekter", "both_ways"),
    ("Andre interessenter", "Produkter og Projekter", "both_ways"),
]
# The audit entries of an import, by what they are about.
KINDS = ("organisation.body", "organisation.bodyrelation", "organisation.organisation", "handbook.page")
STRATEGIC = "Strategiske samarbejdspartnere i offentlig digitalisering."
PARTNERS = [
    ("Digitaliseringsstyrelsen", "state", STRATEGIC),
    (
        "ITK, Aarhus Kommune",
        "municipality",
        "Sekretariatets organisatoriske base. Støtter med fagligt miljø, HR og økonomi.",
    ),
    ("Interoperable Europe", "other", "Andre netværk"),
    ("KL", "other", STRATEGIC),
    ("KOMBIT", "other", STRATEGIC),
    ("OSPO Alliance", "other", "Andre netværk"),
]
ROLES = [
    ("Sekretariatschef", "Overordnet ledelse, strategi, kontakt til bestyrelse og OS2-fællesskab", "000"),
    ("Produktkonsulent", "Rådgivning, projektstøtte, kvalitet og dokumentation", None),
    ("Enterprise Arkitekt", "Teknisk rådgivning, standardisering og arkitekturprincipper", None),
    ("Kommunikationsmedarbejder", "Intern og ekstern kommunikation, nyhedsbreve, hjemmeside", "004"),
    ("Forretningskoordinator", "Processer, drift og støttefunktioner", "003"),
    ("Produktkoordinator", "Koordination, governance og fremdrift i et OS2-produkt", None),
    ("Programleder", "Produktledelse, prioritering og koordinering af udvikling i et OS2-produkt", "002"),
]


@pytest.fixture
def organisation_page(seeds_dir):
    import_handbook([seeds_dir])
    return Page.objects.get(path=seed("001").name)


def stored_bodies():
    bodies = Body.objects.select_related("parent").order_by("position")
    return [(b.name, b.kind, b.parent and b.parent.name) for b in bodies]


def stored_relations():
    return [(r.source.name, r.target.name, r.kind) for r in BodyRelation.objects.select_related("source", "target")]


def stored_partners():
    # Sorted in Python: databases collate "ITK" and "Interoperable" differently.
    return sorted((o.name, o.kind, o.partner_role) for o in Organisation.objects.filter(is_partner=True))


def stored_roles():
    return [
        (s.name, s.main_tasks, s.role and s.role.page.path[:3])
        for s in RoleSummary.objects.select_related("role__page").order_by("position")
    ]


def test_import_page_reads_the_bodies_with_their_kinds_and_parents(organisation_page):
    import_organisation_page(organisation_page)
    assert stored_bodies() == BODIES


def test_import_page_reads_the_other_edges_as_relations(organisation_page):
    import_organisation_page(organisation_page)
    assert stored_relations() == RELATIONS


def test_import_page_reads_the_partners_and_their_roles(organisation_page):
    import_organisation_page(organisation_page)
    assert stored_partners() == PARTNERS


def test_import_page_links_the_roles_to_their_descriptions(organisation_page):
    import_organisation_page(organisation_page)
    assert stored_roles() == ROLES


def test_import_page_reports_the_category_rows_it_skips(organisation_page):
    result = import_organisation_page(organisation_page)
    assert [(f.code, f.line) for f in result.findings] == [("partner-category", 141), ("partner-category", 141)]


def test_import_page_counts_what_it_read(organisation_page):
    result = import_organisation_page(organisation_page)
    assert (result.bodies, result.relations, result.partners, result.roles) == (12, 4, 6, 7)


def test_import_page_marks_the_page_and_writes_one_audit_entry(organisation_page):
    import_organisation_page(organisation_page)
    before = Entry.objects.count()
    import_organisation_page(organisation_page)
    organisation_page.refresh_from_db()
    assert (organisation_page.describes_organisation, Entry.objects.count() - before) == (True, 1)


def test_import_page_writes_every_body_organisation_and_relation_through_its_service(organisation_page):
    import_organisation_page(organisation_page)

    audited = Entry.objects.values_list("object_type", flat=True)
    assert [audited.filter(object_type=kind).count() for kind in KINDS] == [12, 4, 6, 1]


def test_import_page_audits_the_change_of_a_stored_body(organisation_page):
    board = save_body(name="Bestyrelsen", kind=Body.Kind.COMMITTEE)

    import_organisation_page(organisation_page)

    changed = history(board).first().data
    assert (changed["before"]["kind"], changed["after"]["kind"]) == ("committee", "board")


def test_import_page_refuses_a_box_named_like_a_formula_and_stores_nothing(organisation_page):
    organisation_page.source = organisation_page.source.replace("Bestyrelsen", "=Bestyrelsen")
    before = Entry.objects.count()

    with pytest.raises(ValidationError) as raised:
        import_organisation_page(organisation_page)

    assert (raised.value.messages, Body.objects.count(), Entry.objects.count()) == (
        [
            f"{organisation_page.path}: “=Bestyrelsen”: Et navn kan ikke begynde med =, +, - eller @ "
            "(et regneark ville læse det som en formel)."
        ],
        0,
        before,
    )


def test_import_page_again_changes_nothing(organisation_page):
    import_organisation_page(organisation_page)
    first = (stored_bodies(), stored_relations(), stored_partners(), stored_roles())
    ids = sorted(Body.objects.values_list("pk", flat=True))
    import_organisation_page(organisation_page)
    again = (stored_bodies(), stored_relations(), stored_partners(), stored_roles())
    assert (again, sorted(Body.objects.values_list("pk", flat=True))) == (first, ids)


def test_import_page_updates_an_existing_body_of_the_same_name(organisation_page):
    board = Body.objects.create(name="Bestyrelsen", slug="bestyrelsen", kind=Body.Kind.COMMITTEE)
    import_organisation_page(organisation_page)
    board.refresh_from_db()
    assert (Body.objects.filter(name="Bestyrelsen").count(), board.kind, board.parent.name) == (
        1,
        "board",
        "Generalforsamling",
    )


def test_import_page_removes_relations_the_page_no_longer_draws(organisation_page):
    import_organisation_page(organisation_page)
    board, users = Body.objects.get(name="Bestyrelsen"), Body.objects.get(name="Anvendere")
    extra = relate_bodies(board, users)
    import_organisation_page(organisation_page)
    assert (stored_relations(), history(extra).first().data["after"]) == (RELATIONS, None)


def test_parse_reads_a_graph_without_a_mind_map_as_a_tree():
    source = (
        '```mermaid\ngraph TD\n  A["Bestyrelsen"] --> B["Sekretariatet"]\n'
        '  B --- C["Fag<br>udvalg"]\n  C <--> A\n```\n'
    )
    parsed = parse_organisation_page("org.md", source)
    assert ([(b.name, b.kind, b.parent) for b in parsed.bodies], parsed.relations) == (
        [("Bestyrelsen", "board", None), ("Sekretariatet", "secretariat", "Bestyrelsen"),
         ("Fag udvalg", "committee", "Sekretariatet")],
        [("Fag udvalg", "Bestyrelsen", "both_ways")],
    )


def test_parse_leaves_out_a_box_of_no_known_kind():
    parsed = parse_organisation_page("org.md", '```mermaid\ngraph TD\n  A["Bestyrelsen"] --> B["Kaffeklubben"]\n```\n')
    assert ([b.name for b in parsed.bodies], [(f.code, f.line) for f in parsed.findings]) == (
        ["Bestyrelsen"],
        [("unknown-body", 1)],
    )


def test_command_import_page_prints_findings_and_a_summary(organisation_page):
    out = StringIO()
    with translation.override("en"):
        call_command("org", "import-page", organisation_page.path, stdout=out)
    assert out.getvalue().split("\n")[-2] == (
        f"Imported the organisation from {organisation_page.path}: 12 bodies, 4 relations, 6 partners, 7 roles."
    )


def test_command_import_page_of_an_unknown_path_fails(db):
    with translation.override("en"), pytest.raises(CommandError) as raised:
        call_command("org", "import-page", "nowhere.md")
    assert str(raised.value) == "No stored handbook page has the path nowhere.md; import the handbook first."


def test_parse_reports_a_diagram_line_it_cannot_read():
    source = '```mermaid\ngraph TD\n  A["Bestyrelsen"] --> B["Sekretariatet"]\n  A --> B[["x"\n```\n'
    parsed = parse_organisation_page("org.md", source)
    assert ([(f.code, f.line) for f in parsed.findings], len(parsed.bodies)) == ([("unread-diagram-line", 4)], 2)


def test_import_page_refuses_a_role_name_longer_than_the_database_holds(organisation_page):
    long_name = "R" * 301
    organisation_page.source = organisation_page.source.replace("Sekretariatschef", long_name, 1)
    before = Entry.objects.count()

    with pytest.raises(ValidationError) as raised:
        import_organisation_page(organisation_page)

    assert (raised.value.messages[0].startswith(f"{organisation_page.path}: “{long_name}”: "), Entry.objects.count()) == (
        True,
        before,
    )
