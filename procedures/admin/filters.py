"""The queue's filters. Their choices come from the user's own services: no query over cases."""

from django.contrib.admin import SimpleListFilter
from django.utils.translation import gettext_lazy as _

from .labels import status_choices
from .scope import scope

OPEN = "open"
ALL = "all"


class ProcedureFilter(SimpleListFilter):
    title = _("procedure")
    parameter_name = "procedure"

    def lookups(self, request, model_admin):
        return [(p.slug, p.title) for p in scope(request).procedures]

    def has_output(self):
        return len(self.lookup_choices) > 1

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(procedure=self.value())
        return queryset


class StatusFilter(SimpleListFilter):
    """Open cases by default: an agent's queue is what is left to do."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        statuses = status_choices(scope(request).procedures)
        return [(OPEN, _("To process")), *statuses, (ALL, _("All"))]

    def queryset(self, request, queryset):
        value = self.value() or OPEN
        if value == ALL:
            return queryset
        if value == OPEN:
            return queryset.still_open()
        return queryset.filter(status=value)

    def choices(self, changelist):
        value = self.value() or OPEN
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class OverdueFilter(SimpleListFilter):
    title = _("answer due date")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


class ProposalFilter(SimpleListFilter):
    """Shown where some of the user's procedures have bulk decisions on proposals."""

    title = _("proposal")
    parameter_name = "proposal"

    def lookups(self, request, model_admin):
        if not any(p.bulk_decisions for p in scope(request).procedures):
            return []
        return [("yes", _("With a proposal")), ("no", _("Without a proposal"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(proposal__isnull=self.value() == "no")
        return queryset


class AssignedFilter(SimpleListFilter):
    title = _("assigned agent")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("none", _("Unassigned"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "none":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class ServiceFilter(SimpleListFilter):
    title = _("service")
    parameter_name = "service"

    def lookups(self, request, model_admin):
        return [(str(service.pk), service.name) for service in scope(request).services]

    def has_output(self):
        return len(self.lookup_choices) > 1

    def queryset(self, request, queryset):
        if self.value() in dict(self.lookup_choices):
            return queryset.filter(service_id=self.value())
        return queryset
