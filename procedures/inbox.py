"""The in-app notifications of the signed-in user: the list and, through the `inbox` template
tags, the unread count in the header. Reading the list changes nothing (a GET has no side
effect: a prefetching browser or a link checker marks nothing read); the page's button POSTs
the notifications it showed, and only those are marked read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import notifications
from .models import Channel, Notification


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    mine = Notification.objects.filter(recipient=request.user, channel=Channel.IN_APP)
    if request.method == "POST":
        shown = [value for value in request.POST.getlist("shown") if value.isdigit()][:100]
        mine.filter(pk__in=shown, read_at__isnull=True).update(read_at=timezone.now())
        page = request.POST.get("page", "")
        return redirect(request.path + (f"?page={page}" if page.isdigit() else ""))
    page = Paginator(mine.select_related("case"), 30).get_page(request.GET.get("page"))
    items = [{"notification": n, "title": notifications.subject(n),
              "link": notifications.link(n), "new": n.read_at is None} for n in page]
    return render(request, "procedures/notifications.html", {
        "page": page, "items": items, "title": _("Notifications"),
        "unread_shown": [item["notification"].pk for item in items if item["new"]],
    })
