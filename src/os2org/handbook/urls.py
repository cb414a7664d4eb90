from django.urls import path

from os2org.handbook import views
from os2org.handbook.rendering import FILES, PAGES

app_name = "handbook"
urlpatterns = [
    path("", views.home, name="home"),
    # Before the page itself: its <path:slug> would take "…/rediger" as part of the address.
    path(f"{PAGES}/<path:slug>/rediger/", views.page_edit, name="page-edit"),
    path(f"{PAGES}/<path:slug>/forhaandsvisning/", views.page_preview, name="page-preview"),
    path(f"{PAGES}/<path:slug>/historik/", views.page_history, name="page-history"),
    path(f"{PAGES}/<path:slug>/", views.page, name="page"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    # The handbook's images and other files, at their paths in the handbook.
    path(f"{FILES}/<path:path>", views.handbook_file, name="file"),
    # A role description's versions are its page's (the role catalogue links here).
    path("roller/<str:slug>/historik/", views.role_history, name="role-history"),
]
