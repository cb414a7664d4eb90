"""Generated role pages: the parser finds what was written, and a round trip keeps it."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from os2org import markup
from os2org.handbook.models import Page
from os2org.handbook.pages import read_file, read_page
from os2org.handbook.services import export_handbook, import_handbook
from os2org.roles.parsing import parse_role

LETTERS = string.ascii_letters + "æøåÆØÅ"
# Characters that cannot start Markdown syntax in the middle of a line.
INNER = LETTERS + string.digits + ",.;:()/-"

word = st.text(LETTERS, min_size=2, max_size=10)
inner_word = st.text(INNER, min_size=1, max_size=10)
task = st.builds(lambda first, rest: " ".join([first, *rest]), word, st.lists(inner_word, max_size=6))
role_name = st.builds(" ".join, st.lists(word, min_size=1, max_size=3))
# (the line under "Øvrige forhold", the hours_per_week it means)
hours = st.one_of(
    st.integers(1, 60).map(lambda n: (f"Timetal: {n} timer pr. uge.", {"min": n, "max": n})),
    st.tuples(st.integers(1, 30), st.integers(0, 30)).map(
        lambda pair: (
            f"Timetal: typisk {pair[0]}–{sum(pair)} timer pr. uge.",
            {"min": pair[0], "max": sum(pair)},
        )
    ),
    st.just(("Timetal: fuldtid eller deltid efter aftale.", None)),
)
WORDING = {
    "MUST": ["MUST", "MUST – kerneopgaver", "MUST (skal løses for at foreningen kan fungere)"],
    "SHOULD": ["SHOULD", "SHOULD – udviklingsopgaver", "SHOULD (bør løses, når ressourcerne er til stede)"],
    "COULD": ["COULD", "COULD – hvis der er tid", "COULD (nice-to-have, når der er ekstra tid)"],
}


@st.composite
def role_pages(draw):
    name = draw(role_name)
    heading = f"Funktionsbeskrivelse – {name} i Foreningen"
    tasks = {priority: draw(st.lists(task, max_size=5)) for priority in WORDING}
    hours_line = draw(st.one_of(st.none(), hours))
    level = draw(st.sampled_from(["###", "####"]))
    lines = ["---", f"title: {draw(st.sampled_from([name, heading]))}", "layout: default", "---", "", f"# {heading}"]
    lines += ["", "## Arbejdsopgaver og prioritering", ""]
    lines += [f"- **{priority}** – forklaring, ikke en opgave." for priority in WORDING]
    for priority, wordings in WORDING.items():
        lines += ["", f"{level} {draw(st.sampled_from(wordings))}", ""]
        lines += [f"- {text}" for text in tasks[priority]]
    lines += ["", "## Øvrige forhold", "", "- Ingen personaleansvar."]
    if hours_line:
        lines.append(f"- {hours_line[0]}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    source = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return {"source": source, "name": name, "tasks": tasks, "hours": hours_line}


@settings(max_examples=40, deadline=None)
@given(generated=role_pages())
def test_generated_role_tasks_are_found(generated):
    role = parse_role(read_page("rolle.md", generated["source"]))
    assert (role.name, role.tasks) == (generated["name"], generated["tasks"])


@settings(max_examples=40, deadline=None)
@given(generated=role_pages())
def test_generated_role_hours_are_found(generated):
    role = parse_role(read_page("rolle.md", generated["source"]))
    assert (role.hours_text, role.hours_per_week) == (generated["hours"] or (None, None))


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(generated=role_pages())
def test_generated_role_survives_import_and_export(tmp_path_factory, generated):
    Page.objects.all().delete()
    source_dir, export_dir = tmp_path_factory.mktemp("ind"), tmp_path_factory.mktemp("ud")
    (source_dir / "rolle.md").write_bytes(generated["source"].encode())
    import_handbook([source_dir])
    export_handbook(export_dir)
    original, exported = read_file(source_dir / "rolle.md", "rolle.md"), read_file(export_dir / "rolle.md", "rolle.md")
    assert (
        (export_dir / "rolle.md").read_bytes(),
        parse_role(exported).as_dict(),
        markup.render(exported.body),
    ) == (
        generated["source"].encode(),
        parse_role(original).as_dict(),
        markup.render(original.body),
    )
