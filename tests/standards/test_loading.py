import pytest
from django.core.management import CommandError, call_command

from os2org.standards.models import Checklist, ChecklistPoint
from os2org.standards.services import PointRow, save_checklist

pytestmark = pytest.mark.django_db

GOOD = """\
points:
  - checklist: Fælles standarder
    title: Licens
    guidance: En **godkendt** licens.
  - checklist: Fælles standarder
    title: Sikkerhed
"""


def load(tmp_path, text):
    path = tmp_path / "tjeklister.yaml"
    path.write_text(text, encoding="utf-8")
    call_command("standards", "checklists", str(path))
    return path


def test_loading_stores_the_points_in_the_file_order(tmp_path):
    load(tmp_path, GOOD)
    assert list(ChecklistPoint.objects.values_list("checklist__name", "position", "title", "guidance_html")) == [
        ("Fælles standarder", 1, "Licens", "<p>En <strong>godkendt</strong> licens.</p>\n"),
        ("Fælles standarder", 2, "Sikkerhed", ""),
    ]


def test_loading_replaces_the_points_of_a_checklist_it_names(tmp_path):
    save_checklist(name="Fælles standarder", points=[PointRow("Gammelt punkt"), PointRow("Andet"), PointRow("Tredje")])
    load(tmp_path, GOOD)
    assert list(ChecklistPoint.objects.values_list("title", flat=True)) == ["Licens", "Sikkerhed"]


def test_a_point_without_title_names_its_line_and_changes_nothing(tmp_path):
    save_checklist(name="Fælles standarder", points=[PointRow("Gammelt punkt")])
    text = GOOD + "  - checklist: Fælles standarder\n    guidance: Uden titel\n"
    with pytest.raises(CommandError) as error:
        load(tmp_path, text)
    assert str(error.value) == f"{tmp_path / 'tjeklister.yaml'}:7: title: A point needs a title."
    assert list(ChecklistPoint.objects.values_list("title", flat=True)) == ["Gammelt punkt"]


def test_an_unknown_key_names_its_line(tmp_path):
    with pytest.raises(CommandError) as error:
        load(tmp_path, "points:\n  - checklist: A\n    titel: Licens\n")
    assert str(error.value) == (
        f"{tmp_path / 'tjeklister.yaml'}:3: unknown key “titel” (expected one of: checklist, title, guidance)."
    )
    assert Checklist.objects.count() == 0


def test_a_file_that_is_no_yaml_names_its_line(tmp_path):
    with pytest.raises(CommandError) as error:
        load(tmp_path, "points:\n  - checklist: [\n")
    assert str(error.value).startswith(f"{tmp_path / 'tjeklister.yaml'}:3: not valid YAML")
