"""The inquiries inbox in the API: read only, and only for the secretariat (api.rules), as on the pages.

Inquiries hold personal data; the list is the inbox's, newest first, with
each inquiry's topic, routing, status and due date, and its notes and
replies on the item itself.
"""

from rest_framework import serializers

from os2org.api.views import ReadViewSet
from os2org.inquiries.models import Inquiry, Note, Reply


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "written", "text", "html"]


class ReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = Reply
        fields = ["id", "written", "sent_to", "text", "html"]


class InquirySerializer(serializers.ModelSerializer):
    """An inquiry: who sent it, what about, where routing sent it, and how far it has got."""

    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    notes = NoteSerializer(many=True, read_only=True)
    replies = ReplySerializer(many=True, read_only=True)

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "received",
            "channel",
            "sender_name",
            "sender_email",
            "organisation",
            "organisation_name",
            "product",
            "topic",
            "subject",
            "text",
            "text_html",
            "role",
            "assignee",
            "by_fallback",
            "due",
            "status",
            "closed_on",
            "notes",
            "replies",
        ]


class InquiryViewSet(ReadViewSet):
    """The shared inbox: every inquiry, newest first, for the secretariat alone."""

    serializer_class = InquirySerializer

    def get_queryset(self):
        if not self.viewer.secretariat:
            return Inquiry.objects.none()
        return Inquiry.objects.select_related("topic").prefetch_related("notes", "replies").order_by("-received", "-id")
