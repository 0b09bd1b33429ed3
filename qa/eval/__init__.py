"""Scoring answers and retrieval against gold questions (see ../shared/eval/README.md)."""
