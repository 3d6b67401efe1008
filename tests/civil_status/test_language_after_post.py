"""The language switch of a page rendered by a POST with errors leads back to the page the
form was on (the POST's own address answers 405 to a GET)."""

import re

import pytest
from django.urls import reverse

from tests.second_factor import log_in


@pytest.mark.django_db
def test_switching_language_after_a_failed_message_returns_to_the_case_page(
        client, submitted_case, citizen):
    log_in(client, citizen)
    case_url = "http://testserver" + reverse("procedures:case", args=[submitted_case.public_id])
    failed = client.post(reverse("procedures:message", args=[submitted_case.public_id]),
                         {"body": ""}, HTTP_REFERER=case_url)
    assert failed.status_code == 400
    [next_url] = re.findall(r'name="next" value="([^"]*)"', failed.content.decode())
    switched = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert switched.status_code == 302 and switched.url == case_url
    assert client.get(switched.url).status_code == 200
