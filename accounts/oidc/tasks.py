from celery import shared_task

from . import linking
from .models import ExternalIdentity

RETRY = {"acks_late": True, "autoretry_for": (Exception,), "retry_backoff": 5, "max_retries": 5}


@shared_task(**RETRY)
def send_link_email(identity_id, language):
    """The link is built here from the row's id: no token travels through the broker."""
    identity = ExternalIdentity.objects.select_related("user").filter(
        pk=identity_id, confirmed_at__isnull=True).first()
    if identity is not None:
        linking.send_link_email(identity, language)
