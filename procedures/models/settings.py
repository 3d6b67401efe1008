from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from ..constants import DelayUnit, Silence
from ..registry import registry


@dataclass(frozen=True)
class SilenceRule:
    """What silence means at a procedure's due date (constants.Silence) and whether awaiting
    the applicant's answer suspends its delay: its settings, else its class defaults. Read
    here only (the receipt, the workflow, the silence task): `silence_rule(slug)`."""

    meaning: str
    suspends_delay: bool


class ProcedureSettings(models.Model):
    """What administrators change about a procedure without a deployment, with history.

    One row per registered procedure (created with the procedure's class attributes as
    defaults, see `ensure_rows`); the engine reads `for_procedure(slug)`, never the class
    attributes. To add a setting: a field here, the class attribute it defaults to in
    `DEFAULTS`, a migration. The silence settings are empty (null) where the procedure's
    own declaration holds (SilenceRule)."""

    # field → Procedure class attribute giving its default
    DEFAULTS = {"is_open": "is_open", "delay": "delay", "delay_unit": "delay_unit"}

    procedure = models.CharField(_("procedure"), max_length=50, unique=True, editable=False)
    is_open = models.BooleanField(_("open"), default=True, help_text=_(
        "A closed procedure cannot be started; the drafts and cases already filed go on."))
    delay = models.PositiveIntegerField(_("processing delay"))
    delay_unit = models.CharField(_("unit"), max_length=10, choices=DelayUnit.choices)
    silence = models.CharField(  # empty: the procedure's declaration holds
        _("silence at the due date"), max_length=12, choices=Silence.choices, blank=True,
        default="", help_text=_("What the administration’s silence means once the due date "
                                "has passed; printed on the receipt. With acceptance or "
                                "rejection, the cases still open then are decided by the "
                                "system."))
    awaiting_info_suspends_delay = models.BooleanField(
        _("awaiting the applicant suspends the delay"), null=True, blank=True, help_text=_(
            "The due date moves by the days the service waited for the applicant’s answer."))
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

    def silence_rule(self):
        procedure = registry[self.procedure]
        return SilenceRule(
            self.silence or procedure.silence,
            procedure.awaiting_info_suspends_delay if self.awaiting_info_suspends_delay is None
            else self.awaiting_info_suspends_delay)

    @classmethod
    def silence_rules(cls):
        """{slug: SilenceRule} of every registered procedure (one query)."""
        saved = {row.procedure: row for row in cls.objects.filter(
            procedure__in=[p.slug for p in registry])}
        return {p.slug: (saved.get(p.slug) or cls(procedure=p.slug)).silence_rule()
                for p in registry}

    @property
    def delay_text(self):
        """The delay as a sentence says it: "1 jour ouvré", "10 jours ouvrés", "30 jours"."""
        if self.delay_unit == DelayUnit.WORKING_DAYS:
            words = ngettext("%(count)d working day", "%(count)d working days", self.delay)
        else:
            words = ngettext("%(count)d day", "%(count)d days", self.delay)
        return words % {"count": self.delay}


def silence_rule(slug):
    """The SilenceRule of procedure `slug` now (one query)."""
    found = ProcedureSettings.objects.filter(procedure=slug).first()
    return (found or ProcedureSettings(procedure=slug)).silence_rule()
