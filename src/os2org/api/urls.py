from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from os2org.api import views
from os2org.api.inquiries import InquiryViewSet
from os2org.api.portfolio import PortfolioViewSet, StatusReportViewSet
from os2org.api.standards import DeviationViewSet, ProductReviewViewSet

app_name = "api"

# The address of each list, which is also its name in the rules (api/rules.py).
ENDPOINTS = {
    "pages": views.PageViewSet,
    "roles": views.RoleViewSet,
    "bodies": views.BodyViewSet,
    "organisations": views.OrganisationViewSet,
    "people": views.PersonViewSet,
    "assignments": views.AssignmentViewSet,
    "activities": views.ActivityViewSet,
    "meetings": views.MeetingViewSet,
    "agenda-items": views.AgendaItemViewSet,
    "follow-ups": views.FollowUpViewSet,
    "minutes": views.MinutesViewSet,
    "decisions": views.DecisionViewSet,
    "search": views.SearchViewSet,
    "agreements": views.AgreementViewSet,
    "contributions": views.ContributionViewSet,
    "budgets": views.BudgetViewSet,
    "accounts": views.AccountViewSet,
    "actuals": views.ActualViewSet,
    "invoice-approvers": views.InvoiceApproverViewSet,
    "contacts": views.ContactViewSet,
    "inquiries": InquiryViewSet,
    "portfolio": PortfolioViewSet,
    "status-reports": StatusReportViewSet,
    "product-reviews": ProductReviewViewSet,
    "deviations": DeviationViewSet,
}

router = SimpleRouter()
for name, viewset in ENDPOINTS.items():
    router.register(name, viewset, basename=name)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("token/", views.TokenView.as_view(), name="token"),
    *router.urls,
    re_path(r"", views.NowhereView.as_view(), name="nowhere"),
]
