"""The public indicators from a known history: every figure computed by hand below."""

import csv
import datetime
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from procedures.constants import ActorRole, CaseStatus
from procedures.models import CaseEvent
from procedures.registry import registry
from quality import indicators, tasks
from quality.models import Complaint, MonthlyIndicator, Satisfaction
from tests.factories import UserFactory
from tests.procedures.factories import CaseFactory

PARIS = ZoneInfo("Europe/Paris")
MARCH = datetime.date(2026, 3, 1)


def at(day, hour=10, minute=0):
    return datetime.datetime(2026, *day, hour, minute, tzinfo=PARIS)


def event(case, kind, when, role, to_status=""):
    row = CaseEvent.objects.create(case=case, kind=kind, actor_role=role, case_version=1,
                                   from_status=case.status if to_status else "",
                                   to_status=to_status)
    CaseEvent.objects.filter(pk=row.pk).update(created_at=when)


def filed(submitted, due, procedure="demo", status=CaseStatus.IN_REVIEW):
    case = CaseFactory(in_review=True, procedure=procedure, submitted_at=submitted,
                       due_at=datetime.date(2026, *due))
    event(case, "submit", submitted, ActorRole.CITIZEN)
    return case


def decided(case, when):
    event(case, "accept", when, ActorRole.AGENT, CaseStatus.ACCEPTED)


@pytest.fixture
def history(demo_service):
    """March 2026 (Paris time; summer time starts on the 29th):
    A filed 2 March, decided 5 March (3.0 days), due 16 March: in time.
    B filed 2 March, decided 12 March (10.0 days), due 10 March: late.
    C filed 20 February, decided 20 March 22:00 (28.5 days), due 20 March: in time.
    D filed 25 March, undecided. E, another procedure, filed 10 and decided 11 March."""
    a = filed(at((3, 2)), (3, 16))
    b = filed(at((3, 2)), (3, 10))
    c = filed(at((2, 20)), (3, 20))
    d = filed(at((3, 25)), (4, 8))
    e = filed(at((3, 10)), (3, 20), procedure="demo-company")
    decided(a, at((3, 5)))
    decided(b, at((3, 12)))
    decided(c, at((3, 20), 22))
    decided(e, at((3, 11)))
    # Messages: A's of Tuesday 3 March answered Monday 9 (within 5 working days, the 10th);
    # B's of Wednesday 4 answered by the decision of Thursday 12 (the limit was the 11th);
    # D's of 26 March never answered.
    event(a, "message", at((3, 3), 9), ActorRole.CITIZEN)
    event(a, "message", at((3, 9), 15), ActorRole.AGENT)
    event(b, "message", at((3, 4), 9), ActorRole.CITIZEN)
    event(d, "message", at((3, 26), 9), ActorRole.CITIZEN)
    # Complaints: B's answered in time, C's open.
    author = UserFactory()
    Complaint.objects.create(case=b, author=author, reason="delay", text="x",
                             filed_at=at((3, 13)), due_at=datetime.date(2026, 3, 28),
                             status="answered", answer="y", answered_by=author,
                             answered_at=at((3, 20)))
    Complaint.objects.create(case=c, author=author, reason="decision", text="x",
                             filed_at=at((3, 21)), due_at=datetime.date(2026, 4, 5))
    for case, score, day in ((a, 10, (3, 6)), (b, 0, (3, 13)), (c, 5, (3, 22))):
        answer = Satisfaction.objects.create(case=case, how_it_went=score, clarity=3)
        Satisfaction.objects.filter(pk=answer.pk).update(created_at=at(day))


def test_a_months_figures_equal_the_hand_computed_ones(history):
    figures = indicators.compute(MARCH)
    demo = figures["demo"]
    assert (demo.filed, demo.decided, demo.decided_in_time) == (3, 3, 2)
    assert (demo.median_days, demo.p90_days) == (10.0, 28.5)
    assert (demo.messages, demo.messages_answered_in_time) == (3, 1)
    assert (demo.complaints, demo.complaints_answered_in_time) == (2, 1)
    assert (demo.satisfaction_answers, demo.satisfaction_points) == (3, 15)
    everything = figures[indicators.ALL]
    assert (everything.filed, everything.decided, everything.decided_in_time) == (4, 4, 3)
    assert everything.median_days == 6.5  # 1.0, 3.0, 10.0, 28.5
    assert figures["demo-company"].median_days == 1.0
    assert indicators.compute(datetime.date(2026, 2, 1))["demo"].filed == 1  # C


def test_refresh_stores_a_row_per_procedure_and_the_guichet(history):
    indicators.refresh(MARCH, ["demo", "demo-company", "civil_status"])
    indicators.refresh(MARCH, ["demo", "demo-company", "civil_status"])  # replaces, no dupes
    rows = {row.procedure: row for row in MonthlyIndicator.objects.filter(month=MARCH)}
    assert set(rows) == {"", "demo", "demo-company", "civil_status"}
    assert rows["demo"].decided_in_time == 2 and rows[""].filed == 4
    assert rows["civil_status"].filed == 0 and rows["civil_status"].median_days is None


@pytest.mark.parametrize("answers, shown", [(99, False), (100, True)])
def test_the_score_is_shown_from_100_answers_over_12_months(db, client, answers, shown):
    months = indicators.last_months()
    # 40 + 59 (or 60) answers in two months of the window, 85 % "well", one older month.
    MonthlyIndicator.objects.create(procedure="", month=months[0], satisfaction_answers=40,
                                    satisfaction_points=340)
    MonthlyIndicator.objects.create(procedure="", month=months[-1],
                                    satisfaction_answers=answers - 40,
                                    satisfaction_points=(answers - 40) * 10 - 10)
    MonthlyIndicator.objects.create(procedure="", month=indicators.add_months(months[0], -1),
                                    satisfaction_answers=500, satisfaction_points=0)
    page = client.get(reverse("quality:indicators"), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    score = page.context["score"]
    assert score.answers == answers
    if shown:
        assert score.value == 9.3 and score.level == "good"  # 930 / 100
        assert "9.3/10" in text and "Good (8/10 or more)" in text
    else:
        assert score.value is None
        assert "99 answers to the questionnaire over twelve months" in text
        assert "/10</span>" not in text


@pytest.mark.parametrize("points, level", [(800, "good"), (790, "average"), (500, "average"),
                                           (490, "poor")])
def test_the_observatorys_thresholds(points, level):
    row = MonthlyIndicator(satisfaction_answers=100, satisfaction_points=points)
    assert indicators.satisfaction_score([row]).level == level


def test_the_open_data_parses_and_matches_the_page(client, demo_service):
    month = indicators.last_months()[-2]
    MonthlyIndicator.objects.create(
        procedure="civil_status", month=month, filed=120, decided=100, decided_in_time=87,
        median_days=6.5, p90_days=14.0, messages=40, messages_answered_in_time=30,
        complaints=3, complaints_answered_in_time=2, satisfaction_answers=12,
        satisfaction_points=95)
    page = client.get(reverse("quality:procedure_indicators", args=["civil_status"]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = re.search(rf"<th scope=\"row\">{month:%B %Y}</th>(.*?)</tr>", page, re.S).group(1)
    cells = [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row,
                                                                      re.S)]
    assert cells == ["120", "100", "87 % (87)", "6.5", "14.0", "75 % (30/40)", "3",
                     "67 % (2)", "12"]

    body = client.get(reverse("quality:open_data_csv")).content.decode()
    by_csv = {(r["procedure"], r["month"]): r for r in csv.DictReader(io.StringIO(body))}
    data = json.loads(client.get(reverse("quality:open_data_json")).content)
    by_json = {(r["procedure"], r["month"]): r for r in data["rows"]}
    key = ("civil_status", f"{month:%Y-%m}")
    assert by_csv[key]["filed"] == "120" and by_json[key]["filed"] == 120
    assert by_csv[key]["decided_in_time"] == "87" and by_json[key]["decided_in_time"] == 87
    assert by_csv[key]["median_days"] == "6.5" and by_json[key]["median_days"] == 6.5
    assert by_json[key]["messages_answered_in_time"] == 30
    assert [c["name"] for c in data["columns"]] == list(next(csv.reader(io.StringIO(body))))
    assert len(by_json) == 12 * (1 + sum(1 for _ in indicators_procedures()))


def indicators_procedures():
    from quality.public import _procedures

    return _procedures()


def test_the_beat_task_refreshes_the_current_month(demo_service):
    case = CaseFactory(in_review=True)
    event(case, "submit", datetime.datetime.now(PARIS), ActorRole.CITIZEN)
    tasks.refresh_indicators.delay()
    current = indicators.last_months()[-1]
    assert MonthlyIndicator.objects.get(procedure="demo", month=current).filed == 1
    assert MonthlyIndicator.objects.filter(month=current).count() == 1 + len(list(registry))
    tasks.refresh_indicators.delay(past_months=12)
    assert MonthlyIndicator.objects.filter(procedure="").count() == 13


def test_a_decision_by_silence_counts_within_the_delay(demo_service):
    """The law dates it at the due date, even when the task ran after midnight."""
    case = filed(at((3, 2)), (3, 10))
    event(case, "accept_by_silence", at((3, 11), 0, 10), ActorRole.SYSTEM, CaseStatus.ACCEPTED)
    late = filed(at((3, 2)), (3, 10))
    decided(late, at((3, 11), 0, 10))
    month = indicators.compute(MARCH)["demo"]
    assert (month.decided, month.decided_in_time) == (2, 1)
