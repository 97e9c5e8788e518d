"""Benchmarks run by scripts/ (never collected by scripts/test)."""
