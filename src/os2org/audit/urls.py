from django.urls import path

from os2org.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
]
