import pytest
from django.conf import settings

from procedures import tasks
from procedures.constants import DocumentKind
from procedures.models import Channel, Document, Notification
from tests.procedures.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_offline(demo_service, django_capture_on_commit_callbacks):
    """A case submitted while the broker was down: the event exists, nothing was done."""
    from procedures import workflow

    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=False):
        workflow.submit(case.pk, case.applicant)
    return case


def test_the_sweep_makes_what_is_missing(submitted_offline, mailoutbox):
    assert not Document.objects.exists()
    tasks.sweep(grace_seconds=300)  # too recent: it may still be in the queue
    assert not Document.objects.exists()
    tasks.sweep(grace_seconds=0)
    assert Document.objects.filter(case=submitted_offline, kind=DocumentKind.RECEIPT).count() == 1
    assert len(mailoutbox) == 1
    tasks.sweep(grace_seconds=0)
    assert Document.objects.count() == 1 and len(mailoutbox) == 1


def test_the_sweep_sends_e_mails_left_unsent(submitted, mailoutbox):
    submitted()
    Notification.objects.filter(channel=Channel.EMAIL).update(sent_at=None)
    tasks.sweep(grace_seconds=0)
    assert len(mailoutbox) == 2


def test_the_sweep_leaves_events_that_notify_nobody(agent, django_capture_on_commit_callbacks):
    from procedures import workflow

    case = CaseFactory(submitted=True)
    with django_capture_on_commit_callbacks(execute=False):
        workflow.assign(case.pk, agent, agent)
    tasks.sweep(grace_seconds=0)
    assert not Notification.objects.exists()


def test_a_task_for_a_vanished_event_does_nothing(db, mailoutbox):
    assert tasks.handle_event(10**9) is None
    assert tasks.send_notification(10**9) is None
    assert not Document.objects.exists() and not Notification.objects.exists()
    assert mailoutbox == []


def test_the_sweep_costs_a_few_queries(submitted, django_assert_max_num_queries):
    for _ in range(3):
        submitted()
    # documents, notifications, e-mails, batches, antivirus checks, automatic steps
    with django_assert_max_num_queries(6):
        tasks.sweep(grace_seconds=0)


def test_tasks_are_reliable():
    for task in (tasks.handle_event, tasks.send_notification, tasks.after_submission,
                 tasks.apply_batch, tasks.scan_document):
        assert task.acks_late and task.max_retries and task.autoretry_for
        assert task.soft_time_limit < task.time_limit
        # a task still running, or waiting for its retry, is not delivered a second time
        visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        assert task.time_limit < visibility and task.retry_backoff_max < visibility


def test_a_submission_is_handled_in_a_few_queries(submitted_offline, mailoutbox,
                                                   django_assert_max_num_queries):
    """Receipt and e-mail reuse the event's case, applicant and language: no query per
    object read (the bench's surge pays each query 10 000 times)."""
    event = submitted_offline.events.get(kind="submit")
    # 8 statements (one reads the procedure's settings: the delay the receipt prints),
    # 2 savepoints and their releases
    with django_assert_max_num_queries(12):
        tasks.handle_event(event.pk)
    assert len(mailoutbox) == 1 and mailoutbox[0].attachments
