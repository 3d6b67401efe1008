"""The people and cases the benchmarks need, created in bulk (no password hashing, no
per-row save): services with an agent each, citizens logged in through a session row, drafts
ready to submit."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts.constants import MembershipRole
from accounts.demo import SERVICES
from accounts.models import Membership, Service, User
from procedures import language
from procedures.models import Case, NotificationPreference
from procedures.registry import registry

# A full copy of a marriage record, by post: 15 answers (3 + 8 + 4), the receipt's case.
ANSWERS = {
    "certificate": {"record": "marriage", "kind": "full_copy", "relation": "self"},
    "person": {"last_name": "Martin", "first_names": "Camille Louise",
               "birth_date": "1988-04-12", "birth_place": "Lyon",
               "first_parent": "Martin Jean", "second_parent": "Durand Anne",
               "spouse_name": "Lefèvre Thomas", "marriage_date": "2016-06-18"},
    "delivery": {"method": "post", "address": "12 rue des Lilas", "postal_code": "69003",
                 "city": "Lyon"},
}
PROCEDURE = "civil_status"
BACKEND = "django.contrib.auth.backends.ModelBackend"

def procedure():
    """The procedure the submission benchmarks file."""
    if PROCEDURE in registry:
        return registry[PROCEDURE]
    raise SystemExit("The civil-status procedure is not installed (procedures.civil_status).")


def clear_cases():
    """A clean slate for the next benchmark: no case, event, document or notification."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE procedures_case, bench_ping, django_session CASCADE")


def services():
    """The demo services, each with one agent (a staff user, member of that service)."""
    result = []
    for code, name, kind, email in SERVICES:
        service, _ = Service.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "email": email})
        agent, created = User.objects.get_or_create(
            email=f"agent.{code}@bench.example",
            defaults={"first_name": "Agent", "last_name": code, "is_staff": True,
                      "password": make_password(None), "email_verified_at": timezone.now()})
        Membership.objects.get_or_create(user=agent, service=service,
                                         defaults={"role": MembershipRole.AGENT})
        result.append((service, agent))
    return result


def citizens(number):
    """`number` new citizens (verified e-mail, no usable password)."""
    batch = secrets.token_hex(4)  # unique across runs on a kept database
    now = timezone.now()
    users = [
        User(email=f"citizen.{batch}.{i}@bench.example", first_name="Camille",
             last_name=f"Martin {i}", password=make_password(None), email_verified_at=now,
             address="12 rue des Lilas", postal_code="69003", city="Lyon")
        for i in range(number)
    ]
    return User.objects.bulk_create(users, batch_size=5000)


def sessions(users):
    """A session per user as it is when they submit: logged in (as django.contrib.auth.login
    leaves it) and already browsing, their language remembered (procedures.language).
    Returns {user pk: session key}."""
    store = SessionStore()
    expiry = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows = {}
    for user in users:
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: BACKEND,
                HASH_SESSION_KEY: user.get_session_auth_hash(),
                language.SESSION_KEY: settings.LANGUAGE_CODE}
        rows[user.pk] = Session(session_key=get_random_string(32), expire_date=expiry,
                                session_data=store.encode(data))
    Session.objects.bulk_create(rows.values(), batch_size=5000)
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=user, language=settings.LANGUAGE_CODE) for user in users],
        batch_size=5000, ignore_conflicts=True)
    return {pk: session.session_key for pk, session in rows.items()}


def csrf_secret():
    """A CSRF secret, sent both as the cookie and as the form field (Django accepts both)."""
    return get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)


def drafts(users, answers=ANSWERS):
    """One complete draft per user, of the benchmark's procedure."""
    chosen = procedure()
    service = Service.objects.get(code=chosen.service_code)
    cases = [
        Case(procedure=chosen.slug, procedure_version=chosen.version, applicant=user,
             service=service, answers=answers)
        for user in users
    ]
    return Case.objects.bulk_create(cases, batch_size=5000)


def admin_client(user):
    """An in-process client logged into the admin as `user` past the second factor, as an agent
    is: a confirmed TOTP device of theirs, its current code typed into the code page."""
    from django.test import Client
    from django.urls import reverse
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post(reverse("second_factor:verify"),
                           {"code": f"{totp.token():0{device.digits}d}", "next": "/admin/"})
    if response.status_code != 302:
        raise RuntimeError(f"The second factor refused the bench's agent: {response.status_code}")
    return client
