from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("roller/", include("os2org.roles.urls")),
    path("", include("os2org.handbook.urls")),
]
