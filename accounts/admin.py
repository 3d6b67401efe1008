from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import claims
from .constants import ClaimStatus
from .models import Company, CompanyClaim, Membership, Service, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "email_verified_at"]
    search_fields = ["email", "first_name", "last_name"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identity"), {"fields": ["first_name", "last_name", "birth_date", "birth_place"]}),
        (_("Contact"), {"fields": ["address", "postal_code", "city", "phone"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["email_verified_at", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "service", "role"]
    list_filter = ["service", "role"]
    autocomplete_fields = ["user"]


class RepresentativeInline(admin.TabularInline):
    model = CompanyClaim
    verbose_name = _("representative")
    verbose_name_plural = _("representatives (accepted claims)")
    fields = ["user", "role", "reviewed_at", "reviewed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=ClaimStatus.ACCEPTED)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "city"]
    search_fields = ["name", "siret"]
    inlines = [RepresentativeInline]


class ClaimReviewForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("accept", _("Accept: the claimant may file for this company")),
                 ("refuse", _("Refuse"))])
    refusal_reason = forms.CharField(
        label=_("Reason of the refusal"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The claimant reads it in the e-mail. Say what is wrong with the document "
                    "(unreadable, older than 3 months, another person named…); never whether "
                    "other people act for this company."))

    class Meta:
        model = CompanyClaim
        fields = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not cleaned.get("refusal_reason", "").strip():
            self.add_error("refusal_reason", _("Give the reason of the refusal."))
        return cleaned


@admin.register(CompanyClaim)
class CompanyClaimAdmin(admin.ModelAdmin):
    """Reviewed by the staff holding the `accounts.review_companyclaim` permission (the
    administrators give it, directly or through a group), and by superusers."""

    form = ClaimReviewForm
    list_display = ["name", "siret", "user", "role", "status", "created_at"]
    list_filter = ["status", "role", "created_at"]
    list_select_related = ["user"]
    search_fields = ["^siret", "name", "user__email", "user__last_name"]
    stated = ["user", "siret", "name", "address", "postal_code", "city", "role", "proof_link",
              "representatives", "created_at"]
    readonly_fields = [*stated, "status", "reason", "reviewed_by", "reviewed_at"]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.status == ClaimStatus.PENDING:
            return [*self.stated, "decision", "refusal_reason"]
        return self.readonly_fields

    @admin.display(description=_("proof"))
    def proof_link(self, claim):
        if not claim.proof:
            return _("none (a representative from before claims were checked)")
        return format_html('<a href="{}">{}</a>', reverse("admin:accounts_companyclaim_proof",
                                                          args=[claim.pk]), claim.proof_name)

    @admin.display(description=_("people already acting for this SIRET"))
    def representatives(self, claim):
        others = (CompanyClaim.objects.filter(siret=claim.siret, status=ClaimStatus.ACCEPTED)
                  .exclude(pk=claim.pk).select_related("user"))
        return format_html_join(", ", "{} ({})", ((c.user, c.get_role_display())
                                                  for c in others)) or _("nobody")

    def get_urls(self):
        return [path("<int:claim_id>/proof/", self.admin_site.admin_view(self.proof_view),
                     name="accounts_companyclaim_proof"), *super().get_urls()]

    def proof_view(self, request, claim_id):
        if not claims.may_review(request.user):
            raise PermissionDenied
        claim = get_object_or_404(CompanyClaim, pk=claim_id)
        if not claim.proof:
            raise Http404
        return FileResponse(claim.proof.open("rb"), as_attachment=True,
                            filename=claim.proof_name, content_type=claim.proof_type)

    def save_model(self, request, obj, form, change):
        try:
            if form.cleaned_data["decision"] == "accept":
                claims.accept(obj.pk, request.user)
            else:
                claims.refuse(obj.pk, request.user, form.cleaned_data["refusal_reason"].strip())
        except claims.ClaimError:  # another reviewer decided it meanwhile: theirs stands
            messages.error(request, _("Another reviewer decided this claim meanwhile."))

    def has_module_permission(self, request):
        return claims.may_review(request.user)

    def has_view_permission(self, request, obj=None):
        return claims.may_review(request.user)

    def has_change_permission(self, request, obj=None):
        return claims.may_review(request.user) and (
            obj is None or (obj.status == ClaimStatus.PENDING and obj.user_id != request.user.pk))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
