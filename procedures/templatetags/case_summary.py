from django import template

register = template.Library()


@register.simple_tag
def computed_rows(case):
    """[(label, display value), …] of the values computed for `case`, as its procedure words
    them (Procedure.computed_summary)."""
    return case.procedure_obj.computed_summary(case.computed) if case.computed else []
