"""Companies are claimed, not squatted: a claim with its proof, reviewed by an agent who holds
the review permission; the same answer whatever the guichet knows of the SIRET."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.constants import ClaimStatus
from accounts.demo import claim_reviewers
from accounts.models import Company, CompanyClaim
from procedures import workflow
from procedures.errors import NotRepresented
from procedures.language import remember_language
from procedures.models import Case
from tests.antivirus import EICAR
from tests.factories import (
    AgentFactory,
    CompanyClaimFactory,
    CompanyFactory,
    ServiceFactory,
    UserFactory,
)
from tests.second_factor import log_in

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SIRET = "73282932000074"
UNKNOWN_SIRET = "35600000000048"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def kbis(content=PDF, name="kbis.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def claim(client, siret=SIRET, name="Boulangerie Benali SARL", **extra):
    return client.post(reverse("accounts:company_add"), {
        "siret": siret, "name": name, "address": "3 place du Marché", "postal_code": "33000",
        "city": "Bordeaux", "role": "legal_representative", "proof": kbis(), **extra})


def signed_in(client, user=None):
    user = user or UserFactory()
    log_in(client, user)
    return user


@pytest.fixture
def reviewer():
    agent = AgentFactory()
    agent.groups.add(claim_reviewers())
    return agent


def review(client, reviewer, claim_obj, decision, reason=""):
    log_in(client, reviewer)
    return client.post(reverse("admin:accounts_companyclaim_change", args=[claim_obj.pk]),
                       {"decision": decision, "refusal_reason": reason})


def answer_of(response, client):
    """What the claimant reads after filing: where they land and the page's message."""
    page = client.get(response["Location"]).content.decode()
    page = re.sub(r"demandes/[0-9a-f-]{36}/", "demandes/ID/", page[page.index("<main"):])
    return response.status_code, response["Location"], page


def test_a_claim_is_pending_and_gives_no_access(client, demo_service):
    user = signed_in(client)
    response = claim(client, siret="732 829 320 00074")
    assert response.status_code == 302
    filed = CompanyClaim.objects.get()
    assert (filed.user, filed.siret, filed.status) == (user, SIRET, ClaimStatus.PENDING)
    assert filed.proof_name == "kbis.pdf" and filed.proof_type == "application/pdf"
    assert not filed.proof.name.endswith("kbis.pdf")  # a random name on disk
    assert not Company.objects.exists() and not Company.objects.represented_by(user).exists()
    start = client.post(reverse("procedures:start", args=["demo-company"]))
    assert start["Location"] == reverse("accounts:companies")
    assert "vérifie encore votre demande" in client.get(start["Location"]).content.decode()


def test_squatting_first_locks_nobody_out_and_the_answer_is_the_same(client, demo_service):
    """The first account to register a SIRET no longer owns it: a second one gets the very
    answer an unknown SIRET gets, and no access until an agent accepts."""
    holder = UserFactory(email="titulaire@example.org")
    company = CompanyFactory(siret=SIRET, represented_by=holder)
    second = signed_in(client)
    known = answer_of(claim(client, siret=SIRET, name="La Boulangerie"), client)
    CompanyClaim.objects.filter(user=second).delete()
    unknown = answer_of(claim(client, siret=UNKNOWN_SIRET, name="La Boulangerie"), client)
    assert known[:2] == unknown[:2]
    assert known[2].replace(SIRET, "X") == unknown[2].replace(UNKNOWN_SIRET, "X")
    assert "titulaire@example.org" not in known[2]

    claim(client, siret=SIRET, name="La Boulangerie")
    assert not Company.objects.represented_by(second).exists()
    forged = client.post(reverse("procedures:start", args=["demo-company"]),
                         {"company": company.pk})
    assert forged["Location"] == reverse("accounts:companies")
    assert not second.cases.exists()


def test_a_second_claim_of_ones_own_is_refused_on_the_field(client):
    signed_in(client)
    claim(client)
    again = claim(client, siret="73282932000074")
    html = again.content.decode()
    assert again.status_code == 200 and "déjà demandé à agir pour cette entreprise" in html
    assert 'aria-describedby="id_siret_helptext id_siret_error"' in html
    assert CompanyClaim.objects.count() == 1


@pytest.mark.parametrize(("siret", "proof", "field", "message"), [
    ("732 829 320 00075", kbis(), "siret", "n’est pas un SIRET valide"),
    (SIRET, kbis(b"not a pdf at all", "kbis.pdf"), "proof", "pas un vrai PDF"),
    (SIRET, kbis(b"MZ\x90\x00", "kbis.exe"), "proof", "ne sont pas acceptés"),
])
def test_bad_input_is_refused_on_its_field_and_kept(client, siret, proof, field, message):
    signed_in(client)
    response = claim(client, siret=siret, proof=proof)
    html = response.content.decode()
    error = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</p>', html, re.S)
    assert response.status_code == 200 and error and message in error.group(1)
    assert 'value="Boulangerie Benali SARL"' in html
    assert not CompanyClaim.objects.exists()


def test_two_representatives_accepted_for_one_company(client, reviewer, demo_service):
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        signed_in(client, user)
        claim(client)
    first_claim, second_claim = CompanyClaim.objects.order_by("pk")
    assert review(client, reviewer, first_claim, "accept").status_code == 302
    page = client.get(reverse("admin:accounts_companyclaim_change", args=[second_claim.pk]))
    html = page.content.decode()
    assert 'name="decision"' in html and "kbis.pdf" in html
    assert str(first) in html  # the reviewer sees who already acts for this SIRET
    assert review(client, reviewer, second_claim, "accept").status_code == 302
    company = Company.objects.get()
    assert list(Company.objects.represented_by(first)) == [company]
    assert list(Company.objects.represented_by(second)) == [company]
    assert company.name == "Boulangerie Benali SARL"
    signed_in(client, second)
    start = client.post(reverse("procedures:start", args=["demo-company"]),
                        {"company": company.pk})
    assert start.status_code == 302 and second.cases.get().company == company


def test_accepted_is_told_by_email_in_the_claimants_language(
        client, reviewer, django_capture_on_commit_callbacks):
    user = signed_in(client)
    claim(client)
    remember_language(user, "en")
    with django_capture_on_commit_callbacks(execute=True):
        review(client, reviewer, CompanyClaim.objects.get(), "accept")
    (email,) = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "Guichet: you may now act for Boulangerie Benali SARL"
    assert "is accepted" in email.body and "/compte/entreprises/" in email.body


def test_a_refusal_tells_the_reason_and_nothing_of_other_representatives(
        client, reviewer, django_capture_on_commit_callbacks):
    """Refused for a SIRET others represent or for one nobody does: the same e-mail."""
    CompanyFactory(siret=SIRET, represented_by=UserFactory(email="titulaire@example.org"))
    claimant = signed_in(client)
    claim(client, siret=SIRET, name="Boulangerie")
    claim(client, siret=UNKNOWN_SIRET, name="Boulangerie")
    with django_capture_on_commit_callbacks(execute=True):
        for filed in CompanyClaim.objects.filter(user=claimant).order_by("pk"):
            review(client, reviewer, filed, "refuse", "L’extrait Kbis date de 2019.")
    known, unknown = mail.outbox
    assert known.subject == unknown.subject == "Guichet : votre demande pour agir pour Boulangerie"
    assert known.body.replace(SIRET, "X") == unknown.body.replace(UNKNOWN_SIRET, "X")
    assert "L’extrait Kbis date de 2019." in known.body and "titulaire" not in known.body
    signed_in(client, claimant)
    page = client.get(reverse("accounts:companies")).content.decode()
    assert page.count("L’extrait Kbis date de 2019.") == 2 and "titulaire" not in page
    assert not Company.objects.represented_by(claimant).exists()
    assert claim(client, siret=SIRET, name="Boulangerie").status_code == 302  # may try again


def test_a_refusal_needs_a_reason_and_a_decided_claim_stays_decided(client, reviewer):
    signed_in(client)
    claim(client)
    filed = CompanyClaim.objects.get()
    response = review(client, reviewer, filed, "refuse", "  ")
    assert response.status_code == 200 and "Donnez le motif du refus." in response.content.decode()
    review(client, reviewer, filed, "accept")
    review(client, reviewer, filed, "refuse", "Trop tard")
    filed.refresh_from_db()
    assert filed.status == ClaimStatus.ACCEPTED and filed.reviewed_by == reviewer
    page = client.get(reverse("admin:accounts_companyclaim_change", args=[filed.pk]))
    assert 'name="decision"' not in page.content.decode()


def test_only_reviewers_see_the_claims_and_their_proofs(client, reviewer):
    signed_in(client)
    claim(client)
    filed = CompanyClaim.objects.get()
    proof_url = reverse("admin:accounts_companyclaim_proof", args=[filed.pk])
    list_url = reverse("admin:accounts_companyclaim_changelist")
    log_in(client, AgentFactory())  # an agent of a service, without the permission
    assert client.get(list_url).status_code == 403
    assert client.get(proof_url).status_code == 403
    assert review(client, AgentFactory(), filed, "accept").status_code == 403
    assert list_url not in client.get(reverse("admin:index")).content.decode()
    log_in(client, reviewer)
    assert list_url in client.get(reverse("admin:index")).content.decode()
    assert SIRET in client.get(list_url).content.decode()
    response = client.get(proof_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    staff = AgentFactory()
    staff.user_permissions.add(Permission.objects.get(codename="review_companyclaim"))
    log_in(client, staff)
    assert client.get(list_url).status_code == 200


def test_a_citizen_reads_only_their_own_claims_and_proofs(client):
    owner = signed_in(client)
    claim(client)
    filed = CompanyClaim.objects.get()
    url = reverse("accounts:claim_proof", args=[filed.public_id])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    other = signed_in(client)
    assert client.get(url).status_code == 404
    assert SIRET not in client.get(reverse("accounts:companies")).content.decode()
    assert owner != other


@pytest.mark.parametrize("slug", ["crisis_aid", "customs", "demo-company"])
def test_a_company_one_does_not_represent_cannot_file(client, slug):
    """A draft for a company whose claim is still pending (or someone else's company) is
    refused at submission, whatever procedure picked the company."""
    company = CompanyFactory(represented_by=UserFactory())
    claimant = signed_in(client)
    CompanyClaimFactory(user=claimant, siret=company.siret)
    case = Case.objects.create(procedure=slug, applicant=claimant, company=company,
                               service=ServiceFactory())
    with pytest.raises(NotRepresented):
        workflow.submit(case.pk, claimant)
    response = client.post(reverse("procedures:review", args=[case.public_id]))
    assert "Vous n’agissez pas, ou plus, pour cette entreprise" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "draft" and not case.events.exists()


def test_an_infected_proof_is_refused_and_clamd_down_keeps_nothing(client, clamd):
    signed_in(client)
    infected = claim(client, proof=kbis(PDF + EICAR))
    assert "L’antivirus a trouvé un virus dans ce fichier" in infected.content.decode()
    with clamd.stopped():
        down = claim(client)
    assert "ne peut pas être vérifié par l’antivirus" in down.content.decode()
    assert not CompanyClaim.objects.exists()
    assert claim(client).status_code == 302  # clean, clamd back


def test_claims_are_limited_per_account(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "claim-account": (2, 86_400)}
    signed_in(client)
    assert [claim(client, siret=siret).status_code
            for siret in (SIRET, UNKNOWN_SIRET)] == [302, 302]
    refused = claim(client, siret="44306184100047")
    assert "Vous avez envoyé beaucoup de demandes" in refused.content.decode()
    assert CompanyClaim.objects.count() == 2


def test_a_reviewer_cannot_accept_their_own_claim(client, reviewer):
    signed_in(client, reviewer)
    claim(client)
    own = CompanyClaim.objects.get()
    assert review(client, reviewer, own, "accept").status_code == 403
    own.refresh_from_db()
    assert own.status == ClaimStatus.PENDING
    assert not Company.objects.represented_by(reviewer).exists()
