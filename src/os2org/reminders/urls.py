from django.urls import path

from os2org.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.preferences, name="preferences"),
]
