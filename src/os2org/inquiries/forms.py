"""Forms of the inbox. They validate input; the services save it."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from os2org.audit.forms import RevisionField, revision_initial
from os2org.common.visibility import Visibility
from os2org.inquiries.models import MAX_TEXT, Inquiry, Topic
from os2org.organisation.models import Body, Organisation, Person
from os2org.roles.models import RoleDescription

PRODUCT_KINDS = (Body.Kind.PRODUCT_COMMUNITY, Body.Kind.PROJECT_COMMUNITY, Body.Kind.PROGRAMME)
TEXT = {"widget": forms.Textarea(attrs={"rows": 6}), "max_length": MAX_TEXT}


class SenderFields(forms.Form):
    sender_name = forms.CharField(label=_("Your name"), max_length=200)
    sender_email = forms.EmailField(label=_("Your e-mail"), max_length=254)
    organisation_name = forms.CharField(label=_("Your organisation"), max_length=200, required=False)
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Body.objects.none(), required=False, empty_label=_("(none in particular)")
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.none(), empty_label=None)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Your inquiry"), **TEXT)


class PublicInquiryForm(SenderFields):
    """The public form. It offers only what anyone may read: public products and public topics.

    `website` is a trap for robots that fill in every field: people do not
    see it (it stands off-screen, hidden from screen readers and the
    keyboard), so a form that comes back with it filled in is spam.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="inquiry-%s", **kwargs)
        public = Body.objects.filter(kind__in=PRODUCT_KINDS, visibility=Visibility.PUBLIC)
        self.fields["product"].queryset = public.only("name").order_by("name")
        self.fields["topic"].queryset = Topic.objects.filter(public=True).only("name")

    @property
    def spam(self):
        return bool(self.data.get("website"))


class StaffInquiryForm(SenderFields):
    """An inquiry that came by telephone or letter, entered by the secretariat."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.only("name"), required=False, empty_label=_("(unknown)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender_name"].label = _("Sender's name")
        self.fields["sender_email"].label = _("Sender's e-mail")
        self.fields["sender_email"].required = False
        self.fields["organisation_name"].label = _("Organisation as written")
        self.fields["text"].label = _("Text")
        self.fields["product"].queryset = Body.objects.filter(kind__in=PRODUCT_KINDS).only("name").order_by("name")
        self.fields["topic"].queryset = Topic.objects.only("name")
        self.order_fields(["sender_name", "sender_email", "organisation", "organisation_name", "product", "topic"])


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Inquiry.Status.choices)
    revision = RevisionField(label="")

    def __init__(self, *args, inquiry, **kwargs):
        initial = {"status": inquiry.status, **revision_initial(inquiry)}
        super().__init__(*args, auto_id="status-%s", initial=initial, **kwargs)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), help_text=_("Only the secretariat sees notes."), **TEXT)
    revision = RevisionField(label="")

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, auto_id="note-%s", initial=revision_initial(inquiry), **kwargs)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), help_text=_("What was answered, as a record: no mail is sent."), **TEXT)
    sent_to = forms.EmailField(label=_("Sent to"), required=False, help_text=_("Empty: the sender's address."))
    revision = RevisionField(label="")

    def __init__(self, *args, inquiry, **kwargs):
        super().__init__(*args, auto_id="reply-%s", initial=revision_initial(inquiry), **kwargs)


class RerouteForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.only("name"), empty_label=None)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.only("name"),
        required=False,
        empty_label=_("(whoever holds the topic's role)"),
    )
    revision = RevisionField(label="")

    def __init__(self, *args, inquiry, **kwargs):
        initial = {"topic": inquiry.topic_id, **revision_initial(inquiry)}
        super().__init__(*args, auto_id="route-%s", initial=initial, **kwargs)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("E-mail file"), help_text=_("A message saved from a mail program as .eml."), allow_empty_file=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.INQUIRY_MAX_EMAIL_BYTES:
            raise forms.ValidationError(
                _("“%(name)s” is larger than %(limit)d bytes: too large for an e-mail.")
                % {"name": upload.name, "limit": settings.INQUIRY_MAX_EMAIL_BYTES}
            )
        return upload


NONE = "ingen"
MINE = "mig"


class InboxFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Open")), ("alle", _("All")), *Inquiry.Status.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, person_id=None, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        people = Person.objects.filter(inquiries__isnull=False).distinct().order_by("name").values_list("slug", "name")
        mine = [(MINE, _("Me"))] if person_id else []
        self.fields["assignee"].choices = [("", _("Anyone")), *mine, (NONE, _("Nobody")), *people]

    @property
    def filtering(self):
        return any(value not in (None, "", False) for value in self.cleaned_data.values())


class TopicForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ModelChoiceField(
        label=_("Routed to role"), queryset=RoleDescription.objects.in_handbook().only("name").order_by("name")
    )
    response_days = forms.IntegerField(
        label=_("Response time in working days"),
        min_value=1,
        max_value=250,
        initial=5,
        help_text=_("Monday to Friday; weekends are not counted."),
    )
    public = forms.BooleanField(label=_("Offered on the public form"), required=False, initial=True)
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0, required=False)
    revision = RevisionField(label="")

    def __init__(self, *args, topic=None, **kwargs):
        initial = {}
        if topic is not None:
            initial = {name: getattr(topic, name) for name in ("name", "response_days", "public", "position")}
            initial.update(role=topic.role_id, **revision_initial(topic))
        super().__init__(*args, initial=initial, **kwargs)

    def clean_position(self):
        return self.cleaned_data["position"] or 0
