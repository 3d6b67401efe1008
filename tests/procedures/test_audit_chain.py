"""The daily digests chain the history and the agents' reads: an untouched chain verifies, a
past row changed, deleted or added, or a digest altered, is found, and sealing is idempotent."""

import datetime

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import Service
from portal.celery import app as celery_app
from procedures import audit, audit_chain, tasks
from procedures.constants import ActorRole
from procedures.models import AgentRead, AuditDigest, CaseEvent
from tests.procedures.factories import CaseFactory

pytestmark = pytest.mark.postgres


def noon(days_ago):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def history(agent):
    """Two past days of events, reads and history rows, sealed day by day."""
    case = CaseFactory(submitted=True, service=agent.memberships.get().service)
    for days_ago in (2, 1):
        event = CaseEvent.objects.create(case=case, kind="start_review", actor=agent,
                                         actor_role=ActorRole.AGENT, case_version=days_ago)
        CaseEvent.objects.filter(pk=event.pk).update(created_at=noon(days_ago))
        AgentRead.objects.create(agent=agent, kind=AgentRead.Kind.CASE_PAGE, case=case,
                                 at=noon(days_ago))
        service = Service.objects.create(code=f"service-{days_ago}", name=f"Service {days_ago}")
        service.history.update(history_date=noon(days_ago))
    audit_chain.seal(until=timezone.localdate() - datetime.timedelta(days=2))
    audit_chain.seal()
    return case


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def as_the_owner(table):
    """What the owner of the tables may do: turn their append-only trigger off (for the rest
    of the test's transaction)."""
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks on the table
    sql(f"ALTER TABLE {table} DISABLE TRIGGER append_only")


def test_an_untouched_chain_verifies(history):
    first, second = AuditDigest.objects.order_by("day")
    assert second.day == timezone.localdate() - datetime.timedelta(days=1)
    assert second.previous == first.digest and first.previous == ""
    assert second.tables["procedures.caseevent"][0] == 1
    assert second.tables["procedures.agentread"][0] == 1
    assert second.tables["accounts.historicalservice"][0] == 1
    assert audit_chain.verify() == []
    call_command("verify_audit_chain")


def test_a_changed_past_history_row_is_found(history):
    Service.history.filter(code="service-2").update(name="Service modifié")
    problems = audit_chain.verify()
    assert [(p.day, p.what.split(":")[0]) for p in problems] == [
        (timezone.localdate() - datetime.timedelta(days=2), "accounts.historicalservice")]
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit_chain")


def test_a_changed_case_event_is_found(history):
    CaseEvent.objects.filter(created_at=noon(1)).update(text="Rien vu")
    assert [p.what.split(":")[0] for p in audit_chain.verify()] == ["procedures.caseevent"]


def test_the_database_refuses_to_change_a_read_or_a_digest(history):
    for statement in ("DELETE FROM procedures_agentread", "UPDATE procedures_auditdigest SET "
                      "digest = ''"):
        with pytest.raises(DatabaseError, match="never changed nor deleted"), \
                transaction.atomic():
            sql(statement)


def test_a_deleted_read_is_found(history):
    as_the_owner("procedures_agentread")
    sql("DELETE FROM procedures_agentread WHERE at = %s", noon(2))
    problem, = audit_chain.verify()
    assert "procedures.agentread" in problem.what and "(1 sealed, 0 now)" in problem.what


def test_a_read_backdated_into_a_sealed_day_is_found(history, agent):
    audit.case_page(agent, history)
    AgentRead.objects.create(agent=agent, kind=AgentRead.Kind.CASE_PAGE, case=history,
                             at=noon(1))
    problem, = audit_chain.verify()
    assert "(1 sealed, 2 now)" in problem.what


def test_an_altered_or_removed_digest_is_found(history):
    first, second = AuditDigest.objects.order_by("day")
    as_the_owner("procedures_auditdigest")
    sql("UPDATE procedures_auditdigest SET tables = '{}' WHERE id = %s", first.pk)
    assert "the digest row was altered" in {p.what for p in audit_chain.verify()}
    sql("DELETE FROM procedures_auditdigest WHERE id = %s", first.pk)
    assert "not chained to the previous day's digest" in {p.what for p in audit_chain.verify()}


def test_the_nightly_task_run_twice_makes_one_digest_a_day(agent):
    AgentRead.objects.create(agent=agent, kind=AgentRead.Kind.EXPORT, at=noon(3))
    tasks.seal_audit_days.delay()
    tasks.seal_audit_days.delay()
    assert list(AuditDigest.objects.values_list("day", flat=True)) == [
        timezone.localdate() - datetime.timedelta(days=1)]
    assert audit_chain.seal() == []
    assert audit_chain.verify() == []


def test_the_days_missed_are_each_sealed_in_order(agent):
    audit_chain.seal(until=timezone.localdate() - datetime.timedelta(days=4))
    assert len(audit_chain.seal()) == 3
    days = list(AuditDigest.objects.order_by("day").values_list("day", flat=True))
    assert days == [timezone.localdate() - datetime.timedelta(days=n) for n in (4, 3, 2, 1)]
    assert audit_chain.verify() == []


def test_beat_runs_the_digest_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["audit-digest-nightly"]
    assert entry["task"] in celery_app.tasks
