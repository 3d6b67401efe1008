"""Another citizen, or an agent of another service, gets 404 on every URL that names a case,
a document or a draft: the list is read from the URLconf, not written by hand."""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from procedures.constants import DocumentKind
from procedures.models import Case, Document
from procedures.urls import urlpatterns
from tests.factories import UserFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

PRIVATE = [p for p in urlpatterns if "<uuid:public_id>" in str(p.pattern)]


def test_every_private_url_is_listed():
    names = {p.name for p in PRIVATE}
    assert {"case", "step", "review", "message", "withdraw", "discard", "document"} <= names
    assert "procedures" in get_resolver().namespace_dict


def _urls(case, draft, document):
    for pattern in PRIVATE:
        target = document.public_id if pattern.name == "document" else (
            draft.public_id if pattern.name in ("step", "review", "discard") else case.public_id)
        kwargs = {"public_id": target}
        if "<slug:step_name>" in str(pattern.pattern):
            kwargs["step_name"] = "identity"
        yield reverse(f"procedures:{pattern.name}", kwargs=kwargs)


@pytest.fixture
def owned(demo_service):
    case = CaseFactory(submitted=True)
    draft = CaseFactory(applicant=case.applicant)
    document = Document.objects.create(case=case, kind=DocumentKind.ATTACHMENT, name="x.pdf",
                                       content_type="application/pdf", file="cases/x.pdf")
    return case, draft, document


@pytest.mark.parametrize("intruder", ["citizen", "agent_of_another_service"])
def test_intruders_get_404_everywhere(client, owned, other_agent, intruder):
    log_in(client, UserFactory() if intruder == "citizen" else other_agent)
    for url in _urls(*owned):
        # 405 for the method a view does not take, whatever the id: it reveals nothing.
        statuses = {client.get(url).status_code,
                    client.post(url, {"body": "x", "first_name": "x"}).status_code}
        assert 404 in statuses and statuses <= {404, 405}, url
    case, draft, _ = owned
    case.refresh_from_db()
    draft.refresh_from_db()
    assert (case.version, case.status, draft.status) == (1, "submitted", "draft")
    assert not case.messages.exists()


def test_forged_ids_get_404(client, owned):
    case, _, _ = owned
    log_in(client, case.applicant)
    assert client.get(reverse("procedures:case", args=[uuid.uuid4()])).status_code == 404
    assert client.get(f"/dossiers/{case.pk}/").status_code == 404
    assert client.get("/dossiers/'%20OR%201=1/").status_code == 404


def test_the_owner_and_the_agent_of_the_service_may_read(client, owned, agent):
    case, draft, document = owned
    document.file.save("x.pdf", ContentFile(b"%PDF-1.4"))
    log_in(client, case.applicant)
    assert client.get(reverse("procedures:case", args=[case.public_id])).status_code == 200
    assert client.get(reverse("procedures:document", args=[document.public_id])).status_code == 200
    log_in(client, agent)
    assert client.get(reverse("procedures:document", args=[document.public_id])).status_code == 200
    assert list(Case.objects.for_agent(agent)) == [case]  # never the draft
