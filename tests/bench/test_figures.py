"""The bench's refusals and figures, without running a benchmark."""

import pytest
from weasyprint.text import ffi

from bench import environment, surge


def test_receipts_are_not_timed_without_harfbuzz_subsetting(monkeypatch):
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    with pytest.raises(SystemExit, match="libharfbuzz-subset"):
        environment.require_font_subsetting()


def test_this_machine_has_harfbuzz_subsetting():
    environment.require_font_subsetting()


def test_a_finished_surge_is_a_ratio_against_twice_the_receipt_rate():
    figure, complete, drain = surge.results(10_000, 10_000, 400.0, baseline=30.0)
    assert (figure.name, figure.value, figure.ratio, figure.ok) == (
        "surge.cases_per_s", 25.0, 25.0 / 30.0, True)
    assert complete.ok is True
    assert drain.value == 400.0


def test_an_unfinished_surge_says_how_much_drained_and_gives_no_ratio(capsys):
    figure, complete, _ = surge.results(10_000, 6_500, 600.0, baseline=30.0)
    assert figure.name == "surge.unfinished_cases_per_s"
    assert figure.value == pytest.approx(10.83, abs=0.01)
    assert figure.ratio is None and figure.ok is None
    assert (complete.value, complete.ok) == (6_500, False)
    assert "6500 of 10000 cases complete (65%) in 600 s" in capsys.readouterr().err
