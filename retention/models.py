"""What retention needs to remember: legal holds, the warnings sent, and what was purged."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalHold(models.Model):
    """While a hold is not lifted, nothing of the case is deleted or purged (a dispute, an
    investigation, a court's request)."""

    case = models.ForeignKey("procedures.Case", on_delete=models.PROTECT,
                             related_name="legal_holds", verbose_name=_("case"))
    reason = models.CharField(_("reason"), max_length=255)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("placed by"))
    placed_at = models.DateTimeField(_("placed on"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self):
        return f"{self.case} — {self.reason}"


class Notice(models.TextChoices):
    DRAFT = "draft", _("Draft about to be deleted")
    CASE = "case", _("Case data about to be purged")


class RetentionNotice(models.Model):
    """The warning e-mailed to the applicant before a deletion or a purge."""

    case = models.ForeignKey("procedures.Case", on_delete=models.CASCADE,
                             related_name="retention_notices")
    kind = models.CharField(max_length=10, choices=Notice.choices)
    warned_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "kind"],
                                               name="one_retention_notice_per_case_and_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.case}"


class PurgeRecord(models.Model):
    """What was deleted or purged, when, under which rule: kept after the data is gone (it
    names the case by its reference, and holds no personal data)."""

    class Action(models.TextChoices):
        DRAFT_DELETED = "draft_deleted", _("Draft deleted")
        CASE_PURGED = "case_purged", _("Documents and personal data purged")

    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    case_public_id = models.UUIDField(_("case"), db_index=True)
    reference = models.CharField(_("reference"), max_length=32, blank=True)
    procedure = models.CharField(_("procedure"), max_length=50)
    retention_days = models.PositiveIntegerField(_("retention period (days)"))
    documents = models.PositiveIntegerField(_("documents deleted"), default=0)
    messages = models.PositiveIntegerField(_("messages emptied"), default=0)
    purged_at = models.DateTimeField(_("purged on"), auto_now_add=True)

    class Meta:
        verbose_name = _("purge record")
        verbose_name_plural = _("purge records")
        ordering = ["-purged_at"]
        constraints = [models.UniqueConstraint(
            fields=["case_public_id"], condition=Q(action="case_purged"),
            name="one_purge_per_case")]

    def __str__(self):
        return f"{self.get_action_display()} — {self.reference or self.case_public_id}"
