import uuid

import pytest
from django.conf import settings

from portal.celery import app as celery_app
from procedures import workflow
from procedures.models import CaseEvent
from tests.procedures.factories import CaseFactory

from .live import BrokerProxy, LiveWorker


@pytest.fixture
def submitted(demo_service, django_capture_on_commit_callbacks):
    """A demo case submitted through the workflow (its side effects run, eagerly)."""
    def submit(**kwargs):
        case = CaseFactory(**kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.submit(case.pk, case.applicant)
        case.refresh_from_db()
        return case
    return submit


def last_event(case):
    return CaseEvent.objects.filter(case=case).latest("pk")


@pytest.fixture(scope="session")
def broker_proxy():
    return BrokerProxy(settings.CELERY_BROKER_URL)


@pytest.fixture
def worker_env():
    """Variables the live worker gets beside the test's (a test module may override it)."""
    return {}


@pytest.fixture
def live_worker(transactional_db, broker_proxy, tmp_path, worker_env):
    """A real `celery worker` on the test database, consuming a queue of this test's own; this
    process publishes to it through `broker_proxy`. Tests: mark postgres and redis."""
    queue = f"guichet-test-{uuid.uuid4().hex[:12]}"
    # Publishing reads broker_write_url (broker_url loses to CELERY_BROKER_URL in the
    # environment); the pools, built for another URL if any, start afresh.
    previous = celery_app.conf.broker_write_url, celery_app.conf.task_default_queue
    celery_app.conf.broker_write_url, celery_app.conf.task_default_queue = broker_proxy.url, queue
    celery_app._pool = celery_app.amqp._producer_pool = None
    worker = LiveWorker(tmp_path, queue, env=worker_env)
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()
        celery_app.conf.broker_write_url, celery_app.conf.task_default_queue = previous
        celery_app._pool = celery_app.amqp._producer_pool = None
        with celery_app.connection_for_write() as connection:
            connection.default_channel.client.delete(
                queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
