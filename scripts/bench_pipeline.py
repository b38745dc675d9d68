#!/usr/bin/env python3
"""Whole-command speed of `eventwire analyze` (read, extract, clean, dateline, segment).

Runs the release binary over the Reuters-21578 JSON Lines set with one and with two
worker threads, and reports MB/s of article text (the `body` fields) per core; then the
time from process start to the first byte of output on a single bundled article
(median of many runs). Needs `cargo build --release` first.

    python3 scripts/bench_pipeline.py [--data ../shared/data] [--runs 5]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "eventwire")


def timed_run(args, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            result = subprocess.run([BINARY, *args], stdout=sink, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"eventwire failed: {result.stderr.decode(errors='replace')}")
    return statistics.median(times), min(times), max(times)


def first_output_latency(path, runs):
    latencies = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([BINARY, "analyze", "--json", path], stdout=subprocess.PIPE)
        proc.stdout.read(1)
        latencies.append(time.perf_counter() - start)
        proc.stdout.read()
        proc.wait()
    return statistics.median(latencies), max(latencies)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("EVENTWIRE_DATA", os.path.join(ROOT, "..", "shared", "data")))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists(BINARY):
        sys.exit("build first: cargo build --release")
    reuters = os.path.join(args.data, "reuters-21578", "reuters21578.jsonl")
    if not os.path.exists(reuters):
        sys.exit(f"Reuters-21578 not found at {reuters}")
    articles = 0
    text_bytes = 0
    with open(reuters, encoding="utf-8") as f:
        for line in f:
            articles += 1
            text_bytes += len(json.loads(line)["body"].encode("utf-8"))
    file_mb = os.path.getsize(reuters) / 1e6
    print(f"Reuters-21578: {articles} articles, {text_bytes / 1e6:.1f} MB of body text ({file_mb:.1f} MB file)")
    print(f"{'run':<34}{'median s':>10}{'min s':>8}{'max s':>8}{'text MB/s':>11}{'MB/s/core':>11}{'articles/s':>12}")
    for jobs in (1, 2):
        median, low, high = timed_run(["analyze", "--json", "--jobs", str(jobs), reuters], args.runs)
        rate = text_bytes / 1e6 / median
        print(f"{'analyze --json --jobs ' + str(jobs):<34}{median:>10.2f}{low:>8.2f}{high:>8.2f}{rate:>11.1f}{rate / jobs:>11.1f}{articles / median:>12.0f}")
    example = os.path.join(ROOT, "examples", "wikinews-2019-10-08-trump-syria-withdrawal.txt")
    median, worst = first_output_latency(example, max(args.runs * 4, 20))
    print(f"first output (one bundled article): median {median * 1000:.1f} ms, max {worst * 1000:.1f} ms")


if __name__ == "__main__":
    main()
