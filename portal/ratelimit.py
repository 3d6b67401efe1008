"""Rate limits in the shared cache (Redis in production), so they hold across processes and hosts.

A fixed window per key: the first hit creates the counter with the window as its time-out
(`add`, atomic), every hit increments it (`incr`, atomic in Redis). Twenty lines instead of a
dependency: django-ratelimit does the same with the same two cache calls, and our keys are not
tied to a view (a log-in failure counts only when the password was wrong, a reset only for
the address it targets). The limits are in settings.RATE_LIMITS: name → (count, seconds).

When the cache does not answer (Redis down, or frozen: its clients time out after a second,
see settings.CACHES), every function here raises `Unavailable`: the limits fail closed, and
portal.middleware answers 503 with a clear page instead of a 500.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class Unavailable(Exception):
    """The shared cache did not answer: nothing limited can be allowed."""


def _guarded(function):
    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (RedisError, OSError) as error:
            logger.error("Rate limits: the cache does not answer (%s).", error)
            raise Unavailable from error
    return guarded


def key(name, parts):
    """The cache key of a counter (also used for other per-client values, e.g. lockout.py)."""
    # Hashed: e-mail addresses are not cache keys in clear, and any value fits.
    digest = hashlib.sha256("\x1f".join(str(part).lower() for part in parts).encode())
    return f"rl:{name}:{digest.hexdigest()[:32]}"


@_guarded
def count(name, *parts):
    """Count one hit of `name` for these parts; the hits of the window so far, this one included."""
    _limit, window = settings.RATE_LIMITS[name]
    counter = key(name, parts)
    cache.add(counter, 0, timeout=window)
    try:
        return cache.incr(counter)
    except ValueError:  # expired between the two calls: this hit opens a new window
        cache.add(counter, 1, timeout=window)
        return 1


def hit(name, *parts):
    """Count one hit; True when the limit `name` is now exceeded for these parts."""
    return count(name, *parts) > settings.RATE_LIMITS[name][0]


@_guarded
def exceeded(name, *parts):
    """True when the limit `name` is already reached for these parts (nothing counted)."""
    limit, _window = settings.RATE_LIMITS[name]
    return (cache.get(key(name, parts)) or 0) >= limit


@_guarded
def clear(name, *parts):
    cache.delete(key(name, parts))


# The cache itself, guarded the same way, for the other per-client values (accounts/lockout.py).
@_guarded
def cache_get(name, default=None):
    return cache.get(name, default)


@_guarded
def cache_set(name, value, timeout):
    cache.set(name, value, timeout=timeout)


@_guarded
def cache_delete(name):
    cache.delete(name)
