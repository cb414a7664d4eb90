"""CSV that is safe to open in a spreadsheet.

A cell that starts with =, +, -, @ or a control character is read by
Excel and LibreOffice as a formula, which can fetch addresses or run
commands (CSV injection). Such a cell gets a leading apostrophe, as OWASP
advises: the spreadsheet shows the text as it was, and runs nothing.
"""

import csv
import io
from decimal import Decimal

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")


def safe_cell(value):
    """The cell's text, neutralised if a spreadsheet would read it as a formula.

    Numbers are left as they are: -3 is a number, not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(DANGEROUS_STARTS) or (text and ord(text[0]) < 32):
        return "'" + text
    return text


def csv_text(rows):
    """The rows (the first one the header) as CSV text, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
