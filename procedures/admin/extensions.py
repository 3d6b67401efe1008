"""What a procedure adds to the back office (Procedure.queue_columns, queue_filters,
queue_queryset and admin_panel): its columns and filters when the queue shows its cases alone
(the agent's services handle it alone, or the queue is filtered on it), and its panel on the
case page."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..registry import registry
from .scope import scope


def queue_procedure(request):
    """The one procedure whose cases the queue shows, or None."""
    slug = request.GET.get("procedure")
    if slug in registry:
        return registry[slug]
    procedures = scope(request).procedures
    return procedures[0] if len(procedures) == 1 else None


def panel(case):
    """The procedure's panel for the case page (Procedure.admin_panel), rendered, or None."""
    spec = case.procedure_obj.admin_panel(case)
    if not spec:
        return None
    return mark_safe(render_to_string(spec["template"], {"case": case, **spec.get("context", {})}))
