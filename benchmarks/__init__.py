"""Benchmarks of stakeholders: every step timed against its floor in the same run.

Run with ``make bench`` (or ``python -m benchmarks``); see docs/benchmarks.md.
Not part of the test run: nothing here asserts a time.
"""
