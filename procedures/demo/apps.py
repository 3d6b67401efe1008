from django.apps import AppConfig


class DemoProcedureConfig(AppConfig):
    """A small procedure that shows the plug-in API; the tests use it as the engine's double."""

    name = "procedures.demo"
    label = "demo_procedure"

    def ready(self):
        from ..registry import registry
        from .household import HouseholdDemoProcedure
        from .outcomes import OutcomesDemoProcedure
        from .procedure import BrokenProcedure, CompanyDemoProcedure, DemoProcedure

        registry.register(DemoProcedure)
        registry.register(BrokenProcedure)
        registry.register(CompanyDemoProcedure)
        registry.register(OutcomesDemoProcedure)
        registry.register(HouseholdDemoProcedure)
