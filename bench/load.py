"""The load generator: N concurrent clients (asyncio + httpx) posting for a fixed duration.

Each request carries its own cookies (a different citizen each time), so the client keeps none:
its cookie jar refuses them all."""

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx


@dataclass(frozen=True)
class Request:
    path: str
    session_key: str
    csrf: str

    def headers(self):
        return {"Cookie": f"sessionid={self.session_key}; csrftoken={self.csrf}"}

    def data(self):
        return {"csrfmiddlewaretoken": self.csrf}


@dataclass(frozen=True)
class Run:
    requests: int
    seconds: float
    latencies: tuple  # seconds, one per request
    statuses: Counter
    exhausted: bool  # the requests ran out before the end

    @classmethod
    def combine(cls, runs):
        return cls(sum(run.requests for run in runs), sum(run.seconds for run in runs),
                   tuple(latency for run in runs for latency in run.latencies),
                   sum((run.statuses for run in runs), Counter()),
                   any(run.exhausted for run in runs))

    @property
    def per_second(self):
        return self.requests / self.seconds

    def percentile(self, p):
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1]


async def _run(base_url, requests, duration, clients, expect):
    latencies = []
    statuses = Counter()
    unexpected = []
    exhausted = False
    jar = CookieJar(DefaultCookiePolicy(allowed_domains=[]))
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60,
                                 cookies=jar) as client:
        loop = asyncio.get_running_loop()
        start = loop.time()
        deadline = start + duration

        async def client_loop():
            nonlocal exhausted
            while loop.time() < deadline:
                request = next(requests, None)
                if request is None:
                    exhausted = True
                    return
                sent = time.perf_counter()
                response = await client.post(request.path, headers=request.headers(),
                                             data=request.data())
                latencies.append(time.perf_counter() - sent)
                statuses[response.status_code] += 1
                if not expect(response) and len(unexpected) < 3:
                    unexpected.append(f"{request.path} → {response.status_code} "
                                      f"{response.headers.get('location', '')}\n"
                                      f"{response.text[:2000]}")

        await asyncio.gather(*(client_loop() for _ in range(clients)))
        seconds = loop.time() - start
    if unexpected:
        raise RuntimeError("Unexpected responses under load:\n" + "\n---\n".join(unexpected))
    return Run(len(latencies), seconds, tuple(latencies), statuses, exhausted)


def run(base_url, requests, *, duration, clients, expect):
    """Post `requests` (an iterator of Request) with `clients` concurrent clients."""
    return asyncio.run(_run(base_url, iter(requests), duration, clients, expect))
