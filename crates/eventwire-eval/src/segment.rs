//! Evaluation of the segment stage on UD English EWT.
//!
//! Each CoNLL-U file becomes one raw text: sentences (their `# text`) are
//! joined with a space inside a paragraph and with a blank line ("\n\n")
//! where `# newpar` or `# newdoc` starts a new one. Gold token offsets come
//! from aligning each token form to the sentence text in order.
//!
//! Scores:
//! - sentences: a predicted sentence end counts when it equals a gold end;
//! - tokens (words): EWT syntactic words, multiword tokens ("don't" = "do"
//!   "n't") expanded to their parts when the parts spell the surface form;
//! - tokens (surface): EWT surface tokens, a multiword token counting as one;
//!   a run of predicted tokens that exactly tiles a multiword token counts as
//!   that token.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use eventwire_core::segment::{segment, tokenize};
use eventwire_core::Span;

use crate::metrics::Prf;

/// The gold side of one EWT file, rebuilt as raw text.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    pub text: String,
    pub sentences: Vec<Span>,
    /// Syntactic words (multiword tokens expanded).
    pub words: Vec<Span>,
    /// Surface tokens (a multiword token is one).
    pub surface: Vec<Span>,
    /// The multiword tokens among `surface`.
    pub multiword: Vec<Span>,
    /// Token forms that could not be found in the sentence text.
    pub unaligned: usize,
}

/// Rebuild the raw text and gold spans of a CoNLL-U file.
pub fn load_conllu(path: &Path) -> anyhow::Result<Gold> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse_conllu(&data))
}

/// Rebuild the raw text and gold spans from CoNLL-U source.
pub fn parse_conllu(data: &str) -> Gold {
    let mut gold = Gold::default();
    let mut new_paragraph = true;
    let mut sentence = SentenceAligner::default();
    for line in data.lines() {
        if line.starts_with("# newdoc") || line.starts_with("# newpar") {
            new_paragraph = true;
        } else if let Some(text) = line.strip_prefix("# text = ") {
            if !gold.text.is_empty() {
                gold.text.push_str(if new_paragraph { "\n\n" } else { " " });
            }
            new_paragraph = false;
            sentence = SentenceAligner {
                base: gold.text.len(),
                cursor: 0,
                text: text.to_string(),
                ..Default::default()
            };
            gold.text.push_str(text);
            let trimmed = text.trim_end().len();
            let lead = text.len() - text.trim_start().len();
            if trimmed > lead {
                gold.sentences
                    .push(Span::new(sentence.base + lead, sentence.base + trimmed));
            }
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        } else {
            sentence.token_line(line, &mut gold);
        }
    }
    gold
}

/// Aligns the token lines of one sentence to its text.
#[derive(Debug, Default)]
struct SentenceAligner {
    base: usize,
    cursor: usize,
    text: String,
    /// Last word id covered by the current multiword token, with the parts still expected.
    multiword_until: usize,
    multiword_parts: Vec<String>,
    multiword_form: String,
    multiword_span: Option<Span>,
}

impl SentenceAligner {
    fn token_line(&mut self, line: &str, gold: &mut Gold) {
        let mut fields = line.split('\t');
        let (Some(id), Some(form)) = (fields.next(), fields.next()) else {
            return;
        };
        if id.contains('.') {
            return; // empty node: no surface text
        }
        if let Some((from, to)) = id.split_once('-') {
            let (Ok(_), Ok(to)) = (from.parse::<usize>(), to.parse::<usize>()) else {
                return;
            };
            self.multiword_until = to;
            self.multiword_parts.clear();
            self.multiword_form = form.to_string();
            self.multiword_span = self.align(form, gold);
            if let Some(span) = self.multiword_span {
                gold.surface.push(span);
                gold.multiword.push(span);
            }
            return;
        }
        let Ok(word_id) = id.parse::<usize>() else {
            return;
        };
        if word_id <= self.multiword_until {
            self.multiword_parts.push(form.to_string());
            if word_id == self.multiword_until {
                self.finish_multiword(gold);
            }
            return;
        }
        if let Some(span) = self.align(form, gold) {
            gold.surface.push(span);
            gold.words.push(span);
        }
    }

    /// Word spans of a multiword token: its parts when they spell it, else the whole token.
    fn finish_multiword(&mut self, gold: &mut Gold) {
        self.multiword_until = 0;
        let Some(span) = self.multiword_span else {
            return;
        };
        if self.multiword_parts.concat() != self.multiword_form {
            gold.words.push(span);
            return;
        }
        let mut start = span.start as usize;
        for part in &self.multiword_parts {
            gold.words.push(Span::new(start, start + part.len()));
            start += part.len();
        }
    }

    fn align(&mut self, form: &str, gold: &mut Gold) -> Option<Span> {
        let rest = self.text.get(self.cursor..).unwrap_or("");
        let skipped = rest.len() - rest.trim_start().len();
        let at = if rest[skipped..].starts_with(form) {
            Some(self.cursor + skipped)
        } else {
            rest.find(form).map(|offset| self.cursor + offset)
        };
        match at {
            Some(at) => {
                self.cursor = at + form.len();
                Some(Span::new(self.base + at, self.base + at + form.len()))
            }
            None => {
                gold.unaligned += 1;
                None
            }
        }
    }
}

/// Exact-match counts of predicted against gold spans.
pub fn score_spans(predicted: &[Span], gold: &[Span]) -> Prf {
    let gold_set: HashSet<Span> = gold.iter().copied().collect();
    let tp = predicted
        .iter()
        .filter(|span| gold_set.contains(span))
        .count() as u64;
    Prf {
        tp,
        fp: predicted.len() as u64 - tp,
        fn_: gold.len() as u64 - tp,
    }
}

/// Counts of predicted sentence ends matching gold ends.
pub fn score_sentence_ends(predicted: &[Span], gold: &[Span]) -> Prf {
    let ends = |spans: &[Span]| {
        spans
            .iter()
            .map(|s| Span::new(s.end as usize, s.end as usize))
            .collect::<Vec<_>>()
    };
    score_spans(&ends(predicted), &ends(gold))
}

/// Predicted tokens with every run that exactly tiles a gold multiword token merged into one.
pub fn merge_multiword(predicted: &[Span], multiword: &[Span]) -> Vec<Span> {
    let by_start: HashMap<u32, usize> = predicted
        .iter()
        .enumerate()
        .map(|(i, s)| (s.start, i))
        .collect();
    // For each predicted index that starts a tiling run, the index of the run's last token.
    let mut run_end: HashMap<usize, usize> = HashMap::new();
    for mwt in multiword {
        let Some(&first) = by_start.get(&mwt.start) else {
            continue;
        };
        let mut last = first;
        while predicted[last].end < mwt.end
            && last + 1 < predicted.len()
            && predicted[last + 1].start == predicted[last].end
        {
            last += 1;
        }
        if predicted[last].end == mwt.end && last > first {
            run_end.insert(first, last);
        }
    }
    let mut merged = Vec::with_capacity(predicted.len());
    let mut i = 0;
    while i < predicted.len() {
        match run_end.get(&i) {
            Some(&last) => {
                merged.push(Span::new(
                    predicted[i].start as usize,
                    predicted[last].end as usize,
                ));
                i = last + 1;
            }
            None => {
                merged.push(predicted[i]);
                i += 1;
            }
        }
    }
    merged
}

/// All three scores of a prediction against one gold file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub sentences: Prf,
    pub words: Prf,
    pub surface: Prf,
}

pub fn score(gold: &Gold, sentences: &[Span], tokens: &[Span]) -> Scores {
    Scores {
        sentences: score_sentence_ends(sentences, &gold.sentences),
        words: score_spans(tokens, &gold.words),
        surface: score_spans(&merge_multiword(tokens, &gold.multiword), &gold.surface),
    }
}

fn line(name: &str, prf: Prf) -> String {
    format!(
        "  {name:<18} P {:.4}  R {:.4}  F1 {:.4}   (tp {} fp {} fn {})",
        prf.precision(),
        prf.recall(),
        prf.f1(),
        prf.tp,
        prf.fp,
        prf.fn_
    )
}

/// Run the segment evaluation over the gold data in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let dir = data.join("ud-english-ewt");
    println!("segment: UD English EWT (sentences joined by \" \" within a paragraph, \"\\n\\n\" across paragraphs)");
    let mut texts = Vec::new();
    for split in ["dev", "test"] {
        let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
        let gold = load_conllu(&path)?;
        let (sentences, tokens) = segment(&gold.text);
        let scores = score(&gold, &sentences, &tokens);
        println!(
            "{split}: {} bytes, {} gold sentences, {} gold words ({} unaligned forms)",
            gold.text.len(),
            gold.sentences.len(),
            gold.words.len(),
            gold.unaligned
        );
        println!("{}", line("sentence ends", scores.sentences));
        println!("{}", line("tokens (words)", scores.words));
        println!("{}", line("tokens (surface)", scores.surface));
        texts.push(gold.text);
    }
    let train = dir.join("en_ewt-ud-train.conllu");
    if train.is_file() {
        texts.push(load_conllu(&train)?.text);
    }
    let corpus = texts.join("\n\n");
    let (tokenize_rate, segment_rate) = throughput(&corpus);
    println!(
        "speed (one core, {:.1} MB of EWT text, best of 15): tokenize {tokenize_rate:.0} MB/s, tokenize+sentences {segment_rate:.0} MB/s",
        corpus.len() as f64 / 1e6
    );
    Ok(())
}

/// MB/s of `tokenize` alone and of the full `segment`, best of fifteen runs each.
pub fn throughput(text: &str) -> (f64, f64) {
    let megabytes = text.len() as f64 / 1e6;
    let best = |f: &dyn Fn() -> usize| {
        (0..15)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(f());
                started.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let tokenize_secs = best(&|| tokenize(text).len());
    let segment_secs = best(&|| segment(text).0.len());
    (
        megabytes / tokenize_secs.max(1e-9),
        megabytes / segment_secs.max(1e-9),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_rebuilds_text_and_spans() {
        let data = "# newdoc id = d1\n# newpar id = p1\n# text = I don't know.\n1\tI\n2-3\tdon't\n2\tdo\n3\tn't\n4\tknow\n5\t.\n\n\
                    # text = Fine.\n1\tFine\n2\t.\n\n# newpar id = p2\n# text = Next\n1\tNext\n\n";
        let gold = parse_conllu(data);
        assert_eq!(gold.text, "I don't know. Fine.\n\nNext");
        let words: Vec<&str> = gold.words.iter().map(|s| s.text(&gold.text)).collect();
        assert_eq!(words, ["I", "do", "n't", "know", ".", "Fine", ".", "Next"]);
        let surface: Vec<&str> = gold.surface.iter().map(|s| s.text(&gold.text)).collect();
        assert_eq!(surface, ["I", "don't", "know", ".", "Fine", ".", "Next"]);
        let ends: Vec<u32> = gold.sentences.iter().map(|s| s.end).collect();
        assert_eq!(ends, [13, 19, 25]);
        assert_eq!(gold.unaligned, 0);
    }

    #[test]
    fn surface_scoring_merges_runs_that_tile_a_multiword_token() {
        let predicted = [Span::new(0, 1), Span::new(2, 4), Span::new(4, 7)];
        let merged = merge_multiword(&predicted, &[Span::new(2, 7)]);
        assert_eq!(merged, [Span::new(0, 1), Span::new(2, 7)]);
        let prf = score_spans(&merged, &[Span::new(0, 1), Span::new(2, 7)]);
        assert_eq!((prf.tp, prf.fp, prf.fn_), (2, 0, 0));
    }
}
