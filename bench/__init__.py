"""Benchmarks run by `invoke bench`: ratios against a baseline measured in the same run."""
