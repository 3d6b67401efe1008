from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Procedures and cases")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401  (registers the procedures' system checks)

        post_migrate.connect(_settings_rows, sender=self)


def _settings_rows(**kwargs):
    from .models import ProcedureSettings

    ProcedureSettings.ensure_rows()
