import pytest

from os2org.common.colours import BLACK, INK, WHITE, contrast, luminance, mix, strong, text_on


def test_luminance_runs_from_black_to_white():
    assert (luminance(BLACK), luminance(WHITE)) == (0.0, 1.0)


def test_contrast_of_black_on_white_is_21_to_1():
    assert contrast(BLACK, WHITE) == 21.0


def test_contrast_of_wcag_grey_on_white():
    # #767676 is the palest grey that WCAG's 4.5:1 admits on white.
    assert round(contrast("#767676", WHITE), 2) == 4.54


def test_mix_takes_the_share_of_the_other_colour():
    assert (mix("#000000", WHITE, 0.5), mix("#7253ed", WHITE, 0), mix("#7253ed", WHITE, 1)) == (
        "#808080",
        "#7253ed",
        WHITE,
    )


@pytest.mark.parametrize(
    ("fill", "text"), [("#ffeb82", INK), ("#183385", WHITE), ("#7253ed", WHITE), ("#f5f6fa", INK), ("#777777", BLACK)]
)
def test_text_on_a_fill_is_the_colour_that_reads_best(fill, text):
    assert text_on(fill) == text


@pytest.mark.parametrize("fill", ["#ffeb82", "#183385", "#7253ed", "#41d693", "#777777", "#808080", "#e94c4c"])
def test_text_on_any_fill_reaches_4_5_to_1(fill):
    assert contrast(text_on(fill), fill) >= 4.5


def test_strong_keeps_a_colour_that_stands_out_from_white():
    assert strong("#183385") == "#183385"


def test_strong_darkens_a_pale_colour_until_it_stands_out_from_white():
    line = strong("#ffeb82")

    # Half ink is the first tenth that reaches 3:1 (3.61); four tenths give 2.82.
    assert (line, line == mix("#ffeb82", INK, 0.5), contrast(mix("#ffeb82", INK, 0.4), WHITE) < 3) == (
        "#8e8859",
        True,
        True,
    )
