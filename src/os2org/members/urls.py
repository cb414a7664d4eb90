from django.urls import path, re_path

from os2org.members import views

app_name = "members"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("aftaler/", views.agreements, name="agreements"),
    path("aftaler/ny/", views.agreement_create, name="agreement-create"),
    path("aftaler/<int:pk>/", views.agreement, name="agreement"),
    path("aftaler/<int:pk>/rediger/", views.agreement_edit, name="agreement-edit"),
    path("aftaler/<int:pk>/opsigelse/", views.agreement_notice, name="agreement-notice"),
    path("bidrag/", views.contributions, name="contributions"),
    path("bidrag/udestaaende/", views.outstanding, name="outstanding"),
    path("bidrag/beregn/", views.contributions_raise, name="contributions-raise"),
    path("bidrag/<int:pk>/", views.contribution, name="contribution"),
    re_path(r"^bidrag\.(?P<extension>csv|xlsx)$", views.export, name="export"),
    path("betalinger/", views.payments, name="payments"),
    path("organisationer/<str:slug>/", views.organisation, name="organisation"),
]
