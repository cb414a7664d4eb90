"""A small organisation for the API tests, made through the services.

Two product communities, each with a steering group; a board; a member
authority that uses one community; a coordinator of that community; and
meetings at every visibility with a decision each.
"""

from datetime import date
from types import SimpleNamespace

from os2org.common.visibility import Visibility
from os2org.governance.cycle.services import save_activity
from os2org.handbook.models import Page
from os2org.handbook.services import import_handbook, save_page
from os2org.organisation.services import assign_role, save_body, save_organisation, save_person
from os2org.roles.models import RoleDescription
from tests.agreements import join
from tests.governance.builders import decision, meeting
from tests.handbooks import write_handbook

INTERNAL = Visibility.INTERNAL


def build(folder):
    """The world; `folder` is where the handbook's files are written."""
    import_handbook([write_handbook(folder, roles=1)])
    role = RoleDescription.objects.get()
    role_page = Page.objects.get(slug="rolle-01")
    save_page(role_page, source=role_page.source, visibility=Visibility.MEMBERS)
    egebjerg = save_organisation(name="Egebjerg Kommune", kind="municipality", cvr="38990608", is_member=True)
    bestyrelsen = save_body(name="Bestyrelsen", kind="board")
    booking = save_body(name="Fælleskode Booking", kind="product_community")
    join(egebjerg, booking)
    booking_steering = save_body(name="Styregruppen for Booking", kind="steering_group", parent=booking)
    mo = save_body(name="OS2mo", kind="product_community")
    mo_steering = save_body(name="Styregruppen for OS2mo", kind="steering_group", parent=mo)
    karen = save_person(name="Karen Lund", email="karen.lund@example.org", employer=egebjerg)
    mads = save_person(name="Mads Kjær")
    assign_role(karen, body=booking, role=role, function="coordinator", starts=date(2025, 1, 1), share="1/3")
    board_meeting = meeting(
        bestyrelsen, "2026-03-05 16:00", participants=[karen, mads], title="Bestyrelsesmøde", visibility=INTERNAL
    )
    public_meeting = meeting(bestyrelsen, "2026-06-04 16:00")
    booking_meeting = meeting(booking_steering, "2026-02-10 10:00", visibility=INTERNAL)
    mo_meeting = meeting(mo_steering, "2026-02-11 10:00", visibility=INTERNAL)
    save_activity(title="Budgetfrist", kind="deadline", starts=date(2026, 9, 1), rule="FREQ=YEARLY")
    return SimpleNamespace(
        role=role,
        egebjerg=egebjerg,
        bestyrelsen=bestyrelsen,
        booking=booking,
        booking_steering=booking_steering,
        mo=mo,
        mo_steering=mo_steering,
        karen=karen,
        mads=mads,
        board_meeting=board_meeting,
        public_meeting=public_meeting,
        booking_meeting=booking_meeting,
        mo_meeting=mo_meeting,
        board_decision=decision(board_meeting, "Budget 2027", "Budgettet vedtages."),
        public_decision=decision(public_meeting, "Strategi", "Strategien vedtages."),
        booking_decision=decision(booking_meeting, "Leverandør", "Magenta vælges."),
        mo_decision=decision(mo_meeting, "Roadmap", "Roadmappen vedtages."),
    )

