from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from os2org.audit.selectors import request_data_version
from os2org.handbook.selectors import site_settings


def navigation(request):
    """The handbook's language and settings, and the data's version for cache keys (read at most once)."""
    version = SimpleLazyObject(lambda: request_data_version(request))
    return {
        "handbook_language": settings.HANDBOOK_LANGUAGE,
        "data_version": version,
        # The handbook's own title, logo, links and callouts (its _config.yml).
        "handbook_site": SimpleLazyObject(lambda: site_settings(version)),
        "contact_email": settings.CONTACT_EMAIL,
    }


def languages(request):
    """The current page in each interface language, for the language links."""
    here = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(here, code)}
            for code, _name in settings.LANGUAGES
        ]
    }
