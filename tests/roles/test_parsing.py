import pytest

from os2org.handbook.pages import read_file, read_page
from os2org.roles.parsing import parse_role
from tests.conftest import DEMO, seed


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


def demo_role(name):
    path = DEMO / "roller" / f"{name}.md"
    return parse_role(read_file(path, f"roller/{name}.md"))


def seed_line(prefix, number):
    """The text of one line of a seed page, without its bullet and spaces."""
    line = seed(prefix).read_text(encoding="utf-8").split("\n")[number - 1]
    return line.strip().removeprefix("- ").strip()


def role_from(body):
    return parse_role(read_page("rolle.md", f"# Funktionsbeskrivelse – Tester i Foreningen\n\n{body}"))


def areas(role):
    return [(area["heading"], len(area["items"])) for area in role.responsibilities]


def test_seed_000_responsibility_areas_lose_their_numbers():
    assert areas(role_of("000")) == [
        ("Ledelse af sekretariatet", 3),
        ("Understøtte bestyrelse og forening", 3),
        ("Strategisk udvikling", 3),
        ("Drift og administration", 3),
    ]


def test_seed_000_responsibility_items_are_bullets():
    first = role_of("000").responsibilities[0]["items"]
    assert first == [seed_line("000", 39), seed_line("000", 40), seed_line("000", 41)]


def test_seed_002_responsibilities_without_sub_headings_form_one_area():
    assert areas(role_of("002")) == [(None, 6)]


def test_seed_003_responsibility_areas():
    assert areas(role_of("003")) == [
        ("Forretnings- og procesunderstøttelse (kerneopgave)", 4),
        ("Struktur og årshjul", 3),
        ("Forretningsmæssig drift og administrativ understøttelse", 3),
        ("Understøttelse af samarbejde og beslutningsprocesser", 3),
    ]


def test_seed_004_responsibility_areas_under_h5():
    assert [(heading[:40], count) for heading, count in areas(role_of("004"))] == [
        ("Planlægge og gennemføre OS2’s kommunikat", 4),
        ("Understøtte sekretariat, bestyrelse og p", 4),
        ("Dokumentere og formidle erfaringer, meto", 4),
        ("Bidrage til at OS2 er synligt og relevan", 4),
    ]


def test_seed_004_responsibility_heading_is_whole():
    assert role_of("004").responsibilities[0]["heading"] == seed_line("004", 24).removeprefix("##### 1. ")


def sections(role):
    return [(section.heading, section.kind) for section in role.sections]


def test_seed_000_sections_keep_unknown_section():
    assert sections(role_of("000")) == [
        ("Formål med stillingen", "purpose"),
        ("Ansvarsfordeling", "other"),
        ("Ansvarsområde", "responsibilities"),
        ("Arbejdsopgaver og prioritering", "tasks"),
        ("Faglige kompetencer", "competencies"),
        ("Personlige kvalifikationer", "qualities"),
        ("Øvrige forhold", "terms"),
    ]


def test_seed_002_sections():
    assert sections(role_of("002")) == [
        ("Formål med stillingen", "purpose"),
        ("Ansvarsområde", "responsibilities"),
        ("Arbejdsopgaver og prioritering", "tasks"),
        ("Samarbejdsrelationer", "relationships"),
        ("Faglige kvalifikationer", "competencies"),
        ("Personlige kvalifikationer", "qualities"),
        ("Øvrige forhold", "terms"),
    ]


def test_seed_003_sections():
    assert sections(role_of("003")) == [
        ("Formål med stillingen", "purpose"),
        ("Ansvarsområde", "responsibilities"),
        ("Arbejdsopgaver og prioritering", "tasks"),
        ("Faglige kompetencer", "competencies"),
        ("Personlige kvalifikationer", "qualities"),
        ("Øvrige forhold", "terms"),
    ]


def test_seed_004_sections():
    assert sections(role_of("004")) == [
        ("Formål med stillingen", "purpose"),
        ("Ansvarsområde", "responsibilities"),
        ("Arbejdsopgaver og prioritering", "tasks"),
        ("Samarbejdsrelationer", "relationships"),
        ("Faglige kvalifikationer", "competencies"),
        ("Personlige kvalifikationer", "qualities"),
        ("Øvrige forhold", "terms"),
    ]


def test_seed_section_lines():
    assert [section.line for section in role_of("000").sections] == [10, 16, 35, 61, 90, 98, 105]


@pytest.mark.parametrize(
    ("prefix", "staff", "budget"),
    [("000", True, True), ("002", False, False), ("003", False, False), ("004", False, False)],
)
def test_seed_role_staff_and_budget_responsibility(prefix, staff, budget):
    role = role_of(prefix)
    assert (role.staff_responsibility, role.budget_responsibility) == (staff, budget)


@pytest.mark.parametrize(("prefix", "line"), [("000", 110), ("002", 88), ("003", 97), ("004", 118)])
def test_seed_role_review_rule(prefix, line):
    assert role_of(prefix).review_rule == seed_line(prefix, line)


def test_seed_003_hours_without_number_stay_text():
    role = role_of("003")
    assert (role.hours_text, role.hours_min, role.hours_max, role.hours_line) == (
        "Timetal: fuldtid eller deltid efter aftale.",
        None,
        None,
        94,
    )


def test_seed_004_hours_without_label():
    role = role_of("004")
    assert (role.hours_text, role.hours_min, role.hours_max, role.hours_line) == ("37 timer pr. uge.", 37, 37, 115)


def test_seed_002_must_task_loses_emphasis():
    assert role_of("002").tasks["MUST"][0] == "Have rollen som Product Owner for et eller flere OS2-produkter."


def test_seed_000_tasks_are_the_bullets_under_priority_headings():
    assert role_of("000").tasks["MUST"] == [seed_line("000", number) for number in range(73, 77)]


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seed_moscow_explanation_is_not_a_task(prefix):
    tasks = [task for priority in role_of(prefix).tasks.values() for task in priority]
    assert [task for task in tasks if task.startswith(("MUST", "SHOULD", "COULD"))] == []


def test_seed_004_purpose_keeps_page_order():
    assert role_of("004").purpose.split("\n\n") == [seed_line("004", n) for n in (12, 14, 15, 16, 18)]


def test_seed_000_purpose_has_two_paragraphs():
    assert role_of("000").purpose.split("\n\n") == [seed_line("000", 12), seed_line("000", 14)]


def test_seed_002_purpose_joins_broken_lines():
    assert role_of("002").purpose == " ".join(seed_line("002", n) for n in (11, 12, 13))


def test_seed_004_relationships():
    assert role_of("004").relationships == [seed_line("004", n) for n in range(93, 98)]


def test_seed_000_competencies_have_no_labels():
    assert [c.label for c in role_of("000").competencies] == [None] * 5


def test_seed_role_heading_line():
    assert role_of("003").heading_line == 8


def test_seed_role_as_dict_keys():
    assert list(role_of("000").as_dict()) == [
        "path",
        "name",
        "purpose",
        "responsibilities",
        "tasks",
        "competencies",
        "qualities",
        "relationships",
        "hours_per_week",
        "hours_text",
        "reports_to",
        "staff_responsibility",
        "budget_responsibility",
        "review_rule",
        "sections",
    ]


def test_demo_forretningskoordinator_competencies_have_labels():
    assert [(c.label, c.text) for c in demo_role("forretningskoordinator").competencies] == [
        ("Proces", "Erfaring med at kortlægge og forbedre arbejdsgange."),
        ("Administration", "Kendskab til drift af en forening eller et projektkontor."),
        ("Dokumentation", "Skriver klart og holder orden i filer og versioner."),
        ("Digitale værktøjer", "Er fortrolig med delte dokumenter, sagsstyring og regneark."),
    ]


def test_demo_forretningskoordinator_hours_stay_text():
    role = demo_role("forretningskoordinator")
    assert (role.hours_per_week, role.hours_text) == (None, "Timetal: fuldtid eller deltid efter aftale.")


def test_demo_produktkoordinator_hours_range():
    assert demo_role("produktkoordinator").hours_per_week == {"min": 5, "max": 15}


def test_demo_produktkoordinator_reports_to_bold_name():
    assert demo_role("produktkoordinator").reports_to == "Styregruppen"


def test_demo_produktkoordinator_must_task_without_markup():
    assert demo_role("produktkoordinator").tasks["MUST"][0] == "Være Product Owner for fællesskabets backlog."


def test_demo_produktkoordinator_areas_under_h5_with_intro():
    assert areas(demo_role("produktkoordinator")) == [
        ("Fællesskabet", 3),
        ("Prioritering og udvikling", 3),
        ("Samspil med sekretariatet", 3),
    ]


def test_demo_programleder_hours_range():
    assert demo_role("programleder").hours_per_week == {"min": 30, "max": 37}


def test_demo_programleder_task_counts():
    assert {p: len(t) for p, t in demo_role("programleder").tasks.items()} == {"MUST": 6, "SHOULD": 4, "COULD": 3}


def test_demo_sekretariatschef_keeps_extra_section():
    assert ("Særlige opmærksomhedspunkter", "other") in sections(demo_role("sekretariatschef"))


def test_demo_sekretariatschef_reports_to_primary_reference():
    assert demo_role("sekretariatschef").reports_to == "Bestyrelsen"


def test_demo_kommunikationsmedarbejder_nested_bullets_are_not_items():
    assert demo_role("kommunikationsmedarbejder").responsibilities[0]["items"][-1] == (
        "Planlægge opslag på LinkedIn og andre kanaler:"
    )


def test_tasks_under_h4_headings():
    role = role_from("## Opgaver\n\n#### MUST\n\n- Et.\n\n#### COULD\n\n- To.\n")
    assert role.tasks == {"MUST": ["Et."], "SHOULD": [], "COULD": ["To."]}


def test_tasks_heading_wording_varies():
    role = role_from("### must – kerneopgaver\n- Et.\n### SHOULD (bør løses)\n- To.\n### COULD\n- Tre.\n")
    assert role.tasks == {"MUST": ["Et."], "SHOULD": ["To."], "COULD": ["Tre."]}


def test_tasks_end_at_next_heading():
    role = role_from("### MUST\n- Et.\n\n### Noter\n- Ikke en opgave.\n")
    assert role.tasks["MUST"] == ["Et."]


def test_tasks_empty_bullet_is_skipped():
    assert role_from("### MUST\n- Et.\n-\n- To.\n").tasks["MUST"] == ["Et.", "To."]


def test_tasks_empty_last_bullet_does_not_take_next_paragraph():
    assert role_from("### MUST\n- Et.\n-\n\nEfter listen.\n").tasks["MUST"] == ["Et."]


def test_tasks_nested_bullets_belong_to_their_task():
    assert role_from("### MUST\n- Et:\n  - del a\n  - del b\n- To.\n").tasks["MUST"] == ["Et:", "To."]


def test_tasks_ordered_list():
    assert role_from("### MUST\n1. Et.\n2. To.\n").tasks["MUST"] == ["Et.", "To."]


@pytest.mark.parametrize(
    ("line", "hours"),
    [
        ("Timetal: 37 timer pr. uge.", {"min": 37, "max": 37}),
        ("Typisk 5–15 timer pr. uge.", {"min": 5, "max": 15}),
        ("Timetal: 30 - 37 timer.", {"min": 30, "max": 37}),
        ("Timetal: 10 til 20 timer om ugen.", {"min": 10, "max": 20}),
        ("Timetal: 18,5 timer pr. uge.", {"min": 18.5, "max": 18.5}),
        ("Timetal: 0 timer pr. uge.", None),
        ("Timetal: 200 timer pr. uge.", None),
        ("Timetal: 20–10 timer pr. uge.", None),
        ("Timetal: efter aftale.", None),
    ],
)
def test_hours_are_read_as_a_range(line, hours):
    assert role_from(f"## Øvrige forhold\n\n- {line}\n").hours_per_week == hours


def test_hours_first_line_wins():
    role = role_from("## Øvrige forhold\n\n- 20 timer pr. uge.\n- Op til 30 timer i travle perioder.\n")
    assert (role.hours_text, role.hours_per_week) == ("20 timer pr. uge.", {"min": 20, "max": 20})


@pytest.mark.parametrize(
    ("line", "staff"),
    [("Har personaleansvar.", True), ("Ingen personaleansvar.", False), ("Har ikke personaleansvar.", False)],
)
def test_staff_responsibility(line, staff):
    assert role_from(f"## Øvrige forhold\n\n- {line}\n").staff_responsibility is staff


def test_terms_without_mentions_leave_unknowns():
    role = role_from("## Øvrige forhold\n\n- Rollen er fleksibel.\n")
    assert (role.staff_responsibility, role.budget_responsibility, role.review_rule, role.hours_text) == (
        None,
        None,
        None,
        None,
    )


def test_reports_to_primary_reference_in_relationships():
    role = role_from("## Samarbejdsrelationer\n\n- Direktøren, som leder huset (primær reference).\n")
    assert role.reports_to == "Direktøren"


def test_page_without_role_heading_is_no_role():
    assert parse_role(read_page("a.md", "# Funktionsbeskrivelser\n\n## MUST\n- Et.\n")) is None
