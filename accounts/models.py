import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import AccountEmailKind, ClaimRole, ClaimStatus, MembershipRole, ServiceKind
from .validators import validate_siret


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("email_verified_at", timezone.now())
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: citizen, company representative or agent. E-mail is the login."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=150, blank=True)
    address = models.CharField(_("postal address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def email_verified(self):
        return self.email_verified_at is not None


class CompanyQuerySet(models.QuerySet):
    def represented_by(self, user):
        """The companies `user` may file for: those of their accepted claims."""
        return self.filter(claims__user=user, claims__status=ClaimStatus.ACCEPTED)


class Company(models.Model):
    """A business, identified by its SIRET. People act for it through accepted claims
    (CompanyClaim), never by registering it first."""

    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    name = models.CharField(_("company name"), max_length=255)
    address = models.CharField(_("postal address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.siret})"


def claim_proof_path(claim, filename):
    """A random name: nothing of the claimant's file name reaches the disk."""
    return f"claims/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class CompanyClaim(models.Model):
    """A person's statement that they represent a company, with its proof (a Kbis extract or a
    mandate). An agent accepts it (the company is then theirs to file for, the Company row made
    from the claim if the guichet had none) or refuses it with a reason the claimant reads."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="company_claims", verbose_name=_("claimant"))
    siret = models.CharField(_("SIRET"), max_length=14, validators=[validate_siret],
                             db_index=True)
    name = models.CharField(_("company name"), max_length=255)
    address = models.CharField(_("postal address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=ClaimRole.choices)
    proof = models.FileField(_("proof"), upload_to=claim_proof_path, max_length=255, blank=True)
    proof_name = models.CharField(_("file name"), max_length=255, blank=True)
    proof_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ClaimStatus.choices,
                              default=ClaimStatus.PENDING, db_index=True)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="claims", verbose_name=_("company"))
    reason = models.TextField(_("reason of the refusal"), blank=True)
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("reviewed by"))

    class Meta:
        verbose_name = _("company claim")
        verbose_name_plural = _("company claims")
        ordering = ["-created_at"]
        permissions = [("review_companyclaim", _("Can review company claims"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "siret"], name="one_live_claim_per_user_and_siret",
                condition=Q(status__in=[ClaimStatus.PENDING, ClaimStatus.ACCEPTED])),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.ACCEPTED) | Q(company__isnull=False),
                name="accepted_claim_has_company"),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.REFUSED) | ~Q(reason=""),
                name="refused_claim_has_reason"),
        ]

    def __str__(self):
        return f"{self.name} ({self.siret}) — {self.user}"


class Service(models.Model):
    """An administrative service whose agents process cases (a town hall, a customs office…)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_in_sentence = models.CharField(
        _("name in a sentence"), max_length=255, blank=True,
        help_text=_("How a French sentence names the service, with its article: “la mairie "
                    "de Villebourg”, “le bureau de douane de Villebourg”. Empty: its name."))
    kind = models.CharField(_("kind"), max_length=30, choices=ServiceKind.choices)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    agents = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="services"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def in_sentence(self):
        """The service as a sentence names it: with its article in French ("la mairie de
        Villebourg a accepté…"), its name in English."""
        french = (get_language() or "fr").startswith("fr")
        return self.name_in_sentence if french and self.name_in_sentence else self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.AGENT
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "service"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} — {self.service} ({self.get_role_display()})"


class AccountEmail(models.Model):
    """The outbox of account e-mails (confirmation, password reset, log-in link, alerts): a row
    written in the request's transaction, sent by a task that builds the link itself (no link
    or token ever sits in the broker), and swept again until sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_emails"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AccountEmailKind.choices)
    language = models.CharField(_("language"), max_length=10)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account e-mail")
        verbose_name_plural = _("account e-mails")
        indexes = [models.Index(fields=["sent_at", "created_at"], name="account_email_unsent")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.user}"
