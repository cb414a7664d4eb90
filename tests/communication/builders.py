"""A small contact register for the communication tests."""

from datetime import date
from types import SimpleNamespace

from os2org.communication.services import record_consent, record_unsubscribe
from os2org.members.services import relate_contact
from os2org.organisation.services import assign_role, save_body, save_organisation, save_person


def register():
    """Booking and Tilsyn; Egeby's Anne (two relations, consented), Bo (consented), Carl (unsubscribed), Dorte
    (never asked), Erik (no address), and a supplier's Frida who coordinates Booking (consented)."""
    booking = save_body(name="Booking", kind="product_community")
    tilsyn = save_body(name="Tilsyn", kind="product_community")
    egeby = save_organisation(name="Egeby Kommune", kind="municipality", is_member=True)
    supplier = save_organisation(name="Kode ApS", kind="company", is_supplier=True)
    people = {}
    for key, name, email, employer in [
        ("anne", "Anne Marie Andersen", "Anne@Egeby.dk", egeby),
        ("bo", "Bo Berg", "bo@egeby.dk", egeby),
        ("carl", "Carl Carlsen", "carl@egeby.dk", egeby),
        ("dorte", "Dorte Dam", "dorte@egeby.dk", egeby),
        ("erik", "Erik Uden", "", egeby),
        ("frida", "Frida Fisker", "-frida@kode.dk", supplier),
    ]:
        people[key] = save_person(name=name, email=email, employer=employer)
    relate_contact(people["anne"], product=tilsyn, kind="steering_group")
    relate_contact(people["anne"], product=booking, kind="contact")
    relate_contact(people["bo"], product=booking, kind="user")
    relate_contact(people["carl"], product=booking, kind="contact")
    relate_contact(people["dorte"], product=tilsyn, kind="contact")
    relate_contact(people["erik"], product=tilsyn, kind="contact")
    assign_role(people["frida"], body=booking, function="coordinator", starts=date(2025, 1, 1), hours_per_week=10)
    for key in ("anne", "bo", "carl", "frida"):
        record_consent(people[key], on=date(2026, 1, 5))
    record_unsubscribe(people["carl"], on=date(2026, 3, 1))
    return SimpleNamespace(booking=booking, tilsyn=tilsyn, egeby=egeby, supplier=supplier, **people)
