"""Checklists from a YAML file, all or nothing: `os2org standards checklists FILE`.

The file lists points, each naming its checklist, in the order the
checklists hold them:

    points:
      - checklist: Fælles standarder
        title: Licens
        guidance: The code has a licence the association has approved.

A checklist named in the file gets exactly the file's points (made if new);
checklists not named are left alone. The file is read as the organisation
file is (organisation.loading.read_yaml: its size limit, untrusted-YAML
limits and `file:line` messages); any mistake stops the load at its line
and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from os2org.organisation.loading import LoadError, read_yaml
from os2org.standards.models import Checklist
from os2org.standards.services import PointRow, save_checklist

KEYS = {"points": ("checklist", "title", "guidance")}


def load_checklists(path, *, actor=None) -> int:
    """Store the checklists of the file at `path`; returns how many.

    Raises LoadError (`file:line: …`) and changes nothing when anything in the file is wrong.
    """
    by_name = {}
    for record in read_yaml(path, keys=KEYS, list_keys=set()).get("points", []):
        values = record.values
        name, title = (values.get("checklist") or "").strip(), (values.get("title") or "").strip()
        if not name:
            raise LoadError(path, record.line, _("“%(key)s” is missing.") % {"key": "checklist"})
        if not title:
            raise LoadError(path, record.line, "title: " + _("A point needs a title."))
        by_name.setdefault(name, (record.line, []))[1].append(PointRow(title, values.get("guidance") or ""))
    with transaction.atomic():
        for name, (line, points) in by_name.items():
            try:
                save_checklist(Checklist.objects.filter(name=name).first(), name=name, points=points, actor=actor)
            except ValidationError as error:
                problems = [f"{key}: {message}" for key, messages in error.message_dict.items() for message in messages]
                raise LoadError(path, line, "; ".join(problems)) from None
    return len(by_name)
