"""The audit trail of agents' reads, and the daily digests that seal it with the history.

A read is written once and never changed: the model and its querysets refuse updates and
deletions (procedures/audit_chain.py detects one done behind their back)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .event import AppendOnlyError


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are never changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted.")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted.")


class AgentRead(AppendOnly):
    """An agent read a case page, downloaded a document or exported the queue."""

    class Kind(models.TextChoices):
        CASE_PAGE = "case_page", _("Case page")
        DOCUMENT = "document", _("Document downloaded")
        EXPORT = "export", _("Queue exported")

    at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("agent"))
    kind = models.CharField(_("what was read"), max_length=12, choices=Kind.choices)
    case = models.ForeignKey("procedures.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("case"))
    # No constraint: retention deletes documents, the record of their reading stays.
    document = models.ForeignKey("procedures.Document", on_delete=models.DO_NOTHING,
                                 db_constraint=False, null=True, blank=True, related_name="+",
                                 verbose_name=_("document"))
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("agent’s read")
        verbose_name_plural = _("agents’ reads")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)  # nobody may add, change or delete one
        indexes = [models.Index(fields=["case", "-at"], name="agentread_case"),
                   models.Index(fields=["agent", "-at"], name="agentread_agent")]

    def __str__(self):
        return f"{self.agent_id} {self.kind} {self.case_id or ''} {self.at:%Y-%m-%d %H:%M}"


class AuditDigest(AppendOnly):
    """The SHA-256 of one day's history and audit rows, chained to the previous day's."""

    day = models.DateField(_("day"), unique=True)
    previous = models.CharField(_("previous digest"), max_length=64, blank=True)
    tables = models.JSONField(_("tables"), default=dict)  # table → [rows, SHA-256 of the rows]
    digest = models.CharField(_("digest"), max_length=64)
    created_at = models.DateTimeField(_("computed on"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit digest")
        verbose_name_plural = _("audit digests")
        ordering = ["-day"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.day}: {self.digest[:16]}…"
