"""Who may use the portfolio's pages.

A community's portfolio page, the overview and a programme's page are
open to whoever reads the community (each page lists only those:
selectors.profiles). Gates and status reports hold hours and money: the
board and the secretariat read them all, a coordinator their own
community's. The coordinator files their community's report and keeps its
roadmap; the secretariat keeps the rest: profiles, gate checklists, gates.
The board pack is for the board and the secretariat.
"""

from os2org.common.rules import ReadWrite, anyone, body_of, edits_body_of, reads_everything, secretariat
from os2org.portfolio.models import Gate, Milestone, Profile, StatusReport


def reads_reports(viewer, **kwargs):
    """Reads some status reports: the board and the secretariat all, a coordinator their community's."""
    return viewer.reads_everything or bool(viewer.edits_bodies)


def _reads_reports_of(lookup, key="pk"):
    def rule(viewer, **kwargs):
        if viewer.reads_everything:
            return True
        return bool(viewer.edits_bodies) and lookup(kwargs[key]) in viewer.edits_bodies

    return rule


community_of_slug = body_of(Profile, path="body_id", field="body__slug")
community_of_report = body_of(StatusReport, path="profile__body_id")
community_of_gate = body_of(Gate, path="profile__body_id")
community_of_milestone = body_of(Milestone, path="profile__body_id")

RULES = {
    "overview": anyone,
    "community": anyone,
    "programme": anyone,
    "community-edit": secretariat,
    "milestone-create": edits_body_of(community_of_slug, key="slug"),
    "milestone-edit": edits_body_of(community_of_milestone),
    "report-create": edits_body_of(community_of_slug, key="slug"),
    "report-edit": edits_body_of(community_of_report),
    "report": _reads_reports_of(community_of_report),
    "gate-create": secretariat,
    "gate": ReadWrite(_reads_reports_of(community_of_gate), secretariat),
    "gate-pass": secretariat,
    "gate-templates": secretariat,
    "gate-template": secretariat,
    "board-pack": ReadWrite(reads_everything, secretariat),
    "board-pack-pdf": reads_everything,
}
