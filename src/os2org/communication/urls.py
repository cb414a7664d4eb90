from django.urls import path

from os2org.communication import views

app_name = "communication"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("aktiviteter/ny/", views.activity_create, name="activity-create"),
    path("aktiviteter/<int:pk>/", views.activity_edit, name="activity-edit"),
    path("nyhedsbreve/", views.issues, name="issues"),
    path("nyhedsbreve/ny/", views.issue_create, name="issue-create"),
    path("nyhedsbreve/<int:pk>/", views.issue_edit, name="issue-edit"),
    path("modtagere/", views.recipients, name="recipients"),
    path("modtagere.csv", views.recipients_csv, name="recipients-csv"),
    path("samtykke/", views.consent, name="consent"),
]
