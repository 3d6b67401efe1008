"""One result = one JSON line on stdout, then a readable table at the end of the run.

`target` reads against the ratio value ÷ baseline: ">= 0.5", "<= 5", "== 1". A result without a
target is information (a latency percentile, a wall time): its `ok` is null."""

import json
import operator
import sys
from dataclasses import dataclass

OPERATORS = {">=": operator.ge, "<=": operator.le, "==": operator.eq}


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    baseline: float | None = None
    target: str | None = None

    @property
    def ratio(self):
        if self.baseline is None:
            return None
        if self.baseline == 0:
            return 1.0 if self.value == 0 else float("inf")
        return self.value / self.baseline

    @property
    def ok(self):
        if self.target is None:
            return None
        symbol, number = self.target.split()
        return OPERATORS[symbol](round(self.ratio, 3), float(number))

    def as_dict(self):
        ratio = self.ratio
        return {
            "name": self.name, "value": _round(self.value), "baseline": _round(self.baseline),
            "ratio": None if ratio is None else round(ratio, 3), "target": self.target,
            "ok": self.ok,
        }


def _round(number):
    if number is None or isinstance(number, int):
        return number
    return round(number, 4 if abs(number) < 1 else 2)


def emit(result):
    print(json.dumps(result.as_dict()), flush=True)


def table(results):
    rows = [("name", "value", "baseline", "ratio", "target", "ok")]
    for result in results:
        line = result.as_dict()
        rows.append(tuple("" if line[key] is None else str(line[key]) for key in rows[0]))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def print_table(results, file=sys.stdout):
    print("\n" + table(results), file=file, flush=True)
