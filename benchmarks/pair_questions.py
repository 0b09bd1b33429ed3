"""Pair round trip: two figures of a report asked at once (one row's two columns, two rows of a column, any two
facts; joined by 和 … 分别, a comma, 、, or asked one after the other) and a figure computed from two (执行率, 决算
less 年初预算) in users' words, generated with their answers from the report's own facts (qa.eval.pairtrip), asked
through the product and scored by the gold set's rules (benchmarks/generated_questions.py). Asserts nothing.

    python benchmarks/pair_questions.py --index INDEX [--only REGEX] [--skip REGEX] [--failures] [--json OUT]
"""
from __future__ import annotations

from generated_questions import run

from qa.eval.pairtrip import PLANS, plan_pairs

if __name__ == "__main__":
    run(__doc__.splitlines()[0], plan_pairs, tuple(PLANS), tuple(dict.fromkeys(p for ps in PLANS.values() for p in ps)))
