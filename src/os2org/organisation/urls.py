from django.urls import path

from os2org.organisation.views import capacity, charts, directory

app_name = "organisation"
urlpatterns = [
    path("", directory.overview, name="overview"),
    path("organer/", directory.bodies, name="bodies"),
    path("organer/<str:slug>/", directory.body, name="body"),
    path("ny-organ/", directory.body_create, name="body-create"),
    path("organer/<str:slug>/rediger/", directory.body_edit, name="body-edit"),
    path("organisationer/", directory.organisations, name="organisations"),
    path("organisationer/<str:slug>/", directory.organisation, name="organisation"),
    path("ny-organisation/", directory.organisation_create, name="organisation-create"),
    path("organisationer/<str:slug>/rediger/", directory.organisation_edit, name="organisation-edit"),
    path("personer/", directory.people, name="people"),
    path("personer/<str:slug>/", directory.person, name="person"),
    path("ny-person/", directory.person_create, name="person-create"),
    path("personer/<str:slug>/rediger/", directory.person_edit, name="person-edit"),
    path("personer/<str:slug>/ny-tildeling/", directory.assignment_create, name="assignment-create"),
    path("tildelinger/<int:pk>/rediger/", directory.assignment_edit, name="assignment-edit"),
    path("tildelinger/<int:pk>/afslut/", directory.assignment_end, name="assignment-end"),
    path("daekning/", capacity.coverage, name="coverage"),
    path("daekning.csv", capacity.coverage_csv, name="coverage-csv"),
    path("tildelinger/<int:pk>/", capacity.assignment, name="assignment"),
    path("diagram/", charts.chart, name="chart"),
]
