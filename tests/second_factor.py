"""Log agents and administrators into the admin with a real second factor: a TOTP device in
the database and the code its key gives now, typed into the admin's code page."""

import time

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user):
    """A confirmed TOTP device of `user` whose current code was not used yet (a device's code
    works once: a second log-in within the same 30 seconds gets a device of its own)."""
    now = int(time.time()) // 30
    device = TOTPDevice.objects.filter(user=user, confirmed=True, last_t__lt=now).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def log_in(client, user):
    """`client.force_login(user)`, then for an agent or administrator the admin's code page."""
    client.force_login(user)
    if user.is_staff or user.is_superuser:
        response = client.post(reverse("second_factor:verify"),
                               {"code": code(totp_device(user)), "next": "/admin/"})
        assert response.status_code == 302, response.content.decode()[:2000]
    return client
