"""Exports of the filtered queue: the same cases as on screen, plain values, streamed."""

import csv
import io
import time
import tracemalloc

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from procedures.constants import CaseStatus
from tests.factories import CompanyFactory, UserFactory

from .conftest import make_cases

MB = 1024 * 1024


def export(client, fmt, **params):
    response = client.get(reverse("admin:procedures_case_export", args=[fmt]), params)
    assert response.status_code == 200
    return response


def csv_rows(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_follows_the_filters(login, agent_a, service_a):
    make_cases(2, service_a)
    review, = make_cases(1, service_a, status=CaseStatus.IN_REVIEW)
    rows = csv_rows(export(login(agent_a), "csv", status="in_review"))
    assert rows[0][:3] == ["Reference", "Procedure", "Status"]
    assert [row[0] for row in rows[1:]] == [review.reference]
    assert rows[1][1:3] == ["Demo request", "In review"]


def test_csv_follows_the_search(login, agent_a, service_a):
    make_cases(2, service_a)
    found, = make_cases(1, service_a, applicant=UserFactory(last_name="Zébulon"))
    rows = csv_rows(export(login(agent_a), "csv", q="zébulon"))
    assert [row[0] for row in rows[1:]] == [found.reference]


def test_typed_values_never_become_formulas(login, agent_a, service_a):
    applicant = UserFactory(first_name="=HYPERLINK(\"http://evil\")", last_name="x")
    make_cases(1, service_a, applicant=applicant,
               company=CompanyFactory(name="@SUM(A1)"))
    client = login(agent_a)
    row = csv_rows(export(client, "csv"))[1]
    assert row[3].startswith("'=") and row[5] == "'@SUM(A1)"
    sheet = load_workbook(io.BytesIO(export(client, "xlsx").getvalue()), read_only=True).active
    cells = list(sheet.iter_rows(min_row=2, values_only=True))[0]
    assert cells[3].startswith("'=") and cells[5] == "'@SUM(A1)"


def test_xlsx_holds_the_queue_with_real_dates(login, agent_a, service_a):
    cases = make_cases(3, service_a)
    response = export(login(agent_a), "xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [c.reference for c in cases]
    assert rows[1][8].year == cases[0].submitted_at.year  # a date, not text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_10_000_cases_streams(login, agent_a, service_a, fmt):
    make_cases(10_000, service_a, company=CompanyFactory())
    client = login(agent_a)
    url = reverse("admin:procedures_case_export", args=[fmt])
    client.get(url, {"q": "nothing-matches"})  # warm imports and translations
    started = time.monotonic()
    tracemalloc.start()
    try:
        response = client.get(url)
        size = lines = 0
        for chunk in response.streaming_content:  # as a client reads it, chunk by chunk
            size += len(chunk)
            lines += chunk.count(b"\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"{fmt} export of 10 000 cases: {size / MB:.1f} MB written, "
          f"peak traced memory {peak / MB:.1f} MB, {time.monotonic() - started:.1f} s")
    if fmt == "csv":
        assert lines == 10_001
    assert size > 100_000
    assert peak < 50 * MB
