"""Risk rules and random rates: kept by administrators (superusers) only, with history."""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.constants import ServiceKind

from .models import OfficeSettings, RandomRate, RiskRule
from .report import rule_report


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

    def get_urls(self):
        report = path("report/", self.admin_site.admin_view(self.report_view),
                      name="customs_report")
        return [report, *super().get_urls()]

    def report_view(self, request):
        """The report per rule: for the officers of a customs office and the administrators."""
        user = request.user
        if not (user.is_superuser or user.memberships.filter(
                service__kind=ServiceKind.CUSTOMS).exists()):
            raise PermissionDenied
        form = PeriodForm(request.GET or None)
        since, until = PeriodForm.default()
        if form.is_valid():
            since, until = form.cleaned_data["since"], form.cleaned_data["until"]
        rows, random = rule_report(since, until)
        return TemplateResponse(request, "admin/customs/report.html", {
            **self.admin_site.each_context(request), "title": _("Risk rules: report"),
            "form": form if form.is_bound else PeriodForm(initial={"since": since,
                                                                    "until": until}),
            "rows": rows, "random": random, "since": since, "until": until,
        })

    def has_delete_permission(self, request, obj=None):
        """A rule that fired is kept (its reasons point at it): deactivate it instead."""
        return super().has_delete_permission(request, obj) and not (obj and obj.reasons.exists())


@admin.register(RandomRate)
class RandomRateAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["lane", "rate"]


@admin.register(OfficeSettings)
class OfficeSettingsAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["service", "release_green_at_once"]


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @staticmethod
    def default():
        """Since the first of January."""
        today = timezone.localdate()
        return datetime.date(today.year, 1, 1), today

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("This date is before the start date."))
        return data
