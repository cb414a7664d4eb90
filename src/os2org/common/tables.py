"""Tables from files nobody here wrote: CSV and XLSX, read the same way, within bounded time and memory.

An accounting system exports CSV (with ; or , between cells) or a
spreadsheet; a secretariat keeps its member register in either. Both are
read here into rows of {column: text}, each row knowing where it stood, so
that an error names the place as the person who made the file would look
for it: `file:line` for CSV, `file:Sheet!C4` for a spreadsheet.

An XLSX file is a zip archive: a few kilobytes can unpack into gigabytes.
The archive's own directory says how large each part unpacks, and it is
read before anything is unpacked; XML entity expansion is refused by the
parser (expat ≥ 2.4). Both formats are cut off at MAX_ROWS.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 20 * 1024 * 1024
# An XLSX of 20,000 rows of ten short cells unpacks to about 10 MB.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 100_000
MAX_CELL = 2_000


class TableError(ValueError):
    """A problem in a table; str() is `place: message`."""

    def __init__(self, place, message):
        super().__init__(place, message)
        self.place, self.message = place, message

    def __str__(self):
        return f"{self.place}: {self.message}"


@dataclass
class Row:
    """A row's non-empty cells by column, and the place of the row and of each cell."""

    place: str
    values: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)

    def get(self, column, default=""):
        return self.values.get(column, default)

    def at(self, column):
        """Where a cell stands (the row's place for a CSV file)."""
        return self.places.get(column, self.place)

    def fail(self, column, message):
        raise TableError(self.at(column), f"{column}: {message}")


def read_table(path, *, columns, required=(), name=None):
    """The rows of a CSV or XLSX file (told apart by their bytes; an XLSX file's first sheet) whose
    header names `columns`.

    Every column in the header must be one of `columns`, once; each of
    `required` must be there. Empty rows are skipped. `name` is how errors
    name the file (the upload's name, say); by default its path.
    """
    return read_tables(path, {None: (columns, required)}, name=name)[None]


def read_tables(path, tables, *, name=None):
    """{table: [Row]} from a CSV or XLSX file, for `tables` = {table: (columns, required columns)}.

    A spreadsheet holds each table on the sheet of its name; a CSV file
    holds one table, the first whose required columns its header has. A
    single table named None is read from whatever a file holds.
    """
    path = Path(path)
    name = name or str(path)
    if path.is_symlink() or not path.is_file():
        raise TableError(name, _("not a file (a link or a folder is not read)."))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise TableError(name, _("the file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    with path.open("rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    if is_zip:
        return _xlsx_tables(path, name, tables)
    rows = list(_csv_rows(path, name))
    table = _table_of(rows, tables, name)
    return {table: _records(rows, name, *tables[table])}


def _table_of(rows, tables, name):
    """The table a CSV file's header says it holds."""
    if list(tables) == [None] or not rows:
        return next(iter(tables))
    header = {cell.strip().lower() for cell in rows[0][2]}
    for table, (_columns, required) in tables.items():
        if set(required) <= header:
            return table
    expected = "; ".join(", ".join(required) for _columns, required in tables.values())
    raise TableError(rows[0][0], _("the header has none of the column sets expected: %(sets)s.") % {"sets": expected})


def _csv_rows(path, name):
    """(place, [cell]) for each line of a CSV file; the first is the header."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(name, _("not UTF-8 text: save the file as CSV UTF-8 or as XLSX.")) from None
    header = text.partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield f"{name}:{line}", None, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise TableError(f"{name}:{reader.line_num}", _("not valid CSV: %(problem)s") % {"problem": error}) from None


def _xlsx_tables(path, name, tables):
    """Each table from the sheet of its name, or (for a single table named None) the first sheet."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise TableError(name, _("not a CSV or XLSX file.")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(name, _("the spreadsheet unpacks to more than %(mb)d MB.") % {"mb": MAX_UNPACKED_BYTES >> 20})
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError(name, _("not a readable XLSX file: %(problem)s") % {"problem": error}) from None
    try:
        if list(tables) == [None]:
            return {None: _records(_sheet_rows(book.worksheets[0], name), name, *tables[None])}
        found = {}
        for sheet in book.worksheets:
            if sheet.title not in tables:
                message = _("a sheet named “%(sheet)s”; expected sheets named %(tables)s.")
                raise TableError(name, message % {"sheet": sheet.title, "tables": ", ".join(tables)})
            found[sheet.title] = _records(_sheet_rows(sheet, name), name, *tables[sheet.title])
        return found
    finally:
        book.close()


def _sheet_rows(sheet, name):
    """(place, [cell place], [cell]) for each row of a sheet."""
    from openpyxl.utils import get_column_letter

    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        where = [f"{name}:{sheet.title}!{get_column_letter(index)}{number}" for index in range(1, len(cells) + 1)]
        yield f"{name}:{sheet.title}!{number}", where, [_cell_text(cell) for cell in cells]


def _cell_text(value):
    """A spreadsheet cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def _records(rows, name, columns, required):
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        raise TableError(name, _("the file is empty; expected a header row: %(columns)s.") % _expected(columns))
    header_place, _places, cells = first
    header = [cell.strip().lower() for cell in cells]
    while header and not header[-1]:
        header.pop()
    _check_header(header_place, header, columns, required)
    records = []
    for place, places, cells in rows:
        if len(records) >= MAX_ROWS:
            raise TableError(place, _("more than %(rows)d rows.") % {"rows": MAX_ROWS})
        row = _row(place, places, header, cells)
        if row.values:
            records.append(row)
    return records


def _expected(columns):
    return {"columns": ", ".join(columns)}


def _check_header(place, header, columns, required):
    for number, column in enumerate(header):
        if column not in columns:
            raise TableError(
                place,
                _("unknown column “%(column)s” (expected: %(columns)s).") % {"column": column, **_expected(columns)},
            )
        if column in header[:number]:
            raise TableError(place, _("the column “%(column)s” is given twice.") % {"column": column})
    for column in required:
        if column not in header:
            raise TableError(place, _("the header has no “%(column)s” column.") % {"column": column})


def _row(place, places, header, cells):
    if len(cells) > len(header) and any(str(cell).strip() for cell in cells[len(header) :]):
        raise TableError(
            place,
            _("the row has %(found)d cells, the header %(expected)d.") % {"found": len(cells), "expected": len(header)},
        )
    row = Row(place)
    for index, (column, cell) in enumerate(zip(header, cells)):
        text = str(cell).strip()
        if len(text) > MAX_CELL:
            raise TableError(
                places[index] if places else place, _("a cell of more than %(n)d characters.") % {"n": MAX_CELL}
            )
        if text:
            row.values[column] = text
            if places:
                row.places[column] = places[index]
    return row


def write_xlsx(sheets):
    """{sheet title: rows (the first one the header)} as an XLSX file's bytes.

    A text is always stored as text: one that starts with "=" would else be
    written as a formula, which a spreadsheet runs (formula injection).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
