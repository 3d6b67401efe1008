"""`make check`: Django's system checks and no model change without its migration."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_check(settings_module):
    # -o install: the venv is the one running the tests, not one `make` would create.
    return subprocess.run(
        ["make", "-o", "install", "check", f"PY={sys.executable}"], cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module},
        capture_output=True, text=True, timeout=300)


def test_make_check_passes_on_the_repository():
    result = make_check("tests.settings")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_make_check_fails_on_a_model_without_its_migration():
    result = make_check("tests.portal.unmigrated_settings")
    assert result.returncode != 0
    assert "Create model Forgotten" in result.stdout + result.stderr
