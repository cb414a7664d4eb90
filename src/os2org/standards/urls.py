from django.urls import path

from os2org.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.products, name="products"),
    path("produkter/<str:slug>/", views.product, name="product"),
    path("produkter/<str:slug>/ny/", views.review_create, name="review-create"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/svar/", views.review_answer, name="review-answer"),
    path("<int:pk>/afslut/", views.review_complete, name="review-complete"),
    path("afvigelser/", views.deviations, name="deviations"),
    path("afvigelser/<int:pk>/", views.deviation, name="deviation"),
    path("afvigelser/<int:pk>/luk/", views.deviation_close, name="deviation-close"),
    path("tjeklister/", views.checklists, name="checklists"),
    path("tjeklister/ny/", views.checklist_create, name="checklist-create"),
    path("tjeklister/<int:pk>/", views.checklist, name="checklist"),
    path("tjeklister/<int:pk>/rediger/", views.checklist_edit, name="checklist-edit"),
]
