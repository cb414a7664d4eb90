from django.urls import path

from os2org.onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("", views.checklists, name="checklists"),
    path("start/", views.checklist_start, name="checklist-start"),
    path("<int:pk>/", views.checklist, name="checklist"),
    path("opgaver/<int:pk>/", views.task_done, name="task-done"),
    path("skabeloner/", views.templates, name="templates"),
    path("skabeloner/ny/", views.template_create, name="template-create"),
    path("skabeloner/<int:pk>/", views.template_edit, name="template-edit"),
]
