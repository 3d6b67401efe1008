"""What an agent read: one INSERT a read, in the request that shows it (docs/audit-trail.md)."""

from .models import AgentRead, Case

Kind = AgentRead.Kind


def case_page(agent, case):
    AgentRead.objects.create(agent=agent, kind=Kind.CASE_PAGE, case_id=case.pk)


def document(agent, document):
    AgentRead.objects.create(agent=agent, kind=Kind.DOCUMENT, case_id=document.case_id,
                             document_id=document.pk, detail=document.name[:500])


def export(agent, fmt, query_string):
    """An export reads every case its filters select: the filters say which."""
    AgentRead.objects.create(agent=agent, kind=Kind.EXPORT,
                             detail=f"{fmt} ?{query_string}"[:500])


def seed_demo(agents):
    """Once: each demo agent has read their service's first case (the supervisor's audit page
    shows something)."""
    if AgentRead.objects.exists():
        return
    for agent in agents:
        case = Case.objects.for_agent(agent).order_by("pk").first()
        if case is not None:
            case_page(agent, case)
