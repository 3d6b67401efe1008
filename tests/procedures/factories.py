import datetime

import factory
from django.utils import timezone

from procedures.constants import CaseStatus
from procedures.models import Case
from procedures.registry import registry
from procedures.transitions import state_of
from tests.factories import ServiceFactory, UserFactory

VALID_ANSWERS = {
    "identity": {"first_name": "Camille", "last_name": "Martin", "birth_date": "1988-04-12"},
    "request": {"topic": "park", "details": "Une place devant le 12 rue des Lilas.",
                "proof": None},
}


class CaseFactory(factory.django.DjangoModelFactory):
    """A case of the demo procedure; traits name the states: CaseFactory(in_review=True)."""

    class Meta:
        model = Case

    procedure = "demo"
    applicant = factory.SubFactory(UserFactory)
    service = factory.LazyFunction(lambda: ServiceFactory(code="demo-service"))
    answers = factory.LazyFunction(lambda: {k: dict(v) for k, v in VALID_ANSWERS.items()})
    status = CaseStatus.DRAFT
    status_kind = factory.LazyAttribute(lambda case: state_of(registry.get(case.procedure),
                                                              case.status).kind)

    class Params:
        filed = factory.Trait(
            reference=factory.Sequence(lambda n: f"DM-2026-{n + 900000:06d}"),
            submitted_at=factory.LazyFunction(timezone.now),
            due_at=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14)),
        )
        submitted = factory.Trait(filed=True, status=CaseStatus.SUBMITTED)
        in_review = factory.Trait(filed=True, status=CaseStatus.IN_REVIEW)
        awaiting_info = factory.Trait(filed=True, status=CaseStatus.AWAITING_INFO)
        accepted = factory.Trait(filed=True, status=CaseStatus.ACCEPTED,
                                 decided_at=factory.LazyFunction(timezone.now))
