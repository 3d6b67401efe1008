"""The people of the demo: services, their agents, a supervisor, a citizen and a company user."""

import base64
import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .constants import ClaimRole, ClaimStatus, MembershipRole, ServiceKind
from .models import Company, CompanyClaim, Membership, Service, User

DEMO_PASSWORD = "Guichet-demo-2026"
# The demo's agents and administrator share this TOTP key (the admin's second factor), so that
# a newcomer gets in with `manage.py demo_code` or by typing the key into an authenticator app.
# Only seed_demo gives it to anyone: no other account ever has it.
DEMO_TOTP_KEY = "4775696368657420646520646dc3a96d6f203230"  # hex, 20 bytes


def demo_totp_secret():
    """The demo key as an authenticator app takes it (base32)."""
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def demo_totp_code():
    return f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token():06d}"

SERVICES = [
    ("mairie-etat-civil", "Mairie de Villebourg — état civil", ServiceKind.CIVIL_STATUS,
     "etat-civil@villebourg.example"),
    ("mairie-lyon-etat-civil", "Mairie de Lyon — état civil", ServiceKind.CIVIL_STATUS,
     "etat-civil@lyon.example"),
    ("douane-villebourg", "Bureau de douane de Villebourg", ServiceKind.CUSTOMS,
     "douane@villebourg.example"),
    ("sip-villebourg", "Service des impôts des particuliers de Villebourg", ServiceKind.TAX,
     "sip@villebourg.example"),
    ("guichet-aides", "Guichet des aides aux entreprises", ServiceKind.AID,
     "aides@villebourg.example"),
]
# How a sentence names each one ("la mairie de Villebourg a accepté votre demande").
IN_SENTENCE = {
    "mairie-etat-civil": "la mairie de Villebourg",
    "mairie-lyon-etat-civil": "la mairie de Lyon",
    "douane-villebourg": "le bureau de douane de Villebourg",
    "sip-villebourg": "le service des impôts des particuliers de Villebourg",
    "guichet-aides": "le guichet des aides aux entreprises",
}

# Printed on receipts and decisions (the acknowledgement's mentions, CRPA R112-5).
CONTACTS = {
    "mairie-etat-civil": ("1 place de la Mairie, 69999 Villebourg", "04 00 00 00 01"),
    "mairie-lyon-etat-civil": ("1 place de la Comédie, 69001 Lyon", "04 00 00 00 05"),
    "douane-villebourg": ("8 quai des Douanes, 69999 Villebourg", "04 00 00 00 02"),
    "sip-villebourg": ("20 avenue des Finances, 69999 Villebourg", "04 00 00 00 03"),
    "guichet-aides": ("5 rue de l’Industrie, 69999 Villebourg", "04 00 00 00 04"),
}


def _user(email, **fields):
    user, created = User.objects.get_or_create(
        email=email, defaults={"email_verified_at": timezone.now(), **fields}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    if user.is_staff:
        TOTPDevice.objects.get_or_create(user=user, name="Démo",
                                         defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
    return user


def represent(user, company):
    """The demo's representatives act for their companies through a claim accepted already."""
    CompanyClaim.objects.get_or_create(
        user=user, siret=company.siret, status=ClaimStatus.ACCEPTED,
        defaults={"company": company, "name": company.name, "address": company.address,
                  "postal_code": company.postal_code, "city": company.city,
                  "role": ClaimRole.LEGAL_REPRESENTATIVE, "reviewed_at": timezone.now()})


def claim_reviewers():
    """The group whose members review the company claims (the demo's aid desk agent)."""
    group, _ = Group.objects.get_or_create(name="Vérification des entreprises")
    group.permissions.add(Permission.objects.get(codename="review_companyclaim",
                                                 content_type__app_label="accounts"))
    return group


def seed_people():
    """Create (or find) the demo people; return a dict of them, and the logins to print:
    (role, e-mail, what it serves: a Service, "citizen", "company" or None)."""
    services = {}  # the first service of each kind
    every_service = []
    logins = []
    for code, name, kind, email in SERVICES:
        service, _ = Service.objects.get_or_create(
            code=code, defaults={"name": name, "name_in_sentence": IN_SENTENCE[code],
                                 "kind": kind, "email": email,
                                 "address": CONTACTS[code][0], "phone": CONTACTS[code][1]}
        )
        if not service.name_in_sentence:  # the aid desk comes from a data migration
            service.name_in_sentence = IN_SENTENCE[code]
            service.save(update_fields=["name_in_sentence"])
        services.setdefault(kind, service)
        every_service.append(service)
        agent = _user(f"agent.{code}@guichet.example", first_name="Agent",
                      last_name=name.split("—")[0].strip(), is_staff=True)
        Membership.objects.get_or_create(user=agent, service=service,
                                         defaults={"role": MembershipRole.AGENT})
        logins.append(("agent", agent.email, service))
        if kind == ServiceKind.AID:
            agent.groups.add(claim_reviewers())
    supervisor = _user("superviseur@guichet.example", first_name="Sophie",
                       last_name="Superviseure", is_staff=True)
    for service in every_service:
        Membership.objects.get_or_create(user=supervisor, service=service,
                                         defaults={"role": MembershipRole.SUPERVISOR})
    logins.append(("supervisor of every service", supervisor.email, None))
    admin = _user("admin@guichet.example", first_name="Admin", is_staff=True, is_superuser=True)
    logins.append(("administrator (superuser)", admin.email, None))
    citizen = _user("citoyen@guichet.example", first_name="Camille", last_name="Martin",
                    birth_date=datetime.date(1988, 4, 12), birth_place="Lyon",
                    address="12 rue des Lilas", postal_code="69003", city="Lyon",
                    phone="06 12 34 56 78")
    logins.append(("citizen", citizen.email, "citizen"))
    entrepreneur = _user("entreprise@guichet.example", first_name="Karim", last_name="Benali",
                         address="3 place du Marché", postal_code="33000", city="Bordeaux")
    company, _ = Company.objects.get_or_create(
        siret="73282932000074",
        defaults={"name": "Boulangerie Benali SARL", "address": "3 place du Marché",
                  "postal_code": "33000", "city": "Bordeaux"},
    )
    represent(entrepreneur, company)
    logins.append(("company user", entrepreneur.email, "company"))
    return {"services": services, "citizen": citizen, "entrepreneur": entrepreneur,
            "company": company, "supervisor": supervisor, "admin": admin}, logins
