from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    """Public-service quality: satisfaction, complaints, suggestions, public indicators and
    decisions by silence."""

    name = "quality"
    verbose_name = _("Service quality")
