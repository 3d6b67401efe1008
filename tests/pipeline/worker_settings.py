"""Settings of the `celery worker` the live tests start: the test settings, plus the queue of
the test that started it (tasks it enqueues stay in it) and a quick redelivery of the tasks of
a killed worker (10 minutes in production)."""

import os

from tests.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["GUICHET_TEST_QUEUE"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 4, "unacked_restore_interval": 1, "unacked_restore_throttle": 1,
}
