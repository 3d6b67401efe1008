"""The bulk confirmations of proposals: their progress while they run, each case's result."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from portal.read_only_admin import ReadOnlyAdmin

from .. import proposals
from ..models import BatchItem, ProposalBatch
from .scope import scope

SHOWN_ITEMS = 200


@admin.register(ProposalBatch)
class ProposalBatchAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "created_by", "created_at", "progress", "finished_at"]
    list_select_related = ["created_by"]

    def get_queryset(self, request):
        batches = super().get_queryset(request)
        return batches if request.user.is_superuser else batches.filter(created_by=request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(scope(request).services)

    def has_module_permission(self, request):
        return self.has_view_permission(request)


    @admin.display(description=_("progress"))
    def progress(self, batch):
        counts = proposals.progress(batch.pk)
        return _("%(done)d done, %(refused)d refused, %(pending)d pending") % counts

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if batch is None:
            raise Http404
        items = (BatchItem.objects.filter(batch=batch).exclude(result=BatchItem.Result.PENDING)
                 .select_related("case").order_by("-result", "-done_at", "-pk"))
        return TemplateResponse(request, "admin/procedures/proposalbatch/progress.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts, "title": str(batch), "batch": batch,
            "counts": proposals.progress(batch.pk), "items": items[:SHOWN_ITEMS],
        })
