"""The test settings plus an app whose model has no migration (tests/portal/test_make_check)."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.portal.unmigrated"]
