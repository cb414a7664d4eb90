"""The portfolio in the API: read only, under the pages' rules (portfolio.selectors).

A community's profile and roadmap are as visible as the community; its
status reports, which hold hours and money, are for the board, the
secretariat and the community's coordinator. Both are changed on the pages.
"""

from django.db.models import Prefetch
from rest_framework import serializers

from os2org.api.views import ReadViewSet
from os2org.portfolio.models import Milestone, MilestoneProgress, Profile, StatusReport
from os2org.portfolio.selectors import profiles, reports


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due", "status", "done_on"]


class ProfileSerializer(serializers.ModelSerializer):
    """A community's stage, goals, licence, repositories and roadmap."""

    community = serializers.SlugRelatedField(source="body", slug_field="slug", read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Profile
        fields = ["id", "community", "stage", "goals", "goals_html", "licence", "repositories", "milestones"]


class ProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = MilestoneProgress
        fields = ["milestone", "status", "comment"]


class StatusReportSerializer(serializers.ModelSerializer):
    """A status report: its period, progress per milestone, risks, hours and the budget figures it was filed with."""

    community = serializers.SlugRelatedField(source="profile.body", slug_field="slug", read_only=True)
    progress = ProgressSerializer(many=True, read_only=True)

    class Meta:
        model = StatusReport
        fields = [
            "id", "community", "period_starts", "period_ends", "author", "filed", "summary", "summary_html", "risks",
            "risks_html", "hours_used", "hours_bought", "budget_year", "budget_to_date", "actual_to_date", "progress",
        ]  # fmt: skip


class PortfolioViewSet(ReadViewSet):
    """The communities' profiles the caller may read, by name, each with its roadmap."""

    serializer_class = ProfileSerializer

    def get_queryset(self):
        roadmap = Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk"))
        return profiles(viewer=self.viewer).prefetch_related(roadmap)


class StatusReportViewSet(ReadViewSet):
    """The status reports the caller may read, newest period first."""

    serializer_class = StatusReportSerializer

    def get_queryset(self):
        return reports(viewer=self.viewer).prefetch_related("progress")
