from django.urls import path

from os2org.overview import views

app_name = "overview"
urlpatterns = [
    path("", views.mine, name="mine"),
]
