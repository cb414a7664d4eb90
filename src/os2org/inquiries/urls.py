from django.urls import path

from os2org.inquiries import views

app_name = "inquiries"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("ny/", views.public_form, name="public-form"),
    path("tak/", views.thanks, name="thanks"),
    path("registrer/", views.create, name="create"),
    path("e-mail/", views.upload, name="upload"),
    path("statistik/", views.statistics, name="statistics"),
    path("emner/", views.topics, name="topics"),
    path("emner/nyt/", views.topic_create, name="topic-create"),
    path("emner/<str:slug>/", views.topic_edit, name="topic-edit"),
    path("<int:pk>/", views.inquiry, name="inquiry"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/note/", views.note, name="note"),
    path("<int:pk>/svar/", views.reply, name="reply"),
    path("<int:pk>/send-videre/", views.route, name="route"),
]
