from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from ..constants import DelayUnit
from ..registry import registry


class ProcedureSettings(models.Model):
    """What administrators change about a procedure without a deployment, with history.

    One row per registered procedure (created with the procedure's class attributes as
    defaults, see `ensure_rows`); the engine reads `for_procedure(slug)`, never the class
    attributes. To add a setting: a field here, the class attribute it defaults to in
    `DEFAULTS`, a migration."""

    # field → Procedure class attribute giving its default
    DEFAULTS = {"is_open": "is_open", "delay": "delay", "delay_unit": "delay_unit"}

    procedure = models.CharField(_("procedure"), max_length=50, unique=True, editable=False)
    is_open = models.BooleanField(_("open"), default=True, help_text=_(
        "A closed procedure cannot be started; the drafts and cases already filed go on."))
    delay = models.PositiveIntegerField(_("processing delay"))
    delay_unit = models.CharField(_("unit"), max_length=10, choices=DelayUnit.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("procedure settings")
        verbose_name_plural = _("procedures’ settings")
        ordering = ["procedure"]

    def __str__(self):
        procedure = registry.get(self.procedure)
        return str(procedure.title) if procedure else self.procedure

    @classmethod
    def defaults(cls, procedure):
        return {field: getattr(procedure, attribute) for field, attribute in cls.DEFAULTS.items()}

    @classmethod
    def for_procedure(cls, slug):
        """The saved settings, or (no row yet) the class defaults, unsaved."""
        found = cls.objects.filter(procedure=slug).first()
        return found or cls(procedure=slug, **cls.defaults(registry[slug]))

    @classmethod
    def ensure_rows(cls):
        """A row for each registered procedure that has none (after migrate)."""
        existing = set(cls.objects.values_list("procedure", flat=True))
        cls.objects.bulk_create([cls(procedure=p.slug, **cls.defaults(p))
                                 for p in registry if p.slug not in existing])

    @property
    def delay_text(self):
        """The delay as a sentence says it: "1 jour ouvré", "10 jours ouvrés", "30 jours"."""
        if self.delay_unit == DelayUnit.WORKING_DAYS:
            words = ngettext("%(count)d working day", "%(count)d working days", self.delay)
        else:
            words = ngettext("%(count)d day", "%(count)d days", self.delay)
        return words % {"count": self.delay}
