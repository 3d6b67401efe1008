from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.read_only_admin import ReadOnlyAdmin

from .models import LegalHold, PurgeRecord


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ["case", "reason", "placed_by", "placed_at", "lifted_at"]
    list_filter = ["lifted_at"]
    raw_id_fields = ["case"]
    readonly_fields = ["placed_by", "placed_at"]
    actions = ["lift"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.placed_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Lift the selected holds"))
    def lift(self, request, queryset):
        queryset.filter(lifted_at__isnull=True).update(lifted_at=timezone.now())


@admin.register(PurgeRecord)
class PurgeRecordAdmin(ReadOnlyAdmin):
    list_display = ["purged_at", "action", "reference", "procedure", "retention_days",
                    "documents", "messages"]
    list_filter = ["action", "procedure"]
    search_fields = ["reference", "case_public_id"]

