"""The agents' queue of cases and the entry points of the case page and the exports.

Cases are never added, edited or deleted here: the case page is read-only and its action
buttons call the workflow. The queue stays fast on a big table: related rows are joined, labels
come from the registry (no query per row), and nothing counts past `CappedPaginator.cap`."""

import re

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.read_only_admin import ReadOnlyAdmin

from .. import audit
from ..constants import StateKind
from ..display import money
from ..models import Case
from ..registry import registry
from ..transitions import transitions_of
from . import bulk, exports
from .case_page import case_page, decision_page
from .extensions import queue_procedure
from .filters import (
    AssignedFilter,
    OverdueFilter,
    ProcedureFilter,
    ProposalFilter,
    ServiceFilter,
    StatusFilter,
)
from .labels import procedure_title, status_label
from .paginator import CappedPaginator
from .reroute import reroute_page
from .scope import queue, scope

EXPORTS = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}
REFERENCE = re.compile(r"[A-Z]{2,5}-\d{4}-\d+")  # a reference, or its beginning


def _column(slug, title, value):
    """A procedure's queue column (Procedure.queue_columns): `value(case)` for its cases."""
    column = admin.display(description=title)(
        lambda case: value(case) if case.procedure == slug else "")
    column.__name__ = f"{slug}_{value.__name__}"
    return column


class Queue(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The answers may be large (goods items, documents): the queue never shows them.
        return super().get_queryset(request, exclude_parameters).defer("answers", "computed")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["reference", "procedure_name", "holder", "status_badge", "filed_on",
                    "due", "assigned_to"]
    list_filter = [StatusFilter, OverdueFilter, AssignedFilter, ProcedureFilter, ServiceFilter,
                   ProposalFilter]
    list_select_related = ["applicant", "company", "assigned_to"]
    search_fields = ["reference", "applicant__last_name", "applicant__first_name",
                     "applicant__email", "company__name", "^company__siret"]
    search_help_text = _("Reference, applicant’s name or e-mail, company name or SIRET.")
    ordering = ["due_at", "pk"]
    list_per_page = 50
    list_max_show_all = 200
    paginator = CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = [bulk.take, bulk.start_review, bulk.assign, bulk.confirm_proposals]

    # Scope and rights: membership of the case's service decides, not model permissions.

    def get_queryset(self, request):
        procedure = queue_procedure(request)
        cases = queue(request.user)
        return procedure.queue_queryset(cases) if procedure else cases

    def get_object(self, request, object_id, from_field=None):
        case = super().get_object(request, object_id, from_field)
        if case is None:  # another service's case, or none: the same answer
            raise Http404
        return case

    def get_search_results(self, request, queryset, search_term):
        """A reference (or its beginning) is looked up in the reference's index alone: the
        search over names and e-mails reads the whole table (seconds over a million cases)."""
        term = search_term.strip().upper()
        if REFERENCE.fullmatch(term):
            return queryset.filter(reference__startswith=term), False
        return super().get_search_results(request, queryset, search_term)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(scope(request).services)

    def has_module_permission(self, request):
        return self.has_view_permission(request)


    def get_actions(self, request):
        actions = super().get_actions(request)
        if not scope(request).is_supervisor:
            actions.pop("assign", None)
        if not bulk.bulk_procedures(request):
            actions.pop("confirm_proposals", None)
        return actions

    # The queue's columns

    def get_changelist(self, request, **kwargs):
        return Queue

    def get_list_display(self, request):
        columns = list(self.list_display)
        if len(scope(request).procedures) <= 1:
            columns.remove("procedure_name")
        if bulk.bulk_procedures(request):
            columns.append("proposed_decision")
        procedure = queue_procedure(request)
        return [*columns, *(procedure.queue_columns if procedure else ())]

    def get_list_select_related(self, request):
        related = list(self.list_select_related)
        return [*related, "proposal"] if bulk.bulk_procedures(request) else related

    def get_list_filter(self, request):
        procedure = queue_procedure(request)
        return [*self.list_filter, *(procedure.queue_filters if procedure else ())]

    @admin.display(description=_("proposed decision"))
    def proposed_decision(self, case):
        proposal = getattr(case, "proposal", None)  # read with the case (select_related)
        if proposal is None:
            return "—"
        transition = transitions_of(registry.get(case.procedure)).get(proposal.transition)
        label = transition.label if transition else proposal.transition
        return label if proposal.amount is None else f"{label} — {money(proposal.amount)}"

    @admin.display(description=_("procedure"), ordering="procedure")
    def procedure_name(self, case):
        return procedure_title(case.procedure)

    @admin.display(description=_("applicant"))
    def holder(self, case):
        return case.holder_name or case.applicant.email

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, case):
        return format_html('<span class="case-status case-status--{}">{}</span>',
                           case.status, status_label(case.procedure, case.status))

    @admin.display(description=_("filed on"), ordering="submitted_at")
    def filed_on(self, case):
        if case.submitted_at is None:
            return None
        return date_format(timezone.localtime(case.submitted_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("due date"), ordering="due_at")
    def due(self, case):
        if case.due_at is None:
            return None
        day = date_format(case.due_at, "SHORT_DATE_FORMAT")
        if case.is_overdue:
            late = (timezone.localdate() - case.due_at).days
            return format_html('<span class="case-overdue">{}<br>{}</span>', day, ngettext(
                "%(days)s day overdue", "%(days)s days overdue", late) % {"days": late})
        if case.status_kind != StateKind.OPEN:
            return day
        left = (case.due_at - timezone.localdate()).days
        if left == 0:
            return format_html("{}<br>{}", day, _("due today"))
        return format_html("{}<br>{}", day, ngettext(
            "%(days)s day left", "%(days)s days left", left) % {"days": left})

    # The queue, the case page and the exports

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": _("Cases"), **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return case_page(self, request, self.get_object(request, unquote(object_id)))

    def history_view(self, request, object_id, extra_context=None):
        """A case's history is its timeline, on the case page."""
        self.get_object(request, unquote(object_id))
        return HttpResponseRedirect("../change/")

    def get_urls(self):
        return [
            path("export/<str:fmt>/", self.admin_site.admin_view(self.export_view),
                 name="procedures_case_export"),
            path("<path:object_id>/reroute/", self.admin_site.admin_view(self.reroute_view),
                 name="procedures_case_reroute"),
            path("<path:object_id>/decide/<str:transition>/",
                 self.admin_site.admin_view(self.decision_view), name="procedures_case_decide"),
            *super().get_urls(),
        ]

    def reroute_view(self, request, object_id):
        return reroute_page(self, request, self.get_object(request, unquote(object_id)))

    def decision_view(self, request, object_id, transition):
        """GET only: the decision's form posts to the case page."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return decision_page(self, request, self.get_object(request, unquote(object_id)),
                             transition)

    def export_view(self, request, fmt):
        if fmt not in EXPORTS:
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            raise Http404 from None
        audit.export(request.user, fmt, request.GET.urlencode())
        return EXPORTS[fmt](changelist.get_queryset(request))
