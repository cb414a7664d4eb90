"""Who may use the organisation's pages.

The chart, the bodies and the organisations are public (filtered by each
item's visibility); people's pages need an account, and workload and
coverage, which tell about named people's hours, are for the secretariat
and the board. The secretariat edits everything; a coordinator edits the
bodies of their own community.
"""

from os2org.access.rules import anyone, body_of, edits_body_of, reads_everything, secretariat, signed_in
from os2org.organisation.models import Body

_body = body_of(Body, path="pk", field="slug")

RULES = {
    "overview": anyone,
    "chart": anyone,
    "body": anyone,
    "organisations": anyone,
    "organisation": anyone,
    "people": signed_in,
    "person": signed_in,
    "coverage": reads_everything,
    "coverage-csv": reads_everything,
    "assignment": reads_everything,
    "body-create": secretariat,
    "body-edit": edits_body_of(_body, key="slug"),
    "organisation-create": secretariat,
    "organisation-edit": secretariat,
    "person-create": secretariat,
    "person-edit": secretariat,
    "assignment-create": secretariat,
    "assignment-edit": secretariat,
    "assignment-end": secretariat,
}
