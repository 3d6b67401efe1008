from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    """The decision proposed for a case (by the system's pre-assessment or an agent): the
    transition, its motivation, an amount. Agents confirm proposals in bulk (ProposalBatch);
    each case then gets its own decision."""

    case = models.OneToOneField("procedures.Case", on_delete=models.CASCADE,
                                related_name="proposal", verbose_name=_("case"))
    transition = models.CharField(_("proposed decision"), max_length=40)
    motivation = models.TextField(_("motivation"), blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True,
                                 blank=True)
    proposed_by = models.ForeignKey(  # None: the system
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("proposed by"))
    created_at = models.DateTimeField(_("proposed on"), auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["transition", "case"], name="proposal_queue")]

    def __str__(self):
        return f"{self.case} → {self.transition}"


class ProposalBatch(models.Model):
    """"Confirm the selected proposals": one row per confirmation, one BatchItem per case,
    applied in the background by procedures.tasks.apply_batch."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("confirmed by"))
    created_at = models.DateTimeField(_("confirmed on"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("last progress"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk confirmation")
        verbose_name_plural = _("bulk confirmations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["heartbeat_at"], condition=Q(finished_at__isnull=True),
                                name="batch_unfinished")]

    def __str__(self):
        return str(_("Confirmation %(id)s") % {"id": self.pk})


class BatchItem(models.Model):
    class Result(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    batch = models.ForeignKey(ProposalBatch, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey("procedures.Case", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("case"))
    result = models.CharField(_("result"), max_length=10, choices=Result.choices,
                              default=Result.PENDING)
    reason = models.TextField(_("why"), blank=True)
    done_at = models.DateTimeField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("case of a bulk confirmation")
        verbose_name_plural = _("cases of a bulk confirmation")
        constraints = [models.UniqueConstraint(fields=["batch", "case"],
                                               name="one_item_per_case_and_batch")]
        indexes = [models.Index(fields=["batch", "result"], name="batch_item_result")]

    def __str__(self):
        return f"{self.batch_id}/{self.case_id}: {self.result}"
