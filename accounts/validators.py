from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siret


def validate_siret(value):
    """A SIRET is 14 digits whose Luhn checksum holds (python-stdnum)."""
    if not siret.is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a valid SIRET: 14 digits, as printed on your Kbis extract."),
            code="invalid_siret",
            params={"value": value},
        )
