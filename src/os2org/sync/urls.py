from django.urls import path

from os2org.sync import views

app_name = "sync"
urlpatterns = [
    path("", views.status, name="status"),
    path("konflikter/<int:pk>/", views.conflict, name="conflict"),
    path("webhook/", views.webhook, name="webhook"),
]
