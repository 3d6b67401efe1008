import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from procedures import workflow
from quality.models import Satisfaction
from tests.factories import AgentFactory, UserFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

GOOD = {"how_it_went": "10", "clarity": "4", "help_sought": ["phone", "relative"],
        "helped": "yes", "comment": "Rapide."}


def url(case):
    return reverse("quality:satisfaction", args=[case.public_id])


@pytest.mark.parametrize("language, question, button", [
    ("fr", "Dans l’ensemble, comment s’est passée votre démarche ?", "Envoyer mon avis"),
    ("en", "Overall, how did your procedure go?", "Send my opinion"),
])
def test_the_questionnaire_speaks_the_readers_language(as_citizen, decided_case, language,
                                                       question, button):
    response = as_citizen.get(url(decided_case), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    assert question in page and button in page


def test_the_decided_case_page_invites_to_answer(as_citizen, decided_case):
    page = as_citizen.get(reverse("procedures:case", args=[decided_case.public_id]),
                          HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Je donne mon avis" in page and url(decided_case) in page


def test_the_decision_email_invites_to_answer(citizen, agent, demo_service, mailoutbox,
                                              django_capture_on_commit_callbacks):
    case = CaseFactory(in_review=True, applicant=citizen, service=demo_service)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(case.pk, agent)
    [message] = [m for m in mailoutbox if m.to == [citizen.email]]
    link = settings.SITE_URL + url(case)
    assert f"Donnez votre avis en une minute : {link}" in message.body
    html = message.alternatives[0][0]
    assert f'<a href="{link}">Donnez votre avis en une minute</a>' in html


def test_an_answer_is_recorded_once_and_editable_for_a_week(as_citizen, decided_case):
    response = as_citizen.post(url(decided_case), GOOD)
    assert response.status_code == 302
    answer = Satisfaction.objects.get(case=decided_case)
    assert (answer.how_it_went, answer.clarity, answer.help_sought, answer.helped) == (
        10, 4, ["phone", "relative"], "yes")

    as_citizen.post(url(decided_case), {**GOOD, "how_it_went": "5"})
    assert Satisfaction.objects.get(case=decided_case).how_it_went == 5
    assert Satisfaction.objects.count() == 1

    Satisfaction.objects.filter(pk=answer.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8))
    response = as_citizen.post(url(decided_case), {**GOOD, "how_it_went": "0"})
    assert response.status_code == 302
    assert Satisfaction.objects.get(case=decided_case).how_it_went == 5


def test_errors_are_tied_to_their_fields(as_citizen, decided_case):
    response = as_citizen.post(url(decided_case), {"help_sought": ["none", "phone"]},
                               HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    errors = response.context["form"].errors
    assert set(errors) == {"how_it_went", "clarity", "help_sought"}
    for field in errors:
        # the fieldset is labelled by its legend and its error message
        assert f'aria-labelledby="id_{field}_legend id_{field}_error"' in page
        assert f'id="id_{field}_error"' in page
    assert "cannot go with a place" in page
    assert not Satisfaction.objects.exists()


def test_help_sought_asks_whether_it_helped(as_citizen, decided_case):
    response = as_citizen.post(url(decided_case), {**GOOD, "helped": ""},
                               HTTP_ACCEPT_LANGUAGE="en")
    assert list(response.context["form"].errors) == ["helped"]


def test_nobody_answers_for_someone_elses_case(client, decided_case):
    log_in(client, UserFactory())
    assert client.get(url(decided_case)).status_code == 404
    assert client.post(url(decided_case), GOOD).status_code == 404
    assert not Satisfaction.objects.exists()


def test_only_after_a_decision(as_citizen, citizen, demo_service):
    case = CaseFactory(in_review=True, applicant=citizen, service=demo_service)
    assert as_citizen.get(url(case)).status_code == 404


def test_agents_read_the_answers_of_their_services_only(client, decided_case, demo_service,
                                                        other_agent):
    Satisfaction.objects.create(case=decided_case, how_it_went=10, clarity=5,
                                comment="Très clair")
    elsewhere = CaseFactory(accepted=True, service=other_agent.services.first())
    Satisfaction.objects.create(case=elsewhere, how_it_went=0, clarity=1, comment="Perdu")
    changelist = reverse("admin:quality_satisfaction_changelist")

    log_in(client, AgentFactory(service=demo_service))
    shown = client.get(changelist).context["cl"].result_list
    assert [answer.case for answer in shown] == [decided_case]
    log_in(client, other_agent)
    assert [a.case for a in client.get(changelist).context["cl"].result_list] == [elsewhere]
