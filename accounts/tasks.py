from celery import shared_task
from django.core.mail import send_mail

from . import verification
from .models import User

RETRY = {"acks_late": True, "autoretry_for": (Exception,), "retry_backoff": 5, "max_retries": 5}


@shared_task(**RETRY)
def send_verification_email(user_id, language):
    """Out of the request: a mail server that does not answer must not fail the sign-up."""
    user = User.objects.filter(pk=user_id, email_verified_at__isnull=True).first()
    if user is not None:
        verification.send_verification_email(user, language)


@shared_task(**RETRY)
def send_password_reset_email(subject, body, recipient):
    send_mail(subject, body, None, [recipient])
