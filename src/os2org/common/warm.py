"""A web worker made ready before its first request.

A page that nobody has read since the last edit is built from scratch
(os2org.caching). In a worker that has just started, its first reader would
also pay for what the worker does only once: compiling each template the
page uses, importing the views behind the addresses, and loading the
language catalogues. That is 100 to 200 ms on top of the page itself. The
WSGI application does it all when the worker starts (os2org.wsgi), so that
a first hit costs only its page.
"""

from pathlib import Path

import django
from django.conf import settings
from django.template import TemplateDoesNotExist, engines
from django.urls import get_resolver
from django.utils import translation

import os2org

# Whose templates are compiled: the project's own, and Django's form widgets, which every form draws.
_OWN = Path(os2org.__file__).resolve().parent
_WIDGETS = Path(django.__file__).resolve().parent / "forms" / "templates"
TEMPLATE_SUFFIXES = {".html", ".txt", ".svg", ".xml"}


def warm_up():
    """Compile the project's templates, import its views, load its languages and their address tables.

    Returns how many templates it compiled.
    """
    # Reading the URL patterns imports every view module they name.
    resolver = get_resolver()
    resolver.url_patterns
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("")
            # The table reverse() reads, made once per language (the addresses differ under /en/).
            resolver.reverse_dict
    compiled = 0
    for engine in engines.all():
        for directory in map(Path, engine.template_dirs):
            place = directory.resolve()
            if not place.is_relative_to(_OWN) and place != _WIDGETS:
                continue
            for path in sorted(directory.rglob("*")):
                if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                    try:
                        # The cached loader keeps each one compiled for the worker's life.
                        engine.get_template(path.relative_to(directory).as_posix())
                    except TemplateDoesNotExist:
                        continue
                    compiled += 1
    return compiled
