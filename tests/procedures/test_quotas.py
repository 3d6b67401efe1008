"""Messages and uploads: limited per person and case, and a quota of files per case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures.constants import DocumentKind
from procedures.models import Document, Message
from tests.second_factor import log_in

from .factories import CaseFactory
from .test_uploads import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(client, demo_service):
    case = CaseFactory(submitted=True)
    log_in(client, case.applicant)
    return case


def post(client, case, body="Bonjour", attachment=None):
    data = {"body": body}
    if attachment is not None:
        data["attachment"] = attachment
    return client.post(reverse("procedures:message", args=[case.public_id]), data)


def test_messages_are_limited_per_person_and_case(client, case, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "message-account-case": (3, 3600)}
    assert [post(client, case).status_code for _ in range(3)] == [302] * 3
    refused = post(client, case, "Encore un")
    assert refused.status_code == 429
    assert "beaucoup de messages sur ce dossier" in refused.content.decode()
    assert Message.objects.filter(case=case).count() == 3
    other = CaseFactory(submitted=True, applicant=case.applicant)
    assert post(client, other).status_code == 302  # another case has its own budget


def test_a_case_holds_a_quota_of_files(client, case, settings):
    settings.UPLOADS_PER_CASE = 2
    for number in range(2):
        assert post(client, case, attachment=SimpleUploadedFile(f"p{number}.pdf", PDF)
                    ).status_code == 302
    refused = post(client, case, "Et un troisième", SimpleUploadedFile("p3.pdf", PDF))
    assert refused.status_code == 400
    assert "Ce dossier contient déjà 2 fichiers" in refused.content.decode()
    assert Document.objects.filter(case=case, kind=DocumentKind.ATTACHMENT).count() == 2
    assert not Message.objects.filter(body="Et un troisième").exists()


def test_uploads_are_limited_per_person_and_case(client, case, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload-account-case": (1, 3600)}
    assert post(client, case, attachment=SimpleUploadedFile("a.pdf", PDF)).status_code == 302
    refused = post(client, case, "Deux", SimpleUploadedFile("b.pdf", PDF))
    assert "beaucoup de fichiers sur ce dossier" in refused.content.decode()
    assert Document.objects.filter(case=case, kind=DocumentKind.ATTACHMENT).count() == 1


def test_the_wizard_counts_its_uploads_in_the_case_quota(client, demo_service, settings):
    settings.UPLOADS_PER_CASE = 2
    case = CaseFactory(applicant__email="brouillon@example.org")
    log_in(client, case.applicant)
    url = reverse("procedures:step", args=[case.public_id, "request"])
    fields = {"topic": "park", "details": "Avec justificatif"}
    for name in ("a.pdf", "b.pdf"):  # each post of the step keeps a new file
        client.post(url, {**fields, "proof": SimpleUploadedFile(name, PDF)})
    refused = client.post(url, {**fields, "proof": SimpleUploadedFile("c.pdf", PDF)})
    assert "Ce dossier contient déjà 2 fichiers" in refused.content.decode()
    assert Document.objects.filter(case=case).count() == 2
