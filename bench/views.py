"""The floor of the submission benchmark: behind the same middleware, login and CSRF check as
the real submission, it inserts one row and redirects — nothing else."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .models import Ping


@login_required
@require_POST
def baseline(request):
    Ping.objects.create(user=request.user)
    return redirect("procedures:my_space")
