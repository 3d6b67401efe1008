from django.db import models
from django.utils.translation import gettext_lazy as _


class HowItWent(models.IntegerChoices):
    """The first question of the State's "Je donne mon avis", scored on 10."""

    WELL = 10, _("Well")
    AVERAGE = 5, _("Average")
    BADLY = 0, _("Badly")


class Clarity(models.IntegerChoices):
    VERY_UNCLEAR = 1, _("1 — very unclear")
    UNCLEAR = 2, _("2 — unclear")
    FAIR = 3, _("3 — fair")
    CLEAR = 4, _("4 — clear")
    VERY_CLEAR = 5, _("5 — very clear")


class HelpChannel(models.TextChoices):
    COUNTER = "counter", _("At a counter")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    RELATIVE = "relative", _("A relative or a friend")
    ASSOCIATION = "association", _("An association")
    WEBSITE = "website", _("A website")
    OTHER = "other", _("Elsewhere")
    NONE = "none", _("I sought no help")


class Helped(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class ComplaintReason(models.TextChoices):
    DELAY = "delay", _("The answer is late")
    DECISION = "decision", _("I dispute the decision")
    RECEPTION = "reception", _("How I was received or informed")
    OTHER = "other", _("Another reason")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("Being handled")
    ANSWERED = "answered", _("Answered")
