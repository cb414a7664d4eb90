"""Joining an organisation to a product the way the secretariat does: an active agreement (os2org.members)."""

from datetime import date

from os2org.members.services import save_agreement


def join(organisation, product, *, starts=date(2024, 1, 1), **terms):
    """An active agreement from `starts`, signed that day unless `terms` say otherwise; the product's
    member authorities follow."""
    terms = {"status": "active", "signed": starts, **terms}
    return save_agreement(organisation=organisation, product=product, starts=starts, **terms)
