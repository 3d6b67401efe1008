"""The admin pages of what administrators (superusers) keep — a procedure's settings, its own
data (risk rules, aid schemes) — with their history (django-simple-history). Agents never see
them. A procedure's own model: `@admin.register(MyModel) class MyAdmin(AdministratorsAdmin)`."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..constants import Silence
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


class ProcedureSettingsForm(forms.ModelForm):
    """The silence settings offer the procedure's own declaration first (kept empty)."""

    class Meta:
        model = ProcedureSettings
        fields = ["is_open", "delay", "delay_unit", "silence", "awaiting_info_suspends_delay"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        procedure = registry.get(self.instance.procedure)
        if procedure is None:
            return
        declared = _("As the procedure declares: %(value)s")
        silence = self.fields["silence"]
        silence.choices = [("", declared % {"value": Silence(procedure.silence).label}),
                           *Silence.choices]
        suspends = self.fields["awaiting_info_suspends_delay"]
        self.fields["awaiting_info_suspends_delay"] = forms.TypedChoiceField(
            label=suspends.label, help_text=suspends.help_text, required=False,
            choices=[("", declared % {"value": _("Yes") if procedure.awaiting_info_suspends_delay
                                      else _("No")}), ("True", _("Yes")), ("False", _("No"))],
            coerce=lambda value: value == "True", empty_value=None)


@admin.register(ProcedureSettings)
class ProcedureSettingsAdmin(AdministratorsAdmin):
    """One row per registered procedure, made after `migrate`: changed, never added or
    deleted here."""

    form = ProcedureSettingsForm
    list_display = ["__str__", "is_open", "delay", "delay_unit", "silence_rule"]
    list_editable = ["is_open"]
    fields = ["is_open", "delay", "delay_unit", "silence", "awaiting_info_suspends_delay"]

    @admin.display(description=_("silence at the due date"))
    def silence_rule(self, settings):
        return Silence(settings.silence_rule().meaning).label

    def get_queryset(self, request):
        return super().get_queryset(request).filter(procedure__in=[p.slug for p in registry])

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
