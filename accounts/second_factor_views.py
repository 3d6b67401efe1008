"""The admin's second-factor pages: enrol an authenticator app, then give a code each session."""

import base64

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login

from . import second_factor


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=20)  # rendered by the template

    def __init__(self, user, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.devices, self.device, self.throttled = user, devices, None, False

    def clean_code(self):
        try:
            self.device = second_factor.check(self.user, self.cleaned_data["code"], self.devices)
        except second_factor.TooManyFailures:
            self.throttled = True
            raise forms.ValidationError(_(
                "Too many wrong codes for this account: try again in %(minutes)d minutes."
            ) % {"minutes": second_factor.failure_window_minutes()}) from None
        if self.device is None:
            raise forms.ValidationError(_("This code is wrong or already used."))
        return self.cleaned_data["code"]


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def _page(request, template, form, status=200, **context):
    return render(request, template, {
        **admin.site.each_context(request),
        "available_apps": [], "is_nav_sidebar_enabled": False,  # nothing before the code
        "form": form, "next": _next(request), **context,
    }, status=429 if getattr(form, "throttled", False) else status)


def _staff_only(view):
    def guarded(request):
        if not second_factor.required(request.user):
            return redirect("admin:login")
        return view(request)
    return login_required(guarded, login_url="admin:login")


@_staff_only
def enrol(request):
    user = request.user
    if second_factor.confirmed_totp(user):
        return redirect(f"{reverse('second_factor:verify')}?{request.GET.urlencode()}")
    device = second_factor.pending_totp(user)
    form = CodeForm(user, [device], request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return _page(request, "admin/second_factor/recovery_codes.html", None,
                     title=_("Your recovery codes"),
                     codes=second_factor.new_recovery_codes(user))
    secret = base64.b32encode(device.bin_key).decode()
    return _page(request, "admin/second_factor/enrol.html", form,
                 title=_("Set up the second factor"),
                 qr_code=segno.make(device.config_url, error="m").png_data_uri(scale=4),
                 secret=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)))


@_staff_only
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not second_factor.confirmed_totp(user):
        return redirect(f"{reverse('second_factor:enrol')}?{request.GET.urlencode()}")
    form = CodeForm(user, second_factor.login_devices(user), request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next(request))
    return _page(request, "admin/second_factor/verify.html", form,
                 title=_("Second factor"))
