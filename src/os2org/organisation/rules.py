"""Who may use the organisation's pages.

The chart, the bodies, the organisations and the people are public, each
list and page filtered by each item's visibility (a public person is
public: the org chart names them). E-mail addresses, and finding people
by them, are for those who are signed in (Viewer.sees_emails); named
people's hours, workload and history, the assignment's capacity page and
the coverage report are for the secretariat and the board
(Viewer.sees_hours); each person opens the capacity page of their own
assignments. The secretariat edits everything; a coordinator
edits the bodies of their own community.
"""

from os2org.common.rules import anyone, body_of, edits_body_of, reads_everything, secretariat
from os2org.organisation.models import Assignment, Body

_body = body_of(Body, path="pk", field="slug")


def own_or_reads_everything(viewer, pk, **kwargs):
    """The secretariat and the board open every assignment's capacity page; anyone signed in, their own."""
    if viewer.reads_everything:
        return True
    return viewer.person_id is not None and Assignment.objects.filter(pk=pk, person_id=viewer.person_id).exists()

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
    "assignment": own_or_reads_everything,
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
