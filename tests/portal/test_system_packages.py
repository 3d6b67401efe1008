"""scripts/install-system-packages with Debian's package tools replaced by recorders: a fake
dpkg-query answers from a file of installed packages, a fake apt-get records its calls (and
installs into that file), a fake `id` says who runs it. PATH holds nothing else, so a machine
without sudo is a PATH without it."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "install-system-packages"
BASH = shutil.which("bash")

FAKES = {
    "dpkg-query": """
        while read -r name; do [ "$name" = "${@: -1}" ] && { echo -n installed; exit 0; }; done \\
            <"$FAKE_ROOT/installed"
        exit 1""",
    "apt-get": """
        echo "${SUDO_USER:+sudo }apt-get $*" >>"$FAKE_ROOT/calls"
        if [ "$1" = install ]; then
            shift
            for word in "$@"; do [ "${word:0:1}" = - ] || echo "$word"; done \\
                >>"$FAKE_ROOT/installed"
        fi""",
    "id": 'echo "$FAKE_UID"',
    "sudo": """
        [ "$FAKE_SUDO" = passwordless ] || exit 1
        [ "$1" = -n ] && shift
        SUDO_USER=me "$@\"""",
}


@pytest.fixture
def machine(tmp_path):
    """Run the script on a fake machine: machine(installed=[…], uid=…, sudo=None|…)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "packages.txt").write_text("# comment\nmake\nchromium  # the browser\n\n"
                                           "poppler-utils\n")

    def run(installed, uid=1000, sudo=None):
        for name, body in FAKES.items():
            if name == "sudo" and sudo is None:
                continue
            tool = bin_dir / name
            tool.write_text(f"#!{BASH}\n{body}\n")
            tool.chmod(0o755)
        (tmp_path / "installed").write_text("".join(f"{name}\n" for name in installed))
        (tmp_path / "calls").write_text("")
        result = subprocess.run(
            [BASH, str(SCRIPT), str(tmp_path / "packages.txt")], capture_output=True, text=True,
            env={"PATH": str(bin_dir), "FAKE_ROOT": str(tmp_path), "FAKE_UID": str(uid),
                 "FAKE_SUDO": sudo or ""}, timeout=30)
        result.calls = (tmp_path / "calls").read_text().splitlines()
        result.installed = (tmp_path / "installed").read_text().split()
        return result

    return run


def test_everything_present_installs_nothing(machine):
    result = machine(installed=["make", "chromium", "poppler-utils"], uid=0)
    assert result.returncode == 0, result.stderr
    assert result.calls == []
    assert result.stderr == ""


def test_missing_packages_as_root_are_installed_with_one_apt_get_command(machine):
    result = machine(installed=["make"], uid=0)
    assert result.returncode == 0, result.stderr
    assert result.calls == [
        "apt-get update -q",
        "apt-get install -y -q --no-install-recommends chromium poppler-utils",
    ]
    assert "chromium poppler-utils" in result.stderr
    assert sorted(result.installed) == ["chromium", "make", "poppler-utils"]


def test_passwordless_sudo_installs_through_sudo(machine):
    result = machine(installed=["make", "chromium"], sudo="passwordless")
    assert result.returncode == 0, result.stderr
    assert result.calls[-1] == "sudo apt-get install -y -q --no-install-recommends poppler-utils"


def test_not_root_without_sudo_stops_and_prints_the_command(machine):
    result = machine(installed=["make"])
    assert result.returncode == 1
    assert result.calls == []
    assert "Missing system packages: chromium poppler-utils" in result.stderr
    assert ("su -c 'apt-get update && apt-get install -y -q --no-install-recommends "
            "chromium poppler-utils'") in result.stderr


def test_sudo_that_asks_a_password_stops_and_prints_the_sudo_command(machine):
    result = machine(installed=["make", "chromium"], sudo="asks")
    assert result.returncode == 1
    assert result.calls == []
    assert ("sudo apt-get update && sudo apt-get install -y -q --no-install-recommends "
            "poppler-utils") in result.stderr


def test_the_repository_list_names_what_the_suite_calls():
    listed = (ROOT / "system-packages.txt").read_text()
    for package in ("poppler-utils", "chromium", "libharfbuzz-subset0", "libmagic1"):
        assert f"\n{package}" in listed
