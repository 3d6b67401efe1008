"""What customs keeps besides the case: the risk rules and random rates administrators set, and
for each declaration its clearance (lane, reasons, control, payment)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import rules
from .constants import SELECTING_LANES, Condition, Lane, Payment


def _check_value(condition, value):
    """The condition's value, normalised, else ValidationError (on the field `value`)."""
    value = value.strip().upper()
    if condition == Condition.CHAPTER and not (len(value) == 2 and value.isdigit()):
        raise ValidationError(_("A chapter is 2 digits, e.g. 22 for beverages."))
    if condition == Condition.HEADING and not (len(value) == 4 and value.isdigit()):
        raise ValidationError(_("A heading is 4 digits, e.g. 3303 for perfumes."))
    if condition == Condition.ORIGIN and not (len(value) == 2 and value.isalpha()):
        raise ValidationError(_("A country is its 2-letter ISO code, e.g. CN."))
    if condition == Condition.DECLARANT:
        value = rules.validate_eori(value)
    if condition == Condition.VALUE_ABOVE:
        try:
            if Decimal(value) < 0:
                raise ValueError
        except (ArithmeticError, ValueError):
            raise ValidationError(_("An amount in euros, e.g. 10000.")) from None
    if condition == Condition.FIRST_DECLARATION and value:
        raise ValidationError(_("This condition takes no value: leave it empty."))
    return value


class RiskRule(models.Model):
    """A targeting rule: which declarations it selects, for which lane, why, and what the
    officer checks."""

    name = models.CharField(_("name"), max_length=120)
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices)
    value = models.CharField(
        _("value"), max_length=40, blank=True,
        help_text=_("The chapter, heading, country code, EORI number or amount the condition "
                    "compares with; empty for a first declaration."))
    lane = models.CharField(_("lane"), max_length=10, choices=SELECTING_LANES)
    purpose = models.TextField(_("purpose"),
                               help_text=_("What the rule looks for, in plain words."))
    instructions = models.TextField(_("instructions for the officer"))
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("Empty: until further notice."))
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk rule")
        verbose_name_plural = _("risk rules")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="risk_rule_valid_until_after_valid_from"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            self.value = _check_value(self.condition, self.value)
        except ValidationError as error:
            raise ValidationError({"value": error.messages}) from None
        if self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("This date is before the start date.")})

    def as_rule(self):
        return rules.RiskRule(self.pk, self.condition, self.value, self.lane, self.valid_from,
                              self.valid_until, self.active)


class RandomRate(models.Model):
    """The minimum share of declarations sent to a lane at random, whatever the rules."""

    lane = models.CharField(_("lane"), max_length=10, choices=SELECTING_LANES, unique=True)
    rate = models.DecimalField(
        _("rate"), max_digits=5, decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("A fraction: 0.02 sends 2 % of the declarations to this lane at random."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("random rate")
        verbose_name_plural = _("random rates")
        ordering = ["lane"]

    def __str__(self):
        return f"{self.get_lane_display()}: {self.rate}"

    def clean(self):
        others = RandomRate.objects.exclude(pk=self.pk).aggregate(total=Sum("rate"))["total"]
        if self.rate is not None and (others or 0) + self.rate > 1:
            raise ValidationError({"rate": _("The rates of all lanes add up to more than 1.")})

    @classmethod
    def as_mapping(cls):
        return dict(cls.objects.values_list("lane", "rate"))


class Clearance(models.Model):
    """The customs side of a declaration (a case): its lane and why, its control, its
    payment. Written by the workflow's transitions, under the case's lock."""

    case = models.OneToOneField("procedures.Case", on_delete=models.CASCADE,
                                related_name="clearance")
    eori = models.CharField(_("declarant’s EORI number"), max_length=17, db_index=True,
                            default="")
    lane = models.CharField(_("lane"), max_length=10, choices=Lane.choices)
    random_lane = models.CharField(_("lane drawn at random"), max_length=10, blank=True,
                                   choices=Lane.choices)
    rules = models.ManyToManyField(RiskRule, through="Reason", related_name="clearances")
    selected_at = models.DateTimeField(_("selected at"), db_index=True)
    controlled_at = models.DateTimeField(_("control recorded at"), null=True, blank=True)
    non_conform = models.BooleanField(_("non-conform findings"), default=False)
    recovered = models.DecimalField(_("amount recovered"), max_digits=14, decimal_places=2,
                                    default=Decimal("0.00"))
    post_clearance_audit = models.BooleanField(_("post-clearance audit"), default=False)
    payment = models.CharField(_("duties"), max_length=12, choices=Payment.choices, blank=True)
    payment_reference = models.CharField(_("payment or guarantee reference"), max_length=60,
                                         blank=True)

    class Meta:
        verbose_name = _("clearance")
        verbose_name_plural = _("clearances")
        indexes = [models.Index(fields=["lane", "selected_at"], name="clearance_lane")]

    def __str__(self):
        return f"{self.case} — {self.get_lane_display()}"

    @property
    def control_needed(self):
        return self.lane in rules.CONTROLLED_LANES

    @property
    def control_done(self):
        return self.controlled_at is not None


class OfficeSettings(models.Model):
    """What a customs office decides for its declarations."""

    service = models.OneToOneField("accounts.Service", on_delete=models.CASCADE,
                                   related_name="customs_settings", verbose_name=_("office"))
    release_green_at_once = models.BooleanField(
        _("green lane released by the system at once"), default=True,
        help_text=_("Untick to have an officer release each green declaration."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("customs office settings")
        verbose_name_plural = _("customs office settings")

    def __str__(self):
        return str(self.service)

    @classmethod
    def releases_green_at_once(cls, service_id):
        setting = cls.objects.filter(service_id=service_id).first()
        return setting.release_green_at_once if setting else True


class Reason(models.Model):
    """A risk rule that fired for a declaration, with the lane it gave then."""

    clearance = models.ForeignKey(Clearance, on_delete=models.CASCADE, related_name="reasons")
    rule = models.ForeignKey(RiskRule, on_delete=models.PROTECT, related_name="reasons")
    lane = models.CharField(_("lane"), max_length=10, choices=Lane.choices)

    class Meta:
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")
        constraints = [models.UniqueConstraint(fields=["rule", "clearance"],
                                               name="one_reason_per_rule")]

    def __str__(self):
        return f"{self.rule} → {self.get_lane_display()}"
