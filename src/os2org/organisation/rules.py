"""Who may use the organisation's pages.

The chart, the bodies, the organisations and the people are public, each
list and page filtered by each item's visibility (a public person is
public: the org chart names them). E-mail addresses, and finding people
by them, are for those who are signed in (Viewer.sees_emails); named
people's hours, workload and history, the assignment's capacity page and
the coverage report are for the secretariat and the board
(Viewer.sees_hours). The secretariat edits everything; a coordinator
edits the bodies of their own community.
"""

from os2org.common.rules import anyone, body_of, edits_body_of, reads_everything, secretariat
from os2org.organisation.models import Body

_body = body_of(Body, path="pk", field="slug")

RULES = {
    "overview": anyone,
    "chart": anyone,
    "bodies": anyone,
    "body": anyone,
    "organisations": anyone,
    "organisation": anyone,
    "people": anyone,
    "person": anyone,
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
