from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomsConfig(AppConfig):
    name = "procedures.customs"
    label = "customs"
    verbose_name = _("Customs import declarations")

    def ready(self):
        from ..registry import registry
        from .procedure import CustomsProcedure

        registry.register(CustomsProcedure)
