"""The demo citizen's returns: last year's, assessed (so that this year's return is prefilled
from it), this year's in review with a correction by the tax office, and next year's draft.
Each brought to its state through the workflow, as a real case would be. Idempotent: a year
that already has a return is skipped. The texts are what a demo agent typed: data, in French."""

from accounts.constants import MembershipRole
from accounts.models import Service, User

from .. import workflow
from ..models import Case

DECLARANT = {"last_name": "Martin", "first_names": "Camille Louise",
             "birth_date": "1988-04-12", "situation": "married", "single_parent": False}
SPOUSE = {"last_name": "Lefèvre", "first_names": "Thomas", "birth_date": "1986-11-02"}
CHILDREN = [{"first_names": "Léa", "birth_date": "2018-03-05"},
            {"first_names": "Hugo", "birth_date": "2020-07-21"},
            {"first_names": "Inès", "birth_date": "2023-01-14"}]


def answers(year, salaries, spouse_salaries):
    return {
        "year": {"income_year": year}, "household": DECLARANT, "spouse": SPOUSE,
        "children": CHILDREN,
        "incomes": {"declarant_salaries": salaries, "declarant_pensions": 0,
                    "declarant_other": 0, "spouse_salaries": spouse_salaries,
                    "spouse_pensions": 0, "spouse_other": 1200},
    }


# income year: (answers, what happens after submission)
STORIES = {
    2023: (answers(2023, 38500, 31200), [("start_review", {}), ("accept", {})]),
    2024: (answers(2024, 39400, 32000), [("start_review", {}), ("correct_income", {
        "text": "Le salaire de votre conjoint déclaré par son employeur est de 33 150 € "
                "(attestation annuelle) : nous l’avons corrigé.",
        "data": {"member": "spouse", "kind": "salaries", "amount": 33150}})]),
}


def seed_cases(procedure, people):
    citizen = people["citizen"]
    service = Service.objects.get(code=procedure.service_code)
    agent = User.objects.filter(memberships__service=service,
                                memberships__role=MembershipRole.AGENT).order_by("pk").first()
    returns = Case.objects.filter(procedure=procedure.slug, applicant=citizen)
    for year, (given, transitions) in STORIES.items():
        if returns.filter(answers__year__income_year=year).exists():
            continue
        case = Case.objects.create(procedure=procedure.slug, applicant=citizen, service=service,
                                   answers=given)
        workflow.submit(case.pk, citizen)
        for name, arguments in transitions:
            if name in workflow.TRANSITIONS:
                getattr(workflow, name)(case.pk, agent, **arguments)
            else:  # the procedure's own action
                workflow.perform(case.pk, name, agent, **arguments)
    if not returns.filter(answers__year__income_year=2025).exists():
        Case.objects.create(procedure=procedure.slug, applicant=citizen, service=service,
                            answers={"year": {"income_year": 2025}})
