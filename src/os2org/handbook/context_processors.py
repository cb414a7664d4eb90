from django.conf import settings

from os2org.handbook.models import Page
from os2org.handbook.navigation import build_menu


def navigation(request):
    """The handbook menu on every page, built lazily: pages without it pay nothing."""

    def menu():
        return build_menu(Page.objects.for_menu())

    return {"handbook_menu": menu, "handbook_language": settings.HANDBOOK_LANGUAGE}
