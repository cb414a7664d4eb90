from django.urls import path

from os2org.handbook import views

app_name = "handbook"
urlpatterns = [
    path("", views.home, name="home"),
    path("side/<path:slug>/", views.page, name="page"),
    path("soeg/", views.search, name="search"),
]
