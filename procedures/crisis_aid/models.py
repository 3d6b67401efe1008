"""The aid schemes: data an administrator creates in the admin when a crisis comes, one version
a month (a new month is a new scheme, "save as new" in the admin), with their history."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import rules


class AidSchemeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


def money_field(label, **kwargs):
    return models.DecimalField(label, max_digits=12, decimal_places=2,
                               validators=[MinValueValidator(0)], **kwargs)


class AidScheme(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True,
                            help_text=_("As applicants read it: “Fonds de solidarité — avril "
                                        "2020”."))
    covers_from = models.DateField(_("period covered: from"))
    covers_until = models.DateField(_("period covered: until"))
    loss_month = models.DateField(
        _("month of loss"),
        help_text=_("The first day of the month whose loss of turnover the aid compensates; "
                    "it is compared with the same month a year earlier."))
    max_employees = models.PositiveIntegerField(_("employees: at most"))
    turnover_ceiling = money_field(_("last closed year's turnover: below (€)"))
    taxable_profit_ceiling = money_field(_("taxable profit: below (€)"))
    min_loss_percent = models.DecimalField(
        _("minimum loss of turnover (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    aid_cap = money_field(_("aid: at most (€)"))
    closure_qualifies = models.BooleanField(
        _("an administrative closure qualifies"), default=True,
        help_text=_("A company closed by an administrative decision is eligible whatever its "
                    "loss (the aid is still its loss, capped)."))
    decided_by_system = models.BooleanField(
        _("clean cases are decided by the system"), default=False,
        help_text=_("An eligible request is granted at once, with its decision; the others wait "
                    "for an agent, with the system's proposal."))
    is_open = models.BooleanField(
        _("open"), default=True,
        help_text=_("Closed: the scheme leaves the catalogue and no request is submitted any "
                    "more, drafts included."))
    legal_source = models.CharField(_("legal source"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AidSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("aid scheme")
        verbose_name_plural = _("aid schemes")
        ordering = ["-loss_month", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(covers_until__gte=models.F("covers_from")),
                                   name="aid_scheme_period_in_order"),
        ]

    def __str__(self):
        return self.name

    @property
    def loss_month_label(self):
        return date_format(self.loss_month, "F Y")

    @property
    def reference_month_label(self):
        return date_format(self.loss_month.replace(year=self.loss_month.year - 1), "F Y")

    def parameters(self):
        """The scheme as the rules read it."""
        return rules.Scheme(
            name=self.name, loss_month=self.loss_month, max_employees=self.max_employees,
            turnover_ceiling=self.turnover_ceiling,
            taxable_profit_ceiling=self.taxable_profit_ceiling,
            min_loss_ratio=self.min_loss_percent / Decimal(100), aid_cap=self.aid_cap,
            closure_qualifies=self.closure_qualifies, source=self.legal_source,
        )
