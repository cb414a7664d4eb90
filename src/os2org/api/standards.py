"""Reviews against the standards in the API: read only, as visible as the product each is about (api.rules).

A review carries its answers (each point, its result and comment); a
deviation is the follow-up a point not met became, with its owner and due
date. Changes are made on the pages, where the secretariat runs a review.
"""

from django.db.models import Prefetch
from rest_framework import serializers

from os2org.api.views import ReadViewSet
from os2org.standards.models import Answer, Deviation, ProductReview
from os2org.standards.selectors import readable_deviations, readable_reviews


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Answer
        fields = ["position", "title", "result", "comment", "comment_html"]


class ProductReviewSerializer(serializers.ModelSerializer):
    """A review of a product against a checklist, on a day, by a reviewer, with every point's answer."""

    product = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    checklist = serializers.StringRelatedField()
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = ProductReview
        fields = ["id", "product", "checklist", "held_on", "reviewer", "status", "completed_on", "answers"]


class DeviationSerializer(serializers.ModelSerializer):
    """A point a review found not met: a follow-up with an owner (a person or a role) and a due date."""

    product = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    review = serializers.IntegerField(source="answer.review_id", read_only=True)

    class Meta:
        model = Deviation
        fields = [
            "id",
            "product",
            "review",
            "title",
            "owner_person",
            "owner_role",
            "due",
            "status",
            "closed_on",
            "note",
        ]


class ProductReviewViewSet(ReadViewSet):
    """Every review the caller may read, newest first."""

    serializer_class = ProductReviewSerializer

    def get_queryset(self):
        answers = Prefetch("answers", queryset=Answer.objects.order_by("position"))
        found = readable_reviews(self.viewer).select_related("product", "checklist").prefetch_related(answers)
        return found.order_by("-held_on", "-pk")


class DeviationViewSet(ReadViewSet):
    """Every deviation the caller may read, soonest due first."""

    serializer_class = DeviationSerializer

    def get_queryset(self):
        return readable_deviations(self.viewer).order_by("due", "pk")
