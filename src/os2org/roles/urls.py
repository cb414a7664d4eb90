from django.urls import path

from os2org.roles import views

app_name = "roles"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<str:slug>/", views.detail, name="detail"),
]
