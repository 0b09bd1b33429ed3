"""Synthetic sample reports: made-up departments and figures, for tests, demos and scale benchmarks."""
