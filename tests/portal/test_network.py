"""The client's address: from the connection, or from the header a trusted proxy sets."""

import pytest
from django.test import RequestFactory

from portal.network import client_ip

PROXIES = ["127.0.0.1", "10.0.0.0/8", "2001:db8:f::/48"]


@pytest.mark.parametrize(("remote", "header", "expected"), [
    # No header, or a header from a client that is not a proxy of ours: the connection.
    ("203.0.113.7", "", "203.0.113.7"),
    ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
    ("203.0.113.7", "127.0.0.1", "203.0.113.7"),
    # Through our proxy: the address it appended (the rightmost untrusted hop).
    ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
    # A forged value on the left is never reached.
    ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
    ("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3", "198.51.100.1"),
    # A chain of our own proxies only: the farthest one.
    ("127.0.0.1", "10.1.2.3", "10.1.2.3"),
    # Garbage where the client should be: keep the last trusted hop.
    ("127.0.0.1", "not-an-address", "127.0.0.1"),
    ("127.0.0.1", "6.6.6.6, unknown", "127.0.0.1"),
    # Ports, brackets and IPv6.
    ("127.0.0.1", "198.51.100.1:4711", "198.51.100.1"),
    ("127.0.0.1", "[2001:db8::1]:443", "2001:db8::1"),
    ("2001:db8:f::2", "2001:db8::1", "2001:db8::1"),
    ("::ffff:127.0.0.1", "198.51.100.1", "198.51.100.1"),
])
def test_x_forwarded_for(settings, remote, header, expected):
    settings.TRUSTED_PROXIES = PROXIES
    meta = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": header} if header else {
        "REMOTE_ADDR": remote}
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_no_trusted_proxy_means_no_header_is_believed(settings):
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "127.0.0.1"


@pytest.mark.parametrize(("header", "expected"), [
    ('for=198.51.100.1;proto=https', "198.51.100.1"),
    ('for=6.6.6.6, for="198.51.100.1:80";by=127.0.0.1', "198.51.100.1"),
    ('for="[2001:db8::1]:4711"', "2001:db8::1"),
    ('for=_hidden', "127.0.0.1"),
])
def test_forwarded_when_the_proxy_sets_that_header(settings, header, expected):
    settings.TRUSTED_PROXIES, settings.PROXY_CLIENT_HEADER = PROXIES, "forwarded"
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_FORWARDED=header,
                                   HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == expected


def test_only_the_configured_header_is_read(settings):
    settings.TRUSTED_PROXIES = PROXIES  # PROXY_CLIENT_HEADER: x-forwarded-for
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_FORWARDED="for=6.6.6.6")
    assert client_ip(request) == "127.0.0.1"
