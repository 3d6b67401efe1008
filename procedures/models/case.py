import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import DECIDED_STATUSES, NOT_FILED, CaseStatus
from ..registry import registry


def validate_procedure(slug):
    if slug not in registry:
        raise ValidationError(_("Unknown procedure: %(slug)s"), params={"slug": slug})


class CaseQuerySet(models.QuerySet):
    def of_applicant(self, user):
        return self.filter(applicant=user).exclude(status=CaseStatus.DISCARDED)

    def for_agent(self, user):
        """Cases of the services the agent belongs to (all of them for a superuser)."""
        filed = self.exclude(status__in=NOT_FILED)
        if user.is_superuser:
            return filed
        return filed.filter(service__memberships__user=user)


class Case(models.Model):
    """One filing of one procedure by one applicant: a draft, then a case under review."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=32, unique=True, null=True, blank=True)
    procedure = models.CharField(_("procedure"), max_length=50, validators=[validate_procedure])
    procedure_version = models.PositiveIntegerField(default=1)
    applicant = models.ForeignKey(  # indexed by case_applicant (Meta.indexes)
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases",
        verbose_name=_("applicant"), db_index=False,
    )
    company = models.ForeignKey(
        "accounts.Company", on_delete=models.PROTECT, null=True, blank=True,
        related_name="cases", verbose_name=_("company"),
    )
    # No `choices`: a procedure may add states (see Procedure.extra_states).
    status = models.CharField(_("status"), max_length=30, default=CaseStatus.DRAFT)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    computed = models.JSONField(_("computed values"), default=dict, blank=True)
    service = models.ForeignKey(  # indexed by case_queue (Meta.indexes)
        "accounts.Service", on_delete=models.PROTECT, related_name="cases",
        verbose_name=_("service"), db_index=False,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="assigned_cases", verbose_name=_("assigned agent"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("filed on"), null=True, blank=True)
    due_at = models.DateField(_("answer due by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["service", "status", "due_at"], name="case_queue"),
            models.Index(fields=["applicant", "-updated_at"], name="case_applicant"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=DECIDED_STATUSES) | Q(decided_at__isnull=False),
                name="decided_case_has_decided_at",
            ),
            models.CheckConstraint(
                condition=Q(status__in=NOT_FILED)
                | Q(reference__isnull=False, submitted_at__isnull=False),
                name="submitted_case_has_reference",
            ),
        ]

    def __str__(self):
        return self.reference or str(_("Draft %(id)s") % {"id": self.pk})

    @property
    def procedure_obj(self):
        return registry[self.procedure]

    @property
    def status_label(self):
        if self.status in CaseStatus.values:
            return CaseStatus(self.status).label
        return self.procedure_obj.extra_states.get(self.status, self.status)

    @property
    def is_draft(self):
        return self.status == CaseStatus.DRAFT

    @property
    def needs_action(self):
        return self.status == CaseStatus.AWAITING_INFO

    @property
    def holder_name(self):
        return self.company.name if self.company_id else self.applicant.get_full_name()


class ReferenceCounter(models.Model):
    """Per prefix and year, the last reference number given (on databases without sequences)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_reference_counter")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.value}"
