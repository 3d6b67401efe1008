"""The in-app notifications of the signed-in user: the list (opening it marks them read) and,
through the `inbox` template tags, the unread count in the header."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import notifications
from .models import Channel, Notification


@login_required
@require_GET
def notification_list(request):
    page = Paginator(
        Notification.objects.filter(recipient=request.user, channel=Channel.IN_APP)
        .select_related("case"), 30,
    ).get_page(request.GET.get("page"))
    unread = {n.pk for n in page if n.read_at is None}
    Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    items = [{"notification": n, "title": notifications.subject(n),
              "link": notifications.link(n), "new": n.pk in unread} for n in page]
    return render(request, "procedures/notifications.html", {
        "page": page, "items": items, "title": _("Notifications"),
    })
