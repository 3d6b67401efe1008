from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    IN_APP = "in_app", _("In the portal")


class Notification(models.Model):
    """What was sent to whom about which case event, on which channel; sent at most once.

    One row per (event, recipient, channel): the database refuses a second one, and the
    sender takes a row lock and checks `sent_at` before sending.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("recipient"),
    )
    case = models.ForeignKey(
        "procedures.Case", on_delete=models.CASCADE, related_name="notifications",
    )
    event = models.ForeignKey(
        "procedures.CaseEvent", on_delete=models.CASCADE, related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)  # names the templates, see notifications.py
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient", "channel"], name="one_notification_per_channel",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True),
                         name="notification_unsent"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.channel})"


class NotificationPreference(models.Model):
    """The language a user reads the portal in, remembered for what we send them later."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="notification_preference",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user} ({self.language})"
