"""Actions on a selection in the queue. Each case goes through its workflow function in its own
transaction, so each gets its own event and documents; refused cases are listed with the reason.
Decisions in bulk confirm each case's own proposal, in the background (procedures/proposals.py)."""

from collections import defaultdict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import proposals, workflow
from ..errors import NotPermitted, WorkflowError
from ..models import Proposal
from ..registry import registry
from ..transitions import transitions_of
from .case_page import may_take
from .forms import BulkAssignForm
from .scope import scope

MAX_SELECTION = 1000
MAX_BATCH = 20_000  # a bulk confirmation stores ids only: it takes more
SHOWN_REFERENCES = 20


def _too_many(request, queryset, limit=MAX_SELECTION):
    if queryset.order_by()[: limit + 1].count() > limit:
        messages.error(request, _("Select at most %(max)d cases at once: filter the queue first.")
                       % {"max": limit})
        return True
    return False


def _each(request, queryset, operation, action_label):
    """Apply `operation(case)` to every selected case and say what happened."""
    if _too_many(request, queryset):
        return
    fields = ("pk", "reference", "procedure", "status", "service", "assigned_to", "version")
    done, refused = 0, defaultdict(list)
    for case in queryset.select_related(None).order_by("due_at", "pk").only(*fields):
        try:
            operation(case)
        except WorkflowError as error:
            refused[str(error.message)].append(case.reference)
        else:
            done += 1
    if done:
        messages.success(request, ngettext(
            "%(action)s: %(count)d case done.", "%(action)s: %(count)d cases done.", done,
        ) % {"action": action_label, "count": done})
    for reason, references in refused.items():
        shown = ", ".join(references[:SHOWN_REFERENCES])
        if len(references) > SHOWN_REFERENCES:
            shown += "…"
        messages.warning(request, ngettext(
            "%(count)d case not changed (%(references)s): %(reason)s",
            "%(count)d cases not changed (%(references)s): %(reason)s", len(references),
        ) % {"count": len(references), "references": shown, "reason": reason})


def _confirmation(modeladmin, request, queryset, form, action, title, *, summary=(),
                  limit=MAX_SELECTION):
    """The intermediate page of an action that needs more input or a confirmation."""
    if _too_many(request, queryset, limit):
        return None
    return TemplateResponse(request, "admin/procedures/case/bulk_action.html", {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": title,
        "form": form,
        "action": action,
        "cases": queryset.select_related("applicant", "company")[:SHOWN_REFERENCES],
        "count": queryset.count(),
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "summary": summary,
    })


@admin.action(description=gettext_lazy("Take the selected cases"))
def take(modeladmin, request, queryset):
    user = request.user

    def operation(case):
        if not may_take(case, user, request):
            raise NotPermitted(_("already assigned to you or to a colleague"))
        workflow.assign(case.pk, user, user, expected_version=case.version)

    _each(request, queryset, operation, _("Take"))


@admin.action(description=gettext_lazy("Start the review of the selected cases"))
def start_review(modeladmin, request, queryset):
    _each(request, queryset, lambda case: workflow.start_review(case.pk, request.user),
          _("Start review"))


@admin.action(description=gettext_lazy("Assign the selected cases to an agent…"))
def assign(modeladmin, request, queryset):
    form = BulkAssignForm(request.POST if "apply" in request.POST else None,
                          service_ids=scope(request).supervised)
    if form.is_valid():
        agent = form.cleaned_data["agent"]
        _each(request, queryset, lambda case: workflow.assign(
            case.pk, request.user, agent, expected_version=case.version,
        ), _("Assigned to %(agent)s") % {"agent": agent})
        return None
    return _confirmation(modeladmin, request, queryset, form, "assign",
                         _("Assign the selected cases"))


def bulk_procedures(request):
    """The user's procedures whose proposals may be confirmed in bulk."""
    return [p for p in scope(request).procedures if p.bulk_decisions]


@admin.action(description=gettext_lazy("Confirm the selected proposals…"))
def confirm_proposals(modeladmin, request, queryset):
    """Each selected case gets the decision proposed for it, in the background; the batch's
    page follows the progress and gives each case's result."""
    slugs = set(queryset.order_by().values_list("procedure", flat=True).distinct())
    refused = sorted(str(registry[s].title) if s in registry else s
                     for s in slugs if not (s in registry and registry[s].bulk_decisions))
    if refused:
        messages.error(request, _("Bulk decisions are not allowed for %(procedures)s: decide "
                                  "those cases one by one.") % {"procedures": ", ".join(refused)})
        return None
    if _too_many(request, queryset, MAX_BATCH):
        return None
    if "apply" in request.POST:
        batch, without = proposals.confirm(queryset, request.user)
        if without:
            messages.warning(request, ngettext(
                "%(count)d selected case has no proposal: it is left as it is.",
                "%(count)d selected cases have no proposal: they are left as they are.",
                without) % {"count": without})
        messages.success(request, _("The proposals are being applied in the background: "
                                    "follow the progress here."))
        return redirect("admin:procedures_proposalbatch_change", batch.pk)
    proposed = (Proposal.objects.filter(case__in=queryset.order_by().values("pk"))
                .values("transition", "case__procedure").annotate(count=Count("pk"))
                .order_by("transition"))
    summary = [(transitions_of(registry.get(row["case__procedure"]))
                .get(row["transition"], None), row["count"]) for row in proposed]
    return _confirmation(modeladmin, request, queryset, forms.Form(), "confirm_proposals",
                         _("Confirm the selected proposals"),
                         summary=[(t.label if t else "?", count) for t, count in summary],
                         limit=MAX_BATCH)
