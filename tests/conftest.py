import contextlib
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from portal.celery import app as celery_app
from procedures.registry import registry
from tests.factories import AgentFactory, ServiceFactory


def _using_postgres():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _using_redis():
    return settings.CELERY_BROKER_URL.startswith("redis://")


def pytest_runtest_setup(item):
    """Tests marked postgres/redis need the real services; on CI they are never skipped."""
    for marker, available, variable in (
        ("postgres", _using_postgres, "DATABASE_URL=postgres://…"),
        ("redis", _using_redis, "CELERY_BROKER_URL=redis://…"),
    ):
        if item.get_closest_marker(marker) and not available():
            if os.environ.get("CI"):
                pytest.fail(f"CI must run this test: set {variable}")
            pytest.skip(f"needs {marker}: run with {variable} (as .ci/run does)")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request in English (through the
    test client's LocaleMiddleware) leaves English active in the thread otherwise."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Tasks run in-process unless a test drives a real worker (those use `celery_worker`)."""
    if "live_worker" in request.fixturenames:
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached values start from nothing in every test."""
    cache.clear()


@pytest.fixture(autouse=True)
def _private_documents(settings, tmp_path):
    """Each test's documents in a folder of its own, encrypted as in production."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "portal.storage.EncryptedStorage", "OPTIONS": {"inner": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents", "base_url": None},
        }}},
    }


@pytest.fixture
def migrate_to(transactional_db):
    """migrate_to([(app, migration), …]): the database at those migrations, and the historical
    models there. Afterwards every app is back at its latest migration, so the next tests find
    the schema they expect."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def registered():
    """registered(ProcedureClass, …): these procedures are in the registry until the test
    ends (Registry.override); returns the registered instances."""
    with contextlib.ExitStack() as stack:
        yield lambda *classes: stack.enter_context(registry.override(*classes))


@pytest.fixture
def demo_service(db):
    """The service handling the demo procedure (procedures.demo) the engine tests use."""
    return ServiceFactory(code="demo-service", name="Service de démonstration")


@pytest.fixture
def agent(demo_service):
    return AgentFactory(service=demo_service)


@pytest.fixture
def other_agent(db):
    return AgentFactory(service=ServiceFactory(code="autre-service"))


@pytest.fixture(scope="session")
def clamd_daemon(tmp_path_factory):
    """A real clamd (tests/antivirus.py) for the whole session, stopped after it."""
    from tests.antivirus import Clamd

    daemon = Clamd(tmp_path_factory.mktemp("clamd"))
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def clamd(clamd_daemon, settings):
    """The uploads are scanned by the test clamd."""
    settings.CLAMD_URL = clamd_daemon.url
    return clamd_daemon
