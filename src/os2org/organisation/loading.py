"""The organisation as a file: load it from YAML or a CSV export, dump it back as YAML.

A load upserts by name and never deletes. Organisations, bodies and people
are matched by name, assignments by (person, body, role, function, from),
task estimates by (role, priority, task number). A key left out keeps the
stored value (a new object gets the default); an empty value clears it.
An assignment is described whole: `until` and `reports_to` left out mean
open-ended and nobody. Everything happens in one transaction through the
services, which validate and write the audit entries; an object whose
values are already stored is not saved again, so loading a file twice
writes nothing the second time. Any problem raises LoadError
(`file:line: what is wrong`) and leaves the database as it was.

A load takes a few dozen queries however long the file: the stored objects
are read once, and each section is written by the services' bulk forms
(save_people, assign_roles, …), without a savepoint per object.
"""

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import yaml
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from os2org.common.bulk import InvalidItem
from os2org.common.identifiers import digits_only, validate_cvr, validate_ean
from os2org.common.limits import UntrustedText, compose_yaml
from os2org.common.names import clean_name, name_key
from os2org.common.numbers import FULL_TIME_HOURS, HOURS_IN_A_WEEK, parse_decimal
from os2org.organisation.models import Assignment, Body, BodyRelation, Organisation, Person
from os2org.organisation.services import (
    assign_roles,
    hours_from,
    save_bodies,
    save_organisations,
    save_people,
    save_relations,
)
from os2org.roles.models import Priority, RoleDescription, Task
from os2org.roles.services import set_hours_of_tasks

KEYS = {
    "organisations": ("name", "kind", "cvr", "ean", "address", "member", "member_since", "member_until", "supplier", "partner", "partner_role"),
    "bodies": ("name", "kind", "parent", "programme", "member_authorities", "suppliers", "description", "position"),
    "relations": ("from", "to", "kind"),
    "people": ("name", "email", "employer", "contract_hours"),
    "assignments": ("person", "body", "role", "function", "from", "until", "hours_per_week", "share", "reports_to"),
    "task_hours": ("role", "priority", "task", "hours"),
}
LIST_KEYS = {"member_authorities", "suppliers"}
CSV_PERSON_COLUMNS = ("name", "email", "employer", "contract_hours")
CSV_ASSIGNMENT_COLUMNS = ("body", "role", "function", "from", "until", "hours_per_week", "share", "reports_to")
CSV_COLUMNS = CSV_PERSON_COLUMNS + CSV_ASSIGNMENT_COLUMNS
# Model field → the key that sets it, for naming the key in an error.
FIELD_KEYS = {
    "starts": "from",
    "ends": "until",
    "is_member": "member",
    "is_supplier": "supplier",
    "is_partner": "partner",
    "source": "from",
    "target": "to",
}
# Shares written as fractions in a dump, by their stored (4-place) value.
FRACTIONS = {
    (Decimal(top) / Decimal(bottom)).quantize(Decimal("0.0001")): f"{top}/{bottom}" if bottom > 1 else "1"
    for top, bottom in ((1, 5), (1, 4), (1, 3), (1, 2), (2, 3), (3, 4), (1, 1))
}
YAML_NULL = "tag:yaml.org,2002:null"
TRUE, FALSE = {"true", "yes", "on"}, {"false", "no", "off"}


class LoadError(Exception):
    """A problem in a file being loaded; str() is `path:line: message`."""

    def __init__(self, path, line, message):
        super().__init__(path, line, message)
        self.path, self.line, self.message = str(path), line, message

    def __str__(self):
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Record:
    """One entry of a section: raw values (text, None or a list of text) and the line of each key."""

    line: int
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)

    def set(self, key, value, line):
        self.values[key], self.lines[key] = value, line

    def __contains__(self, key):
        return key in self.values


@dataclass
class LoadResult:
    organisations: int = 0
    bodies: int = 0
    people: int = 0
    assignments: int = 0
    task_hours: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0


def load_yaml(path, *, actor=None):
    """Load an organisation file (see README, "The organisation file"), all or nothing.

    Side effects: creates or changes organisations, bodies, people,
    assignments and task estimates, each with its audit entry. Raises
    LoadError and changes nothing when anything in the file is wrong.
    """
    return _Loader(path, actor).store(read_yaml(path))


def load_csv(path, *, actor=None):
    """Load a CSV export of people and assignments, all or nothing.

    Side effects and errors as load_yaml; the bodies, employers and roles
    a row names must already be stored.
    """
    return _Loader(path, actor).store(read_csv(path))


def read_yaml(path, *, keys=KEYS, list_keys=LIST_KEYS):
    """The sections of an organisation file as {section: [Record]}.

    Another file of sections of records (os2org.members' register, say)
    is read the same way with its own `keys` ({section: (key, …)}) and
    `list_keys`."""
    text = _read_text(path)
    try:
        root = compose_yaml(text)
    except UntrustedText as error:
        raise LoadError(path, error.line, error.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise LoadError(path, mark.line + 1, _("not valid YAML: %(problem)s") % {"problem": error.problem}) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        message = _("expected the sections %(keys)s.") % {"keys": ", ".join(keys)}
        raise LoadError(path, _line(root), message)
    sections = {}
    for key, value in _pairs(path, root):
        if key.value not in keys:
            message = _("unknown section “%(key)s” (expected one of: %(keys)s).")
            raise LoadError(path, _line(key), message % {"key": key.value, "keys": ", ".join(keys)})
        if value.tag == YAML_NULL:
            sections[key.value] = []
        elif isinstance(value, yaml.SequenceNode):
            sections[key.value] = [_record(path, item, keys[key.value], list_keys) for item in value.value]
        else:
            raise LoadError(path, _line(value), f"{key.value}: " + _("expected a list."))
    return sections


def _line(node):
    return node.start_mark.line + 1


def _pairs(path, mapping):
    seen = set()
    for key, value in mapping.value:
        if not isinstance(key, yaml.ScalarNode):
            raise LoadError(path, _line(key), _("expected a key."))
        if key.value in seen:
            raise LoadError(path, _line(key), _("“%(key)s” is given twice.") % {"key": key.value})
        seen.add(key.value)
        yield key, value


def _record(path, node, keys, list_keys):
    if not isinstance(node, yaml.MappingNode):
        raise LoadError(path, _line(node), _("expected a mapping of keys and values."))
    record = Record(_line(node))
    for key, value in _pairs(path, node):
        if key.value not in keys:
            message = _("unknown key “%(key)s” (expected one of: %(keys)s).")
            raise LoadError(path, _line(key), message % {"key": key.value, "keys": ", ".join(keys)})
        record.set(key.value, _raw(path, key.value, value, list_keys), _line(key))
    return record


def _raw(path, key, node, list_keys):
    """A value as written: text, None for an empty value, or (for list keys) a list of text."""
    if key in list_keys:
        if node.tag == YAML_NULL:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise LoadError(path, _line(node), f"{key}: " + _("expected a list."))
        return [_raw(path, key + "[]", item, list_keys) for item in node.value]
    if not isinstance(node, yaml.ScalarNode):
        raise LoadError(path, _line(node), f"{key.removesuffix('[]')}: " + _("expected a single value."))
    return None if node.tag == YAML_NULL else node.value


def read_csv(path):
    """People and assignments from a CSV export as {"people": [Record], "assignments": [Record]}.

    Line numbers are physical lines; a cell left empty is a key left out.
    """
    text = _read_text(path)
    header, _sep, _rest = text.partition("\n")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = _csv_columns(path, next(reader, None))
        people, assignments = {}, []
        previous = reader.line_num
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            row = _csv_row(path, line, columns, cells)
            if row:
                _csv_person(path, people, row)
                assignment = _csv_assignment(path, row)
                if assignment:
                    assignments.append(assignment)
    except csv.Error as error:
        raise LoadError(path, reader.line_num, _("not valid CSV: %(problem)s") % {"problem": error}) from None
    return {"people": list(people.values()), "assignments": assignments}


def _csv_columns(path, cells):
    expected = ", ".join(CSV_COLUMNS)
    if cells is None:
        raise LoadError(path, 1, _("the file is empty; expected a header row: %(columns)s.") % {"columns": expected})
    columns = [cell.strip().lower() for cell in cells]
    for number, column in enumerate(columns):
        if column not in CSV_COLUMNS:
            message = _("unknown column “%(column)s” (expected: %(columns)s).")
            raise LoadError(path, 1, message % {"column": column, "columns": expected})
        if column in columns[:number]:
            raise LoadError(path, 1, _("the column “%(column)s” is given twice.") % {"column": column})
    if "name" not in columns:
        raise LoadError(path, 1, _("the header has no “name” column."))
    return columns


def _csv_row(path, line, columns, cells):
    """A Record of the row's non-empty cells, or None for an empty row."""
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        message = _("the row has %(found)d cells, the header %(expected)d.")
        raise LoadError(path, line, message % {"found": len(cells), "expected": len(columns)})
    record = Record(line)
    for column, cell in zip(columns, cells):
        if cell.strip():
            record.set(column, cell.strip(), line)
    return record if record.values else None


def _csv_person(path, people, row):
    if "name" not in row:
        raise LoadError(path, row.line, _("“%(key)s” is missing.") % {"key": "name"})
    name = row.values["name"]
    person = people.setdefault(name, Record(row.line))
    for column in CSV_PERSON_COLUMNS:
        if column not in row:
            continue
        if column in person and person.values[column] != row.values[column]:
            message = _("“%(value)s” differs from line %(line)d (“%(first)s”).") % {
                "value": row.values[column],
                "line": person.lines[column],
                "first": person.values[column],
            }
            raise LoadError(path, row.line, f"{column}: {message}")
        person.set(column, row.values[column], row.line)


def _csv_assignment(path, row):
    """The row's assignment as a Record, or None when the row is a person only."""
    if "body" not in row:
        if any(column in row for column in CSV_ASSIGNMENT_COLUMNS):
            raise LoadError(path, row.line, _("“%(key)s” is missing.") % {"key": "body"})
        return None
    record = Record(row.line)
    record.set("person", row.values["name"], row.line)
    for column in CSV_ASSIGNMENT_COLUMNS:
        if column in row:
            record.set(column, row.values[column], row.line)
    return record


def _read_text(path):
    limit = settings.IMPORT_MAX_BYTES
    try:
        with open(path, "rb") as file:
            data = file.read(limit + 1)  # enough to tell, however large the file
    except OSError as error:
        raise LoadError(path, None, _("cannot read the file: %(error)s") % {"error": error.strerror}) from None
    if len(data) > limit:
        message = _("larger than %(limit)d bytes (IMPORT_MAX_BYTES); split it into several files and load each.")
        raise LoadError(path, 1, message % {"limit": limit})
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise LoadError(path, data[: error.start].count(b"\n") + 1, _("not UTF-8 text.")) from None
    # Text has no control characters but tab and line breaks; a file with one is binary.
    control = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if control:
        message = _("contains the control character U+%(code)04X, so it is not a text file; save it as UTF-8 text.")
        raise LoadError(path, text.count("\n", 0, control.start()) + 1, message % {"code": ord(control.group())})
    return text


class _Names:
    """Objects of one model by name: the stored ones and those the load saves.

    Names are compared as os2org.common.names compares them: names that look
    the same are the same name.
    """

    def __init__(self, loader, queryset, missing):
        self.loader, self.missing = loader, missing
        self.by_name = defaultdict(list)
        for obj in queryset:
            self.by_name[name_key(obj.name)].append(obj)

    def find(self, record, key):
        name = self.loader.text(record, key)
        found = self.by_name.get(name_key(name), [])
        if len(found) > 1:
            message = _("more than one is named “%(name)s”; rename one in the app.")
            self.loader.fail(record, key, message % {"name": name})
        return found[0] if found else None

    def get(self, record, key):
        """The object named by record[key]; None when the value is empty."""
        if self.loader.text(record, key) is None:
            return None
        obj = self.find(record, key)
        if obj is None:
            self.loader.fail(record, key, self.missing % {"name": self.loader.text(record, key)})
        return obj

    def add(self, obj):
        self.by_name[name_key(obj.name)] = [obj]


class _Loader:
    """One load: each section's records are checked and turned into changes, which its service writes in bulk.

    The stored objects are read once, by name; a change that names an
    object made earlier in the same load finds it there.
    """

    def __init__(self, path, actor):
        self.path, self.actor, self.result = str(path), actor, LoadResult()

    def fail(self, record, key, message):
        raise LoadError(self.path, record.lines.get(key, record.line), f"{key}: {message}")

    def invalid(self, record, error):
        """A service's ValidationError as a LoadError at the line of the first key it names."""
        items = error.message_dict.items() if hasattr(error, "error_dict") else [(NON_FIELD_ERRORS, error.messages)]
        parts, line = [], None
        for name, messages in items:
            key = FIELD_KEYS.get(name, name)
            parts += [message if name == NON_FIELD_ERRORS else f"{key}: {message}" for message in messages]
            line = line or record.lines.get(key)
        return LoadError(self.path, line or record.line, "; ".join(parts))

    def store(self, sections):
        # One transaction; the services write in it without savepoints of their own.
        with transaction.atomic():
            self.organisations = _Names(
                self, Organisation.objects.all(), _("there is no organisation named “%(name)s”.")
            )
            self.bodies = _Names(self, Body.objects.all(), _("there is no body named “%(name)s”."))
            self.people = _Names(self, Person.objects.all(), _("there is no person named “%(name)s”."))
            self.roles = _Names(
                self, RoleDescription.objects.all(), _("there is no role description named “%(name)s”.")
            )
            self.load_organisations(sections.get("organisations", []))
            self.load_bodies(sections.get("bodies", []))
            self.load_relations(sections.get("relations", []))
            self.load_people(sections.get("people", []))
            self.load_assignments(sections.get("assignments", []))
            self.load_task_hours(sections.get("task_hours", []))
        return self.result

    # Values

    def text(self, record, key, *, required=False):
        value = record.values.get(key)
        if required and value in (None, ""):
            raise LoadError(self.path, record.line, _("“%(key)s” is missing.") % {"key": key})
        return value

    def check(self, record, key, validator, value):
        """Run a field's validator (common.identifiers, say) on a value, failing at the key's line."""
        try:
            validator(value)
        except ValidationError as error:
            self.fail(record, key, " ".join(error.messages))

    def boolean(self, record, key):
        value = (self.text(record, key) or "").lower()
        if value not in TRUE | FALSE:
            self.fail(record, key, _("expected true or false."))
        return value in TRUE

    def date(self, record, key, *, required=False):
        value = self.text(record, key, required=required)
        if value is None:
            return None
        try:
            day = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
        except ValueError:
            day = None
        if day is None:
            self.fail(record, key, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})
        return day

    def whole_number(self, record, key):
        value = self.text(record, key) or ""
        if not re.fullmatch(r"[0-9]+", value):
            self.fail(record, key, _("“%(value)s” is not a whole number.") % {"value": value})
        return int(value)

    def hours(self, record, key, *, required=False):
        value = self.text(record, key, required=required)
        if value is None:
            return None
        hours = parse_decimal(value)
        if hours is None:
            self.fail(record, key, _("“%(value)s” is not a number.") % {"value": value})
        if not 0 < hours <= HOURS_IN_A_WEEK:
            self.fail(record, key, _("must be more than 0 and at most 168 hours a week."))
        return hours

    def named(self, records):
        """{name: record}, the names cleaned, refusing a name listed twice (or two that look the same)."""
        found, keys = {}, {}
        for record in records:
            name = clean_name(self.text(record, "name", required=True))
            first = keys.get(name_key(name))
            if first is not None:
                message = _("“%(name)s” is listed twice (first on line %(line)d).")
                self.fail(record, "name", message % {"name": name, "line": first.line})
            found[name] = keys[name_key(name)] = record
        return found

    # Saving

    def change(self, changes, record, obj, fields, *, as_stored=None):
        """Add the change of `obj` (new or stored) to `changes` unless it holds every value already; count it.

        `as_stored` gives values as they would be stored where they differ
        from those given (a share of "1/3" is 0.3333). A member list that
        is already stored is left out of the change.
        """
        compared = fields | (as_stored or {})
        held = {name for name, value in compared.items() if obj.pk is not None and _holds(obj, name, value)}
        if obj.pk is not None and held == set(compared):
            self.result.unchanged += 1
            return
        if obj.pk is None:
            self.result.created += 1
        else:
            self.result.changed += 1
        changes.append((record, obj, {name: value for name, value in fields.items() if name not in held & LIST_KEYS}))

    def write(self, service, changes):
        """Save `changes` ([(record, object, what to set)]) through the bulk `service`, in one go."""
        if not changes:
            return
        try:
            service([(obj, fields) for _record, obj, fields in changes], actor=self.actor)
        except InvalidItem as error:
            raise self.invalid(changes[error.index][0], error) from None

    def load_organisations(self, records):
        changes = []
        for name, record in self.named(records).items():
            fields = {"name": name}
            for key in ("kind", "partner_role", "address"):
                if key in record:
                    fields[key] = self.text(record, key) or ""
            for key, check in (("cvr", validate_cvr), ("ean", validate_ean)):
                if key in record:
                    fields[key] = digits_only(self.text(record, key))
                    self.check(record, key, check, fields[key])
            for key in ("member", "supplier", "partner"):
                if key in record:
                    fields["is_" + key] = self.boolean(record, key)
            for key in ("member_since", "member_until"):
                if key in record:
                    fields[key] = self.date(record, key)
            organisation = self.organisations.find(record, "name") or Organisation(name=name)
            self.change(changes, record, organisation, fields)
            self.organisations.add(organisation)
            self.result.organisations += 1
        self.write(save_organisations, changes)

    def load_bodies(self, records):
        specs, order = self.named(records), {}
        visiting = set()

        def visit(name):
            if name in order:
                return
            visiting.add(name)
            for key in ("parent", "programme"):
                other = self.text(specs[name], key)
                if other in visiting:
                    self.fail(specs[name], key, _("“%(name)s” would be part of itself.") % {"name": other})
                if other in specs:
                    visit(other)
            visiting.discard(name)
            order[name] = specs[name]

        for name in specs:
            visit(name)
        # The member lists of the bodies named, read once, to tell whether they change.
        stored = [self.bodies.find(record, "name") for record in specs.values()]
        prefetch_related_objects([body for body in stored if body is not None], *LIST_KEYS)
        # Parents come before their parts, so that a part finds its parent
        # made earlier in the load; a cycle through stored bodies is refused by save_bodies.
        changes = []
        for record in order.values():
            self.load_body(changes, record)
            self.result.bodies += 1
        self.write(save_bodies, changes)

    def load_body(self, changes, record):
        fields = {"name": self.text(record, "name")}
        for key in ("kind", "description"):
            if key in record:
                fields[key] = self.text(record, key) or ""
        if "position" in record:
            fields["position"] = self.whole_number(record, "position")
        for key in ("parent", "programme"):
            if key in record:
                fields[key] = self.bodies.get(record, key)
        if "member_authorities" in record:
            # Agreements are the one source of who is a member of what (os2org.members).
            self.fail(record, "member_authorities", _(
                "member authorities follow from agreements now: load them with “os2org members load”."))
        if "suppliers" in record:
            fields["suppliers"] = [self.organisation_in_list(record, "suppliers", name) for name in record.values["suppliers"]]
        body = self.bodies.find(record, "name") or Body(name=fields["name"])
        self.change(changes, record, body, fields)
        self.bodies.add(body)

    def load_relations(self, records):
        """Relations in the order listed, which is their order in the org chart."""
        stored = {(r.source_id, r.target_id): r for r in BodyRelation.objects.all()} if records else {}
        seen, changes = {}, []
        for position, record in enumerate(records):
            self.text(record, "from", required=True)
            self.text(record, "to", required=True)
            source, target = self.bodies.get(record, "from"), self.bodies.get(record, "to")
            kind = self.text(record, "kind") or BodyRelation.Kind.BOTH_WAYS
            if kind not in BodyRelation.Kind.values:
                message = _("“%(value)s” is not one of %(kinds)s.")
                self.fail(record, "kind", message % {"value": kind, "kinds": ", ".join(BodyRelation.Kind.values)})
            if (source.pk, target.pk) in seen:
                self.fail(record, "to", _("the same relation is listed on line %(line)d.") % {"line": seen[source.pk, target.pk]})
            seen[source.pk, target.pk] = record.line
            relation = stored.get((source.pk, target.pk)) or BodyRelation()
            fields = {"source": source, "target": target, "kind": kind, "position": position}
            self.change(changes, record, relation, fields)
        self.write(save_relations, changes)

    def organisation_in_list(self, record, key, name):
        if not name:
            self.fail(record, key, _("expected a list of names."))
        return self.organisations.get(Record(record.line, {key: name}, {key: record.lines[key]}), key)

    def load_people(self, records):
        changes = []
        for name, record in self.named(records).items():
            fields = {"name": name}
            if "email" in record:
                fields["email"] = self.text(record, "email") or ""
            if "employer" in record:
                fields["employer"] = self.organisations.get(record, "employer")
            if "contract_hours" in record:
                fields["contract_hours"] = self.hours(record, "contract_hours") or FULL_TIME_HOURS
            person = self.people.find(record, "name") or Person(name=name)
            self.change(changes, record, person, fields)
            self.people.add(person)
            self.result.people += 1
        self.write(save_people, changes)

    def load_assignments(self, records):
        stored = {}
        for assignment in Assignment.objects.order_by("pk") if records else []:
            key = (assignment.person_id, assignment.body_id, assignment.role_id, assignment.function, assignment.starts)
            stored.setdefault(key, assignment)
        seen, changes = {}, []
        for record in records:
            self.text(record, "person", required=True)
            self.text(record, "body", required=True)
            person, body = self.people.get(record, "person"), self.bodies.get(record, "body")
            role = self.roles.get(record, "role")
            function = self.text(record, "function") or Assignment.Function.MEMBER
            starts = self.date(record, "from", required=True)
            key = (person.pk, body.pk, role and role.pk, function, starts)
            if key in seen:
                self.fail(record, "person", _("the same assignment is listed on line %(line)d.") % {"line": seen[key]})
            seen[key] = record.line
            fields = {"person": person, "body": body, "role": role, "function": function, "starts": starts}
            self.load_assignment(changes, record, stored.get(key) or Assignment(), fields)
            self.result.assignments += 1
        self.write(assign_roles, changes)

    def load_assignment(self, changes, record, assignment, fields):
        """An assignment is described whole: its time, end and manager as given, or none."""
        ends = self.date(record, "until")
        if ends is not None and ends <= fields["starts"]:
            self.fail(record, "until", _("must be after from (%(date)s).") % {"date": fields["starts"]})
        hours, share = self.hours(record, "hours_per_week"), self.text(record, "share")
        reports_to = self.people.get(record, "reports_to")
        fields |= {"ends": ends, "reports_to": reports_to, "hours_per_week": hours, "share": share}
        try:
            as_stored = dict(zip(("hours_per_week", "share"), hours_from(hours_per_week=hours, share=share)))
        except ValidationError as error:
            raise self.invalid(record, error) from None
        self.change(changes, record, assignment, fields, as_stored=as_stored)

    def load_task_hours(self, records):
        tasks = {(t.role_id, t.priority, t.position): t for t in Task.objects.select_related("role")} if records else {}
        seen, changes = {}, []
        for record in records:
            self.text(record, "role", required=True)
            role = self.roles.get(record, "role")
            priority = self.text(record, "priority", required=True)
            if priority not in Priority.names:
                self.fail(record, "priority", _("“%(value)s” is not MUST, SHOULD or COULD.") % {"value": priority})
            number = self.text(record, "task", required=True)
            if not re.fullmatch(r"[1-9][0-9]*", number):
                self.fail(record, "task", _("“%(value)s” is not a task number (1, 2, …).") % {"value": number})
            hours = self.hours(record, "hours", required=True)
            task = tasks.get((role.pk, Priority[priority], int(number)))
            if task is None:
                message = _("%(role)s has no %(priority)s task number %(number)s.")
                self.fail(record, "task", message % {"role": role, "priority": priority, "number": number})
            if task.pk in seen:
                self.fail(record, "task", _("the same task is listed on line %(line)d.") % {"line": seen[task.pk]})
            seen[task.pk] = record.line
            if task.hours_per_week == hours:
                self.result.unchanged += 1
            else:
                self.result.changed += 1
                changes.append((record, task, hours))
            self.result.task_hours += 1
        self.write(set_hours_of_tasks, changes)


def _holds(obj, name, value):
    """Whether `obj` as stored holds `value` in the field `name`.

    A related object is compared by its id, so that the stored one is not
    read; a many-to-many list as prefetched.
    """
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return set(getattr(obj, name).all()) == set(value)
    if field.is_relation:
        if value is None:
            return getattr(obj, field.attname) is None
        return value.pk is not None and getattr(obj, field.attname) == value.pk
    return getattr(obj, name) == value


def dump_yaml():
    """The stored organisation as an organisation file; load_yaml reads it back to the same organisation."""
    data = {
        "organisations": [_dump_organisation(o) for o in Organisation.objects.order_by("name", "pk")],
        "bodies": [
            _dump_body(b)
            for b in Body.objects.select_related("parent", "programme")
            .prefetch_related("suppliers")
            .order_by("name", "pk")
        ],
        "people": [_dump_person(p) for p in Person.objects.select_related("employer").order_by("name", "pk")],
        "assignments": [
            _dump_assignment(a)
            for a in sorted(
                Assignment.objects.select_related("person", "body", "role", "reports_to"),
                key=lambda a: (a.person.name, a.starts, a.body.name, a.function, a.role.name if a.role else ""),
            )
        ],
    }
    relations = BodyRelation.objects.select_related("source", "target").order_by("position", "pk")
    if relations:
        data["relations"] = [_dump_relation(relation) for relation in relations]
    tasks = Task.objects.filter(hours_per_week__isnull=False).select_related("role")
    tasks = tasks.order_by("role__name", "role_id", "priority", "position")
    if tasks:
        data["task_hours"] = [_dump_task(task) for task in tasks]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def _share(value):
    return FRACTIONS.get(value, format(value.normalize(), "f"))


def _optional(**values):
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def _dump_task(task):
    return {
        "role": task.role.name,
        "priority": task.get_priority_display(),
        "task": task.position,
        "hours": _number(task.hours_per_week),
    }


def _dump_organisation(organisation):
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        **_optional(cvr=organisation.cvr, ean=organisation.ean, address=organisation.address),
        "member": organisation.is_member,
        **_optional(member_since=organisation.member_since, member_until=organisation.member_until),
        "supplier": organisation.is_supplier,
        "partner": organisation.is_partner,
        **_optional(partner_role=organisation.partner_role),
    }


def _dump_body(body):
    return {
        "name": body.name,
        "kind": body.kind,
        **_optional(
            parent=body.parent and body.parent.name,
            programme=body.programme and body.programme.name,
            suppliers=sorted(o.name for o in body.suppliers.all()),
            description=body.description,
            position=body.position or None,
        ),
    }


def _dump_relation(relation):
    kind = {} if relation.kind == BodyRelation.Kind.BOTH_WAYS else {"kind": relation.kind}
    return {"from": relation.source.name, "to": relation.target.name, **kind}


def _dump_person(person):
    return {
        "name": person.name,
        **_optional(email=person.email, employer=person.employer and person.employer.name),
        "contract_hours": _number(person.contract_hours),
    }


def _dump_assignment(assignment):
    if assignment.share is not None:
        time = {"share": _share(assignment.share)}
    else:
        time = {"hours_per_week": _number(assignment.hours_per_week)}
    return {
        "person": assignment.person.name,
        "body": assignment.body.name,
        **_optional(role=assignment.role and assignment.role.name),
        "function": assignment.function,
        "from": assignment.starts,
        **_optional(until=assignment.ends),
        **time,
        **_optional(reports_to=assignment.reports_to and assignment.reports_to.name),
    }
