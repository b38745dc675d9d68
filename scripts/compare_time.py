#!/usr/bin/env python3
"""Time expressions: eventwire's time stage against dateparser, scored the same way.

Runs `cargo run --release -p eventwire-eval --example time_dump -- test meantime`
(gold expressions and ours as JSON lines, byte offsets), runs dateparser's
`search_dates` on the same texts anchored on the same creation time, and
scores both with one scorer (TempEval-3 task A, as in `eventwire eval time`):
strict = same extent, relaxed = any overlap, one-to-one (same extent first,
then largest overlap); type and value accuracy over relaxed matches; value F1
= relaxed F1 x value accuracy. Values are compared as exact strings. The DCT is
not scored; in MEANTIME neither is the text after its six annotated sentences.
TempEval-3 training data is not used here (no development on test data).

dateparser's matches become TIMEX3 values by the granularity dateparser itself
reports for the matched string (`DateDataParser.get_date_data(...).period`):
year -> YYYY, month -> YYYY-MM, week -> YYYY-Www (ISO week), day -> YYYY-MM-DD,
and a clock time (period "time" or a non-midnight time) -> YYYY-MM-DDTHH:MM
with type TIME; everything else is type DATE. dateparser has no durations,
sets or reference values (PRESENT_REF, PAST_REF), so those gold values cannot
be matched by it; the per-type table shows where each system scores.
dateparser runs with languages=['en'] (our stage is English only, and
language detection would only slow it down and add false finds).

Speed is that of the recogniser alone: `find_times` (measured inside the dump,
best of three passes) and `search_dates` (one pass after a warm-up call).

Usage (from the repository root): python3 scripts/compare_time.py [--dump FILE]
"""

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from collections import defaultdict


def byte_offsets(text):
    """Byte offset of each character index (and of the end)."""
    offsets = [0] * (len(text) + 1)
    total = 0
    for i, ch in enumerate(text):
        offsets[i] = total
        total += len(ch.encode("utf-8"))
    offsets[len(text)] = total
    return offsets


def char_index(text):
    """Character index of each byte offset that starts a character."""
    index = {}
    total = 0
    for i, ch in enumerate(text):
        index[total] = i
        total += len(ch.encode("utf-8"))
    index[total] = len(text)
    return index


def match_spans(gold, predicted):
    """One-to-one pairs (gold index, predicted index) of overlapping spans:
    same extent first, then larger overlap, then order (as the Rust scorer)."""
    candidates = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                exact = (gs, ge) == (ps, pe)
                candidates.append((not exact, -overlap, g, p))
    candidates.sort()
    used_gold, used_predicted, pairs = set(), set(), []
    for _, _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return sorted(pairs)


class Score:
    def __init__(self):
        self.gold = self.predicted = self.strict = self.relaxed = 0
        self.type_match = self.value_match = 0
        self.by_type = defaultdict(lambda: [0, 0, 0])

    def add_doc(self, doc, predicted):
        def outside(start, end):
            return not any(max(s, start) < min(e, end) for s, e in doc["ignored"])

        gold = [g for g in doc["gold"] if outside(g["start"], g["end"])]
        ours = [p for p in predicted if p["end"] > p["start"] and outside(p["start"], p["end"])]
        self.gold += len(gold)
        self.predicted += len(ours)
        for g in gold:
            self.by_type[g["type"]][0] += 1
        pairs = match_spans([(g["start"], g["end"]) for g in gold],
                            [(p["start"], p["end"]) for p in ours])
        for gi, pi in pairs:
            g, p = gold[gi], ours[pi]
            self.relaxed += 1
            self.by_type[g["type"]][1] += 1
            if (g["start"], g["end"]) == (p["start"], p["end"]):
                self.strict += 1
            if g["type"] == p["type"]:
                self.type_match += 1
            if g["value"] == (p["value"] or ""):
                self.value_match += 1
                self.by_type[g["type"]][2] += 1

    @staticmethod
    def prf(hits, predicted, gold):
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def rows(self):
        sp, sr, sf = self.prf(self.strict, self.predicted, self.gold)
        rp, rr, rf = self.prf(self.relaxed, self.predicted, self.gold)
        type_acc = self.type_match / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_match / self.relaxed if self.relaxed else 0.0
        _, _, vf = self.prf(self.value_match, self.predicted, self.gold)
        types = " ".join(f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in sorted(self.by_type.items()))
        return [
            ("gold / predicted", f"{self.gold} / {self.predicted}"),
            ("strict P / R / F1", f"{sp*100:5.1f} {sr*100:5.1f} {sf*100:5.1f}"),
            ("relaxed P / R / F1", f"{rp*100:5.1f} {rr*100:5.1f} {rf*100:5.1f}"),
            ("type accuracy", f"{type_acc*100:5.1f}"),
            ("value accuracy", f"{value_acc*100:5.1f}"),
            ("value F1 (TE3 attribute F1)", f"{vf*100:5.1f}"),
            ("per type gold/found/right value", types),
        ]


def anchor_of(dct):
    """The creation time as a datetime (date part only when that is all there is)."""
    if not dct:
        return None
    for fmt, size in (("%Y-%m-%dT%H:%M:%S", 19), ("%Y-%m-%dT%H:%M", 16), ("%Y-%m-%d", 10)):
        try:
            return dt.datetime.strptime(dct[:size], fmt)
        except ValueError:
            continue
    return None


def timex_value(moment, period):
    """TIMEX3 type and value for a dateparser result at its own granularity."""
    if period == "time" or (moment.hour, moment.minute, moment.second) != (0, 0, 0):
        return "TIME", moment.strftime("%Y-%m-%dT%H:%M")
    if period == "year":
        return "DATE", f"{moment.year:04d}"
    if period == "month":
        return "DATE", f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}"
    return "DATE", moment.strftime("%Y-%m-%d")


def run_dateparser(docs):
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base_settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    search_dates("warm up on 5 March 2013", languages=["en"], settings=base_settings)
    seconds, predictions, unplaced = 0.0, [], 0
    for doc in docs:
        settings = dict(base_settings)
        anchor = anchor_of(doc["dct"])
        if anchor is not None:
            settings["RELATIVE_BASE"] = anchor
        started = time.perf_counter()
        found = search_dates(doc["text"], languages=["en"], settings=settings) or []
        seconds += time.perf_counter() - started
        parser = DateDataParser(languages=["en"], settings=settings)
        bytes_at = byte_offsets(doc["text"])
        cursor, ours = 0, []
        for matched, moment in found:
            at = doc["text"].find(matched, cursor)
            if at < 0:
                at = doc["text"].find(matched)
            if at < 0:
                unplaced += 1
                continue
            cursor = at + len(matched)
            period = parser.get_date_data(matched).period or "day"
            kind, value = timex_value(moment, period)
            ours.append({"start": bytes_at[at], "end": bytes_at[at + len(matched)],
                         "type": kind, "value": value})
        predictions.append(ours)
    return predictions, seconds, unplaced


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dump", help="read this time_dump output instead of running it")
    args = parser.parse_args()
    if args.dump:
        with open(args.dump, encoding="utf-8") as f:
            lines = f.read().splitlines()
    else:
        command = ["cargo", "run", "--release", "-q", "-p", "eventwire-eval",
                   "--example", "time_dump", "--", "test", "meantime"]
        lines = subprocess.run(command, check=True, capture_output=True,
                               text=True).stdout.splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    speed = next(r["speed"] for r in records if "speed" in r)
    docs = [r for r in records if "speed" not in r]

    for set_name, title in (("test", "TempEval-3 platinum (test)"),
                            ("meantime", "MEANTIME English (all four topics)")):
        subset = [d for d in docs if d["set"] == set_name]
        if not subset:
            continue
        theirs, their_seconds, unplaced = run_dateparser(subset)
        ours_score, their_score = Score(), Score()
        for doc, their_doc in zip(subset, theirs):
            ours_score.add_doc(doc, doc["ours"])
            their_score.add_doc(doc, their_doc)
        megabytes = sum(len(d["text"].encode("utf-8")) for d in subset) / 1e6
        our_seconds = speed[set_name]["seconds"]
        print(f"\n{title}: {len(subset)} documents, {megabytes:.2f} MB")
        print(f"  {'':34} {'eventwire':>22}   {'dateparser 1.5':>22}")
        for (name, ours_row), (_, theirs_row) in zip(ours_score.rows(), their_score.rows()):
            if name.startswith("per type"):
                print(f"  {name}:\n    eventwire  {ours_row}\n    dateparser {theirs_row}")
            else:
                print(f"  {name:34} {ours_row:>22}   {theirs_row:>22}")
        print(f"  {'speed (recogniser alone, MB/s)':34} {megabytes / max(our_seconds, 1e-9):>22.2f}"
              f"   {megabytes / max(their_seconds, 1e-9):>22.3f}")
        if unplaced:
            print(f"  ({unplaced} dateparser matches could not be placed in the text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
