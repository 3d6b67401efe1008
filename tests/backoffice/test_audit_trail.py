"""Every read of a case or a document by an agent, and every export, leaves an audit row that
supervisors read and nobody changes."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures import audit
from procedures.constants import DocumentKind
from procedures.models import AgentRead, Document
from procedures.models.event import AppendOnlyError
from tests.factories import AgentFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .conftest import case_url

pytestmark = pytest.mark.postgres

READS = reverse("admin:procedures_agentread_changelist")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def case(service_a):
    case = CaseFactory(submitted=True, service=service_a)
    receipt = Document(case=case, kind=DocumentKind.RECEIPT, name="recepisse.pdf",
                       content_type="application/pdf")
    receipt.file.save("receipt.pdf", SimpleUploadedFile("r.pdf", PDF))
    return case


def download(client, document):
    response = client.get(reverse("procedures:document", args=[document.public_id]))
    assert response.status_code == 200
    return response


def test_an_agents_case_page_and_download_are_recorded(login, agent_a, case):
    client = login(agent_a)
    assert client.get(case_url(case)).status_code == 200
    download(client, case.documents.get())
    reads = list(AgentRead.objects.order_by("pk").values_list("agent", "kind", "case", "detail"))
    assert reads == [(agent_a.pk, "case_page", case.pk, ""),
                     (agent_a.pk, "document", case.pk, "recepisse.pdf")]


def test_an_export_is_recorded_with_its_filters(login, agent_a, case):
    response = login(agent_a).get(reverse("admin:procedures_case_export", args=["csv"]),
                                  {"status": "all"})
    b"".join(response.streaming_content)
    read = AgentRead.objects.get()
    assert (read.agent, read.kind, read.case, read.detail) == (
        agent_a, "export", None, "csv ?status=all")


def test_the_citizens_own_reads_are_not_agents_reads(client, case):
    log_in(client, case.applicant)
    download(client, case.documents.get())
    assert client.get(reverse("procedures:case", args=[case.public_id])).status_code == 200
    assert not AgentRead.objects.exists()


def test_another_services_agent_reads_nothing_and_leaves_no_read(login, agent_b, case):
    client = login(agent_b)
    assert client.get(case_url(case)).status_code == 404
    assert client.get(reverse("procedures:document",
                              args=[case.documents.get().public_id])).status_code == 404
    assert not AgentRead.objects.exists()


def test_a_supervisor_sees_the_reads_and_a_plain_agent_does_not(login, agent_a, supervisor_a,
                                                                 agent_b, case):
    login(agent_a).get(case_url(case))
    other = CaseFactory(submitted=True, service=agent_b.memberships.get().service)
    login(agent_b).get(case_url(other))

    client = login(supervisor_a)
    response = client.get(READS)
    assert response.status_code == 200
    assert [(r.agent, r.case) for r in response.context["cl"].result_list] == [(agent_a, case)]
    assert client.get(READS, {"agent": agent_a.pk}).context["cl"].result_count == 1
    assert client.get(READS, {"q": case.reference}).context["cl"].result_count == 1
    assert client.get(READS, {"q": other.reference}).context["cl"].result_count == 0
    read = AgentRead.objects.get(agent=agent_a)
    page = client.get(reverse("admin:procedures_agentread_change", args=[read.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert client.post(reverse("admin:procedures_agentread_delete", args=[read.pk]),
                       {"post": "yes"}).status_code == 403
    assert AgentRead.objects.filter(pk=read.pk).exists()

    assert login(agent_a).get(READS).status_code == 403


def test_the_case_page_links_its_reads_for_a_supervisor_only(login, agent_a, supervisor_a, case):
    link = f'{READS}?q={case.reference}'
    assert link in login(supervisor_a).get(case_url(case)).text
    assert link not in login(agent_a).get(case_url(case)).text


def test_the_internal_control_group_sees_every_read(login, agent_a, agent_b, case):
    login(agent_a).get(case_url(case))
    controller = AgentFactory()
    group = Group.objects.create(name="Contrôle interne")
    group.permissions.add(Permission.objects.get(codename="view_agentread"))
    controller.groups.add(group)
    response = login(controller).get(READS)
    assert response.context["cl"].result_count == 1
    # The model has no add, change or delete permission to give anyone.
    assert not Permission.objects.filter(
        content_type__model="agentread").exclude(codename="view_agentread").exists()


def test_a_read_is_never_changed_nor_deleted(agent_a, case):
    audit.case_page(agent_a, case)
    read = AgentRead.objects.get()
    read.detail = "autre chose"
    with pytest.raises(AppendOnlyError):
        read.save()
    with pytest.raises(AppendOnlyError):
        read.delete()
    with pytest.raises(AppendOnlyError):
        AgentRead.objects.update(detail="autre chose")
    with pytest.raises(AppendOnlyError):
        AgentRead.objects.all().delete()
    assert AgentRead.objects.get().detail == ""


def test_recording_a_read_costs_little_of_the_case_page(login, agent_a, case):
    """One INSERT against a whole page: well under a tenth of its time."""
    client = login(agent_a)
    client.get(case_url(case))  # warm caches, templates and the connection
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        client.get(case_url(case))
    page = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        audit.case_page(agent_a, case)
    record = time.perf_counter() - started
    assert record / page < 0.1, f"recording is {record / page:.1%} of the page"


@pytest.mark.parametrize("params", [{"agent": "\x00"}, {"agent": "x" * 5000}, {"agent": "9" * 30},
                                    {"q": "\x00"},
                                    {"kind": "\x00"}, {"at__gte": "\x00"},
                                    {"at__year": "abc"}])
def test_malformed_filters_are_no_500(login, supervisor_a, params):
    assert login(supervisor_a).get(READS, params).status_code in (200, 302, 400)
