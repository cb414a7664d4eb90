import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from os2org.common.tables import MAX_UNPACKED_BYTES, TableError, read_table, write_xlsx

COLUMNS = ("name", "amount", "note")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def write(tmp_path, text, name="table.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path, **kwargs):
    with pytest.raises(TableError) as raised:
        read_table(path, columns=COLUMNS, **kwargs)
    return str(raised.value)


def test_read_table_gives_each_row_its_line(tmp_path):
    rows = read_table(write(tmp_path, "name;amount\nEgeby;12\n\nNyby;7\n"), columns=COLUMNS)
    assert [(row.place.rsplit(":", 1)[1], row.values) for row in rows] == [
        ("2", {"name": "Egeby", "amount": "12"}),
        ("4", {"name": "Nyby", "amount": "7"}),
    ]


def test_read_table_counts_a_cell_over_two_lines_from_its_first(tmp_path):
    rows = read_table(write(tmp_path, 'name,note\nEgeby,"to\nlinjer"\nNyby,x\n'), columns=COLUMNS)
    assert [row.place.rsplit(":", 1)[1] for row in rows] == ["2", "4"]


def test_read_table_reads_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffname;amount\nEgeby;12\n".encode())
    assert read_table(path, columns=COLUMNS)[0].values == {"name": "Egeby", "amount": "12"}


def test_read_table_refuses_an_unknown_column(tmp_path):
    path = write(tmp_path, "name;colour\nEgeby;blue\n")
    assert refused(path) == f"{path}:1: unknown column “colour” (expected: name, amount, note)."


def test_read_table_refuses_a_missing_required_column(tmp_path):
    path = write(tmp_path, "name\nEgeby\n")
    assert refused(path, required=("amount",)) == f"{path}:1: the header has no “amount” column."


def test_read_table_refuses_a_row_longer_than_its_header(tmp_path):
    path = write(tmp_path, "name;amount\nEgeby;12;x\n")
    assert refused(path) == f"{path}:2: the row has 3 cells, the header 2."


def test_read_table_refuses_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("name\nÆrø\n".encode("latin-1"))
    assert refused(path) == f"{path}: not UTF-8 text: save the file as CSV UTF-8 or as XLSX."


def test_read_table_refuses_an_empty_file(tmp_path):
    path = write(tmp_path, "")
    assert refused(path) == f"{path}: the file is empty; expected a header row: name, amount, note."


def test_read_table_names_the_cell_of_a_spreadsheet(tmp_path):
    book = Workbook()
    book.active.title = "Ark"
    book.active.append(["name", "amount"])
    book.active.append(["Egeby", 12.5])
    path = tmp_path / "table.xlsx"
    book.save(path)
    (row,) = read_table(path, columns=COLUMNS)
    assert (row.values, row.at("amount")) == ({"name": "Egeby", "amount": "12.5"}, f"{path}:Ark!B2")


def test_read_table_refuses_a_zip_that_unpacks_too_far(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(MAX_UNPACKED_BYTES // len(block) + 1):
                member.write(block)
    assert path.stat().st_size < 1 << 20
    assert refused(path) == f"{path}: the spreadsheet unpacks to more than 200 MB."


def test_read_table_refuses_a_zip_that_is_no_spreadsheet(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refused(path).startswith(f"{path}: not a readable XLSX file:")


def test_read_table_refuses_a_link(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(write(tmp_path, "name\nEgeby\n"))
    assert refused(link) == f"{link}: not a file (a link or a folder is not read)."


def test_write_xlsx_keeps_a_formula_as_text(tmp_path):
    path = tmp_path / "out.xlsx"
    path.write_bytes(write_xlsx({"ark": [["name"], ["=HYPERLINK(\"http://x\")"]]}))
    cell = load_workbook(path)["ark"]["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")
