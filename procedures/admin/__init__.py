"""The agents' back office in the Django admin (see case.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .administrators import AdministratorsAdmin, ProcedureSettingsAdmin
from .audit import AgentReadAdmin, AuditDigestAdmin
from .batches import ProposalBatchAdmin
from .case import CaseAdmin

admin.site.site_header = _("Guichet — back office")
admin.site.site_title = _("Guichet back office")
admin.site.index_title = _("Back office")

__all__ = ["AdministratorsAdmin", "AgentReadAdmin", "AuditDigestAdmin", "CaseAdmin",
           "ProcedureSettingsAdmin", "ProposalBatchAdmin"]
