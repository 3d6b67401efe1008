"""The civil-status steps in English: the errors say what to do, without French punctuation
(no space before a colon or a question mark, no « »)."""

import re

from django.urls import reverse
from django.utils.html import strip_tags

from procedures.models import Case

from .conftest import CERTIFICATE


def test_the_person_step_in_english(client, citizen, town_hall):
    client.force_login(citizen)
    case = Case.objects.create(procedure="civil_status", applicant=citizen, service=town_hall,
                               answers={"certificate": CERTIFICATE})
    url = reverse("procedures:step", args=[case.public_id, "person"])
    html = client.post(url, {"birth_date_0": "14", "birth_date_1": "7"},
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enter the first names." in html
    assert "Date of birth: The date must include a year." in html
    assert "For example: 14 7 1990" in html
    text = strip_tags(html)
    assert not re.search(r"\s[:;?!»]", text)
    assert "«" not in text
