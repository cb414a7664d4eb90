"""`handbook export --refresh`: the organisation page with its charts and roles table generated, marked."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from os2org.handbook.lint import lint
from os2org.handbook.models import Page
from os2org.handbook.pages import read_file, read_handbook
from os2org.handbook.services import export_handbook, import_handbook
from os2org.organisation.models import Body, BodyRelation, Organisation
from os2org.organisation.services import assign_role, save_person
from os2org.roles.models import RoleSummary
from os2org.sync.organisation_page import import_organisation_page, parse_organisation_page
from tests.conftest import seed

pytestmark = pytest.mark.django_db

MARKERS = [
    "<!-- os2org:generated org-chart -->",
    "<!-- /os2org:generated -->",
    "<!-- os2org:generated org-mindmap -->",
    "<!-- /os2org:generated -->",
    "<!-- os2org:generated roles-table -->",
    "<!-- /os2org:generated -->",
]


@pytest.fixture
def organisation_page(seeds_dir):
    import_handbook([seeds_dir])
    page = Page.objects.get(path=seed("001").name)
    import_organisation_page(page)
    return page


def exported(folder, *, refresh):
    export_handbook(folder, refresh=refresh)
    return (folder / seed("001").name).read_text(encoding="utf-8")


def organisation():
    return (
        sorted((b.name, b.kind, b.parent and b.parent.name) for b in Body.objects.select_related("parent")),
        sorted((r.source.name, r.target.name, r.kind) for r in BodyRelation.objects.select_related("source", "target")),
        sorted((o.name, o.partner_role) for o in Organisation.objects.filter(is_partner=True)),
        [(s.name, s.main_tasks, s.role_id) for s in RoleSummary.objects.order_by("position")],
    )


def test_export_without_refresh_writes_the_page_as_imported(organisation_page, tmp_path):
    assert exported(tmp_path, refresh=False) == seed("001").read_text(encoding="utf-8")


def test_export_refresh_leaves_the_stored_page_unchanged(organisation_page, tmp_path):
    exported(tmp_path, refresh=True)
    assert Page.objects.get(pk=organisation_page.pk).source == seed("001").read_text(encoding="utf-8")


def test_export_refresh_marks_each_generated_block(organisation_page, tmp_path):
    text = exported(tmp_path, refresh=True)
    assert re.findall(r"^<!-- /?os2org:generated.*-->$", text, re.M) == MARKERS


def test_export_refresh_writes_other_pages_as_imported(organisation_page, tmp_path):
    exported(tmp_path, refresh=True)
    assert (tmp_path / seed("000").name).read_bytes() == seed("000").read_bytes()


def test_export_refresh_keeps_the_text_around_the_blocks(organisation_page, tmp_path):
    text = exported(tmp_path, refresh=True)
    original = seed("001").read_text(encoding="utf-8")
    assert (text[: original.index("```mermaid")], text.split("<!-- /os2org:generated -->")[-1]) == (
        original[: original.index("```mermaid")],
        original[original.index("> Alle medarbejdere") - 2 :],
    )


def test_export_refresh_links_the_roles_that_have_descriptions(organisation_page, tmp_path):
    text = exported(tmp_path, refresh=True)
    table = text.split("<!-- os2org:generated roles-table -->")[1].split("<!-- /os2org:generated -->")[0]
    assert table.strip().split("\n") == [
        "| Rolle | Hovedopgaver | Reference |",
        "|-------|--------------|-----------|",
        f"| **Sekretariatschef** | Overordnet ledelse, strategi, kontakt til bestyrelse og OS2-fællesskab "
        f"| [Funktionsbeskrivelse]({seed('000').name}) |",
        "| **Produktkonsulent** | Rådgivning, projektstøtte, kvalitet og dokumentation | [Funktionsbeskrivelse]() |",
        "| **Enterprise Arkitekt** | Teknisk rådgivning, standardisering og arkitekturprincipper "
        "| [Funktionsbeskrivelse]() |",
        "| **Kommunikationsmedarbejder** | Intern og ekstern kommunikation, nyhedsbreve, hjemmeside "
        f"| [Funktionsbeskrivelse]({seed('004').name}) |",
        "| **Forretningskoordinator** | Processer, drift og støttefunktioner "
        f"| [Funktionsbeskrivelse]({seed('003').name}) |",
        "| **Produktkoordinator** | Koordination, governance og fremdrift i et OS2-produkt "
        "| [Funktionsbeskrivelse]() |",
        "| **Programleder** | Produktledelse, prioritering og koordinering af udvikling i et OS2-produkt "
        f"| [Funktionsbeskrivelse]({seed('002').name}) |",
    ]


def test_export_refresh_leaves_only_the_missing_descriptions_as_empty_links(organisation_page, tmp_path):
    exported(tmp_path, refresh=True)
    findings = lint(read_handbook([tmp_path / seed("001").name]))
    table_links = [f.line for f in findings if f.code == "empty-link"]
    page = read_file(tmp_path / seed("001").name, seed("001").name)
    empty_roles = [line for line in page.source.split("\n") if "[Funktionsbeskrivelse]()" in line and "**" in line]
    assert (len(table_links), [line.split("**")[1] for line in empty_roles]) == (
        4,
        ["Produktkonsulent", "Enterprise Arkitekt", "Produktkoordinator"],
    )


def test_export_refresh_draws_the_charts_from_the_data(organisation_page, tmp_path):
    text = exported(tmp_path, refresh=True)
    chart = text.split("<!-- os2org:generated org-chart -->")[1].split("<!-- /os2org:generated -->")[0]
    assert chart.strip().split("\n")[:4] == [
        "```mermaid",
        "graph TD",
        '  b_generalforsamling["Generalforsamling"]',
        '  b_bestyrelsen["Bestyrelsen"]',
    ]


def test_refreshed_page_parses_to_the_same_organisation(organisation_page, tmp_path):
    text = exported(tmp_path, refresh=True)
    original, refreshed = (parse_organisation_page("001.md", t) for t in (organisation_page.source, text))
    assert (refreshed.bodies, refreshed.relations, refreshed.partners, refreshed.roles) == (
        original.bodies,
        original.relations,
        original.partners,
        original.roles,
    )


def test_import_refreshed_page_gives_the_same_organisation(organisation_page, tmp_path):
    before = organisation()
    exported(tmp_path / "ud", refresh=True)
    import_handbook([tmp_path / "ud"])
    import_organisation_page(Page.objects.get(pk=organisation_page.pk))
    assert organisation() == before


def test_import_refreshed_page_into_an_empty_organisation_gives_the_same_organisation(organisation_page, tmp_path):
    before = organisation()
    exported(tmp_path / "ud", refresh=True)
    RoleSummary.objects.all().delete()
    BodyRelation.objects.all().delete()
    Body.objects.update(parent=None)
    Body.objects.all().delete()
    Organisation.objects.all().delete()
    import_handbook([tmp_path / "ud"])
    import_organisation_page(Page.objects.get(pk=organisation_page.pk))
    assert organisation() == before


def test_export_refresh_again_gives_the_same_page(organisation_page, tmp_path):
    once = exported(tmp_path / "ud", refresh=True)
    import_handbook([tmp_path / "ud"])
    assert exported(tmp_path / "igen", refresh=True) == once


def test_export_command_refresh(organisation_page, tmp_path):
    # override: a management command leaves no language active after it.
    with translation.override("en"):
        call_command("handbook", "export", str(tmp_path), "--refresh", stdout=StringIO())
    assert "<!-- os2org:generated org-chart -->" in (tmp_path / seed("001").name).read_text(encoding="utf-8")



def test_refreshed_page_with_holders_parses_to_the_same_bodies(organisation_page, tmp_path):
    board = Body.objects.get(name="Bestyrelsen")
    assign_role(save_person(name="Ane Holm"), body=board, starts=date(2020, 1, 1), function="chair", hours_per_week=2)
    text = exported(tmp_path, refresh=True)
    original, refreshed = (parse_organisation_page("001.md", t) for t in (organisation_page.source, text))
    assert ("Ane Holm" in text, refreshed.bodies, refreshed.relations) == (True, original.bodies, original.relations)
