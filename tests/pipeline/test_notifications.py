from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from procedures import notifications, tasks, workflow
from procedures.constants import ActorRole
from procedures.language import remember_language
from procedures.models import Channel, Notification
from tests.factories import AgentFactory, ServiceFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .conftest import last_event

pytestmark = pytest.mark.django_db


def test_submission_e_mails_the_receipt_once(submitted, mailoutbox):
    case = submitted()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [case.applicant.email]
    assert mail.subject == f"Votre demande {case.reference} est déposée"
    assert settings.SITE_URL + reverse("procedures:case", args=[case.public_id]) in mail.body
    assert mail.attachments[0][0] == f"accuse-de-reception-{case.reference}.pdf"
    assert mail.attachments[0][1].startswith(b"%PDF")
    html, content_type = mail.alternatives[0]
    assert content_type == "text/html" and case.reference in html

    tasks.handle_event(case.events.get(kind="submit").pk)  # delivered again
    tasks.send_notification(Notification.objects.get(channel=Channel.EMAIL).pk)
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(case=case).count() == 2  # e-mail + in-app


def test_e_mails_are_in_the_recipients_language(submitted, mailoutbox):
    case = CaseFactory()
    remember_language(case.applicant, "en")
    submitted(applicant=case.applicant)
    assert mailoutbox[0].subject.startswith("Your request")
    assert "Hello" in mailoutbox[0].body


def _act(capture, function, *args, **kwargs):
    with capture(execute=True):
        function(*args, **kwargs)


def test_the_applicant_hears_of_each_step(agent, mailoutbox, django_capture_on_commit_callbacks):
    case = CaseFactory(submitted=True, service=agent.memberships.get().service)
    act = django_capture_on_commit_callbacks
    _act(act, workflow.start_review, case.pk, agent)
    _act(act, workflow.request_info, case.pk, agent, text="Votre justificatif, svp.")
    _act(act, workflow.post_message, case.pk, agent, ActorRole.AGENT, body="Merci d’avance.")
    _act(act, workflow.answer, case.pk, case.applicant, text="Le voici.")
    _act(act, workflow.reject, case.pk, agent, text="Hors délai.")
    to_applicant = [m for m in mailoutbox if m.to == [case.applicant.email]]
    assert [m.subject for m in to_applicant] == [
        f"Votre demande {case.reference} est en cours d’instruction",
        f"Le service a besoin d’informations complémentaires pour {case.reference}",
        f"Nouveau message du service au sujet de {case.reference}",
        f"Décision sur votre demande {case.reference}",
    ]
    decision = case.documents.get(kind="decision")
    assert reverse("procedures:document", args=[decision.public_id]) in to_applicant[-1].body
    assert "Hors délai" not in to_applicant[-1].body  # the reasons stay behind the login


def test_agents_hear_of_messages_and_answers(demo_service, mailoutbox,
                                             django_capture_on_commit_callbacks):
    first, second = AgentFactory(service=demo_service), AgentFactory(service=demo_service)
    AgentFactory()  # another service's agent
    case = CaseFactory(submitted=True)
    _act(django_capture_on_commit_callbacks, workflow.post_message, case.pk, case.applicant,
         ActorRole.CITIZEN, body="Une question.")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    assert mailoutbox[0].subject == f"Nouveau message de l’usager du dossier {case.reference}"
    # An agent's e-mail leads to the back office, without the citizens' footer.
    back_office = settings.SITE_URL + reverse("admin:procedures_case_change", args=[case.pk])
    for text in (mailoutbox[0].body, mailoutbox[0].alternatives[0][0]):
        assert back_office in text
        assert "agent du service chargé de ce dossier" in text
        assert "Pour écrire au service" not in text and "avis" not in text

    mailoutbox.clear()  # once assigned, only the agent in charge hears of an answer
    _act(django_capture_on_commit_callbacks, workflow.start_review, case.pk, first)
    _act(django_capture_on_commit_callbacks, workflow.request_info, case.pk, first, text="?")
    _act(django_capture_on_commit_callbacks, workflow.post_message, case.pk, case.applicant,
         ActorRole.CITIZEN, body="Voici.")
    to_agents = [m for m in mailoutbox if m.to != [case.applicant.email]]
    assert [(m.to, m.subject) for m in to_agents] == [
        ([first.email], f"L’usager du dossier {case.reference} a répondu à votre demande"),
    ]


def test_an_agent_hears_of_a_case_given_to_them_not_of_one_they_take(
        demo_service, mailoutbox, django_capture_on_commit_callbacks):
    supervisor = AgentFactory(service=demo_service, service__role="supervisor")
    agent = AgentFactory(service=demo_service)
    case = CaseFactory(submitted=True)
    _act(django_capture_on_commit_callbacks, workflow.assign, case.pk, supervisor, agent)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([agent.email], f"Le dossier {case.reference} vous est attribué"),
    ]
    _act(django_capture_on_commit_callbacks, workflow.assign, case.pk, supervisor, supervisor)
    assert len(mailoutbox) == 1
    assert notifications.planned(last_event(case)) == []


def test_the_agent_in_charge_hears_the_applicant_withdrew(
        demo_service, mailoutbox, django_capture_on_commit_callbacks):
    supervisor = AgentFactory(service=demo_service, service__role="supervisor")
    agent = AgentFactory(service=demo_service)
    unassigned, assigned = CaseFactory(submitted=True), CaseFactory(submitted=True)
    _act(django_capture_on_commit_callbacks, workflow.assign, assigned.pk, supervisor, agent)
    mailoutbox.clear()
    for case in (unassigned, assigned):
        _act(django_capture_on_commit_callbacks, workflow.withdraw, case.pk, case.applicant)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([agent.email], f"L’usager a retiré le dossier {assigned.reference}"),
    ]
    assert "qui vous est attribué" in mailoutbox[0].body

    withdrawn = last_event(assigned)  # had its notifications been lost, the sweep finds it
    withdrawn.notifications.all().delete()
    since = last_event(unassigned).created_at - timedelta(seconds=1)
    assert notifications.unhandled(since, timezone.now(), 10) == [withdrawn.pk]


def test_sending_twice_sends_once(submitted, mailoutbox):
    submitted()
    notification = Notification.objects.get(channel=Channel.EMAIL)
    assert notifications.send(notification) is False
    assert notifications.unsent_email(notification.pk) is None
    assert len(mailoutbox) == 1


def test_the_inbox_lists_and_counts_unread_notifications(submitted, client):
    case = submitted()
    log_in(client, case.applicant)
    home = client.get("/").content.decode()
    assert "1 non lue" in home
    page = client.get(reverse("procedures:notifications")).content.decode()
    assert f"Votre demande {case.reference} est déposée" in page
    assert "Nouveau" in page
    assert reverse("procedures:case", args=[case.public_id]) in page


def test_opening_the_inbox_marks_nothing_read_the_button_does(submitted, client):
    case = submitted()
    other = submitted()  # another applicant's notification: never touched by this one
    log_in(client, case.applicant)
    url = reverse("procedures:notifications")
    mine = Notification.objects.get(recipient=case.applicant, channel=Channel.IN_APP)
    for _ in range(2):
        page = client.get(url).content.decode()
        assert "1 non lue" in page and "Nouveau" in page
    mine.refresh_from_db()
    assert mine.read_at is None

    theirs = Notification.objects.get(recipient=other.applicant, channel=Channel.IN_APP)
    response = client.post(url, {"shown": [mine.pk, theirs.pk]})
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    page = client.get(url).content.decode()
    assert "non lue" not in page and "Nouveau" not in page


def test_the_inbox_shows_only_ones_own(submitted, client):
    submitted()
    log_in(client, CaseFactory().applicant)
    page = client.get(reverse("procedures:notifications"), HTTP_ACCEPT_LANGUAGE="en")
    assert "No notification yet" in page.content.decode()


def test_the_language_a_user_reads_the_site_in_is_remembered(client):
    from accounts.models import User
    from procedures.language import language_of
    from tests.factories import UserFactory

    user = UserFactory()
    log_in(client, user)
    client.get("/")
    assert language_of(User.objects.get(pk=user.pk)) == "fr"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.get("/")
    assert language_of(User.objects.get(pk=user.pk)) == "en"


def test_the_service_is_named_with_its_article_in_french(mailoutbox,
                                                          django_capture_on_commit_callbacks):
    town_hall = ServiceFactory(name="Mairie de Villebourg — état civil",
                               name_in_sentence="la mairie de Villebourg")
    agent = AgentFactory(service=town_hall)
    french, english = CaseFactory(submitted=True, service=town_hall), CaseFactory(
        submitted=True, service=town_hall)
    remember_language(english.applicant, "en")
    for case in (french, english):
        _act(django_capture_on_commit_callbacks, workflow.start_review, case.pk, agent)
        _act(django_capture_on_commit_callbacks, workflow.accept, case.pk, agent, text="OK")
    french_bodies = " ".join(m.body for m in mailoutbox if m.to == [french.applicant.email])
    english_bodies = " ".join(m.body for m in mailoutbox if m.to == [english.applicant.email])
    assert "La mairie de Villebourg a commencé l’instruction" in french_bodies
    assert "Bonne nouvelle : la mairie de Villebourg a accepté" in french_bodies
    assert "Mairie de Villebourg — état civil has started reviewing" in english_bodies
