"""The bench's refusals and figures, without running a benchmark."""

import pytest
from weasyprint.text import ffi

from bench import confirm, crisis, environment, surge


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


def test_a_finished_crisis_day_gives_its_ratio_and_the_hours_for_2020():
    figures = {r.name: r for r in crisis.results(2000, 2000, 100.0, 3400, 40.0, 25.0)}
    assert figures["crisis.documents_per_s"].ratio == pytest.approx(34.0 / 40.0)
    assert figures["crisis.hours_for_2020_load"].value == pytest.approx(204_000 / 20 / 3600)
    assert "crisis.unfinished_cases_per_s" not in figures


def test_an_unfinished_crisis_day_gives_no_ratio_nor_hours(capsys):
    figures = {r.name: r for r in crisis.results(2000, 533, 1200.0, 1000, 40.0, 6.0)}
    assert set(figures) == {"crisis.cases_complete", "crisis.drain_s",
                            "crisis.unfinished_cases_per_s"}
    assert "533 of 2000 cases complete (27%) in 1200 s" in capsys.readouterr().err


def test_an_unfinished_bulk_confirmation_says_how_far_it_got(capsys):
    figures = {r.name: r for r in confirm.results(10_000, 7_800, 7_787, 903.0, 903.0, 0.5,
                                                  132.7e6, 135.8e6)}
    assert "confirm.decided_per_s" not in figures
    assert figures["confirm.unfinished_decided_per_s"].value == pytest.approx(7_800 / 903)
    assert figures["confirm.worker_peak_rss_mb"].ok is True  # 1.02: flat
    assert "7800 of 10000 cases decided, 7787 with their document" in capsys.readouterr().err
