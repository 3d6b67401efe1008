"""The client's address: the one function every rate limit, the log-in throttle and the log-in
audit (django-axes) use.

Behind a reverse proxy every connection comes from the proxy, so the client's address must be
read from the header the proxy sets. A client can send that header too: it is believed only
when the connection comes from a proxy listed in settings.TRUSTED_PROXIES, and then only the
hops those trusted proxies added. Reading the chain from the right, the first address that is
not a trusted proxy is the client (a forged value on the left is never reached).
"""

import ipaddress
import re

from django.conf import settings

# for=192.0.2.60 · for="[2001:db8::1]:4711" · for="198.51.100.7:80" (RFC 7239)
_FORWARDED_FOR = re.compile(r'(?:^|;)\s*for\s*=\s*("[^"]*"|[^;,\s]+)', re.IGNORECASE)


def parse_address(value):
    """An address from a header value ('203.0.113.7', '[2001:db8::1]:80', '203.0.113.7:80'),
    or None when it is not one (an 'unknown' or obfuscated hop, garbage)."""
    value = value.strip().strip('"')
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # IPv4 with a port
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def trusted_networks(values):
    """settings.TRUSTED_PROXIES, addresses or networks, as ip_network objects."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value)


def _hops(meta):
    """The addresses the proxies reported, left (the farthest) to right (the nearest)."""
    if settings.PROXY_CLIENT_HEADER == "forwarded":
        header = meta.get("HTTP_FORWARDED", "")
        return [parse_address(match) for element in header.split(",")
                for match in _FORWARDED_FOR.findall(element)[:1]]
    return [parse_address(part) for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()]


def client_ip(request):
    """The client's address as a string: the connection's, or the one a trusted proxy reports."""
    networks = trusted_networks(settings.TRUSTED_PROXIES)
    address = parse_address(request.META.get("REMOTE_ADDR", "")) or ipaddress.ip_address("0.0.0.0")
    for hop in reversed(_hops(request.META)):
        if not any(address in network for network in networks):
            break  # `address` is not a proxy of ours: it is the client, whatever it says
        if hop is None:
            break  # a trusted proxy reported no usable address: keep the proxy's own
        address = hop
    return str(address)
