import resource

import pytest
from django.conf import settings

from procedures import documents, workflow
from procedures.constants import DocumentKind
from procedures.demo.procedure import DemoProcedure
from procedures.models import Document
from tests.procedures.factories import CaseFactory

from .conftest import last_event
from .helpers import pdf_qr_codes, pdf_text, read

pytestmark = pytest.mark.django_db


def test_the_receipt_says_what_was_filed_and_how_to_check_it(submitted):
    case = submitted(applicant__first_name="Camille", applicant__last_name="Martin")
    receipt = Document.objects.get(case=case, kind=DocumentKind.RECEIPT)
    pdf = read(receipt)
    text = pdf_text(pdf)
    for expected in (case.reference, "Camille Martin", "Accusé de réception",
                     "Demande de démonstration", "Service de démonstration",
                     "Permis de stationnement",
                     "Une place devant le 12 rue des Lilas.", receipt.verification_code):
        assert expected in text
    assert pdf_qr_codes(pdf) == [
        f"{settings.SITE_URL}/verifier/?reference={case.reference}&code={receipt.verification_code}"
    ]
    assert receipt.name == f"accuse-de-reception-{case.reference}.pdf"
    assert receipt.content_type == "application/pdf"
    assert receipt.size == len(pdf)
    assert receipt.case_version == case.version


def test_the_receipt_is_in_the_applicants_language(submitted):
    from procedures.language import remember_language

    case = CaseFactory()
    remember_language(case.applicant, "en")
    case = submitted(applicant=case.applicant)
    text = pdf_text(read(Document.objects.get(case=case, kind=DocumentKind.RECEIPT)))
    assert "Acknowledgement of receipt" in text
    assert f"acknowledgement-of-receipt-{case.reference}.pdf" in case.documents.get().name


def test_making_a_receipt_twice_keeps_one(submitted):
    case = submitted()
    event = case.events.get(kind="submit")
    first = Document.objects.get(case=case)
    assert documents.make_receipt(event) == first
    assert Document.objects.filter(case=case).count() == 1


@pytest.mark.parametrize(("action", "kwargs", "expected"), [
    ("accept", {"text": ""}, "Votre demande est acceptée."),
    ("reject", {"text": "Le justificatif de domicile a plus de trois mois."},
     "Votre demande est rejetée."),
    ("close", {"text": "Demande en double."}, "sans décision sur le fond"),
])
def test_a_decision_document_states_the_decision_and_its_reasons(
        agent, django_capture_on_commit_callbacks, action, kwargs, expected):
    case = CaseFactory(in_review=True, service=agent.memberships.get().service)
    with django_capture_on_commit_callbacks(execute=True):
        getattr(workflow, action)(case.pk, agent, **kwargs)
    decision = Document.objects.get(case=case, kind=DocumentKind.DECISION)
    text = pdf_text(read(decision))
    assert expected in text
    assert kwargs["text"] in text
    assert agent.get_full_name() in text  # the author, as the law requires
    assert ("tribunal administratif" in text) == (action == "reject")
    assert decision.case_version == case.version + 1


class CertificateProcedure(DemoProcedure):
    """Adds an issued certificate to its decision, through Procedure.decision_details."""

    slug = "demo-certificate"
    reference_prefix = "CE"

    def decision_details(self, case, event):
        if event.to_status != "accepted":
            return None
        return {"template": "pdf/details_table.html", "context": {
            "title": "Extrait d’acte de naissance",
            "rows": [("Nom", "MARTIN"), ("Né le", "12 avril 1988")],
        }}


@pytest.fixture
def certificate_procedure(registered):
    return registered(CertificateProcedure)[0]


def test_a_procedure_adds_its_own_part_to_the_decision(
        certificate_procedure, agent, django_capture_on_commit_callbacks):
    case = CaseFactory(in_review=True, procedure="demo-certificate")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(case.pk, agent)
    text = pdf_text(read(Document.objects.get(case=case, kind=DocumentKind.DECISION)))
    assert "Extrait d’acte de naissance" in text
    assert "MARTIN" in text


def test_no_document_for_events_that_decide_nothing(agent, django_capture_on_commit_callbacks):
    case = CaseFactory(submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start_review(case.pk, agent)
    assert not Document.objects.filter(case=case).exists()
    assert not documents.needs_decision(last_event(case))


def test_the_floor_page_renders_with_the_same_stylesheet():
    assert documents.render_floor_pdf().startswith(b"%PDF")


def _at_depth(frames, call):
    return _at_depth(frames - 1, call) if frames else call()


def test_rendering_from_a_deep_call_stack_costs_no_memory_mapping():
    """A Celery task renders from deep down its stack. Wherever it starts, a render must not
    map and unmap CPython's frame-stack chunks over and over (python/cpython#142183): without
    its own thread, some depths cost hundreds to 2 100 page faults a render here, others 10."""
    documents.render_floor_pdf()
    worst = 0
    for frames in range(0, 200, 4):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        _at_depth(frames, documents.render_floor_pdf)
        worst = max(worst, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    assert worst < 300


def test_rendering_fetches_nothing_but_the_fonts():
    engine = documents._engine()
    for url in ("https://example.org/tracker.png", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            engine.url_fetcher.fetch(url)


@pytest.mark.parametrize(("name", "initials"), [
    ("Camille Martin", "C. M."), ("Jean-Pierre Le Goff", "J. P. L. G."),
    ("Boulangerie Benali SARL", "B. B. S."), ("", ""),
])
def test_initials(name, initials):
    assert documents.initials(name) == initials


@pytest.mark.postgres
def test_two_workers_rendering_at_once_keep_one_receipt(transactional_db, settings):
    import threading

    from django.db import connection

    from tests.factories import ServiceFactory

    ServiceFactory(code="demo-service")
    case = CaseFactory()
    workflow.submit(case.pk, case.applicant)  # eager: renders the receipt…
    for document in Document.objects.all():  # …which we forget, as if two workers started
        document.file.delete()                # before it was there
        document.delete()
    event = case.events.get(kind="submit")
    barrier, made = threading.Barrier(2), []

    def worker():
        barrier.wait()
        try:
            made.append(documents.make_receipt(event))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 2 and made[0] == made[1]
    assert Document.objects.filter(case=case).count() == 1
    folder = (settings.STORAGES["default"]["OPTIONS"]["inner"]["OPTIONS"]["location"]
              / "cases" / str(case.public_id))
    assert [path.name for path in folder.iterdir()] == [made[0].file.name.rsplit("/", 1)[1]]
