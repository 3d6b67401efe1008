from django.conf import settings
from django.db import models


class Ping(models.Model):
    """The one row the baseline view inserts per request."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id} {self.created_at}"
