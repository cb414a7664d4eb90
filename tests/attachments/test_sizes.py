import pytest
from django.utils import translation

from os2org.attachments.sizes import format_size


@pytest.mark.parametrize(
    ("size", "danish", "english"),
    [
        (1, "1 byte", "1 byte"),
        (1023, "1.023 bytes", "1,023 bytes"),
        (1536, "1,5 KB", "1.5 KB"),
        (1024 * 1024, "1 MB", "1 MB"),
        (1234567, "1,2 MB", "1.2 MB"),
        (20 * 1024 * 1024, "20 MB", "20 MB"),
        (1500 * 1024 * 1024, "1.500 MB", "1,500 MB"),
    ],
)
def test_format_size_reads_in_each_language(size, danish, english):
    with translation.override("da"):
        da = format_size(size)
    with translation.override("en"):
        en = format_size(size)

    assert (da, en) == (danish, english)
