from django.urls import path

from os2org.search import views

app_name = "search"
urlpatterns = [
    path("", views.results, name="results"),
]
