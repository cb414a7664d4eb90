from django.urls import path

from os2org.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("bestyrelsespakke/", views.board_pack, name="board-pack"),
    path("bestyrelsespakke.pdf", views.board_pack_pdf, name="board-pack-pdf"),
    path("portskabeloner/", views.gate_templates, name="gate-templates"),
    path("portskabeloner/<str:stage>/", views.gate_template, name="gate-template"),
    path("programmer/<str:slug>/", views.programme, name="programme"),
    path("rapporter/<int:pk>/", views.report, name="report"),
    path("rapporter/<int:pk>/rediger/", views.report_edit, name="report-edit"),
    path("milepaele/<int:pk>/", views.milestone_edit, name="milestone-edit"),
    path("port/<int:pk>/", views.gate, name="gate"),
    path("port/<int:pk>/beslutning/", views.gate_pass, name="gate-pass"),
    path("<str:slug>/", views.community, name="community"),
    path("<str:slug>/rediger/", views.community_edit, name="community-edit"),
    path("<str:slug>/milepaele/ny/", views.milestone_create, name="milestone-create"),
    path("<str:slug>/rapport/", views.report_create, name="report-create"),
    path("<str:slug>/port/", views.gate_create, name="gate-create"),
]
