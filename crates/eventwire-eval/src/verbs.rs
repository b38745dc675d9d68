//! Builds the verb-pattern model (`eventwire train verbs`) from PETRARCH2's
//! CAMEO.2.0 verb dictionary, and the CAMEO code table (`cameo.tsv`, next to
//! it) from the CAMEO 1.1b3 codebook and the CAMEO→PLOVER conversion table.

use anyhow::Context;
use eventwire_core::events::cameo::quad_class;
use eventwire_core::events::verbs::VerbDictionary;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// Where the production verb dictionary sits under the data folder.
pub const CAMEO_VERBS: &str = "petrarch2/dictionaries/CAMEO.2.0.txt";
/// The CAMEO 1.1b3 codebook (code, name, level, root, Goldstein, …).
pub const CAMEO_CODEBOOK: &str = "cameo-codebook/cameo-codes.csv";
/// PLOVER's CAMEO conversion table (`CODE: EVENT, mode, context # description`).
pub const CAMEO_TO_PLOVER: &str = "plover/CAMEO2PLOVER-2021.txt";

/// Fields of one CSV record (RFC 4180 quoting; records may not span lines
/// here since only the first columns are read and those never do).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[derive(Debug, Clone, Default)]
struct CodeRow {
    name: String,
    goldstein: Option<f32>,
    plover: Option<(String, String, String)>,
}

fn parent(code: &str) -> Option<&str> {
    (code.len() > 2).then(|| &code[..code.len() - 1])
}

fn is_cameo(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// The CAMEO table: every code of the codebook, of the PLOVER table and of
/// the verb dictionary (`extra_codes`), one tab-separated line each. Only the
/// codebook's code, name and Goldstein columns are read (its descriptions
/// and example sentences are not used).
pub fn cameo_table(data: &Path, extra_codes: &[String]) -> anyhow::Result<String> {
    let mut rows: BTreeMap<String, CodeRow> = BTreeMap::new();
    let codebook = read_latin1(&data.join(CAMEO_CODEBOOK))?;
    for line in codebook.lines().skip(1) {
        let f = csv_fields(line);
        let (Some(code), Some(name), Some(goldstein)) = (f.first(), f.get(1), f.get(4)) else {
            continue;
        };
        if !is_cameo(code) {
            continue;
        }
        let row = rows.entry(code.clone()).or_default();
        row.name = name.trim().to_string();
        row.goldstein = goldstein.trim().parse().ok();
    }
    let plover = read_latin1(&data.join(CAMEO_TO_PLOVER))?;
    for line in plover.lines() {
        let (body, description) = line.split_once('#').unwrap_or((line, ""));
        let Some((code, rest)) = body.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if !is_cameo(code) {
            continue;
        }
        let mut f = rest.split(',').map(|s| s.trim().to_string());
        let event = f.next().unwrap_or_default();
        let mode = f.next().unwrap_or_default();
        let context = f.next().unwrap_or_default();
        let row = rows.entry(code.to_string()).or_default();
        if row.name.is_empty() {
            row.name = description.trim().to_string();
        }
        // The first line for a code wins (the table lists 08 and 175 twice).
        if row.plover.is_none() && !event.is_empty() {
            row.plover = Some((event, mode, context));
        }
    }
    for code in extra_codes.iter().filter(|c| is_cameo(c)) {
        rows.entry(code.clone()).or_default();
    }
    // Fill the gaps from the nearest ancestor that has the value.
    let codes: Vec<String> = rows.keys().cloned().collect();
    let mut out = String::from(
        "# CAMEO event codes: code, name, Goldstein, QuadClass, PLOVER event, mode, context.\n\
         # Built by `eventwire train verbs` from the CAMEO 1.1b3 codebook (cameo-codes.csv,\n\
         # MIT, Andreas Beger) and CAMEO2PLOVER-2021.txt (PLOVER, Open Event Data Alliance,\n\
         # CC BY-SA 4.0; this table is shared under the same licence).\n",
    );
    for code in &codes {
        let ancestors = || {
            std::iter::successors(Some(code.as_str()), |c| parent(c)).filter_map(|c| rows.get(c))
        };
        let name = ancestors().map(|r| r.name.as_str()).find(|n| !n.is_empty());
        let goldstein = ancestors().find_map(|r| r.goldstein);
        let plover = ancestors().find_map(|r| r.plover.clone());
        let (Some(name), Some(goldstein), Some(quad)) = (name, goldstein, quad_class(code)) else {
            eprintln!("verbs: CAMEO code {code} has no name, weight or QuadClass; left out");
            continue;
        };
        let (event, mode, context) = plover.unwrap_or_default();
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        writeln!(
            out,
            "{code}\t{}\t{goldstein}\t{quad}\t{}\t{}\t{}",
            clean(name),
            clean(&event),
            clean(&mode),
            clean(&context)
        )?;
    }
    Ok(out)
}

/// A dictionary file as text; the PETRARCH files are mostly ASCII with a
/// few Latin-1 bytes.
pub fn read_latin1(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}

/// `eventwire train verbs`: compile CAMEO.2.0.txt into `models/verbs.ewm`.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    let source = data.join(CAMEO_VERBS);
    let text = read_latin1(&source)?;
    let started = Instant::now();
    let (dict, issues) = VerbDictionary::from_petrarch(&text, "CAMEO.2.0.txt");
    let parse_ms = started.elapsed().as_secs_f64() * 1e3;
    if !issues.is_empty() {
        eprintln!("verbs: {} lines skipped, e.g.", issues.len());
        for issue in issues.iter().take(10) {
            eprintln!("  {issue}");
        }
    }
    let bytes = dict.to_bytes();
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    // Load time: the best of a few loads (the first also pays for page faults).
    let mut load_ms = f64::INFINITY;
    let mut reloaded = VerbDictionary::default();
    for _ in 0..5 {
        let started = Instant::now();
        reloaded = VerbDictionary::from_bytes(&bytes).context("reloading the written model")?;
        load_ms = load_ms.min(started.elapsed().as_secs_f64() * 1e3);
    }
    let s = reloaded.stats();
    anyhow::ensure!(
        s == dict.stats(),
        "the written model does not reload to the same dictionary"
    );
    println!(
        "verbs: {} blocks, {} verb entries ({} multi-word), {} forms, {} patterns, {} synsets, {} words, {} codes, {} transformations, {} issues",
        s.blocks,
        s.verbs,
        s.multi_word,
        s.forms,
        s.patterns,
        s.synsets,
        s.words,
        s.codes,
        s.transformations,
        issues.len()
    );
    println!(
        "verbs: wrote {} ({} bytes); parse {parse_ms:.1} ms, load {load_ms:.1} ms",
        out.display(),
        bytes.len()
    );
    let per_clause = match_speed(&reloaded);
    println!(
        "verbs: match_clause {per_clause:.2} µs per clause (synthetic news clauses, one thread)"
    );
    let table = cameo_table(data, dict.codes())?;
    let table_path = out.with_file_name("cameo.tsv");
    std::fs::write(&table_path, &table)
        .with_context(|| format!("writing {}", table_path.display()))?;
    println!(
        "verbs: wrote {} ({} codes)",
        table_path.display(),
        table.lines().filter(|l| !l.starts_with('#')).count()
    );
    Ok(())
}

/// Typical news clauses (subject words, verb as text/lemma, words after with
/// `(` marking a preposition), for timing the matcher.
const SPEED_CLAUSES: &[(&str, &str, &str, &str)] = &[
    (
        "Kerry and Lavrov",
        "discussed",
        "discuss",
        "the crisis (by telephone (on Sunday",
    ),
    (
        "The minister",
        "arrived",
        "arrive",
        "(in Moscow (for talks (with his counterpart",
    ),
    (
        "Government forces",
        "attacked",
        "attack",
        "rebel positions (near the city (of Aleppo",
    ),
    (
        "The United Nations",
        "called",
        "call",
        "(for an immediate ceasefire (in Syria",
    ),
    (
        "Protesters",
        "gathered",
        "gather",
        "(outside the parliament (on Tuesday",
    ),
    ("The president", "said", "say", "the talks would continue"),
    (
        "Police",
        "arrested",
        "arrest",
        "dozens (of opposition supporters",
    ),
    (
        "The two sides",
        "signed",
        "sign",
        "a peace agreement (in Geneva",
    ),
    (
        "Russia",
        "rejected",
        "reject",
        "the proposal (for a new resolution",
    ),
    ("The army", "fired", "fire", "rockets (at the border town"),
    (
        "Iran",
        "threatened",
        "threaten",
        "sanctions (against the companies",
    ),
    (
        "Aid groups",
        "delivered",
        "deliver",
        "food and medicine (to besieged areas",
    ),
];

fn match_speed(dict: &VerbDictionary) -> f64 {
    use eventwire_core::events::verbs::{Clause, ClauseWord, Role};
    let word = |token: usize, text: &'static str, role: Role| ClauseWord {
        token,
        text,
        lemma: text,
        tag: if role == Role::Preposition {
            "IN"
        } else {
            "NN"
        },
        role,
    };
    let clauses: Vec<Clause<'static>> = SPEED_CLAUSES
        .iter()
        .map(|&(before, text, lemma, after)| {
            let before: Vec<ClauseWord> = before
                .split_whitespace()
                .enumerate()
                .map(|(i, w)| word(i, w, Role::Subject))
                .collect();
            let verb = ClauseWord {
                token: before.len(),
                text,
                lemma,
                tag: "VBD",
                role: Role::Other,
            };
            let mut in_pp = false;
            let after = after
                .split_whitespace()
                .enumerate()
                .map(|(i, w)| {
                    let token = before.len() + 1 + i;
                    match w.strip_prefix('(') {
                        Some(prep) => {
                            in_pp = true;
                            word(token, prep, Role::Preposition)
                        }
                        None if in_pp => word(token, w, Role::PrepObject),
                        None => word(token, w, Role::Object),
                    }
                })
                .collect();
            Clause {
                verb,
                particle: None,
                before,
                after,
            }
        })
        .collect();
    let rounds = 20_000;
    let started = Instant::now();
    let mut found = 0usize;
    for _ in 0..rounds {
        for clause in &clauses {
            found += usize::from(dict.match_clause(std::hint::black_box(clause)).is_some());
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    std::hint::black_box(found);
    elapsed * 1e6 / (rounds * clauses.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_follow_quoting() {
        assert_eq!(
            csv_fields(r#"173,"Arrest, detain, or charge",1,17,-5,"say ""no""""#),
            [
                "173",
                "Arrest, detain, or charge",
                "1",
                "17",
                "-5",
                "say \"no\""
            ]
        );
        assert_eq!(csv_fields(""), [""]);
        assert_eq!(parent("1952"), Some("195"));
        assert_eq!(parent("19"), None);
        assert!(is_cameo("0874") && !is_cameo("174L") && !is_cameo("1") && !is_cameo("---"));
    }

    #[test]
    fn committed_cameo_table_is_what_train_writes() {
        let Some(data) = crate::data_dir() else {
            eprintln!("skipping: no shared data folder (set EVENTWIRE_DATA)");
            return;
        };
        if !data.join(CAMEO_CODEBOOK).is_file() || !data.join(CAMEO_VERBS).is_file() {
            eprintln!("skipping: the CAMEO codebook or verb dictionary is not in the data folder");
            return;
        }
        let text = read_latin1(&data.join(CAMEO_VERBS)).expect("verb dictionary");
        let (dict, _) = VerbDictionary::from_petrarch(&text, "CAMEO.2.0.txt");
        let table = cameo_table(&data, dict.codes()).expect("table");
        assert_eq!(table, eventwire_core::events::cameo::TABLE);
        // Every code the verb dictionary can emit is described.
        for code in dict.codes().iter().filter(|c| is_cameo(c)) {
            assert!(
                eventwire_core::events::cameo::describe(code).is_some_and(|c| c.code == code),
                "{code}"
            );
        }
    }
}
