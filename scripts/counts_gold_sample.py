#!/usr/bin/env python3
"""Pick the sentences of the counts gold set (see docs/counts-gold.md).

Usage: counts_gold_sample.py DATA_DIR > candidates.tsv

Deterministic: sentences are split with a plain punctuation rule, a
sentence is a *candidate* when it holds a number (digits, a number word or
a vague quantifier) and a casualty/protest keyword, and a *number negative*
when it holds digits but no keyword. Every K-th candidate and every M-th
number negative is printed; the CRC-32 of "id:offset" puts each in dev (even)
or test (odd). The
annotation was written by hand on this list before any rule was tuned.
"""
import json
import re
import sys
import zlib
from pathlib import Path

FILES = [
    ("wikinews", "wikinews-sample/wikinews-2019-2020.jsonl", 3, 150),
    ("bbc", "bbc-news/bbc-news-2225.jsonl", 20, 1000),
]
NUMBER = re.compile(
    r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|dozens?|hundreds|thousands|scores)\b",
    re.I,
)
KEYWORD = re.compile(
    r"\b(kill\w*|dead|death\w*|died|wounded|injur\w*|missing|arrest\w*|detain\w*|"
    r"kidnap\w*|abduct\w*|hostages?|displaced|fled|refugees?|evacuat\w*|"
    r"protest\w*|demonstrat\w*|rall(?:y|ies|ied))\b",
    re.I,
)
DIGITS = re.compile(r"\d")
SPLIT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z])|\n+")


def sentences(text):
    start = 0
    for match in SPLIT.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def main():
    data = Path(sys.argv[1])
    out = []
    for name, rel, k, m in FILES:
        candidates, negatives = [], []
        for line in open(data / rel, encoding="utf-8"):
            art = json.loads(line)
            text = art["text"]
            for s, e in sentences(text):
                sent = text[s:e].strip()
                if len(sent) < 20 or len(sent) > 400:
                    continue
                s = s + (len(text[s:e]) - len(text[s:e].lstrip()))
                e = s + len(sent)
                bs = len(text[:s].encode("utf-8"))
                be = bs + len(sent.encode("utf-8"))
                row = (name, art["id"], bs, be, sent)
                if NUMBER.search(sent) and KEYWORD.search(sent):
                    candidates.append(row)
                elif DIGITS.search(sent):
                    negatives.append(row)
        for kind, rows, step in (("cand", candidates, k), ("neg", negatives, m)):
            for i, row in enumerate(rows[::step]):
                out.append((kind,) + row)
    for i, (kind, name, aid, bs, be, sent) in enumerate(out):
        split = "dev" if zlib.crc32(f"{aid}:{bs}".encode()) % 2 == 0 else "test"
        print(f"{split}\t{kind}\t{name}\t{aid}\t{bs}\t{be}\t{sent}")


if __name__ == "__main__":
    main()
