"""One annual cycle: a handbook page's cycle table is written from the activities, or checked against them."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from os2org.common.visibility import Visibility
from os2org.governance.cycle.services import save_activity
from os2org.governance.models import Activity
from os2org.handbook.models import Page
from os2org.handbook.pages import read_page
from os2org.handbook.services import export_handbook, import_handbook
from os2org.organisation.models import Body
from os2org.organisation.services import save_body
from os2org.sync.cycle_page import check_cycle, cycle_table, months_named

pytestmark = pytest.mark.django_db

PUBLIC = Visibility.PUBLIC
FRONT = "---\ntitle: Årshjul\n---\n\n"
TABLE = (
    "| Måned | Aktivitet | Ansvarlig |\n"
    "|-------|-----------|-----------|\n"
    "| Marts | Nyhedsbrev |  |\n"
    "| Marts | Budget for næste år | Bestyrelsen |\n"
    "| Juni | Nyhedsbrev |  |\n"
    "| September | Nyhedsbrev |  |\n"
    "| December | Nyhedsbrev |  |\n"
)


@pytest.fixture
def activities():
    """A yearly budget in March (the board's), a quarterly newsletter, and a members' activity in May."""
    board = save_body(name="Bestyrelsen", kind=Body.Kind.BOARD, visibility=PUBLIC)
    kinds = Activity.Kind
    save_activity(title="Budget for næste år", kind=kinds.DEADLINE, body=board, starts=date(2020, 3, 20),
                  rule="FREQ=YEARLY", visibility=PUBLIC)
    save_activity(title="Nyhedsbrev", kind=kinds.COMMUNICATION, starts=date(2020, 3, 1),
                  rule="FREQ=MONTHLY;INTERVAL=3", visibility=PUBLIC)
    save_activity(title="Medlemsmøde", kind=kinds.MEETING, starts=date(2020, 5, 4), rule="FREQ=YEARLY",
                  visibility=Visibility.MEMBERS)


def cycle_page(body):
    return read_page("aarshjul.md", FRONT + body)


def marked(inside):
    return f"Før.\n\n<!-- os2org:generated annual-cycle -->\n\n{inside}\n<!-- /os2org:generated -->\n\nEfter.\n"


def test_the_table_has_a_row_per_activity_per_month_as_the_public_reads_them(activities):
    assert cycle_table() == TABLE


def test_export_refresh_writes_the_marked_block_from_the_activities(activities, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "aarshjul.md").write_text(FRONT + marked("| gammel |\n|---|\n"), encoding="utf-8")
    import_handbook([tmp_path / "in"])

    export_handbook(tmp_path / "out", refresh=True)

    assert (tmp_path / "out" / "aarshjul.md").read_text(encoding="utf-8") == FRONT + marked(TABLE)


def test_export_refresh_leaves_a_page_without_the_mark_as_it_is(activities, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "aarshjul.md").write_text(FRONT + TABLE, encoding="utf-8")
    import_handbook([tmp_path / "in"])

    export_handbook(tmp_path / "out", refresh=True)

    assert (tmp_path / "out" / "aarshjul.md").read_text(encoding="utf-8") == Page.objects.get().source


def test_lint_passes_a_marked_block_that_the_data_would_write(activities):
    assert check_cycle(cycle_page(marked(TABLE))) == []


def test_lint_reports_a_marked_block_the_activities_have_overtaken_at_its_mark(activities):
    findings = check_cycle(cycle_page(marked(TABLE.replace("| Juni | Nyhedsbrev |  |\n", ""))))

    assert [(f.line, f.code) for f in findings] == [(7, "cycle-outdated")]


def test_lint_reports_an_activity_a_hand_written_table_leaves_out_of_its_month(activities):
    table = "| Hvornår | Hvad |\n|---|---|\n| Marts | Nyhedsbrev |\n| Juni | Nyhedsbrev |\n" \
            "| September | Nyhedsbrev |\n| December | Nyhedsbrev |\n"

    with translation.override("en"):
        findings = check_cycle(cycle_page(table))

    assert [(f.line, f.code, f.message) for f in findings] == [
        (7, "cycle-missing", "The wheel has “Budget for næste år” in March; the table does not name it there.")
    ]


def test_lint_reports_a_month_the_hand_written_table_has_no_row_for_at_the_table(activities):
    table = "| Måned | Hvad |\n|---|---|\n| Marts | Budget for næste år, nyhedsbrev |\n" \
            "| Juni | Nyhedsbrev |\n| September | Nyhedsbrev |\n"

    findings = check_cycle(cycle_page(table))

    assert [(f.line, f.code) for f in findings] == [(5, "cycle-missing")]


def test_lint_passes_a_hand_written_table_that_names_every_activity_in_its_month(activities):
    table = "| Måned | Hvad |\n|---|---|\n| Marts–april | Budget for næste år og nyhedsbrev |\n" \
            "| Juni | Nyhedsbrev |\n| Sept. | Nyhedsbrev |\n| Dec | Nyhedsbrev |\n"

    assert check_cycle(cycle_page(table)) == []


def test_a_table_whose_first_column_is_not_months_is_not_the_cycle(activities):
    table = "| Rolle | Opgave |\n|---|---|\n| Formand | Leder møderne |\n| Kasserer | Budget |\n" \
            "| Sekretær | Referat |\n"

    assert check_cycle(cycle_page(table)) == []


def test_months_are_named_in_danish_and_english_whole_or_shortened():
    assert [months_named(text) for text in ["Marts–april", "May", "okt.", "Marked", "sept"]] == [
        [3, 4], [5], [10], [], [9]
    ]


def test_handbook_lint_holds_the_cycle_page_to_the_activities(activities, tmp_path):
    (tmp_path / "aarshjul.md").write_text(FRONT + marked("| gammel |\n|---|\n"), encoding="utf-8")
    out = StringIO()

    call_command("handbook", "lint", str(tmp_path), stdout=out)

    assert "aarshjul.md:7: warning: cycle-outdated:" in out.getvalue()
