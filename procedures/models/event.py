from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import ActorRole


class AppendOnlyError(Exception):
    pass


class CaseEvent(models.Model):
    """The append-only history of a case: written in the transaction of the change it records."""

    case = models.ForeignKey("procedures.Case", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=40)  # a transition name, "message", "assigned"…
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("by"),
    )
    actor_role = models.CharField(max_length=10, choices=ActorRole.choices)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    text = models.TextField(_("motivation or message"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    case_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.case_id} {self.kind} {self.from_status}→{self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Case events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Case events are never deleted.")
