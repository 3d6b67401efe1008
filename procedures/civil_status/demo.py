"""The demo citizen's civil-status cases: one in each state, each brought there through the
workflow as a real case would be. Idempotent: a state that already has a case is skipped.
The texts are what a demo agent typed, so they are data, in French, not translated strings."""

from accounts.constants import MembershipRole
from accounts.models import Service, User

from .. import workflow
from ..constants import ActorRole, CaseStatus
from ..models import Case

S = CaseStatus

CAMILLE = {"last_name": "Martin", "first_names": "Camille Louise", "birth_date": "1988-04-12",
           "birth_place": "Lyon", "first_parent": "Martin Jean", "second_parent": "Durand Anne"}
LEA = {"last_name": "Lefèvre Martin", "first_names": "Léa", "birth_date": "2018-03-05",
       "birth_place": "Villebourg", "first_parent": "Martin Camille",
       "second_parent": "Lefèvre Thomas"}
PAUL = {"last_name": "Martin", "first_names": "Paul", "birth_date": "1931-09-03",
        "birth_place": "Villebourg", "death_date": "2019-01-27", "death_place": "Villebourg"}
BY_POST = {"method": "post", "address": "12 rue des Lilas", "postal_code": "69003",
           "city": "Lyon"}
ONLINE = {"method": "electronic", "address": "", "postal_code": "", "city": ""}

OWN_BIRTH = {
    "certificate": {"record": "birth", "kind": "extract_with_parentage", "relation": "self"},
    "person": CAMILLE, "delivery": BY_POST,
}
DAUGHTER_BIRTH = {
    "certificate": {"record": "birth", "kind": "multilingual", "relation": "ascendant"},
    "person": LEA, "delivery": ONLINE,
}
OWN_MARRIAGE = {
    "certificate": {"record": "marriage", "kind": "full_copy", "relation": "self"},
    "person": {**CAMILLE, "spouse_name": "Lefèvre Thomas", "marriage_date": "2016-06-18"},
    "delivery": BY_POST,
}
GRANDFATHER_DEATH = {
    "certificate": {"record": "death", "kind": "extract_without_parentage",
                    "relation": "descendant"},
    "person": PAUL, "delivery": ONLINE,
}

# final state: (answers, transitions after submission with their arguments)
STORIES = {
    S.SUBMITTED: (OWN_MARRIAGE, []),
    S.IN_REVIEW: (DAUGHTER_BIRTH, [("start_review", {})]),
    S.AWAITING_INFO: (GRANDFATHER_DEATH, [("start_review", {}), ("request_info", {
        "text": "Pouvez-vous préciser le lieu exact du décès (hôpital, domicile) ? "
                "Nous ne trouvons pas l’acte à cette date."})]),
    S.ACCEPTED: (DAUGHTER_BIRTH, [("start_review", {}), ("accept", {})]),
    S.REJECTED: (OWN_MARRIAGE, [("start_review", {}), ("reject", {
        "text": "Aucun mariage à ces noms à cette date dans nos registres : s’il a été "
                "célébré dans une autre commune, adressez-vous à sa mairie."})]),
    S.CLOSED: (GRANDFATHER_DEATH, [("start_review", {}), ("close", {
        "text": "Demande en double : l’acte vous est délivré avec votre autre dossier."})]),
    S.WITHDRAWN: (OWN_BIRTH, [("withdraw", {
        "text": "Je me suis trompée de document : je refais ma demande."})]),
}


def seed_cases(procedure, people):
    citizen = people["citizen"]
    service = Service.objects.get(code=procedure.service_code)
    agent = User.objects.filter(memberships__service=service,
                                memberships__role=MembershipRole.AGENT).order_by("pk").first()
    actors = {ActorRole.CITIZEN: citizen, ActorRole.AGENT: agent}
    cases = Case.objects.filter(procedure=procedure.slug, applicant=citizen)

    if not cases.filter(status=S.DRAFT).exists():
        Case.objects.create(procedure=procedure.slug, applicant=citizen, service=service,
                            answers={"certificate": DAUGHTER_BIRTH["certificate"]})
    for status, (answers, transitions) in STORIES.items():
        if cases.filter(status=status).exists():
            continue
        case = Case.objects.create(procedure=procedure.slug, applicant=citizen, service=service,
                                   answers=answers)
        workflow.submit(case.pk, citizen)
        for name, arguments in transitions:
            actor = actors[workflow.TRANSITIONS[name].actor]
            getattr(workflow, name)(case.pk, actor, **arguments)
