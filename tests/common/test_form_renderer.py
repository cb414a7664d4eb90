"""Every form is drawn in Det Fælles Designsystem's markup, with an error summary on top."""

from django import forms
from django.test.html import RootElement
from django.test.html import parse_html as parse_fragment

from tests.dom import attribute, element, elements, parse, text


class Sample(forms.Form):
    name = forms.CharField(label="Navn")
    kind = forms.ChoiceField(label="Slags", choices=[("a", "A")])
    agreed = forms.BooleanField(label="Enig", required=False)


def test_text_input_has_the_design_system_class():
    assert attribute(element(parse_html(Sample()["name"].as_field_group()), "input"), "class") == "form-input"


def test_select_has_the_design_system_class():
    assert attribute(element(parse_html(Sample()["kind"].as_field_group()), "select"), "class") == "form-select"


def test_check_box_keeps_the_browser_look():
    assert attribute(element(parse_html(Sample()["agreed"].as_field_group()), "input"), "class") is None


def test_label_has_the_design_system_class():
    assert attribute(element(parse_html(Sample()["name"].as_field_group()), "label"), "class") == "form-label"


def test_form_with_errors_has_a_title_beginning_with_error(client, db):
    response = client.post("/konto/login/", {"username": "", "password": ""})

    assert text(element(parse(response), "title")).startswith("Fejl: ")


def test_form_without_errors_has_a_plain_title(client, db):
    response = client.get("/konto/login/")

    assert text(element(parse(response), "title")).startswith("Log ind")


def test_error_summary_links_each_field(client, db):
    response = client.post("/en/konto/login/", {"username": "", "password": ""})

    summary = element(parse(response), "div", class_="error-summary")
    assert [(attribute(link, "href"), text(link)) for link in elements(summary, "a")] == [
        ("#id_username", "Username: This field is required."),
        ("#id_password", "Password: This field is required."),
    ]


def test_error_summary_takes_focus(client, db):
    response = client.post("/en/konto/login/", {"username": "", "password": ""})

    summary = element(parse(response), "div", class_="error-summary")
    assert (attribute(summary, "data-module"), attribute(summary, "tabindex")) == ("error-summary", "-1")


def parse_html(html):
    root = RootElement()
    root.children.append(parse_fragment(str(html)))
    return root
