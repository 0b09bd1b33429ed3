"""Row round trip: questions over many rows of each indexed report's tables (the largest, the smallest, how many,
how many above a bound, the first three; rows with money in a column, rows under a 类, a fund's rows, 经济分类
rows), generated with their answers from the report's own facts (qa.eval.rowtrip), asked through the product and
scored by the gold set's rules (benchmarks/generated_questions.py). Asserts nothing.

    python benchmarks/row_operations.py --index INDEX [--only REGEX] [--skip REGEX] [--failures] [--json OUT]
"""
from __future__ import annotations

from generated_questions import run

from qa.eval.rowtrip import OPERATIONS, PHRASINGS, plan_rows

if __name__ == "__main__":
    run(__doc__.splitlines()[0], plan_rows, OPERATIONS, PHRASINGS)
