"""The performance harness (`make bench`, `make bench-quick`): every figure is a ratio against a
baseline measured in the same run on the same machine. See bench/README.md.

In benchmark mode (GUICHET_BENCH=1) this package is also a small Django app: the baseline view
of the submission benchmark and the table it writes to."""
