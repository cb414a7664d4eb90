"""The member register as a file: organisations, agreements and contacts, in YAML, CSV or XLSX.

`os2org members load FILE` reads it, all or nothing; `os2org members dump`
writes it back in the same layout, so a dump loads again unchanged.

- YAML: the sections `organisations`, `agreements` and `contacts`, each a
  list of entries (see SECTIONS for their keys).
- XLSX: one sheet per section, named as the section, its first row the keys.
- CSV: one section per file, told by its header (an agreements file has the
  columns organisation and product, a contacts file person and relation).

Organisations and people are found by name (as names are compared), or
made; products by name. An error names its place (`file:line`, or
`file:Sheet!C4`) and changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from os2org.budgets.models import Account
from os2org.common.identifiers import digits_only, validate_cvr, validate_ean
from os2org.common.names import name_key
from os2org.common.spreadsheets import csv_text
from os2org.common.tables import Row, TableError, read_tables, write_xlsx
from os2org.members import cells
from os2org.members.models import JOINABLE_KINDS, Agreement, ContactRelation
from os2org.members.services import relate_contact, save_agreement
from os2org.organisation.loading import LoadError, read_yaml
from os2org.organisation.models import Body, Organisation, Person
from os2org.organisation.services import save_organisation, save_person

SECTIONS = {
    "organisations": ("name", "kind", "cvr", "ean", "address", "member", "member_since", "member_until"),
    "agreements": (
        "organisation",
        "product",
        "status",
        "signed",
        "from",
        "until",
        "notice_months",
        "joining_fee",
        "annual_fee",
        "account",
        "notes",
    ),
    "contacts": ("person", "email", "organisation", "product", "relation"),
}
REQUIRED = {
    "organisations": ("name",),
    "agreements": ("organisation", "product", "from"),
    "contacts": ("person", "product", "relation"),
}


@dataclass
class Loaded:
    organisations: int = 0
    agreements: int = 0
    contacts: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    counts: dict = field(default_factory=dict)


def load(path, *, actor=None, name=None) -> Loaded:
    """Load a member register file, all or nothing.

    Side effects: organisations, people, agreements and contact relations
    created or changed through their services, each with its audit entry,
    and the products' member authorities. Raises TableError (whose str() is
    `place: message`) and changes nothing when anything is wrong.
    """
    name = name or str(path)
    sections = _read(Path(path), name)
    loader = _Loader(actor)
    with transaction.atomic():
        for row in sections.get("organisations", []):
            loader.organisation(row)
        for row in sections.get("agreements", []):
            loader.agreement(row)
        for row in sections.get("contacts", []):
            loader.contact(row)
    return loader.loaded


def _read(path, name):
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            records = read_yaml(path, keys=SECTIONS, list_keys=set())
        except LoadError as error:
            raise TableError(f"{name}:{error.line}" if error.line else name, error.message) from None
        return {section: [_row(name, record) for record in found] for section, found in records.items()}
    return read_tables(path, {section: (SECTIONS[section], REQUIRED[section]) for section in SECTIONS}, name=name)


def _row(name, record):
    """A YAML entry as a table row, each value at its own line."""
    row = Row(f"{name}:{record.line}")
    for key, value in record.values.items():
        if value not in (None, ""):
            row.values[key] = str(value).strip()
            row.places[key] = f"{name}:{record.lines[key]}"
    return row


class _Loader:
    def __init__(self, actor):
        self.actor, self.loaded = actor, Loaded()
        self.organisations = {o.name_key: o for o in Organisation.objects.all()}
        self.people = {p.name_key: p for p in Person.objects.all()}
        self.products = {b.name_key: b for b in Body.objects.filter(kind__in=JOINABLE_KINDS)}

    def required(self, row, key):
        value = row.get(key)
        if not value:
            raise TableError(row.place, _("“%(key)s” is missing.") % {"key": key})
        return value

    def saved(self, row, save, *args, **fields):
        """Call a service; its ValidationError becomes a TableError at the place of the field it names."""
        try:
            return save(*args, actor=self.actor, **fields)
        except ValidationError as error:
            items = error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
            parts, place = [], None
            for field_name, messages in items:
                key = KEY_OF_FIELD.get(field_name, field_name)
                parts += [f"{key}: {message}" if key and key != "__all__" else message for message in messages]
                place = place or row.places.get(key)
            raise TableError(place or row.place, "; ".join(parts)) from None

    def organisation(self, row):
        name = self.required(row, "name")
        fields = {"name": name}
        for key in ("kind", "address"):
            if key in row.values:
                fields[key] = row.get(key)
        for key, check in (("cvr", validate_cvr), ("ean", validate_ean)):
            if key in row.values:
                fields[key] = digits_only(row.get(key))
                cells.check(row, key, check, fields[key])
        if "member" in row.values:
            fields["is_member"] = cells.boolean(row, "member")
        for key in ("member_since", "member_until"):
            if key in row.values:
                fields[key] = cells.day(row, key)
        found = self.organisations.get(name_key(name))
        self._count(found, fields)
        organisation = self.saved(row, save_organisation, found, **fields)
        self.organisations[organisation.name_key] = organisation
        self.loaded.organisations += 1

    def agreement(self, row):
        organisation = self._named(
            row, "organisation", self.organisations, _("there is no organisation named “%(name)s”.")
        )
        product = self._named(row, "product", self.products, _("there is no product or programme named “%(name)s”."))
        fields = {
            "organisation": organisation,
            "product": product,
            "status": cells.choice(row, "status", Agreement.Status, default=Agreement.Status.ACTIVE),
            "signed": cells.day(row, "signed"),
            "starts": cells.day(row, "from"),
            "ends": cells.day(row, "until"),
            "notice_months": cells.whole(row, "notice_months", default=6),
            "joining_fee": cells.money(row, "joining_fee"),
            "annual_fee": cells.money(row, "annual_fee"),
            "account": self._account(row),
            "notes": row.get("notes"),
        }
        found = (
            Agreement.objects.filter(organisation=organisation, product=product, starts=fields["starts"])
            .order_by("pk")
            .first()
        )
        self._count(found, fields)
        self.saved(row, save_agreement, found, **fields)
        self.loaded.agreements += 1

    def contact(self, row):
        name = self.required(row, "person")
        person = self.people.get(name_key(name))
        employer = None
        if "organisation" in row.values:
            employer = self._named(
                row, "organisation", self.organisations, _("there is no organisation named “%(name)s”.")
            )
        if person is None:
            fields = {"name": name, "email": row.get("email"), "employer": employer}
            person = self.saved(row, save_person, None, **fields)
            self.people[person.name_key] = person
        product = self._named(row, "product", self.products, _("there is no product or programme named “%(name)s”."))
        kind = cells.choice(row, "relation", ContactRelation.Kind)
        if not ContactRelation.objects.filter(person=person, product=product, kind=kind).exists():
            self.saved(row, relate_contact, person, product=product, kind=kind)
            self.loaded.created += 1
        else:
            self.loaded.unchanged += 1
        self.loaded.contacts += 1

    def _account(self, row):
        number = row.get("account")
        if not number:
            return None
        account = Account.objects.filter(number=number).first()
        if account is None:
            row.fail("account", _("there is no account %(number)s in the chart of accounts.") % {"number": number})
        return account

    def _named(self, row, key, found, missing):
        name = self.required(row, key)
        obj = found.get(name_key(name))
        if obj is None:
            raise TableError(row.at(key), f"{key}: " + missing % {"name": name})
        return obj

    def _count(self, found, fields):
        if found is None:
            self.loaded.created += 1
        elif any(getattr(found, key) != value for key, value in fields.items()):
            self.loaded.changed += 1
        else:
            self.loaded.unchanged += 1


# Model field → the key that sets it, for naming the key in an error.
KEY_OF_FIELD = {"starts": "from", "ends": "until", "is_member": "member", "signed": "signed"}


# The dump


def register():
    """The register as {section: [{key: value}]}, in the order SECTIONS gives."""
    organisations = Organisation.objects.filter(Q(agreements__isnull=False) | Q(is_member=True)).distinct()
    agreements = Agreement.objects.select_related("organisation", "product", "account").order_by(
        "organisation__name", "product__name", "starts", "pk"
    )
    contacts = ContactRelation.objects.select_related("person__employer", "product")
    return {
        "organisations": [_organisation(o) for o in organisations.order_by("name")],
        "agreements": [_agreement(a) for a in agreements],
        "contacts": [_contact(c) for c in contacts.order_by("person__name", "product__name", "kind")],
    }


def _organisation(organisation):
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "cvr": organisation.cvr,
        "ean": organisation.ean,
        "address": organisation.address,
        "member": organisation.is_member,
        "member_since": organisation.member_since,
        "member_until": organisation.member_until,
    }


def _agreement(agreement):
    return {
        "organisation": agreement.organisation.name,
        "product": agreement.product.name,
        "status": agreement.status,
        "signed": agreement.signed,
        "from": agreement.starts,
        "until": agreement.ends,
        "notice_months": agreement.notice_months,
        "joining_fee": agreement.joining_fee,
        "annual_fee": agreement.annual_fee,
        "account": agreement.account.number if agreement.account else "",
        "notes": agreement.notes,
    }


def _contact(relation):
    person = relation.person
    return {
        "person": person.name,
        "email": person.email,
        "organisation": person.employer.name if person.employer else "",
        "product": relation.product.name,
        "relation": relation.kind,
    }


def dump_yaml() -> str:
    data = {
        section: [
            {key: _yaml_value(value) for key, value in entry.items() if value not in (None, "")} for entry in rows
        ]
        for section, rows in register().items()
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _yaml_value(value):
    # Amounts as plain numbers ("12500.00" as 12500.0 would lose the øre's meaning).
    return str(value) if hasattr(value, "quantize") else value


def _table(section, rows):
    keys = SECTIONS[section]
    return [list(keys)] + [[_cell(entry[key]) for key in keys] for entry in rows]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def dump_xlsx() -> bytes:
    return write_xlsx({section: _table(section, rows) for section, rows in register().items()})


def dump_csv(section: str) -> str:
    return csv_text(_table(section, register()[section]))
