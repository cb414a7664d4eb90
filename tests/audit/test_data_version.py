"""request_data_version: a read is answered from one version of the data; a write reads it afresh."""

import pytest
from django.test import RequestFactory

from os2org.audit.selectors import data_version, request_data_version
from os2org.organisation.services import save_person

pytestmark = pytest.mark.django_db


def test_read_keeps_the_version_it_first_read():
    request = RequestFactory().get("/")
    first = request_data_version(request)

    save_person(name="Ane Holm")

    assert request_data_version(request) == first


def test_write_reads_the_version_after_its_change():
    request = RequestFactory().post("/")
    request_data_version(request)

    save_person(name="Ane Holm")

    assert request_data_version(request) == data_version()
