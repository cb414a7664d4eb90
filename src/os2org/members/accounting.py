"""Contributions to and from the accounting system: an export of invoice lines, an import of what was paid.

The export has one row per contribution (an invoice line), with the
organisation's CVR and EAN numbers for e-invoicing and the account its
product's income is booked to. The accounting system sends back the same
layout with the status, the invoice number and the days filled in; any
columns of the export may stay in the file, only `line` and `status` are
needed. The import is all or nothing: one bad row, and nothing changes.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from os2org.audit.services import record_each, snapshot
from os2org.common.spreadsheets import csv_text
from os2org.common.tables import Row, TableError, read_table, write_xlsx
from os2org.common.validation import full_clean
from os2org.members import cells
from os2org.members.models import Contribution

COLUMNS = (
    "line",
    "year",
    "organisation",
    "cvr",
    "ean",
    "product",
    "programme",
    "kind",
    "from",
    "until",
    "amount",
    "account",
    "status",
    "invoice_number",
    "invoiced_on",
    "paid_on",
)


def export_rows(contributions) -> list[list]:
    """The header and a row per contribution, in COLUMNS' order. `until` is the last day paid for."""
    rows = [list(COLUMNS)]
    for line in contributions.select_related(
        "agreement__organisation", "agreement__product__programme", "agreement__account"
    ):
        agreement = line.agreement
        product = agreement.product
        rows.append(
            [
                line.pk,
                line.year,
                agreement.organisation.name,
                agreement.organisation.cvr,
                agreement.organisation.ean,
                product.name,
                product.programme.name if product.programme else "",
                line.kind,
                line.starts.isoformat(),
                date.fromordinal(line.ends.toordinal() - 1).isoformat(),
                line.amount,
                agreement.account.number if agreement.account else "",
                line.status,
                line.invoice_number,
                line.invoiced_on.isoformat() if line.invoiced_on else "",
                line.paid_on.isoformat() if line.paid_on else "",
            ]
        )
    return rows


def export_csv(contributions) -> str:
    return csv_text(export_rows(contributions))


def export_xlsx(contributions) -> bytes:
    return write_xlsx({_("contributions"): export_rows(contributions)})


def import_payments(path, *, actor=None, name=None) -> tuple[int, int]:
    """Set each listed contribution's status, invoice number and days from the accounting system's file.

    Side effects: the changed Contribution rows, one audit entry each, in
    one transaction. Raises TableError (`place: message`) and changes
    nothing when any row is wrong. Returns (changed, unchanged).
    """
    rows = read_table(path, columns=COLUMNS, required=("line", "status"), name=name)
    with transaction.atomic():
        stored = Contribution.objects.select_for_update().in_bulk([_line(row) for row in rows])
        changed, unchanged, seen = [], 0, set()
        for row in rows:
            contribution = stored.get(_line(row))
            if contribution is None:
                row.fail("line", _("there is no invoice line %(line)s.") % {"line": row.get("line")})
            if contribution.pk in seen:
                row.fail("line", _("line %(line)s is given twice.") % {"line": contribution.pk})
            seen.add(contribution.pk)
            before = snapshot(contribution)
            _apply(row, contribution)
            if snapshot(contribution) == before:
                unchanged += 1
            else:
                changed.append((contribution, before))
        Contribution.objects.bulk_update(
            [c for c, _before in changed], ["status", "invoice_number", "invoiced_on", "paid_on"]
        )
        record_each(
            "members.contribution",
            changed,
            summary=lambda c: _("payment status from the accounts: %(name)s") % {"name": c},
            actor=actor,
        )
    return len(changed), unchanged


def _line(row: Row) -> int | None:
    value = row.get("line")
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        row.fail("line", _("“%(value)s” is not a line number of the export.") % {"value": value})
    return int(value)


def _apply(row, contribution):
    contribution.status = cells.choice(row, "status", Contribution.Status)
    if "invoice_number" in row.values:
        contribution.invoice_number = row.get("invoice_number")
    for key, field in (("invoiced_on", "invoiced_on"), ("paid_on", "paid_on")):
        if key in row.values:
            setattr(contribution, field, cells.day(row, key))
    try:
        full_clean(contribution)
    except ValidationError as error:
        raise TableError(row.place, " ".join(error.messages)) from None
