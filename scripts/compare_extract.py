#!/usr/bin/env python3
"""Compare eventwire's HTML main-content extraction with trafilatura.

Both extractors run on the same pages of the scrapinghub article-extraction
benchmark (ground-truth.json + html/<id>.html.gz) in the same run, and both
outputs are scored by the same code against the ground-truth `articleBody`.

Ours: the example binary `extract_dump` (built in release mode by this
script unless --no-build) extracts every page and writes JSON with the texts
and its own extraction time (HTML bytes / time, one thread, file reading and
gunzip excluded).
trafilatura: `trafilatura.extract(html, include_comments=False)` with its
other options at their defaults (as the benchmark's own runner calls it),
timed around that call only, one thread.

Scores:
  words    bag of whitespace-split, lowercased words; per page precision,
           recall and F1 over the multiset intersection; "mean" averages the
           per-page values over pages, "micro" sums the counts over all pages.
  shingles the benchmark's own convention (evaluate.py): \\w+ tokens (case
           kept), 4-gram shingles, per-page counts normalised, precision and
           recall averaged over pages, F1 = harmonic mean of the two averages.

Usage: scripts/compare_extract.py [--data DIR] [--no-build] [--limit N]
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_data_dir(explicit):
    if explicit:
        return Path(explicit)
    if os.environ.get("EVENTWIRE_DATA"):
        return Path(os.environ["EVENTWIRE_DATA"])
    for parent in [Path.cwd(), *Path.cwd().parents]:
        candidate = parent / ".." / "shared" / "data"
        if candidate.is_dir():
            return candidate.resolve()
    sys.exit("no data folder: pass --data DIR or set EVENTWIRE_DATA")


def load_benchmark(bench_dir, limit):
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf8"))
    ids = sorted(truth)
    if limit:
        ids = ids[:limit]
    pages = {}
    for page_id in ids:
        with gzip.open(bench_dir / "html" / f"{page_id}.html.gz", "rb") as f:
            pages[page_id] = f.read()
    return truth, pages


# ---------------------------------------------------------------- scoring

def bag_counts(truth_text, pred_text):
    """tp, fp, fn over bags of lowercased whitespace-split words."""
    truth = Counter((truth_text or "").lower().split())
    pred = Counter((pred_text or "").lower().split())
    tp = sum((truth & pred).values())
    return tp, sum(pred.values()) - tp, sum(truth.values()) - tp


def precision_score(tp, fp, fn):
    # Same conventions as the benchmark's evaluate.py.
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def f1_score(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    tokens = TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def shingle_counts(truth_text, pred_text):
    truth, pred = shingles(truth_text), shingles(pred_text)
    tp = sum((truth & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(truth.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(truth, predicted):
    """Per-system summary dict for texts keyed like `truth`."""
    words = [bag_counts(truth[k]["articleBody"], predicted.get(k, "")) for k in truth]
    shing = [shingle_counts(truth[k]["articleBody"], predicted.get(k, "")) for k in truth]

    def mean(values):
        return sum(values) / len(values) if values else 0.0

    w_p = mean([precision_score(*c) for c in words if c[0] + c[1] > 0])
    w_r = mean([recall_score(*c) for c in words if c[0] + c[2] > 0])
    w_f = mean([f1_score(precision_score(*c), recall_score(*c)) for c in words])
    tp, fp, fn = (sum(c[i] for c in words) for i in range(3))
    micro_p, micro_r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    s_p = mean([precision_score(*c) for c in shing if c[0] + c[1] > 0])
    s_r = mean([recall_score(*c) for c in shing if c[0] + c[2] > 0])
    return {
        "words_p": w_p, "words_r": w_r, "words_f1_of_means": f1_score(w_p, w_r),
        "words_mean_f1": w_f,
        "micro_p": micro_p, "micro_r": micro_r, "micro_f1": f1_score(micro_p, micro_r),
        "shingle_p": s_p, "shingle_r": s_r, "shingle_f1": f1_score(s_p, s_r),
        "empty": sum(1 for k in truth if not (predicted.get(k) or "").strip()),
    }


# ---------------------------------------------------------------- systems

def run_ours(data_dir, build, limit):
    if build:
        subprocess.run(["cargo", "build", "--release", "-p", "eventwire-eval",
                        "--example", "extract_dump"], cwd=REPO, check=True)
    binary = REPO / "target" / "release" / "examples" / "extract_dump"
    cmd = [str(binary), "--data", str(data_dir)]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True).stdout
    dump = json.loads(out)
    texts = {k: v["text"] for k, v in dump["pages"].items()}
    return texts, dump["html_bytes"], dump["seconds"]


def run_trafilatura(pages):
    import trafilatura

    texts, seconds, size = {}, 0.0, 0
    for page_id, raw in pages.items():
        html = raw.decode("utf8", errors="replace")
        start = time.perf_counter()
        text = trafilatura.extract(html, include_comments=False)
        seconds += time.perf_counter() - start
        size += len(raw)
        texts[page_id] = text or ""
    return texts, size, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared data folder (holds article-extraction-benchmark/)")
    parser.add_argument("--no-build", action="store_true", help="do not run cargo build")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (by id)")
    parser.add_argument("--skip-trafilatura", action="store_true")
    args = parser.parse_args()

    data_dir = find_data_dir(args.data)
    truth, pages = load_benchmark(data_dir / "article-extraction-benchmark", args.limit)
    truth = {k: truth[k] for k in pages}

    systems = {}
    ours, size, seconds = run_ours(data_dir, not args.no_build, args.limit)
    systems["eventwire"] = (score(truth, ours), size / seconds / 1e6)
    if not args.skip_trafilatura:
        import trafilatura
        texts, size, seconds = run_trafilatura(pages)
        systems[f"trafilatura {trafilatura.__version__}"] = (score(truth, texts),
                                                             size / seconds / 1e6)

    print(f"{len(truth)} pages, {sum(map(len, pages.values())) / 1e6:.1f} MB of HTML")
    print("words = lowercased whitespace-split bags; mean = average over pages "
          "(P, R, F1 of those means, and mean of per-page F1); micro = summed counts")
    print("shingles = benchmark's evaluate.py convention (\\w+ 4-grams, mean P/R, F1 of means)")
    header = (f"{'system':<20} {'P':>6} {'R':>6} {'F1':>6} {'meanF1':>7} | "
              f"{'microP':>6} {'microR':>6} {'microF1':>7} | "
              f"{'shP':>6} {'shR':>6} {'shF1':>6} | {'empty':>5} {'MB/s':>7}")
    print(header)
    print("-" * len(header))
    for name, (m, speed) in systems.items():
        print(f"{name:<20} {m['words_p']:6.3f} {m['words_r']:6.3f} "
              f"{m['words_f1_of_means']:6.3f} {m['words_mean_f1']:7.3f} | "
              f"{m['micro_p']:6.3f} {m['micro_r']:6.3f} {m['micro_f1']:7.3f} | "
              f"{m['shingle_p']:6.3f} {m['shingle_r']:6.3f} {m['shingle_f1']:6.3f} | "
              f"{m['empty']:5d} {speed:7.1f}")


if __name__ == "__main__":
    main()
