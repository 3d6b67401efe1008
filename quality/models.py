import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures.models.event import AppendOnlyError

from .constants import Clarity, ComplaintReason, ComplaintStatus, Helped, HowItWent

SATISFACTION_EDITABLE_FOR = datetime.timedelta(days=7)


class Satisfaction(models.Model):
    """The applicant's answer to the State's standard questionnaire ("Je donne mon avis"),
    once per case, editable for a week."""

    case = models.OneToOneField("procedures.Case", on_delete=models.CASCADE,
                                related_name="satisfaction", verbose_name=_("case"))
    how_it_went = models.PositiveSmallIntegerField(_("how it went"), choices=HowItWent.choices)
    clarity = models.PositiveSmallIntegerField(_("clarity of the information"),
                                               choices=Clarity.choices)
    help_sought = models.JSONField(_("help sought"), default=list, blank=True)  # HelpChannel
    helped = models.CharField(_("did the help help?"), max_length=10, choices=Helped.choices,
                              blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("answered on"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(how_it_went__in=HowItWent.values),
                                   name="satisfaction_score_0_5_10"),
            models.CheckConstraint(condition=Q(clarity__gte=1, clarity__lte=5),
                                   name="satisfaction_clarity_1_5"),
        ]

    def __str__(self):
        return f"{self.case} — {self.how_it_went}/10"

    @property
    def editable_until(self):
        return self.created_at + SATISFACTION_EDITABLE_FOR

    @property
    def editable(self):
        return timezone.now() < self.editable_until


class Complaint(models.Model):
    """A complaint on a case (late, or decided and disputed), handled by the service's
    supervisors within its own announced delay."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("procedures.Case", on_delete=models.CASCADE,
                             related_name="complaints", verbose_name=_("case"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("author"))
    reason = models.CharField(_("reason"), max_length=20, choices=ComplaintReason.choices)
    text = models.TextField(_("complaint"), max_length=5000)
    attachments = models.ManyToManyField("procedures.Document", blank=True, related_name="+",
                                         verbose_name=_("attachments"))
    status = models.CharField(_("status"), max_length=10, choices=ComplaintStatus.choices,
                              default=ComplaintStatus.OPEN)
    filed_at = models.DateTimeField(_("filed on"), default=timezone.now, db_index=True)
    due_at = models.DateField(_("answer due by"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ComplaintStatus.OPEN)
                | Q(answered_at__isnull=False, answered_by__isnull=False) & ~Q(answer=""),
                name="answered_complaint_has_answer",
            ),
        ]

    def __str__(self):
        return str(_("Complaint on %(case)s") % {"case": self.case})

    @property
    def overdue(self):
        return self.status == ComplaintStatus.OPEN and self.due_at < timezone.localdate()


class ComplaintEvent(models.Model):
    """A complaint's own append-only history: filed, answered."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    KINDS = [("filed", _("Complaint filed")), ("answered", _("Answered"))]

    kind = models.CharField(_("event"), max_length=20, choices=KINDS)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("by"))
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    notified_at = models.DateTimeField(_("notified on"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.complaint_id} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:  # notified_at is set by an UPDATE (see complaints.notify)
            raise AppendOnlyError("Complaint events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Complaint events are never deleted.")


class Suggestion(models.Model):
    """An idea for a procedure, from its public page; a supervisor may answer and publish it."""

    procedure = models.CharField(_("procedure"), max_length=50, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("author"))
    text = models.TextField(_("suggestion"), max_length=2000)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    published = models.BooleanField(_("shown on the procedure's page"), default=False)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(published=False) | ~Q(answer=""),
                                   name="published_suggestion_is_answered"),
        ]

    def __str__(self):
        return self.text[:60]


class MonthlyIndicator(models.Model):
    """A month's public figures of one procedure (procedure "" = the whole guichet),
    precomputed from the history by quality.tasks; the public pages only read these rows."""

    procedure = models.CharField(max_length=50, blank=True)
    month = models.DateField()  # its first day
    filed = models.PositiveIntegerField(default=0)
    decided = models.PositiveIntegerField(default=0)
    decided_in_time = models.PositiveIntegerField(default=0)
    median_days = models.FloatField(null=True)
    p90_days = models.FloatField(null=True)
    messages = models.PositiveIntegerField(default=0)
    messages_answered_in_time = models.PositiveIntegerField(default=0)
    complaints = models.PositiveIntegerField(default=0)
    complaints_answered_in_time = models.PositiveIntegerField(default=0)
    satisfaction_answers = models.PositiveIntegerField(default=0)
    satisfaction_points = models.PositiveIntegerField(default=0)  # the sum of the scores on 10
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["procedure", "month"], name="one_indicator_a_month"),
        ]

    def __str__(self):
        return f"{self.procedure or '*'} {self.month:%Y-%m}"
