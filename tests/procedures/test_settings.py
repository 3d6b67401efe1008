"""ProcedureSettings: open or closed, the delay and its unit, changed by administrators in the
admin with history; the engine reads them, the class attributes are the defaults."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from procedures import workflow
from procedures.calendar import due_date
from procedures.constants import DelayUnit
from procedures.demo.procedure import DemoProcedure
from procedures.models import Case, ProcedureSettings
from tests.second_factor import log_in

from .factories import CaseFactory


class ListedDemo(DemoProcedure):
    slug = "demo-listed"
    title = "Listed demo"
    reference_prefix = "LD"
    listed = True


@pytest.fixture
def admin_client(client, django_user_model):
    log_in(client, django_user_model.objects.create_superuser("chef@example.org", "x"))
    return client


def close(slug):
    ProcedureSettings.objects.filter(procedure=slug).update(is_open=False)


def test_every_procedure_has_its_row_with_the_class_defaults(db):
    demo = ProcedureSettings.objects.get(procedure="demo")
    assert (demo.is_open, demo.delay, demo.delay_unit) == (True, 10, DelayUnit.WORKING_DAYS)


def test_a_closed_procedure_refuses_a_new_draft_and_says_so(client, demo_service, registered):
    registered(ListedDemo)
    ProcedureSettings.ensure_rows()
    close("demo-listed")
    user = CaseFactory().applicant
    log_in(client, user)
    page = client.get(reverse("procedures:procedure", args=["demo-listed"]))
    assert "Cette démarche est fermée" in page.text
    assert reverse("procedures:start", args=["demo-listed"]) not in page.text
    catalogue = client.get(reverse("procedures:catalogue"), HTTP_ACCEPT_LANGUAGE="en")
    card = catalogue.text[catalogue.text.index("Listed demo"):][:400]
    assert "Closed" in card

    response = client.post(reverse("procedures:start", args=["demo-listed"]),
                           HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.redirect_chain[-1][0] == reverse("procedures:procedure",
                                                     args=["demo-listed"])
    assert "This procedure is closed: no new request can be filed." in response.text
    assert not Case.objects.filter(procedure="demo-listed").exists()


def test_an_administrator_changes_the_delay_with_history_and_the_engine_uses_it(
        admin_client, demo_service):
    row = ProcedureSettings.objects.get(procedure="demo")
    url = reverse("admin:procedures_proceduresettings_change", args=[row.pk])
    response = admin_client.post(url, {"is_open": "on", "delay": "3",
                                       "delay_unit": DelayUnit.CALENDAR_DAYS})
    assert response.status_code == 302
    assert [(h.delay, h.history_user.email if h.history_user else None)
            for h in row.history.order_by("history_id")] == [(3, "chef@example.org")]
    history = admin_client.get(reverse("admin:procedures_proceduresettings_history",
                                       args=[row.pk]))
    assert "chef@example.org" in history.text

    case = CaseFactory()
    workflow.submit(case.pk, case.applicant)
    case.refresh_from_db()
    assert case.due_at == due_date(timezone.localdate(), 3, DelayUnit.CALENDAR_DAYS)
    assert case.due_at == timezone.localdate() + datetime.timedelta(days=3)


def test_agents_do_not_see_the_settings(client, agent):
    log_in(client, agent)
    assert client.get(reverse("admin:procedures_proceduresettings_changelist")).status_code == 403


def test_without_a_row_the_class_values_apply(db):
    ProcedureSettings.objects.filter(procedure="demo").delete()
    settings = ProcedureSettings.for_procedure("demo")
    assert (settings.pk, settings.is_open, settings.delay) == (None, True, 10)
