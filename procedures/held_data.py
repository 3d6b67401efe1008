""""Tell us once": what the administration already holds about the applicant.

A procedure declares, in `Procedure.held_data`, the fields of its steps that ask for something
the administration holds ("step.field" → fact). The engine prefills each field whose fact the
guichet can read (the identity FranceConnect certified, the profile, the company's record) and
locks it when the State certified it; the facts it cannot read (an income known to the tax
administration, a headcount known to URSSAF) are still asked, and counted: the State's
observatory grades a procedure on that count (0–1 green, 2–4 orange, more red)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Fact:
    label: str
    holder: str
    read: Callable | None = None  # (user, company) → value, or None when not connected
    certified: Callable | None = None  # (user, company) → True when the State certified it


def _identity(user, company):
    from accounts.oidc.models import verified_identity

    return verified_identity(user) is not None


def _user(attribute):
    return lambda user, company: getattr(user, attribute) or None


def _company(attribute):
    return lambda user, company: (getattr(company, attribute) or None) if company else None


IDENTITY = _("the civil-status records (FranceConnect)")
PROFILE = _("your Guichet profile")
SIRENE = _("the company register (Sirene)")
TAX = _("the tax administration")
URSSAF = _("URSSAF")

FACTS = {
    "identity.first_names": Fact(_("first names"), IDENTITY, _user("first_name"), _identity),
    "identity.last_name": Fact(_("last name"), IDENTITY, _user("last_name"), _identity),
    "identity.birth_date": Fact(_("date of birth"), IDENTITY, _user("birth_date"), _identity),
    "identity.birth_place": Fact(_("place of birth"), IDENTITY, _user("birth_place")),
    "profile.address": Fact(_("postal address"), PROFILE, _user("address")),
    "profile.postal_code": Fact(_("postal code"), PROFILE, _user("postal_code")),
    "profile.city": Fact(_("city"), PROFILE, _user("city")),
    "company.siret": Fact(_("SIRET"), SIRENE, _company("siret")),
    "company.name": Fact(_("company name"), SIRENE, _company("name")),
    "company.address": Fact(_("company address"), SIRENE, _company("address")),
    "tax.income": Fact(_("incomes already declared by employers and pension funds"), TAX),
    "tax.turnover": Fact(_("last year's turnover"), TAX),
    "tax.taxable_profit": Fact(_("last year's taxable profit"), TAX),
    "social.headcount": Fact(_("headcount"), URSSAF),
}


def _split(path):
    step, field = path.split(".", 1)
    return step, field


def prefill(procedure, step_name, user, company):
    """{field: value} of the step's fields whose fact the guichet can read."""
    values = {}
    for path, key in procedure.held_data.items():
        step, field = _split(path)
        fact = FACTS[key]
        if step == step_name and fact.read and (value := fact.read(user, company)) is not None:
            values[field] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def lock(form, names):
    """Show the certified fields of a step's form without asking them again: a posted value
    for them is ignored (a disabled field keeps its initial value)."""
    for name in names:
        if name in getattr(form, "fields", {}):
            form.fields[name].disabled = True
            form.fields[name].help_text = _("Certified by FranceConnect: it cannot be changed.")


def certified_fields(procedure, step_name, user, company):
    """The step's fields filled from what the State certified: shown, not asked again."""
    return {
        _split(path)[1] for path, key in procedure.held_data.items()
        if _split(path)[0] == step_name and FACTS[key].certified
        and FACTS[key].certified(user, company) and FACTS[key].read(user, company) is not None
    }


def asked_anyway(procedure):
    """The facts the procedure still asks although an administration holds them."""
    return [FACTS[key] for key in procedure.held_data.values() if FACTS[key].read is None]


def grade(count):
    """The observatory's colour and its words, for `count` items asked anyway."""
    if count <= 1:
        return "success", _("good")
    if count <= 4:
        return "warning", _("to improve")
    return "error", _("poor")


def sentence(count):
    return ngettext(
        "This procedure asks you %(count)d piece of information the administration already "
        "holds.",
        "This procedure asks you %(count)d pieces of information the administration already "
        "holds.", count) % {"count": count}
