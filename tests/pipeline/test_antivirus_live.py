"""Uploads scanned by a real worker through a real clamd, as in production: sent by the
citizen, enqueued on commit, clean one opened, infected one deleted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures.constants import DocumentKind, ScanStatus
from procedures.models import Document
from tests.antivirus import EICAR
from tests.backoffice.test_antivirus import _pdf
from tests.factories import ServiceFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .live import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_the_worker_scans_what_the_citizen_sends(clamd, live_worker, transactional_db, client):
    case = CaseFactory(in_review=True,
                       service=ServiceFactory(code="demo-service", name="Service de démo"))
    log_in(client, case.applicant)
    for name, content in (("sain.pdf", _pdf()), ("eicar.pdf", _pdf(EICAR))):
        response = client.post(reverse("procedures:message", args=[case.public_id]), {
            "body": "Voici un justificatif.", "attachment": SimpleUploadedFile(name, content)})
        assert response.status_code == 302  # the request did not wait for the scan

    uploads = Document.objects.filter(case=case, kind=DocumentKind.ATTACHMENT)
    wait_for(lambda: not uploads.filter(scan=ScanStatus.PENDING).exists(), message="the scans")
    assert dict(uploads.values_list("name", "scan")) == {
        "sain.pdf": ScanStatus.CLEAN, "eicar.pdf": ScanStatus.INFECTED}
    clean = uploads.get(name="sain.pdf")
    download = client.get(reverse("procedures:document", args=[clean.public_id]))
    assert download.status_code == 200
    assert "Virus Guichet.Test.EICAR.UNOFFICIAL found" in live_worker.output()
