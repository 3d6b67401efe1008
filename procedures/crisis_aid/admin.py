from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..display import money
from .models import AidScheme


@admin.register(AidScheme)
class AidSchemeAdmin(SimpleHistoryAdmin):
    """For administrators only. A new month: open the last version, change its month, period
    and name, then “Save as new”; close the old one when its window ends."""

    save_as = True
    list_display = ["name", "loss_month", "is_open", "decided_by_system", "aid_cap_display"]
    list_filter = ["is_open"]
    list_editable = ["is_open"]
    search_fields = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "legal_source", "is_open", "decided_by_system"]}),
        (_("Period"), {"fields": ["covers_from", "covers_until", "loss_month"]}),
        (_("Eligibility"), {"fields": ["max_employees", "turnover_ceiling",
                                       "taxable_profit_ceiling", "min_loss_percent",
                                       "closure_qualifies"]}),
        (_("Aid"), {"fields": ["aid_cap"]}),
    ]

    @admin.display(description=AidScheme._meta.get_field("aid_cap").verbose_name,
                   ordering="aid_cap")
    def aid_cap_display(self, scheme):
        return money(scheme.aid_cap)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # requests name their scheme: close it instead
