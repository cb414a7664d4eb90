"""Newsletter recipient lists: who gets a newsletter, from the contact register and the roles people hold.

An audience is read from the data that says who belongs to it (AUDIENCES
below); no audience means everyone in the contact register and every
coordinator. A person is left out who has no e-mail address, who never
consented, or who unsubscribed (communication.Consent); the list says how
many of each.

The CSV is the layout newsletter tools import: UTF-8 without a byte order
mark, semicolons, a header `email;fornavn;efternavn;organisation;produktrelation`,
one row per e-mail address (compared without regard to case, written in
lower case, both as the database lowers letters: SQLite lowers only the
ASCII ones), rows by address. The page lists the same rows a page at a
time, from the same queries. A person's product relations are written
"Product (relation)", sorted, joined by "|". Every
cell is made safe against CSV injection (common.spreadsheets.safe_cell).
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Lower, Trim

from os2org.common.spreadsheets import safe_cell
from os2org.communication.models import Audience
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


class Recipients:
    """The recipients of `audiences` (codes of Audience) among the contacts of `products` (all when none).

    Worked out in the database, a page at a time: `addresses` is the kept
    addresses in order, a queryset to paginate; `at(addresses)` makes the
    recipients of some of them; `counts()` says how many were left out, and
    why. An address is left out if any record of it unsubscribed, or else if
    any record of it never consented.
    """

    def __init__(self, *, audiences=(), products=()):
        self.relations, held = _wanted(audiences, products)
        self.people = Person.objects.filter(
            Q(pk__in=self.relations.values("person_id")) | Q(pk__in=held.values("person_id"))
        ).annotate(address=Lower(Trim("email")))
        self.by_address = (
            self.people.exclude(address="")
            .values("address")
            .annotate(
                unsubscribed=Count(
                    "pk",
                    filter=Q(newsletter_consent__consented_on__isnull=False, newsletter_consent__unsubscribed_on__isnull=False),
                ),
                missing=Count("pk", filter=Q(newsletter_consent__isnull=True) | Q(newsletter_consent__consented_on=None)),
            )
            .order_by("address")
        )
        self.addresses = self.by_address.filter(unsubscribed=0, missing=0).values_list("address", flat=True)

    def counts(self):
        """{"without_consent", "unsubscribed", "without_email"}: a query each (`addresses` counts those kept)."""
        return {
            "unsubscribed": self.by_address.filter(unsubscribed__gt=0).count(),
            "without_consent": self.by_address.filter(unsubscribed=0, missing__gt=0).count(),
            "without_email": self.people.filter(address="").count(),
        }

    def at(self, addresses):
        """The recipients of `addresses` (some of the kept ones: a list, or a slice of `addresses`), by address.

        Two queries: the people of the addresses, and their relations.
        """
        people = (
            self.people.filter(address__in=addresses)
            .select_related("employer")
            .only("name", "email", "employer__name")
            .order_by("name", "pk")
        )
        relation_words = defaultdict(list)
        for person_id, product, kind in (
            self.relations.filter(person__in=people)
            .order_by("product__name", "kind")
            .values_list("person_id", "product__name", "kind")
        ):
            relation_words[person_id].append(f"{product} ({RELATION_WORDS[kind]})")
        by_address = {}
        for person in people:
            found = by_address.get(person.address)
            if found is None:
                first, last = split_name(person.name)
                organisation = person.employer.name if person.employer else ""
                found = by_address[person.address] = Recipient(person.address, first, last, organisation)
            found.relations += [word for word in relation_words[person.pk] if word not in found.relations]
        for recipient in by_address.values():
            recipient.relations.sort()
        return [by_address[address] for address in sorted(by_address)]


def recipient_list(*, audiences=(), products=()) -> RecipientList:
    """Every recipient of `audiences` among the contacts of `products`, with the counts of who was left out.

    Five queries, however many people there are.
    """
    found = Recipients(audiences=audiences, products=products)
    counts = found.counts()
    return RecipientList(
        found.at(found.addresses), counts["without_consent"], counts["unsubscribed"], counts["without_email"]
    )


def recipients_csv(found: RecipientList) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([safe_cell(cell) for cell in recipient.row()] for recipient in found.recipients)
    return out.getvalue().encode("utf-8")
