"""Newsletter recipient lists: who gets a newsletter, from the contact register and the roles people hold.

An audience is read from the data that says who belongs to it (AUDIENCES
below); no audience means everyone in the contact register and every
coordinator. A person is left out who has no e-mail address, who never
consented, or who unsubscribed (communication.Consent); the list says how
many of each.

The CSV is the layout newsletter tools import: UTF-8 without a byte order
mark, semicolons, a header `email;fornavn;efternavn;organisation;produktrelation`,
one row per e-mail address (compared without regard to case, written in
lower case), rows by address. A person's product relations are written
"Product (relation)", sorted, joined by "|". Every
cell is made safe against CSV injection (common.spreadsheets.safe_cell).
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from os2org.common.spreadsheets import safe_cell
from os2org.communication.models import Audience, Consent
from os2org.members.models import ContactRelation
from os2org.organisation.models import Assignment, Person

HEADER = ("email", "fornavn", "efternavn", "organisation", "produktrelation")
# The relation as the file names it: a fixed part of the file's layout, like its header.
RELATION_WORDS = {
    ContactRelation.Kind.USER: "anvender",
    ContactRelation.Kind.CONTACT: "kontaktperson",
    ContactRelation.Kind.STEERING_GROUP: "styregruppe",
    ContactRelation.Kind.COORDINATION_GROUP: "koordinationsgruppe",
    ContactRelation.Kind.WORKING_GROUP: "faggruppe",
}
# Who belongs to an audience: contact relations of these kinds, and people holding these assignments today.
AUDIENCES = {
    # A member authority's contact person is, in practice, its IT manager.
    Audience.IT_MANAGERS: {"relations": Q(kind=ContactRelation.Kind.CONTACT), "assignments": None},
    Audience.COORDINATORS: {
        "relations": Q(kind=ContactRelation.Kind.COORDINATION_GROUP),
        "assignments": Q(function=Assignment.Function.COORDINATOR),
    },
    # Executives sit in the steering groups and on the board.
    Audience.EXECUTIVES: {
        "relations": Q(kind=ContactRelation.Kind.STEERING_GROUP),
        "assignments": Q(body__kind="board"),
    },
    Audience.SUPPLIERS: {"relations": Q(person__employer__is_supplier=True), "assignments": None},
    Audience.MEMBERS: {
        "relations": Q(person__employer__is_member=True) | Q(kind=ContactRelation.Kind.USER),
        "assignments": None,
    },
}
EVERYONE = {"relations": Q(), "assignments": Q(function=Assignment.Function.COORDINATOR)}


@dataclass
class Recipient:
    email: str
    first_name: str
    last_name: str
    organisation: str
    relations: list = field(default_factory=list)

    def row(self):
        return (self.email, self.first_name, self.last_name, self.organisation, "|".join(self.relations))


@dataclass
class RecipientList:
    recipients: list
    without_consent: int
    unsubscribed: int
    without_email: int

    @property
    def left_out(self):
        return self.without_consent + self.unsubscribed


def split_name(name: str) -> tuple[str, str]:
    """(first names, last name): the last word is the surname, as Danish names are written."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def _any(conditions):
    """Any of `conditions`; none at all matches nothing. (Q() | Q(x) would be Q(x): an empty Q is no "all".)"""
    found = None
    for condition in conditions:
        found = condition if found is None else found | condition
    return Q(pk__in=[]) if found is None else found


def _wanted(audiences, products):
    """The contact relations and the assignments of the audiences (everyone when none), as two querysets."""
    rules = [AUDIENCES[Audience(code)] for code in audiences] or [EVERYONE]
    relations = ContactRelation.objects.filter(_any(rule["relations"] for rule in rules))
    held = Assignment.objects.current().filter(_any(rule["assignments"] for rule in rules if rule["assignments"]))
    if products:
        relations = relations.filter(product__in=products)
        held = held.filter(Q(body__in=products) | Q(body__parent__in=products))
    return relations, held


def recipient_list(*, audiences=(), products=()) -> RecipientList:
    """The recipients of `audiences` (codes of Audience) among the contacts of `products` (all when none).

    Two queries, however many people there are.
    """
    relations, held = _wanted(audiences, products)
    people = (
        Person.objects.filter(Q(pk__in=relations.values("person_id")) | Q(pk__in=held.values("person_id")))
        .select_related("employer", "newsletter_consent")
        .only(
            "name", "email", "employer__name", "newsletter_consent__consented_on", "newsletter_consent__unsubscribed_on"
        )
    )
    relation_words = defaultdict(list)
    for person_id, product, kind in relations.order_by("product__name", "kind").values_list(
        "person_id", "product__name", "kind"
    ):
        relation_words[person_id].append(f"{product} ({RELATION_WORDS[kind]})")
    return _gather(people, relation_words)


def _consent_of(person):
    try:
        return person.newsletter_consent
    except Consent.DoesNotExist:
        return None


def _gather(people, relation_words):
    by_address, refused = {}, {}
    without_email = 0
    for person in people.order_by("name", "pk"):
        address = person.email.strip().lower()
        if not address:
            without_email += 1
            continue
        consent = _consent_of(person)
        if consent is None or consent.consented_on is None:
            refused.setdefault(address, "without_consent")
        elif consent.unsubscribed_on is not None:
            # One unsubscribe stops the address, whichever record of it said so.
            refused[address] = "unsubscribed"
        found = by_address.get(address)
        if found is None:
            first, last = split_name(person.name)
            found = by_address[address] = Recipient(
                address, first, last, person.employer.name if person.employer else ""
            )
        found.relations += [word for word in relation_words[person.pk] if word not in found.relations]
    kept = [by_address[address] for address in sorted(by_address) if address not in refused]
    for recipient in kept:
        recipient.relations.sort()
    reasons = list(refused.values())
    return RecipientList(kept, reasons.count("without_consent"), reasons.count("unsubscribed"), without_email)


def recipients_csv(found: RecipientList) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([safe_cell(cell) for cell in recipient.row()] for recipient in found.recipients)
    return out.getvalue().encode("utf-8")
