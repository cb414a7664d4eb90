"""The demo's inbox: four topics routed to the secretariat's roles, and a handful of inquiries in every state.

The topic about programmes goes to the programme manager, whom the demo
organisation leaves vacant (src/os2org/demo/organisation.yaml): its
inquiries fall back to the secretariat chief, and the coverage page says so.
Dates are counted back from today, so the demo never ages: one inquiry is
always overdue, one always closed.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from os2org.inquiries.models import Inquiry, Topic
from os2org.inquiries.services import add_note, add_reply, receive_inquiry, save_topic, set_status
from os2org.organisation.models import Body, Organisation
from os2org.roles.models import RoleDescription

# (name, the role's address, response time in working days, on the public form)
TOPICS = [
    ("Generelt", "sekretariatschef", 5, True),
    ("Presse og nyhedsbrev", "kommunikationsmedarbejder", 3, True),
    ("Medlemskab og aftaler", "forretningskoordinator", 5, True),
    ("Programmer og roadmaps", "programleder", 10, True),
]

# (days ago, channel, topic, sender, e-mail, organisation, product, subject, text)
INQUIRIES = [
    (
        1,
        "form",
        "Presse og nyhedsbrev",
        "Jonas Vang",
        "jonas.vang@egebjerg.example",
        "Egebjerg Kommune",
        None,
        "Indslag til nyhedsbrevet",
        "Vi har netop taget den nye bookingmodul i brug og vil gerne fortælle de andre kommuner om det. "
        "Hvornår er der deadline til næste nummer?",
    ),
    (
        2,
        "email",
        "Generelt",
        "Lise Dam",
        "lise.dam@fjordby.example",
        "Fjordby Kommune",
        None,
        "Hvem kontakter vi om fakturaen?",
        "Vi har fået to fakturaer for samme periode. Kan I hjælpe os med at finde ud af, hvilken der gælder?",
    ),
    (
        4,
        "staff",
        "Medlemskab og aftaler",
        "Ole Krag",
        "",
        "Region Vestkyst",
        "Fælleskode Tilsyn",
        "Tilslutning til Tilsyn",
        "Ringede og spurgte, hvad det koster at tilslutte sig Fælleskode Tilsyn fra næste år, "
        "og hvor lang opsigelsen er.",
    ),
    (
        6,
        "form",
        "Programmer og roadmaps",
        "Hanne Lyng",
        "hanne.lyng@skovlund.example",
        "Skovlund Kommune",
        None,
        "Roadmap for næste år",
        "Er der et samlet roadmap for programmet, som vi kan bruge i vores egen planlægning?",
    ),
    (
        20,
        "form",
        "Presse og nyhedsbrev",
        "Per Hald",
        "per.hald@leverandoer.example",
        "",
        None,
        "Webinar om tilgængelighed",
        "Vi vil gerne holde et gratis webinar for medlemmerne om tilgængelighed. Er det noget for jer?",
    ),
    (
        40,
        "email",
        "Generelt",
        "Karin Bro",
        "karin.bro@egebjerg.example",
        "Egebjerg Kommune",
        None,
        "Adgang til håndbogen",
        "Vores nye koordinator kan ikke se de interne sider. Hvordan får hun adgang?",
    ),
]


def _received(days_ago):
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


@transaction.atomic
def build() -> bool:
    """Make the topics and inquiries once, if the demo's roles are there. Returns whether anything was added."""
    if Topic.objects.exists():
        return False
    roles = {role.slug: role for role in RoleDescription.objects.filter(slug__in=[slug for _n, slug, _d, _p in TOPICS])}
    if len(roles) < len(TOPICS):
        return False
    topics = {
        name: save_topic(name=name, role=roles[slug], response_days=days, public=public, position=position)
        for position, (name, slug, days, public) in enumerate(TOPICS)
    }
    made = [_inquiry(topics, *row) for row in INQUIRIES]
    add_note(made[1], text="Tjekket i økonomisystemet: den ene faktura er en kreditnota, der ikke er sendt endnu.")
    set_status(made[1], status=Inquiry.Status.WAITING)
    add_reply(made[4], text="Tak for tilbuddet. Vi vender tilbage, når vi har talt med fagudvalget.")
    add_reply(made[5], text="Hun er nu oprettet som koordinator og kan se de interne sider.")
    set_status(made[5], status=Inquiry.Status.CLOSED, on=timezone.localdate() - timedelta(days=35))
    return True


def _inquiry(topics, days_ago, channel, topic, sender, email, organisation, product, subject, text):
    known = Organisation.objects.filter(name=organisation).first() if organisation else None
    return receive_inquiry(
        topic=topics[topic],
        channel=channel,
        sender_name=sender,
        sender_email=email,
        organisation=known,
        organisation_name="" if known else organisation,
        product=Body.objects.filter(name=product).first() if product else None,
        subject=subject,
        text=text,
        received=_received(days_ago),
    )
