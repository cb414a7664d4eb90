from django.urls import path

from os2org.budgets import views

app_name = "budgets"
urlpatterns = [
    path("", views.budgets, name="budgets"),
    path("nyt/", views.budget_create, name="budget-create"),
    path("<int:pk>/", views.budget, name="budget"),
    path("<int:pk>/godkendelse/", views.budget_approve, name="budget-approve"),
    path("<int:pk>/linjer/ny/", views.line_create, name="line-create"),
    path("linjer/<int:pk>/", views.line_edit, name="line-edit"),
    path("linjer/<int:pk>/kommentar/", views.line_comment, name="line-comment"),
    path("konti/", views.accounts, name="accounts"),
    path("regnskab/", views.actuals, name="actuals"),
    path("fakturagodkendere/", views.approvers, name="approvers"),
    path("fakturagodkendere/ny/", views.approver_create, name="approver-create"),
    path("fakturagodkendere/<int:pk>/", views.approver_edit, name="approver-edit"),
]
