"""The quality app in the back office. Membership decides, as for the cases: agents and
supervisors read the satisfaction answers of their services; the supervisors answer the
complaints on their services' cases and the suggestions on their procedures."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from portal.read_only_admin import ReadOnlyAdmin
from procedures.admin.labels import procedure_title
from procedures.admin.scope import scope
from procedures.registry import registry

from . import complaints
from .constants import ComplaintStatus, HelpChannel
from .models import Complaint, Satisfaction, Suggestion


class ScopedAdmin(ReadOnlyAdmin):
    """Read by the members of the services `services_of` names; nothing added or deleted."""

    def services_of(self, request):
        return {service.pk for service in scope(request).services}

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(self.services_of(request))

    def has_module_permission(self, request):
        return self.has_view_permission(request)



@admin.register(Satisfaction)
class SatisfactionAdmin(ScopedAdmin):
    list_display = ["case", "procedure", "how_it_went", "clarity", "help", "created_at"]
    list_filter = ["how_it_went", "clarity", "created_at"]
    list_select_related = ["case"]
    fields = ["case", "procedure", "how_it_went", "clarity", "help", "helped", "comment",
              "created_at", "updated_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(case__service__in=self.services_of(request))

    @admin.display(description=_("procedure"))
    def procedure(self, answer):
        return procedure_title(answer.case.procedure)

    @admin.display(description=_("help sought"))
    def help(self, answer):
        labels = dict(HelpChannel.choices)
        return ", ".join(str(labels.get(value, value)) for value in answer.help_sought)


class ComplaintAnswerForm(forms.ModelForm):
    answer = forms.CharField(label=_("Answer to the applicant"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 8}),
                             help_text=_("Sent by e-mail and shown on the case page."))

    class Meta:
        model = Complaint
        fields = ["answer"]


@admin.register(Complaint)
class ComplaintAdmin(ScopedAdmin):
    list_display = ["case", "reason", "status", "filed_at", "due", "answered_at"]
    list_filter = ["status", "reason"]
    list_select_related = ["case"]
    form = ComplaintAnswerForm
    readonly_fields = ["case_link", "author", "reason", "text", "files", "status", "filed_at",
                       "due_at", "answered_by", "answered_at", "history"]
    ordering = ["status", "due_at"]

    def services_of(self, request):
        return set(scope(request).supervised)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("case", "author")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(case__service__in=self.services_of(request))

    def has_change_permission(self, request, obj=None):
        allowed = self.has_view_permission(request)
        return allowed and (obj is None or obj.status == ComplaintStatus.OPEN)

    def get_fields(self, request, obj=None):
        editable = ["answer"] if self.has_change_permission(request, obj) else []
        return [*self.readonly_fields[:-1], *editable, "history"]

    def get_readonly_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.readonly_fields
        return [*self.readonly_fields, "answer"]

    def save_model(self, request, obj, form, change):
        complaints.answer(obj.pk, request.user, form.cleaned_data["answer"])

    @admin.display(description=_("case"))
    def case_link(self, complaint):
        url = reverse("admin:procedures_case_change", args=[complaint.case_id])
        return format_html('<a href="{}">{}</a>', url, complaint.case)

    @admin.display(description=_("answer due by"), ordering="due_at")
    def due(self, complaint):
        if complaint.overdue:
            return format_html('<span class="case-overdue">{}<br>{}</span>',
                               complaint.due_at, _("overdue"))
        return complaint.due_at

    @admin.display(description=_("attachments"))
    def files(self, complaint):
        return format_html_join(", ", '<a href="{}">{}</a>', (
            (reverse("procedures:document", args=[d.public_id]), d.name)
            for d in complaint.attachments.all())) or "—"

    @admin.display(description=_("history"))
    def history(self, complaint):
        return format_html("<ol>{}</ol>", format_html_join("", "<li>{} — {} ({})</li>", (
            (date_format(timezone.localtime(event.created_at), "SHORT_DATETIME_FORMAT"),
             event.get_kind_display(), event.actor)
            for event in complaint.events.select_related("actor"))))


class SuggestionAnswerForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["answer", "published"]

    def clean(self):
        data = super().clean()
        if data.get("published") and not (data.get("answer") or "").strip():
            self.add_error("published", _("Answer the suggestion before showing it."))
        return data


@admin.register(Suggestion)
class SuggestionAdmin(ScopedAdmin):
    list_display = ["text_start", "procedure_name", "created_at", "answered_at", "published"]
    list_filter = ["published"]
    form = SuggestionAnswerForm
    fields = ["procedure_name", "text", "created_at", "answer", "published", "answered_by",
              "answered_at"]
    readonly_fields = ["procedure_name", "text", "created_at", "answered_by", "answered_at"]

    def services_of(self, request):
        return set(scope(request).supervised)

    def slugs(self, request):
        codes = {s.code for s in scope(request).services if s.pk in scope(request).supervised}
        return [p.slug for p in registry if p.service_code in codes]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(procedure__in=self.slugs(request))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request)

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data:
            obj.answered_by, obj.answered_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("suggestion"))
    def text_start(self, suggestion):
        return suggestion.text[:80]

    @admin.display(description=_("procedure"), ordering="procedure")
    def procedure_name(self, suggestion):
        return procedure_title(suggestion.procedure)
