"""The same relative asked for from two tabs at once: one request for staff, no error page."""

import threading
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from members.services import beneficiary_request_add
from tests.portal.conftest import make_associate, make_cooperative


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_the_same_person_make_one():
    associate = make_associate(make_cooperative("cemcop", "CEMCOP", "CEM"))
    start, errors = threading.Barrier(6), []

    def ask():
        try:
            start.wait()
            beneficiary_request_add(
                associate=associate,
                data={"relationship": "child", "first_names": "Mateo", "document_number": "1098"},
                support_file=SimpleUploadedFile("r.pdf", b"%PDF-1.7 registro"),
                today=date(2026, 11, 22),
            )
        except Exception as error:  # noqa: BLE001 — any error is the failure this test looks for
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert associate.beneficiaries.filter(document_number="1098").count() == 1
