"""The audit trail in the admin, read-only: who read which case, document or export, and the
daily digests that seal it. A supervisor sees the reads of their services' cases (and the
exports of their services' agents); the `procedures.view_agentread` permission (give it to a
group, e.g. internal control) and superusers see them all. Nobody adds, changes or deletes."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.read_only_admin import ReadOnlyAdmin

from ..models import AgentRead, AuditDigest
from .scope import scope


def sees_all(request):
    return request.user.is_active and (request.user.is_superuser
                                       or request.user.has_perm("procedures.view_agentread"))


class AgentFilter(admin.SimpleListFilter):
    title = _("agent")
    parameter_name = "agent"

    def lookups(self, request, model_admin):
        agents = get_user_model().objects.filter(is_staff=True)
        if not sees_all(request):
            agents = agents.filter(memberships__service__in=scope(request).supervised)
        return [(str(agent.pk), agent.get_full_name() or agent.email)
                for agent in agents.distinct().order_by("last_name", "first_name", "email")]

    def queryset(self, request, queryset):
        if self.value():
            agent = self.value()
            if not (agent.isdigit() and len(agent) < 19):  # a forged value selects nothing
                return queryset.none()
            return queryset.filter(agent_id=agent)
        return queryset


class KindFilter(admin.SimpleListFilter):
    title = _("what was read")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return AgentRead.Kind.choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if self.value() not in AgentRead.Kind.values:  # a forged value selects nothing
            return queryset.none()
        return queryset.filter(kind=self.value())


@admin.register(AgentRead)
class AgentReadAdmin(ReadOnlyAdmin):
    list_display = ["at", "agent", "kind", "case_link", "detail"]
    list_filter = [AgentFilter, KindFilter, "at"]
    list_select_related = ["agent", "case"]
    search_fields = ["=case__reference"]
    search_help_text = _("A case’s reference.")
    date_hierarchy = "at"
    show_full_result_count = False
    list_per_page = 100

    def get_queryset(self, request):
        reads = super().get_queryset(request)
        if sees_all(request):
            return reads
        supervised = scope(request).supervised
        return reads.filter(Q(case__service__in=supervised) | Q(
            case__isnull=True, agent__memberships__service__in=supervised)).distinct()

    def has_view_permission(self, request, obj=None):
        return sees_all(request) or scope(request).is_supervisor

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("case"), ordering="case__reference")
    def case_link(self, read):
        if read.case is None:
            return ""
        return format_html('<a href="{}">{}</a>', reverse(
            "admin:procedures_case_change", args=[read.case_id]), read.case.reference)


@admin.register(AuditDigest)
class AuditDigestAdmin(ReadOnlyAdmin):
    list_display = ["day", "digest", "previous", "created_at"]
    fields = ["day", "digest", "previous", "tables", "created_at"]
    date_hierarchy = "day"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and (
            request.user.is_superuser or request.user.has_perm("procedures.view_auditdigest"))

    def has_module_permission(self, request):
        return self.has_view_permission(request)
