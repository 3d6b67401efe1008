"""What is sent to whom on which case event, by e-mail and in the portal.

| event                               | to                                   | kind            |
|-------------------------------------|--------------------------------------|-----------------|
| submit                              | the applicant (receipt attached)     | submitted       |
| start_review                        | the applicant                        | review_started  |
| request_info                        | the applicant                        | info_requested  |
| to accepted / rejected / closed     | the applicant (decision linked)      | the new status  |
| message from an agent               | the applicant                        | agent_message   |
| message from the applicant          | the agents (*)                       | citizen_message |
| answer (to a request for info)      | the agents (*)                       | answer_received |
| assigned (by someone else)          | the assigned agent                   | assigned        |
| withdraw (by the applicant)         | the assigned agent, if any           | withdrawn       |

(*) the assigned agent, or every agent of the service while nobody is assigned.

Each kind has its e-mail templates, emails/<kind>.txt and emails/<kind>.html, rendered in the
recipient's language (see language.py). One Notification
row per (event, recipient, channel); an e-mail is sent under a row lock that checks `sent_at`,
so a task delivered twice sends it once.
"""

from itertools import islice

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import BigIntegerField, F, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .constants import DECIDED_KINDS, ActorRole, DocumentKind
from .documents import decided_state, needs_decision
from .language import language_of
from .models import CaseEvent, Channel, Document, Notification
from .registry import registry
from .transitions import statuses_of_kind

SUBJECTS = {
    "submitted": _("Your request %(reference)s is submitted"),
    "review_started": _("Your request %(reference)s is being reviewed"),
    "info_requested": _("The service needs more information for %(reference)s"),
    "accepted": _("Your request %(reference)s is accepted"),
    "rejected": _("Decision on your request %(reference)s"),
    "closed": _("Your case %(reference)s is closed"),
    "agent_message": _("New message from the service about %(reference)s"),
    "citizen_message": _("New message from the applicant of %(reference)s"),
    "answer_received": _("The applicant of %(reference)s answered your request"),
    "assigned": _("Case %(reference)s is assigned to you"),
    "withdrawn": _("The applicant withdrew case %(reference)s"),
}
CITIZEN_EVENTS = {"submit": "submitted", "start_review": "review_started",
                  "request_info": "info_requested"}


# The events that may call for notifications besides decisions: the sender and the sweep both
# ask `notifying(kind)`, so neither keeps its own list.
ENGINE_EVENTS = frozenset({*CITIZEN_EVENTS, "message", "answer", "assigned", "withdraw"})


def notifying_kinds():
    """Event kinds that may call for notifications: the engine's and the procedures' own
    (Procedure.notified_events); decisions come on top, whatever their event."""
    from .registry import registry

    return ENGINE_EVENTS.union(*(p.notified_events for p in registry))


def planned(event):
    """[(kind, recipient), …] that `event` calls for: the procedure's own plan
    (Procedure.notifications), else the engine's."""
    case = event.case
    if event.kind not in notifying_kinds() and not decided_state(event):
        return []
    own = case.procedure_obj.notifications(event) if case.procedure in registry else None
    if own is not None:
        return own
    if event.kind in CITIZEN_EVENTS:
        return [(CITIZEN_EVENTS[event.kind], case.applicant)]
    if outcome := decided_state(event):
        return [(outcome.kind, case.applicant)]
    if event.kind == "message" and event.actor_role == ActorRole.AGENT:
        return [("agent_message", case.applicant)]
    if event.kind == "message" and event.actor_role == ActorRole.CITIZEN:
        return [("citizen_message", agent) for agent in _agents(case)]
    if event.kind == "answer":
        return [("answer_received", agent) for agent in _agents(case)]
    if event.kind == "assigned" and event.data.get("agent") != event.actor_id:
        return [("assigned", case.assigned_to)] if case.assigned_to_id else []
    if event.kind == "withdraw":
        return [("withdrawn", case.assigned_to)] if case.assigned_to_id else []
    return []


def _agents(case):
    if case.assigned_to_id:
        return [case.assigned_to]
    from accounts.selectors import agents_of

    return list(agents_of([case.service_id]).select_related("notification_preference"))


def create(event):
    """Record the notifications of `event` (once, whatever the number of calls) and return
    its e-mails not sent yet, their recipient, case and event already at hand."""
    now = timezone.now()
    plan = [(kind, recipient) for kind, recipient in planned(event) if recipient.is_active]
    Notification.objects.bulk_create(
        [
            Notification(recipient=recipient, case=event.case, event=event, kind=kind,
                         channel=channel, sent_at=now if channel == Channel.IN_APP else None)
            for kind, recipient in plan for channel in Channel.values
        ],
        ignore_conflicts=True,
    )
    unsent = list(Notification.objects.filter(event=event, channel=Channel.EMAIL,
                                              sent_at__isnull=True))
    recipients = {recipient.pk: recipient for _, recipient in plan}
    for notification in unsent:
        notification.event, notification.case = event, event.case
        if notification.recipient_id in recipients:  # else loaded when read
            notification.recipient = recipients[notification.recipient_id]
    return unsent


def unsent_email(notification_id):
    """The e-mail notification `notification_id` with what its e-mail reads, if not sent."""
    return (Notification.objects
            .select_related("recipient__notification_preference", "case__service", "event")
            .filter(pk=notification_id, channel=Channel.EMAIL, sent_at__isnull=True).first())


def send(notification):
    """Send one e-mail notification unless it was sent already. True if sent now.

    Marking it sent takes the row lock: a second delivery waits for this transaction, then
    finds it sent; if sending fails, the rollback leaves it unsent for a retry."""
    with transaction.atomic():
        sent_at = timezone.now()
        if not Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
                sent_at=sent_at):
            return False
        _email(notification).send()
    notification.sent_at = sent_at
    return True


def subject(notification):
    procedure = notification.case.procedure_obj
    text = procedure.notification_subjects.get(notification.kind) or SUBJECTS[notification.kind]
    return text % {"reference": notification.case.reference}


def templates(notification, extension):
    """The procedure's own template of this kind, else the engine's."""
    kind = notification.kind
    return [f"emails/{notification.case.procedure}/{kind}.{extension}",
            f"emails/{kind}.{extension}"]


def link(notification):
    """Where the notification leads its recipient: the case page, or the back office's."""
    case = notification.case
    if notification.recipient_id == case.applicant_id:
        return reverse("procedures:case", args=[case.public_id])
    try:
        return reverse("admin:procedures_case_change", args=[case.pk])
    except NoReverseMatch:
        return reverse("admin:index")


def _email(notification):
    recipient, case, event = notification.recipient, notification.case, notification.event
    kinds = {DocumentKind.RECEIPT} if notification.kind == "submitted" else set()
    if needs_decision(event):
        kinds.add(DocumentKind.DECISION)
    documents = {document.kind: document for document in Document.objects.filter(
        case=case, case_version=event.case_version, kind__in=kinds)} if kinds else {}
    receipt, decision = documents.get(DocumentKind.RECEIPT), documents.get(DocumentKind.DECISION)
    with translation.override(language_of(recipient)):
        context = {
            "recipient": recipient, "case": case, "event": event,
            "procedure": case.procedure_obj, "receipt": receipt,
            "case_url": settings.SITE_URL + link(notification),
            "document_url": decision and settings.SITE_URL + reverse(
                "procedures:document", args=[decision.public_id]),
        }
        message = EmailMultiAlternatives(
            subject=str(subject(notification)),
            body=render_to_string(templates(notification, "txt"), context),
            to=[recipient.email],
        )
        message.attach_alternative(
            render_to_string(templates(notification, "html"), context), "text/html")
    if receipt:
        with receipt.file.open("rb") as pdf:
            message.attach(receipt.name, pdf.read(), receipt.content_type)
    return message


def unsent(since, until, limit):
    """E-mail notifications created in [since, until) and not sent: for the sweep."""
    return list(Notification.objects.filter(
        channel=Channel.EMAIL, sent_at__isnull=True, created_at__gte=since, created_at__lt=until,
    ).order_by("created_at").values_list("pk", flat=True)[:limit])


def unhandled(since, until, limit):
    """Events of [since, until) that call for notifications and have none: for the sweep."""
    events = (
        CaseEvent.objects.filter(created_at__gte=since, created_at__lt=until,
                                 notifications__isnull=True)
        .filter(Q(kind__in=notifying_kinds())
                | Q(to_status__in=statuses_of_kind(*DECIDED_KINDS)))
        .annotate(assignee=Cast(KeyTextTransform("agent", "data"), BigIntegerField()))
        .exclude(kind="assigned", assignee=F("actor_id"))  # taking a case notifies nobody
        .select_related("case").order_by("created_at")
    )
    return list(islice((event.pk for event in events.iterator() if planned(event)), limit))
