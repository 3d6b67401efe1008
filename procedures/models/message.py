from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import ActorRole


class Message(models.Model):
    """The conversation between the applicant and the agents on a case."""

    case = models.ForeignKey("procedures.Case", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=10, choices=ActorRole.choices)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_author_role_display()} — {self.created_at:%Y-%m-%d %H:%M}"
