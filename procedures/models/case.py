import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import DECIDED_KINDS, NOT_FILED_KINDS, CaseStatus, StateKind
from ..registry import registry
from ..transitions import STATES, state_of


def validate_procedure(slug):
    if slug not in registry:
        raise ValidationError(_("Unknown procedure: %(slug)s"), params={"slug": slug})


def overdue_condition():
    """The one definition of "overdue": still open and past the answer due date."""
    return Q(status_kind=StateKind.OPEN, due_at__lt=timezone.localdate())


class CaseQuerySet(models.QuerySet):
    def of_applicant(self, user):
        return self.filter(applicant=user).exclude(status=CaseStatus.DISCARDED)

    def for_agent(self, user):
        """Cases of the services the agent belongs to (all of them for a superuser)."""
        filed = self.exclude(status_kind__in=NOT_FILED_KINDS)
        if user.is_superuser:
            return filed
        return filed.filter(service__memberships__user=user)

    def still_open(self):
        """Filed and not decided, withdrawn or closed: what is left to do."""
        return self.filter(status_kind=StateKind.OPEN)

    def overdue(self):
        return self.filter(overdue_condition())


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
    # The kind of `status` (open, accepted…), set with it by the workflow: queues and
    # constraints read it, so that a procedure's own states need no migration of the engine.
    status_kind = models.CharField(_("kind of status"), max_length=12,
                                   choices=StateKind.choices, default=StateKind.DRAFT)
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
    # When the procedure's automatic step ran (even if it did nothing): the sweep enqueues it
    # again for a submitted case without it.
    automatic_step_done_at = models.DateTimeField(_("automatic step run on"), null=True,
                                                  blank=True, editable=False)
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
                condition=~Q(status_kind__in=DECIDED_KINDS) | Q(decided_at__isnull=False),
                name="decided_case_has_decided_at",
            ),
            models.CheckConstraint(
                condition=Q(status_kind__in=NOT_FILED_KINDS)
                | Q(reference__isnull=False, submitted_at__isnull=False),
                name="submitted_case_has_reference",
            ),
            # The engine's states always have their own kind (a procedure's: see the registry).
            models.CheckConstraint(
                condition=~Q(status__in=list(STATES)) | Q(
                    *[Q(status=s.name, status_kind=s.kind) for s in STATES.values()],
                    _connector=Q.OR),
                name="engine_status_has_its_kind",
            ),
        ]

    def __str__(self):
        return self.reference or str(_("Draft %(id)s") % {"id": self.pk})

    @property
    def procedure_obj(self):
        return registry[self.procedure]

    @property
    def state(self):
        return state_of(registry.get(self.procedure), self.status)

    @property
    def status_label(self):
        return self.state.label_for()

    @property
    def is_decided(self):
        return self.status_kind in DECIDED_KINDS

    @property
    def is_overdue(self):
        return (self.status_kind == StateKind.OPEN and self.due_at is not None
                and self.due_at < timezone.localdate())

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
