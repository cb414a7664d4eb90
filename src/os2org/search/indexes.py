"""What full-text search looks in: for each searched table, its title columns and its text columns.

A match in the title weighs more than one in the text. PostgreSQL reads
the columns as they are (os2org.search.selectors); SQLite keeps their stems
in an FTS5 table of its own (os2org.search.sqlite).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Index:
    table: str
    title: tuple[str, ...]
    text: tuple[str, ...] = ()

    @property
    def fts_table(self):
        return f"search_{self.table}"


PAGES = Index("handbook_page", title=("title", "heading"), text=("text",))
ROLES = Index("roles_roledescription", title=("name",), text=("purpose",))
TASKS = Index("roles_task", title=("text",))
PEOPLE = Index("organisation_person", title=("name",))
BODIES = Index("organisation_body", title=("name",), text=("description",))
ORGANISATIONS = Index("organisation_organisation", title=("name",), text=("partner_role",))
MEETINGS = Index("governance_meeting", title=("title",), text=("place",))
# search_text: the item's texts and its case brief's, kept by the services (governance.models.AgendaItem).
AGENDA_ITEMS = Index("governance_agendaitem", title=("title",), text=("search_text",))
FOLLOW_UPS = Index("governance_followup", title=("title",))
ACTIVITIES = Index("governance_activity", title=("title",), text=("description",))

ALL = (PAGES, ROLES, TASKS, PEOPLE, BODIES, ORGANISATIONS, MEETINGS, AGENDA_ITEMS, FOLLOW_UPS, ACTIVITIES)
