"""The admin pages of what administrators (superusers) keep — a procedure's settings, its own
data (risk rules, aid schemes) — with their history (django-simple-history). Agents never see
them. A procedure's own model: `@admin.register(MyModel) class MyAdmin(AdministratorsAdmin)`."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import ProcedureSettings
from ..registry import registry


class AdministratorsAdmin(SimpleHistoryAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


@admin.register(ProcedureSettings)
class ProcedureSettingsAdmin(AdministratorsAdmin):
    """One row per registered procedure, made after `migrate`: changed, never added or
    deleted here."""

    list_display = ["__str__", "is_open", "delay", "delay_unit"]
    list_editable = ["is_open"]
    fields = ["is_open", "delay", "delay_unit"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(procedure__in=[p.slug for p in registry])

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
