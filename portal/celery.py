import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("guichet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _close_old_connections(task, **kwargs):
    """As Django does around a request: drop a connection that is broken or past CONN_MAX_AGE
    (not for a task run in-process, inside the caller's transaction)."""
    from django.db import close_old_connections

    if not task.request.is_eager:
        close_old_connections()
