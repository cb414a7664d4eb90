"""Agenda and minutes as handbook pages (Markdown) and as printable pages."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from os2org.common.visibility import ANONYMOUS
from os2org.governance.meetings import exports, services
from os2org.governance.models import AgendaItem, CaseBrief, Meeting, Minutes
from os2org.governance.readers import UNFILTERED
from tests.dom import attribute, children, element, elements, parse, text, texts
from tests.governance.builders import board, decision, meeting, people

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>\n\n[x](javascript:alert(1))"

AGENDA = """\
---
title: 'Agenda: Bestyrelsesmøde, March 5, 2026'
parent: Bestyrelsen
---

# Agenda: Bestyrelsesmøde, March 5, 2026

- **Body:** Bestyrelsen
- **Time:** March 5, 2026, 16:00–18:00
- **Place:** Mødelokale 1
- **Participants:** Ane Holm, Bo Lund

## 1. Strategi 2027

Oplæg fra sekretariatet.

### Case brief

- **Status:** ready for decision
- **Purpose:** decision
- **Author:** Ane Holm
- **Owner:** Bo Lund
- **Date:** Feb. 20, 2026

#### Aim

Vedtage strategien.

#### Background

Strategien udløber.

#### Recommendation

Bestyrelsen vedtager **strategien**.

## 2. Eventuelt

## Follow-up

| Action | Owner | Due | Status | Decision |
| --- | --- | --- | --- | --- |
| Send budgettet til medlemmerne | Ane Holm | Feb. 1, 2026 | open | Budget 2026 (Jan. 15, 2026) |
| Opdatér årshjulet \\| hjemmesiden | Bo Lund | March 1, 2026 | done | Budget 2026 (Jan. 15, 2026) |
"""

MINUTES = """\
---
title: 'Minutes: Bestyrelsesmøde, March 5, 2026'
parent: Bestyrelsen
---

# Minutes: Bestyrelsesmøde, March 5, 2026

- **Body:** Bestyrelsen
- **Time:** March 5, 2026, 16:00–18:00
- **Place:** Mødelokale 1
- **Participants:** Ane Holm, Bo Lund
- **Version:** 1 (draft)

## Til stede

Ane Holm og Bo Lund.

## Outcomes

### 1. Strategi 2027

**Outcome:** decision

Strategien vedtages.

| Action | Owner | Due | Status |
| --- | --- | --- | --- |
| Offentliggør strategien | Bo Lund | April 1, 2026 | open |

### 2. Eventuelt

**Outcome:** noted

Intet nyt.
"""


@pytest.fixture
def made():
    """The board's meeting of 5 March 2026 with two items, and a January decision whose follow-ups it carries.

    Of the January follow-ups, one is open, one was done on the day of the
    March meeting (still carried, to be reported done) and one was closed
    before it (not carried).
    """
    bestyrelsen = board()
    ane, bo = people("Ane Holm", "Bo Lund")
    january = meeting(bestyrelsen, "2026-01-15 16:00", participants=[ane, bo])
    budget = decision(january, "Budget 2026", "Budgettet godkendes.")
    services.add_follow_up(budget, title="Send budgettet til medlemmerne", due=date(2026, 2, 1), owner_person=ane)
    wheel = services.add_follow_up(budget, title="Opdatér årshjulet | hjemmesiden", due=date(2026, 3, 1), owner_person=bo)
    services.change_follow_up(wheel, status="done", on=date(2026, 3, 5))
    room = services.add_follow_up(budget, title="Book et lokale", due=date(2026, 1, 20), owner_person=bo)
    services.change_follow_up(room, status="done", on=date(2026, 1, 19))
    march = meeting(bestyrelsen, "2026-03-05 16:00", title="Bestyrelsesmøde", participants=[bo, ane])
    strategy = services.add_agenda_item(march, title="Strategi 2027", description="Oplæg fra sekretariatet.")
    services.save_case_brief(
        strategy,
        purpose="decision",
        date=date(2026, 2, 20),
        status="ready",
        author=ane,
        owner=bo,
        aim="Vedtage strategien.",
        background="Strategien udløber.",
        recommendation="Bestyrelsen vedtager **strategien**.",
    )
    other = services.add_agenda_item(march, title="Eventuelt")
    return {"march": march, "strategy": strategy, "other": other, "ane": ane, "bo": bo}


@pytest.fixture
def minuted(made):
    """The March meeting with its outcomes, a follow-up and a first draft of the minutes."""
    services.record_outcome(made["strategy"], outcome="decision", text="Strategien vedtages.")
    services.add_follow_up(made["strategy"], title="Offentliggør strategien", due=date(2026, 4, 1), owner_person=made["bo"])
    services.record_outcome(made["other"], outcome="noted", text="Intet nyt.")
    services.write_minutes(made["march"], text="## Til stede\n\nAne Holm og Bo Lund.\n")
    return made


def all_elements(root):
    return [node for child in children(root) for node in (child, *all_elements(child))]


def heading_list(response):
    main = element(parse(response), "main")
    return [(node.name, text(node)) for node in all_elements(main) if node.name in ("h1", "h2", "h3", "h4")]


def test_agenda_page_is_the_whole_expected_markdown(made):
    assert exports.agenda_page(made["march"], viewer=UNFILTERED, language="en") == AGENDA


def test_agenda_page_without_items_or_follow_ups_says_nothing_is_carried(db):
    quiet = meeting(board("Styregruppen"), "2026-03-05 10:00", place="")

    assert exports.agenda_page(quiet, viewer=UNFILTERED, language="en") == (
        "---\n"
        "title: 'Agenda: Styregruppen, March 5, 2026'\n"
        "parent: Styregruppen\n"
        "---\n"
        "\n"
        "# Agenda: Styregruppen, March 5, 2026\n"
        "\n"
        "- **Body:** Styregruppen\n"
        "- **Time:** March 5, 2026, 10:00–12:00\n"
        "\n"
        "## Follow-up\n"
        "\n"
        "No follow-ups are carried to this meeting.\n"
    )


def test_minutes_page_is_the_whole_expected_markdown(minuted):
    minutes = services.current_minutes(minuted["march"])

    assert exports.minutes_page(minuted["march"], minutes, viewer=UNFILTERED, language="en") == MINUTES


def test_minutes_page_shows_the_current_version(minuted):
    march = minuted["march"]
    first = services.send_minutes(services.current_minutes(march))
    for person in (minuted["ane"], minuted["bo"]):
        services.answer_minutes(first, person=person, answer="approved")
    services.write_minutes(march, text="Rettet referat.")

    page = exports.minutes_page(march, services.current_minutes(march), viewer=UNFILTERED, language="en")

    assert page.split("\n")[11:16] == ["- **Version:** 2 (draft)", "", "Rettet referat.", "", "## Outcomes"]


def test_file_name_is_date_body_and_kind(made):
    assert exports.file_name(made["march"], "dagsorden") == "2026-03-05-bestyrelsen-dagsorden.md"


def _parsed(folder, name, source):
    """What `os2org handbook parse --json` says of a page filed under its body's page."""
    (folder / "bestyrelsen.md").write_text("---\ntitle: Bestyrelsen\n---\n\n# Bestyrelsen\n", encoding="utf-8")
    (folder / name).write_text(source, encoding="utf-8")
    out = StringIO()
    call_command("handbook", "parse", str(folder), "--json", stdout=out)
    result = json.loads(out.getvalue())
    page = next(page for page in result["pages"] if page["path"] == name)
    errors = [finding for finding in result["findings"] if finding["severity"] == "error"]
    return page["title"], page["parent"], errors


def test_agenda_page_is_a_handbook_page_the_parser_accepts(made, tmp_path):
    source = exports.agenda_page(made["march"], viewer=UNFILTERED, language="en")

    assert _parsed(tmp_path, "dagsorden.md", source) == ("Agenda: Bestyrelsesmøde, March 5, 2026", "Bestyrelsen", [])


def test_minutes_page_is_a_handbook_page_the_parser_accepts(minuted, tmp_path):
    minutes = services.current_minutes(minuted["march"])
    source = exports.minutes_page(minuted["march"], minutes, viewer=UNFILTERED, language="en")

    assert _parsed(tmp_path, "referat.md", source) == ("Minutes: Bestyrelsesmøde, March 5, 2026", "Bestyrelsen", [])


def test_agenda_markdown_is_a_download_in_the_handbook_language(client, made, settings):
    settings.HANDBOOK_LANGUAGE = "en"

    response = client.get(f"/moeder/{made['march'].pk}/dagsorden.md")

    assert (response.status_code, response["Content-Type"]) == (200, "text/markdown; charset=utf-8")
    assert response["Content-Disposition"] == 'attachment; filename="2026-03-05-bestyrelsen-dagsorden.md"'
    assert response.content.decode() == AGENDA


def test_minutes_markdown_is_a_download_in_the_handbook_language(client, minuted, settings, staff):
    settings.HANDBOOK_LANGUAGE = "en"

    response = client.get(f"/moeder/{minuted['march'].pk}/referat.md")

    assert (response.status_code, response["Content-Type"]) == (200, "text/markdown; charset=utf-8")
    assert response["Content-Disposition"] == 'attachment; filename="2026-03-05-bestyrelsen-referat.md"'
    assert response.content.decode() == MINUTES


@pytest.mark.parametrize("address", ["/en/moeder/{pk}/referat/udskrift/", "/en/moeder/{pk}/referat.md"])
def test_minutes_of_a_meeting_without_minutes_are_not_found(client, made, address):
    assert client.get(address.format(pk=made["march"].pk)).status_code == 404


@pytest.mark.parametrize("address", ["/en/moeder/999/dagsorden/", "/en/moeder/999/dagsorden.md"])
def test_agenda_of_an_unknown_meeting_is_not_found(client, db, address):
    assert client.get(address).status_code == 404


def test_printable_agenda_has_its_headings_in_order(client, made):
    response = client.get(f"/en/moeder/{made['march'].pk}/dagsorden/")

    assert heading_list(response) == [
        ("h1", "Agenda: Bestyrelsesmøde, March 5, 2026"),
        ("h2", "1. Strategi 2027"),
        ("h3", "Case brief"),
        ("h4", "Aim"),
        ("h4", "Background"),
        ("h4", "Recommendation"),
        ("h2", "2. Eventuelt"),
        ("h2", "Follow-up"),
    ]


def test_printable_agenda_shows_the_meeting_and_its_participants(client, made):
    main = element(parse(client.get(f"/en/moeder/{made['march'].pk}/dagsorden/")), "main")

    facts = children(elements(main, "dl", class_="print-facts")[0])
    assert texts(facts) == [
        "Body",
        "Bestyrelsen",
        "Time",
        "March 5, 2026, 16:00–18:00",
        "Place",
        "Mødelokale 1",
        "Participants",
        "Ane Holm, Bo Lund",
    ]


def test_printable_agenda_shows_the_case_brief_in_full(client, made):
    main = element(parse(client.get(f"/en/moeder/{made['march'].pk}/dagsorden/")), "main")

    brief = element(main, "section", id=f"brief-{made['strategy'].pk}")
    assert texts(children(element(brief, "dl"))) == [
        "Status",
        "ready for decision",
        "Purpose",
        "decision",
        "Author",
        "Ane Holm",
        "Owner",
        "Bo Lund",
        "Date",
        "Feb. 20, 2026",
    ]
    assert elements(brief, "div", class_="print-text") == [
        parse_html('<div class="print-text" lang="da"><p>Vedtage strategien.</p></div>'),
        parse_html('<div class="print-text" lang="da"><p>Strategien udløber.</p></div>'),
        parse_html('<div class="print-text" lang="da"><p>Bestyrelsen vedtager <strong>strategien</strong>.</p></div>'),
    ]


def test_printable_agenda_carries_earlier_follow_ups_under_follow_up(client, made):
    main = element(parse(client.get(f"/en/moeder/{made['march'].pk}/dagsorden/")), "main")

    section = element(main, "section", class_="print-follow-ups")
    assert [texts(children(row)) for row in elements(section, "tr")] == [
        ["Action", "Owner", "Due", "Status", "Decision"],
        ["Send budgettet til medlemmerne", "Ane Holm", "Feb. 1, 2026", "open", "Budget 2026 (Jan. 15, 2026)"],
        ["Opdatér årshjulet | hjemmesiden", "Bo Lund", "March 1, 2026", "done", "Budget 2026 (Jan. 15, 2026)"],
    ]


def test_printable_agenda_links_to_its_markdown_and_the_meeting(client, made):
    pk = made["march"].pk
    document = parse(client.get(f"/en/moeder/{pk}/dagsorden/"))

    links = elements(element(document, "nav"), "a")
    assert [(text(a), attribute(a, "href")) for a in links] == [
        ("Back to the meeting", f"/en/moeder/{pk}/"),
        ("Download as a handbook page (Markdown)", f"/en/moeder/{pk}/dagsorden.md"),
    ]


def test_printable_agenda_uses_the_print_stylesheet(client, made):
    document = parse(client.get(f"/en/moeder/{made['march'].pk}/dagsorden/"))

    assert [attribute(link, "href") for link in elements(document, "link", rel="stylesheet")] == [
        "/static/os2org/print.css"
    ]


def test_printable_agenda_does_not_pass_on_hostile_markup(client, made):
    services.save_agenda_item(made["other"], title="<script>alert(1)</script>", description=HOSTILE)
    services.save_case_brief(made["strategy"], purpose="decision", date=date(2026, 2, 20), aim=HOSTILE)

    response = client.get(f"/en/moeder/{made['march'].pk}/dagsorden/")

    main = element(parse(response), "main")
    assert elements(main, "script") == []
    assert [href for a in elements(main, "a") if "javascript" in (href := attribute(a, "href") or "")] == []
    brief = element(main, "section", id=f"brief-{made['strategy'].pk}")
    assert text(elements(brief, "div", class_="print-text")[0]) == "[x](javascript:alert(1))"
    item = element(main, "section", id=f"item-{made['other'].pk}")
    assert text(element(item, "h2")) == "2. <script>alert(1)</script>"
    assert texts(elements(item, "div", class_="print-text")) == ["[x](javascript:alert(1))"]


def test_printable_agenda_shows_the_html_stored_when_the_texts_were_written(client, made):
    AgendaItem.objects.filter(pk=made["strategy"].pk).update(description_html="<p>Gemt beskrivelse</p>")
    CaseBrief.objects.update(background_html="<p>Gemt baggrund</p>")

    main = element(parse(client.get(f"/en/moeder/{made['march'].pk}/dagsorden/")), "main")

    item = element(main, "section", id=f"item-{made['strategy'].pk}")
    assert texts(elements(item, "div", class_="print-text")) == [
        "Gemt beskrivelse",
        "Vedtage strategien.",
        "Gemt baggrund",
        "Bestyrelsen vedtager strategien .",
    ]


def test_printable_minutes_have_their_headings_in_order(client, minuted, staff):
    response = client.get(f"/en/moeder/{minuted['march'].pk}/referat/udskrift/")

    assert heading_list(response) == [
        ("h1", "Minutes: Bestyrelsesmøde, March 5, 2026"),
        ("h2", "Til stede"),
        ("h2", "Outcomes"),
        ("h3", "1. Strategi 2027"),
        ("h3", "2. Eventuelt"),
    ]


def test_printable_minutes_show_version_and_status(client, minuted, staff):
    main = element(parse(client.get(f"/en/moeder/{minuted['march'].pk}/referat/udskrift/")), "main")

    facts = texts(children(element(main, "dl", class_="print-facts")))
    assert facts[-2:] == ["Version", "1 (draft)"]
    assert text(element(main, "p", class_="print-notice")) == "These minutes are not approved yet (draft)."


def test_printable_minutes_show_outcomes_and_follow_ups(client, minuted, staff):
    main = element(parse(client.get(f"/en/moeder/{minuted['march'].pk}/referat/udskrift/")), "main")

    item = element(main, "section", id=f"item-{minuted['strategy'].pk}")
    assert text(element(item, "p", class_="print-outcome")) == "Outcome: decision"
    assert [texts(children(row)) for row in elements(item, "tr")] == [
        ["Action", "Owner", "Due", "Status"],
        ["Offentliggør strategien", "Bo Lund", "April 1, 2026", "Open Overdue"],
    ]


def test_printable_minutes_do_not_pass_on_hostile_markup(client, minuted, staff):
    services.record_outcome(minuted["other"], outcome="decision", text=HOSTILE)
    services.write_minutes(minuted["march"], text=HOSTILE)

    main = element(parse(client.get(f"/en/moeder/{minuted['march'].pk}/referat/udskrift/")), "main")

    assert elements(main, "script") == []
    assert [href for a in elements(main, "a") if "javascript" in (href := attribute(a, "href") or "")] == []
    assert texts(elements(main, "div", class_="print-text")) == [
        "[x](javascript:alert(1))",
        "Strategien vedtages.",
        "[x](javascript:alert(1))",
    ]


def test_printable_minutes_show_the_outcomes_as_stored_when_they_were_written(client, minuted, staff):
    AgendaItem.objects.filter(pk=minuted["strategy"].pk).update(outcome_html="<p>Gemt udfald</p>")

    main = element(parse(client.get(f"/en/moeder/{minuted['march'].pk}/referat/udskrift/")), "main")

    item = element(main, "section", id=f"item-{minuted['strategy'].pk}")
    assert texts(elements(item, "div", class_="print-text")) == ["Gemt udfald"]


def _queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def _items(march, count, *, first, owner):
    for number in range(first, first + count):
        item = services.add_agenda_item(march, title=f"Punkt {number}")
        services.save_case_brief(item, purpose="decision", date=date(2026, 3, 1), author=owner, owner=owner, aim="Formål.")
        services.record_outcome(item, outcome="decision", text="Vedtaget.")
        services.add_follow_up(item, title=f"Opfølgning {number}", due=date(2026, 4, 1), owner_person=owner)


@pytest.mark.parametrize("kind", ["dagsorden/", "dagsorden.md", "referat/udskrift/", "referat.md"])
def test_export_queries_do_not_grow_with_the_items(client, db, kind):
    ane, = people("Ane Holm")
    march = meeting(board(), "2026-03-05 16:00", participants=[ane])
    minutes = services.send_minutes(services.write_minutes(march, text="Referat."))
    services.answer_minutes(minutes, person=ane, answer="approved")
    _items(march, 1, first=0, owner=ane)
    one = _queries(client, f"/en/moeder/{march.pk}/{kind}")
    _items(march, 49, first=1, owner=ane)

    assert _queries(client, f"/en/moeder/{march.pk}/{kind}") == one


# What each viewer may read


def test_agenda_page_holds_only_the_items_the_viewer_may_read(made):
    services.save_agenda_item(made["other"], title="Personalesag", visibility="internal")

    page = exports.agenda_page(made["march"], viewer=ANONYMOUS, language="en")

    assert [line for line in page.split("\n") if line.startswith("## ")] == ["## 1. Strategi 2027", "## Follow-up"]


@pytest.mark.parametrize("address", ["dagsorden/", "dagsorden.md", "referat/udskrift/", "referat.md"])
def test_exports_of_an_internal_meeting_are_not_found_by_the_public(client, minuted, address):
    Meeting.objects.filter(pk=minuted["march"].pk).update(visibility="internal")
    approve(minuted)

    assert client.get(f"/en/moeder/{minuted['march'].pk}/{address}").status_code == 404


@pytest.mark.parametrize("address", ["referat/udskrift/", "referat.md"])
def test_draft_minutes_are_not_found_by_the_public(client, minuted, address):
    assert client.get(f"/en/moeder/{minuted['march'].pk}/{address}").status_code == 404


def approve(minuted):
    minutes = services.send_minutes(services.current_minutes(minuted["march"]))
    for person in (minuted["ane"], minuted["bo"]):
        services.answer_minutes(minutes, person=person, answer="approved")
    return Minutes.objects.get(pk=minutes.pk)


def test_printable_minutes_for_the_public_are_the_newest_approved_version(client, minuted):
    approve(minuted)
    services.write_minutes(minuted["march"], text="Rettet referat.")

    main = element(parse(client.get(f"/en/moeder/{minuted['march'].pk}/referat/udskrift/")), "main")

    assert texts(children(element(main, "dl", class_="print-facts")))[-2:] == ["Version", "1 (approved)"]
    assert elements(main, "p", class_="print-notice") == []


def test_printable_minutes_for_the_public_leave_out_internal_items(client, minuted):
    approve(minuted)
    services.save_agenda_item(minuted["other"], title="Eventuelt", visibility="internal")

    response = client.get(f"/en/moeder/{minuted['march'].pk}/referat/udskrift/")

    assert [title for level, title in heading_list(response) if level == "h3"] == ["1. Strategi 2027"]
