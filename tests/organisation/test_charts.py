"""The org charts and the roles table, generated from the data."""

from datetime import date

import pytest

from os2org.access.groups import SECRETARIAT
from os2org.common.visibility import ANONYMOUS, Viewer, Visibility
from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook
from os2org.organisation.charts import chart_data, focus, org_chart_graph, org_chart_mindmap
from os2org.organisation.models import Assignment, Body, BodyRelation
from os2org.organisation.services import assign_role, save_person
from os2org.roles.models import RoleSummary
from os2org.sync.organisation_page import roles_table

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 1)
# The secretariat, who sees named people's hours; the public does not.
STAFF = Viewer(user_id=1, groups=frozenset({SECRETARIAT}))


@pytest.fixture(autouse=True)
def english_handbook(settings):
    # The charts are written in the handbook's language; English keeps the expected texts free of translations.
    settings.HANDBOOK_LANGUAGE = "en"


def body(name, kind, parent=None, position=0):
    return Body.objects.create(name=name, slug=name.casefold().replace(" ", "-").replace('"', ""), kind=kind,
                               parent=parent, position=position)


@pytest.fixture
def organisation():
    association = body("Foreningen", Body.Kind.ASSOCIATION)
    assembly = body("Generalforsamling", Body.Kind.GENERAL_ASSEMBLY, association, 0)
    board = body("Bestyrelsen", Body.Kind.BOARD, assembly)
    secretariat = body("Sekretariatet", Body.Kind.SECRETARIAT, association, 1)
    committee = body('Udvalg "Nord" & <Syd> #1', Body.Kind.COMMITTEE, secretariat)
    BodyRelation.objects.create(source=board, target=secretariat, kind=BodyRelation.Kind.BOTH_WAYS)
    BodyRelation.objects.create(source=secretariat, target=committee, kind=BodyRelation.Kind.ONE_WAY, position=1)
    ane, bo, eva = (save_person(name=name) for name in ("Ane Holm", "Bo Berg", "Eva Ørn"))
    assign_role(bo, body=board, starts=date(2025, 1, 1), hours_per_week="3")
    assign_role(ane, body=board, starts=date(2025, 1, 1), function=Assignment.Function.CHAIR, hours_per_week="2")
    assign_role(eva, body=secretariat, starts=date(2025, 1, 1), hours_per_week="18,5")
    assign_role(eva, body=committee, starts=date(2025, 1, 1), ends=date(2026, 1, 1), hours_per_week="1")
    return association


def test_graph_shows_each_body_with_its_current_holders(organisation):
    assert org_chart_graph(DAY, viewer=STAFF).split("\n") == [
        "graph TD",
        '  b_generalforsamling["Generalforsamling"]',
        '  b_bestyrelsen["Bestyrelsen<br>Ane Holm (chair, 2 h)<br>Bo Berg (3 h)"]',
        '  b_sekretariatet["Sekretariatet<br>Eva Ørn (18.5 h)"]',
        '  b_udvalg_nord_syd_1["Udvalg #quot;Nord#quot; #amp; #lt;Syd#gt; #35;1"]',
        "  b_generalforsamling <--> b_bestyrelsen",
        "  b_sekretariatet <--> b_udvalg_nord_syd_1",
        "  b_bestyrelsen <--> b_sekretariatet",
        "  b_sekretariatet --> b_udvalg_nord_syd_1",
        "",
    ]


def test_graph_shows_holders_of_the_day_asked(organisation):
    assert '  b_udvalg_nord_syd_1["Udvalg #quot;Nord#quot; #amp; #lt;Syd#gt; #35;1<br>Eva Ørn (1 h)"]' in (
        org_chart_graph(date(2025, 6, 1), viewer=STAFF).split("\n")
    )


def test_graph_hours_in_danish_use_a_decimal_comma(organisation, settings):
    settings.HANDBOOK_LANGUAGE = "da"
    assert '  b_sekretariatet["Sekretariatet<br>Eva Ørn (18,5 ' in org_chart_graph(DAY, viewer=STAFF)


def test_graph_for_the_public_shows_holders_without_their_hours(organisation):
    assert '  b_bestyrelsen["Bestyrelsen<br>Ane Holm (chair)<br>Bo Berg"]' in org_chart_graph(DAY, viewer=ANONYMOUS)


def test_graph_for_the_public_leaves_out_an_internal_person(organisation):
    save_person(Assignment.objects.get(person__name="Bo Berg").person, visibility=Visibility.INTERNAL)

    assert '  b_bestyrelsen["Bestyrelsen<br>Ane Holm (chair)"]' in org_chart_graph(DAY, viewer=ANONYMOUS)


def test_mindmap_puts_the_association_at_the_root(organisation):
    assert org_chart_mindmap(DAY, viewer=STAFF).split("\n") == [
        "mindmap",
        "  root((Foreningen))",
        "    Generalforsamling",
        "      Bestyrelsen",
        "    Sekretariatet",
        '      b_udvalg_nord_syd_1["Udvalg #quot;Nord#quot; #amp; #lt;Syd#gt; #35;1"]',
        "",
    ]


def test_mindmap_without_an_association_has_a_root_of_its_own(db):
    body("Bestyrelsen", Body.Kind.BOARD)
    body("Sekretariatet", Body.Kind.SECRETARIAT)
    assert org_chart_mindmap(DAY, viewer=STAFF).split("\n") == [
        "mindmap",
        "  root((Organisation))",
        "    Bestyrelsen",
        "    Sekretariatet",
        "",
    ]


def test_roles_table_links_from_the_page_to_each_description(tmp_path):
    (tmp_path / "organisation").mkdir()
    (tmp_path / "roller").mkdir()
    (tmp_path / "organisation" / "index.md").write_text("# Organisation\n", encoding="utf-8")
    (tmp_path / "roller" / "chef.md").write_text("# Funktionsbeskrivelse – Chef i Foreningen\n", encoding="utf-8")
    import_handbook([tmp_path])
    page = Page.objects.get(path="organisation/index.md")
    RoleSummary.objects.create(page=page, position=0, name="Chef", main_tasks="Leder | styrer",
                               role=Page.objects.get(path="roller/chef.md").role)
    RoleSummary.objects.create(page=page, position=1, name="Konsulent", main_tasks="Rådgiver")
    assert roles_table(page).split("\n") == [
        "| Role | Main tasks | Reference |",
        "|------|------------|-----------|",
        "| **Chef** | Leder \\| styrer | [Role description](../roller/chef.md) |",
        "| **Konsulent** | Rådgiver | [Role description]() |",
        "",
    ]


def names(data):
    return [("  " * node.depth + node.body.name, node.hidden) for node in data.nodes]


def test_focus_shows_every_level_that_fits(organisation):
    shown = focus(chart_data(DAY, viewer=STAFF), most=5)

    assert names(shown) == [
        ("Foreningen", 0),
        ("  Generalforsamling", 0),
        ("    Bestyrelsen", 0),
        ("  Sekretariatet", 0),
        ("    Udvalg \"Nord\" & <Syd> #1", 0),
    ]


def test_focus_leaves_out_the_levels_that_do_not_fit_and_counts_them(organisation):
    shown = focus(chart_data(DAY, viewer=STAFF), most=4)

    assert names(shown) == [("Foreningen", 0), ("  Generalforsamling", 1), ("  Sekretariatet", 1)]


def test_focus_always_shows_the_top_and_the_level_under_it(organisation):
    shown = focus(chart_data(DAY, viewer=STAFF), most=1)

    assert names(shown) == [("Foreningen", 0), ("  Generalforsamling", 1), ("  Sekretariatet", 1)]


def test_focus_on_a_body_shows_the_part_under_it_from_depth_zero(organisation):
    data = chart_data(DAY, viewer=STAFF)
    secretariat = next(node for node in data.nodes if node.body.name == "Sekretariatet")

    shown = focus(data, secretariat)

    assert names(shown) == [("Sekretariatet", 0), ("  Udvalg \"Nord\" & <Syd> #1", 0)]
    assert [(r.source.name, r.target.name) for r in shown.relations] == [("Sekretariatet", 'Udvalg "Nord" & <Syd> #1')]


def test_graph_of_a_focused_chart_says_how_many_bodies_are_left_out(organisation):
    shown = focus(chart_data(DAY, viewer=STAFF), most=1)

    assert org_chart_graph(data=shown).split("\n")[1:3] == [
        '  b_generalforsamling["Generalforsamling<br>+ 1 body below"]',
        '  b_sekretariatet["Sekretariatet<br>Eva Ørn (18.5 h)<br>+ 1 body below"]',
    ]


def test_mindmap_of_a_focused_chart_has_its_body_at_the_root(organisation):
    data = chart_data(DAY, viewer=STAFF)
    secretariat = next(node for node in data.nodes if node.body.name == "Sekretariatet")

    mindmap = org_chart_mindmap(data=focus(data, secretariat), root=secretariat.body)

    assert mindmap.split("\n") == [
        "mindmap",
        "  root((Sekretariatet))",
        '    b_udvalg_nord_syd_1["Udvalg #quot;Nord#quot; #amp; #lt;Syd#gt; #35;1"]',
        "",
    ]
