"""Risk rules and random rates: kept by administrators (superusers) only, with history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import RandomRate, RiskRule


class AdministratorsOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(RiskRule)
class RiskRuleAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["name", "condition", "value", "lane", "valid_from", "valid_until", "active"]
    list_filter = ["lane", "condition", "active"]
    search_fields = ["name", "value", "purpose"]
    fields = ["name", "condition", "value", "lane", "purpose", "instructions", "valid_from",
              "valid_until", "active"]

    def has_delete_permission(self, request, obj=None):
        """A rule that fired is kept (its reasons point at it): deactivate it instead."""
        return super().has_delete_permission(request, obj) and not (obj and obj.reasons.exists())


@admin.register(RandomRate)
class RandomRateAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["lane", "rate"]
