from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilStatusConfig(AppConfig):
    name = "procedures.civil_status"
    label = "civil_status"
    verbose_name = _("Civil-status certificates")

    def ready(self):
        from ..registry import registry
        from .procedure import CivilStatusProcedure

        registry.register(CivilStatusProcedure)
