import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from os2org.common.identifiers import digits_only, ean_is_valid, gs1_check_digit, validate_cvr, validate_ean


@pytest.fixture(autouse=True)
def english():
    """Messages are compared as written (English); the Danish catalogue is tested on its own."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("cvr", ["64942212", "55133018", "29189846"])
def test_validate_cvr_accepts_numbers_whose_weighted_sum_divides_by_eleven(cvr):
    assert validate_cvr(cvr) is None


def test_validate_cvr_refuses_a_mistyped_digit():
    with pytest.raises(ValidationError) as raised:
        validate_cvr("64942213")
    assert raised.value.messages == [
        "64942213 is not a CVR number: its check digit does not add up. Check it against the CVR register."
    ]


def test_validate_cvr_refuses_two_swapped_digits():
    with pytest.raises(ValidationError) as raised:
        validate_cvr("46942212")
    assert raised.value.code == "cvr_check"


@pytest.mark.parametrize("cvr", ["6494221", "649422120", "6494221x", "６４９４２２１２"])
def test_validate_cvr_refuses_anything_but_eight_digits(cvr):
    with pytest.raises(ValidationError) as raised:
        validate_cvr(cvr)
    assert raised.value.messages == ["A CVR number has 8 digits."]


def test_validate_cvr_accepts_an_empty_number():
    assert validate_cvr("") is None


def test_gs1_check_digit_of_a_known_ean():
    # The EAN-13 of a retail product, printed under its bar code: 4006381333931.
    assert gs1_check_digit("400638133393") == 1


@pytest.mark.parametrize("ean", ["4006381333931", "5798000000018", "5790001330583"])
def test_ean_is_valid_for_numbers_with_their_check_digit(ean):
    assert ean_is_valid(ean) is True


def test_validate_ean_refuses_a_wrong_check_digit():
    with pytest.raises(ValidationError) as raised:
        validate_ean("5798000000015")
    assert raised.value.code == "ean_check"


def test_validate_ean_refuses_twelve_digits():
    with pytest.raises(ValidationError) as raised:
        validate_ean("579800000001")
    assert raised.value.messages == ["An EAN number has 13 digits."]


def test_digits_only_takes_out_spaces_and_hyphens():
    assert digits_only(" 5798-0000 0001 4 ") == "5798000000014"
