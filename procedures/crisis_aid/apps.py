from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisAidConfig(AppConfig):
    name = "procedures.crisis_aid"
    label = "crisis_aid"
    verbose_name = _("Crisis aid for small businesses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ..registry import registry
        from .procedure import CrisisAidProcedure

        registry.register(CrisisAidProcedure)
