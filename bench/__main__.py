"""`python -m bench [--quick] [--only NAME …]`: run the benchmarks on a fresh bench database,
print one JSON line per result, then a table. --quick (CI) checks that the harness works."""

import argparse
import importlib
import sys
import time

from . import environment

# surge reads receipt's rate
BENCHMARKS = ("submit", "receipt", "scale", "surge", "crisis", "confirm", "indicators",
              "customs")
# Run at full size only when named (--only indicators): its million cases take ten minutes to
# load, beyond the whole run's budget; --quick runs it with the others.
ON_REQUEST = ("indicators",)
BUDGET = 30 * 60  # seconds, the whole `make bench` on 2 cores (15 before crisis and confirm)


def main():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these")
    options = parser.parse_args()
    chosen = [name for name in BENCHMARKS if name in options.only] if options.only else [
        name for name in BENCHMARKS if options.quick or name not in ON_REQUEST]

    started = time.monotonic()
    if {"receipt", "surge", "crisis", "confirm"} & set(chosen):
        environment.require_font_subsetting()
    environment.lock()
    environment.configure()
    environment.recreate_database()
    environment.flush_broker()
    environment.clear_documents()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from .results import Result, emit, print_table

    results = []
    shared = {}  # what a benchmark hands to a later one (the single-process receipt rate)
    try:
        for name in chosen:
            begun = time.monotonic()
            print(f"# {name}…", file=sys.stderr, flush=True)
            module = importlib.import_module(f"bench.{name}")
            for result in module.run(options.quick, shared):
                emit(result)
                results.append(result)
            wall = Result(f"{name}.wall_time_s", time.monotonic() - begun)
            emit(wall)
            results.append(wall)
    finally:
        environment.flush_broker()
        environment.clear_documents()
    total = Result("total.wall_time_s", time.monotonic() - started, BUDGET,
                   None if options.quick or options.only else "<= 1")
    emit(total)
    results.append(total)
    print_table(results)


if __name__ == "__main__":
    main()
