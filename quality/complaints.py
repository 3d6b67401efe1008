"""Complaints on a case: filed by its applicant when the case is late or decided, routed to the
service's supervisors, answered within their own announced delay
(settings.GUICHET_COMPLAINT_DELAY_DAYS, calendar days), each step kept in ComplaintEvent and
e-mailed once, after the commit (quality.tasks.notify_complaint_event)."""

import datetime
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.constants import MembershipRole
from accounts.models import User
from procedures.effects import _enqueue
from procedures.language import language_of

from .constants import ComplaintStatus
from .models import Complaint, ComplaintEvent

SUBJECTS = {
    ("filed", "applicant"): _("Your complaint on %(reference)s is received"),
    ("filed", "supervisor"): _("New complaint on case %(reference)s"),
    ("answered", "applicant"): _("Answer to your complaint on %(reference)s"),
}


def may_complain(case):
    """A decided case, or one whose answer is late."""
    return case.is_decided or case.is_overdue


def file(case, author, *, reason, text, attachments=()):
    now = timezone.now()
    due = timezone.localdate(now) + datetime.timedelta(days=settings.GUICHET_COMPLAINT_DELAY_DAYS)
    with transaction.atomic():
        complaint = Complaint.objects.create(case=case, author=author, reason=reason,
                                             text=text.strip(), filed_at=now, due_at=due)
        complaint.attachments.set(attachments)
        _record(complaint, "filed", author, complaint.text)
    return complaint


def answer(complaint_id, supervisor, text):
    """The supervisor's answer; a complaint is answered once."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        if complaint.status != ComplaintStatus.OPEN:
            return complaint
        complaint.answer = text.strip()
        complaint.answered_by = supervisor
        complaint.answered_at = timezone.now()
        complaint.status = ComplaintStatus.ANSWERED
        complaint.save()
        _record(complaint, "answered", supervisor, complaint.answer)
    return complaint


def supervisors(service_id):
    return list(User.objects.filter(memberships__service=service_id, is_active=True,
                                    is_staff=True, memberships__role=MembershipRole.SUPERVISOR))


def _record(complaint, kind, actor, text):
    from .tasks import notify_complaint_event

    event = ComplaintEvent.objects.create(complaint=complaint, kind=kind, actor=actor, text=text)
    transaction.on_commit(partial(_enqueue, notify_complaint_event, event.pk))
    return event


def notify(event_id):
    """E-mail what `event` calls for, once: the row lock and `notified_at` see to it."""
    with transaction.atomic():
        event = (ComplaintEvent.objects.select_for_update(of=("self",))
                 .select_related("complaint__case__service", "complaint__author")
                 .filter(pk=event_id, notified_at__isnull=True).first())
        if event is None:
            return False
        complaint = event.complaint
        recipients = [(complaint.author, "applicant")]
        if event.kind == "filed":
            recipients += [(user, "supervisor") for user in supervisors(complaint.case.service_id)]
        for user, role in recipients:
            _email(event, user, role).send()
        ComplaintEvent.objects.filter(pk=event.pk).update(notified_at=timezone.now())
    return True


def _email(event, recipient, role):
    complaint = event.complaint
    case = complaint.case
    if role == "applicant":
        url = reverse("procedures:case", args=[case.public_id])
    else:
        url = reverse("admin:quality_complaint_change", args=[complaint.pk])
    with translation.override(language_of(recipient)):
        context = {"recipient": recipient, "complaint": complaint, "case": case,
                   "event": event, "role": role, "case_url": settings.SITE_URL + url}
        template = f"quality/emails/complaint_{event.kind}"
        message = EmailMultiAlternatives(
            subject=str(SUBJECTS[event.kind, role] % {"reference": case.reference}),
            body=render_to_string(f"{template}.txt", context), to=[recipient.email])
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
