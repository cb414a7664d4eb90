"""The hand-kept member lists become agreements, so that agreements are the one source of who is a member.

Each organisation listed as a member authority of a product, a project or
a programme gets an active agreement from the first day of the year the
migration runs, without fees, and a note saying where it came from: the
secretariat fills in the real terms (signed day, fees) when it has them.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

JOINABLE_KINDS = ("product_community", "project_community", "programme")
NOTE = (
    "Oprettet ud fra medlemslisten, da aftalerne blev indført: angiv den rigtige underskriftsdato, periode og betaling."
)


def agreements_from_lists(apps, schema_editor):
    Body = apps.get_model("organisation", "Body")
    Agreement = apps.get_model("members", "Agreement")
    first = date(timezone.localdate().year, 1, 1)
    through = Body.member_authorities.through
    pairs = through.objects.filter(body__kind__in=JOINABLE_KINDS).values_list("body_id", "organisation_id")
    Agreement.objects.bulk_create(
        [
            Agreement(
                organisation_id=organisation_id,
                product_id=body_id,
                status="active",
                signed=first,
                starts=first,
                notes=NOTE,
            )
            for body_id, organisation_id in pairs
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(agreements_from_lists, migrations.RunPython.noop)]
