from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxFilingConfig(AppConfig):
    name = "procedures.tax_filing"
    label = "tax_filing"
    verbose_name = _("Income-tax return")

    def ready(self):
        from ..registry import registry
        from .procedure import TaxFilingProcedure

        registry.register(TaxFilingProcedure)
