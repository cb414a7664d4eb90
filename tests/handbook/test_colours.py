"""The handbook's own colour, read from its just-the-docs colour scheme, and the org charts drawn in it."""

import json
import time

import pytest

from os2org.common.colours import contrast
from os2org.handbook.models import Site
from os2org.handbook.pages import PageError
from os2org.handbook.site import SiteConfig, brand_colour, chart_theme, scheme_file
from os2org.organisation.models import Body
from tests.dom import attribute, element, parse
from tests.handbook.test_published_site import handbook, page

pytestmark = pytest.mark.django_db

INDEX = {"index.md": page("Forside", "# Forside\n")}


def config(scheme):
    return SiteConfig(color_scheme=scheme)


@pytest.mark.parametrize(
    ("scheme", "path"),
    [("light", None), ("dark", None), ("forening", "_sass/color_schemes/forening.scss"), ("../x", None)],
)
def test_scheme_file_is_the_handbooks_own_scheme_only(scheme, path):
    assert scheme_file(config(scheme)) == path


@pytest.mark.parametrize(("scheme", "colour"), [("light", "#7253ed"), ("dark", "#2c84fa")])
def test_brand_colour_of_a_built_in_scheme_is_its_links(scheme, colour):
    assert brand_colour(config(scheme)) == colour


@pytest.mark.parametrize(
    ("sass", "colour"),
    [
        ("$link-color: #0a6e4f;", "#0a6e4f"),
        ("$link-color: #C0F;", "#cc00ff"),
        ("$link-color: $blue-200;", "#264caf"),
        ("$brand: #123456;\n$link-color: $brand !default;", "#123456"),
        ("$btn-primary-color: $green-300;", "#026e57"),
        ("$link-color: darken($purple-000, 10%);", "#7253ed"),
        ("$link-color: $nowhere;", "#7253ed"),
    ],
)
def test_brand_colour_of_a_scheme_of_its_own_is_its_link_colour(sass, colour):
    assert brand_colour(config("forening"), sass) == colour


def test_import_keeps_the_colour_of_the_handbooks_own_scheme(tmp_path):
    handbook(
        tmp_path,
        INDEX,
        config="title: Foreningen\ncolor_scheme: forening\n",
        files={"_sass/color_schemes/forening.scss": "$link-color: #0a6e4f;\n"},
    )

    assert Site.objects.get().colour == "#0a6e4f"


def test_import_without_the_schemes_file_keeps_just_the_docs_colour(tmp_path):
    handbook(tmp_path, INDEX, config="title: Foreningen\ncolor_scheme: forening\n")

    assert Site.objects.get().colour == "#7253ed"


def test_import_refuses_a_scheme_that_is_a_symbolic_link(tmp_path):
    outside = tmp_path / "outside.scss"
    outside.write_text("$link-color: #0a6e4f;\n", encoding="utf-8")
    folder = tmp_path / "handbook"
    (folder / "_sass").mkdir(parents=True)
    (folder / "_sass" / "color_schemes").symlink_to(tmp_path, target_is_directory=True)

    with pytest.raises(PageError) as error:
        handbook(folder, INDEX, config="color_scheme: outside\n")

    assert (str(error.value), Site.objects.exists()) == (
        "_sass/color_schemes/outside.scss: is a symbolic link; a handbook is read only from the files inside it",
        False,
    )


@pytest.mark.parametrize("colour", ["#7253ed", "#ffeb82", "#183385", "#41d693", "#e94c4c"])
def test_chart_theme_writes_every_text_readably_on_its_fill(colour):
    theme = chart_theme(colour)

    pairs = [(theme["primaryTextColor"], theme["primaryColor"])]
    pairs += [(theme[f"cScaleLabel{section}"], theme[f"cScale{section}"]) for section in range(12)]
    assert min(contrast(text, fill) for text, fill in pairs) >= 4.5


def test_chart_theme_draws_the_boxes_in_a_tint_of_the_colour_with_its_lines():
    theme = chart_theme("#183385")

    assert {name: theme[name] for name in ("primaryColor", "primaryBorderColor", "lineColor", "cScale0")} == {
        "primaryColor": "#dce0ed",
        "primaryBorderColor": "#183385",
        "lineColor": "#183385",
        "cScale0": "#183385",
    }


def test_chart_page_hands_the_colours_to_the_diagrams(tmp_path, client):
    handbook(
        tmp_path,
        INDEX,
        config="color_scheme: forening\n",
        files={"_sass/color_schemes/forening.scss": "$link-color: #183385;\n"},
    )
    Body.objects.create(name="Bestyrelsen", slug="bestyrelsen", kind=Body.Kind.BOARD)

    script = element(parse(client.get("/organisation/diagram/")), "script", src="/static/os2org/diagrams.js")

    assert json.loads(attribute(script, "data-theme")) == chart_theme("#183385")


def test_brand_colour_reads_a_huge_scheme_without_a_semicolon_at_once():
    started = time.monotonic()

    colour = brand_colour(config("forening"), "$link-color: " + " " * 2_000_000 + "#0a6e4f")

    assert (colour, time.monotonic() - started < 1) == ("#7253ed", True)
