"""Which answering path gives each answer, and how often each path is right: a table per path.

    python benchmarks/answer_paths.py --set devset/a=/tmp/dev-index --set devset/b=/tmp/dev-index

Each `--set GOLD=INDEX` names gold questions and an index built over their reports. Every question is asked and
scored with the gold scorer (qa.eval.scoring); the answer's path is the module and function that built the Answer
returned (found by the frame that constructed it; `refused:` marks answers that found nothing). Per path: questions,
right, and each failure by the first rule it broke (qa.eval.roundtrip_report.failure_kind: value not stated, too
many figures, cited another report, unanswerable answered, refused …). It reads no question text into its output, so held-out sets may be run through it: the table is
counts only.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

@contextmanager
def recording_builders():
    """While open, each Answer remembers the module:function that built it (frames of the model and of
    dataclasses.replace skipped): yields the mapping id(answer) -> path. Answer is restored on close."""
    from qa import models

    built: dict[int, str] = {}
    original = models.Answer.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        frame = sys._getframe(1)
        while frame and frame.f_code.co_filename.endswith(("models.py", "dataclasses.py", "<string>")):
            frame = frame.f_back
        if frame is not None:
            built[id(self)] = f"{Path(frame.f_code.co_filename).stem}:{frame.f_code.co_name}"

    models.Answer.__init__ = init
    try:
        yield built
    finally:
        models.Answer.__init__ = original


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", required=True, help="GOLD=INDEX (gold .jsonl file or folder = index folder)")
    args = ap.parse_args(argv)

    import qa
    from qa.config import Settings
    from qa.eval.gold import load_gold
    from qa.eval.roundtrip_report import FAILURE_KINDS, failure_kind
    from qa.eval.scoring import score_answer

    rows: dict[str, Counter] = defaultdict(Counter)
    with recording_builders() as built:
        for spec in args.set:
            gold, _, index = spec.partition("=")
            settings = Settings.resolve(None, index_dir=index)
            for g in load_gold(gold):
                built.clear()
                answer = qa.ask(g.question, settings=settings)
                score = score_answer(g, answer.to_dict())
                path = built.get(id(answer), "?")
                key = path if answer.found else f"refused:{path.split(':')[0]}"
                rows[key]["n"] += 1
                rows[key]["right"] += score.correct
                if not score.correct:
                    rows[key][failure_kind(score.reason)] += 1
    kinds = list(dict.fromkeys(k for _, k in FAILURE_KINDS))
    kinds += sorted({k for c in rows.values() for k in c} - {"n", "right", *kinds})  # (a reason no rule names)
    print("| path | questions | right | " + " | ".join(kinds) + " |")
    print("|---|---|---|" + "---|" * len(kinds))
    for key, c in sorted(rows.items(), key=lambda kv: -(kv[1]["n"] - kv[1]["right"])):
        print(f"| {key} | {c['n']} | {c['right']} ({100 * c['right'] / c['n']:.0f}%) | "
              + " | ".join(str(c[k]) for k in kinds) + " |")
    total = sum(c["n"] for c in rows.values())
    right = sum(c["right"] for c in rows.values())
    print(f"\n{right}/{total} right ({100 * right / max(total, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
