"""What the engine's pages show of the quality app: on the case page, the questionnaire, the
complaints; on a procedure's page, the suggestion box."""

import datetime

from django import template
from django.conf import settings
from django.urls import reverse

from .. import complaints
from ..acknowledgement import acknowledgement
from ..forms import SuggestionForm
from ..models import Satisfaction, Suggestion

register = template.Library()

SUGGESTIONS_SHOWN = 10


@register.filter
def isodate(value):
    """'2026-03-16' (a date kept in an event's JSON data) → a date, for the `date` filter."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


@register.inclusion_tag("quality/case_panel.html")
def case_quality(case):
    return {
        "case": case,
        "decided": case.is_decided,
        "satisfaction": Satisfaction.objects.filter(case=case).first(),
        "complaints": list(case.complaints.prefetch_related("attachments")),
        "may_complain": complaints.may_complain(case),
        "ack": acknowledgement(case),
    }


@register.inclusion_tag("quality/suggestions.html", takes_context=True)
def suggestion_box(context, procedure):
    return {
        "procedure": procedure, "user": context["user"], "form": SuggestionForm(),
        "csrf_token": context.get("csrf_token"),
        "published": Suggestion.objects.filter(procedure=procedure.slug, published=True)
        .order_by("-answered_at")[:SUGGESTIONS_SHOWN],
    }


@register.inclusion_tag("quality/emails/satisfaction_invite.html")
def satisfaction_invite(case, text=False):
    """In the decision e-mail: the link to the questionnaire (text=True: the plain-text part)."""
    return {"url": settings.SITE_URL + reverse("quality:satisfaction", args=[case.public_id]),
            "text": text}


@register.inclusion_tag("quality/pdf/receipt_mentions.html")
def receipt_mentions(case, settings=None):
    """The acknowledgement's legal mentions, on the receipt (see acknowledgement.py)."""
    return {"case": case, "ack": acknowledgement(case, settings)}
