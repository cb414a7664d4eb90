from pathlib import Path

import django
from django.template import engines

import os2org
from os2org.common.warm import TEMPLATE_SUFFIXES, warm_up


def template_files(directory):
    return [path for path in Path(directory).rglob("*") if path.is_file() and path.suffix in TEMPLATE_SUFFIXES]


def test_warm_up_compiles_every_template_of_the_project_and_of_djangos_form_widgets():
    own = Path(os2org.__file__).parent
    # The project's templates/ and each app's.
    expected = len([path for path in template_files(own) if "templates" in path.relative_to(own).parts[:2]])
    widgets = len(template_files(Path(django.__file__).parent / "forms" / "templates"))

    assert warm_up() == expected + widgets


def test_warm_up_leaves_each_template_compiled_in_the_cached_loader():
    (loader,) = engines["django"].engine.template_loaders
    loader.reset()

    warm_up()

    assert "governance/cycle.html" in {key.split("-")[0] for key in loader.get_template_cache}
