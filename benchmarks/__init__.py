"""Benchmarks behind `make bench`; each bench_*.py module adds one section."""
