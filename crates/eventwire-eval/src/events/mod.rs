//! Event-coding evaluation (`eventwire eval events`).
//!
//! Development data, with their own test dictionaries: the PETRARCH2 unit-test
//! records and the UD-PETRARCH validation records (2.02). Score: the share of
//! expected codings (source code, target code, CAMEO code) produced exactly,
//! and the codings produced that no record expects.
//!
//! Held-out tests, with the embedded dictionaries: the PETR-2 GSR news
//! sentences and the PLOVER gold-standard records. Score: micro precision and
//! recall of (source country, target country, CAMEO root) and of the PLOVER
//! type, each sentence matched on its own (see `docs/events-eval.md`).
//!
//! Every record's raw text goes through the whole pipeline (`annotate`); the
//! gold parses are used only by the gold-parse diagnostic, which tells parser
//! errors from coder errors. `EVENTWIRE_EVENTS_ERRORS=dev` prints the failing
//! development records; `=test` prints the failing test records (for the final
//! failure analysis only).

mod case2021;
pub mod gold_parse;
pub mod records;
pub mod score;
mod wikinews;

use anyhow::Context;
use eventwire_core::actors::{ActorDictionary, DictIssue};
use eventwire_core::document::{Document, Event, Input};
use eventwire_core::events::verbs::VerbDictionary;
use eventwire_core::events::{find_events, EventContext};
use eventwire_core::models::Models;
use eventwire_core::pipeline::{annotate, Options};
use records::{read_plover_records, read_sentence_file, Coding, SentenceFile, NO_ACTOR};
use score::{
    cameo_root, classify_failures, country3, country_key, distinct, plover_2021, plover_pairs,
    score_sentence, Keyed, SentenceScore,
};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::metrics::Prf;

/// Which failing records to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dump {
    None,
    Dev,
    Test,
}

impl Dump {
    fn from_env() -> Dump {
        match std::env::var("EVENTWIRE_EVENTS_ERRORS").as_deref() {
            Ok("dev") => Dump::Dev,
            Ok("test") => Dump::Test,
            _ => Dump::None,
        }
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    // The PETRARCH dictionaries are mostly ASCII with a few Latin-1 bytes.
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}

/// Time spent, summed over records.
#[derive(Debug, Default, Clone, Copy)]
struct Clock {
    sentences: u64,
    annotate: Duration,
    find_events: Duration,
}

impl Clock {
    fn add(&mut self, other: Clock) {
        self.sentences += other.sentences;
        self.annotate += other.annotate;
        self.find_events += other.find_events;
    }
}

fn per_second(n: u64, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}

/// The whole pipeline on one record's text, plus `find_events` alone timed
/// on the annotated document.
fn code_text(text: &str, date: Option<&str>, models: &Models, clock: &mut Clock) -> Document {
    let input = Input::text(String::new());
    let mut doc = Document::new(input, text.to_string());
    doc.published = date.map(str::to_string);
    let started = Instant::now();
    annotate(&mut doc, Options { tokens: true }, models);
    clock.annotate += started.elapsed();
    clock.sentences += 1;
    if let (Some(actors), Some(verbs)) = (&models.actors, &models.verbs) {
        let started = Instant::now();
        // What `annotate` handed the coder, rebuilt from the document.
        let context = EventContext::of(
            &doc,
            doc.tokens.as_deref().unwrap_or(&[]),
            doc.published.as_deref(),
        );
        let again = find_events(&context, actors, verbs);
        clock.find_events += started.elapsed();
        std::hint::black_box(again);
    }
    doc
}

/// An event as a PETRARCH coding (`---` for an absent or uncoded actor).
fn as_coding(event: &Event) -> Coding {
    let code = |actor: &Option<eventwire_core::document::EventActor>| {
        actor
            .as_ref()
            .and_then(|a| a.code.clone())
            .unwrap_or_else(|| NO_ACTOR.to_string())
    };
    Coding {
        source: code(&event.source),
        target: code(&event.target),
        event: event.cameo.clone(),
    }
}

fn show_coding(c: &Coding) -> String {
    format!("{} → {} {}", c.source, c.target, c.event)
}

fn show_event(event: &Event) -> String {
    let side = |actor: &Option<eventwire_core::document::EventActor>| match actor {
        Some(a) => format!("{} ({:?})", a.code.as_deref().unwrap_or(NO_ACTOR), a.text),
        None => NO_ACTOR.to_string(),
    };
    format!(
        "{} → {} {} {} [{}] {:?}",
        side(&event.source),
        side(&event.target),
        event.cameo,
        event.plover.as_deref().unwrap_or("-"),
        event.status,
        event.evidence
    )
}

fn report_issues(what: &str, issues: &[DictIssue]) {
    println!("  {what}: {} dictionary lines skipped", issues.len());
    for issue in issues.iter().take(3) {
        println!("    {issue}");
    }
}

/// Tallies of one category of a development file.
#[derive(Debug, Default, Clone, Copy)]
struct DevTally {
    records: u64,
    expected: u64,
    found: u64,
    /// Found with the same source and target country and CAMEO root.
    found_root: u64,
    wrong: u64,
    correct_records: u64,
    no_event_records: u64,
    no_event_correct: u64,
}

impl DevTally {
    fn add(&mut self, o: &DevTally) {
        self.records += o.records;
        self.expected += o.expected;
        self.found += o.found;
        self.found_root += o.found_root;
        self.wrong += o.wrong;
        self.correct_records += o.correct_records;
        self.no_event_records += o.no_event_records;
        self.no_event_correct += o.no_event_correct;
    }
}

fn percent(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn exact_key(c: &Coding) -> Keyed {
    Keyed {
        key: format!("{}|{}|{}", c.source, c.target, c.event),
        fine: String::new(),
    }
}

fn root_key(c: &Coding) -> Keyed {
    Keyed {
        key: format!(
            "{}|{}|{}",
            country_key(Some(&c.source)),
            country_key(Some(&c.target)),
            cameo_root(&c.event)
        ),
        fine: c.event.clone(),
    }
}

/// Score a development file (test dictionaries) and print its table.
fn dev_report(
    title: &str,
    file: &SentenceFile,
    models: &Models,
    dump: Dump,
    clock: &mut Clock,
) -> DevTally {
    let mut by_category: BTreeMap<String, DevTally> = BTreeMap::new();
    let mut failures = BTreeMap::new();
    let mut skipped = 0;
    let mut errors_skipped = 0;
    for record in &file.records {
        if !file.runs(record) {
            skipped += 1;
            continue;
        }
        // `storydiscard` records must give nothing; the other error records test
        // PETRARCH's handling of its own input (bad parse trees, datelines).
        let expects_nothing = record.no_events || record.error.as_deref() == Some("storydiscard");
        if record.error.is_some() && !expects_nothing {
            errors_skipped += 1;
            continue;
        }
        let doc = code_text(&record.text, record.date.as_deref(), models, clock);
        let produced: Vec<Coding> = doc.events.iter().map(as_coding).collect();
        let expected: &[Coding] = if expects_nothing {
            &[]
        } else {
            &record.codings
        };
        let exact = score_sentence(
            &expected.iter().map(exact_key).collect::<Vec<_>>(),
            &produced.iter().map(exact_key).collect::<Vec<_>>(),
        );
        let root = score_sentence(
            &expected.iter().map(root_key).collect::<Vec<_>>(),
            &produced.iter().map(root_key).collect::<Vec<_>>(),
        );
        classify_failures(
            &expected.iter().map(exact_key).collect::<Vec<_>>(),
            &produced.iter().map(exact_key).collect::<Vec<_>>(),
            &exact,
            &mut failures,
        );
        let tally = by_category.entry(record.category.clone()).or_default();
        tally.records += 1;
        tally.expected += expected.len() as u64;
        tally.found += exact.prf.tp;
        tally.found_root += root.prf.tp;
        tally.wrong += exact.prf.fp;
        let correct = exact.prf.fp == 0 && exact.prf.fn_ == 0;
        tally.correct_records += u64::from(correct);
        if expects_nothing {
            tally.no_event_records += 1;
            tally.no_event_correct += u64::from(produced.is_empty());
        }
        if dump == Dump::Dev && !correct {
            print_record_errors(
                &record.id,
                &record.category,
                &doc,
                &expected.iter().map(show_coding).collect::<Vec<_>>(),
                &exact,
            );
        }
    }
    let mut total = DevTally::default();
    println!("\n{title}");
    println!(
        "  {:<10} {:>7} {:>8} {:>7} {:>6} {:>8} {:>7} {:>10}",
        "category", "records", "expected", "found", "%", "root+cc", "wrong", "all right"
    );
    for (category, t) in &by_category {
        total.add(t);
        print_dev_row(category, t);
    }
    print_dev_row("all", &total);
    println!(
        "  expected codings found exactly: {} of {} ({:.1}%); wrong codings (produced, not expected): {}; no-event records with no event: {} of {}",
        total.found,
        total.expected,
        percent(total.found, total.expected),
        total.wrong,
        total.no_event_correct,
        total.no_event_records
    );
    print_failures(&failures);
    println!(
        "  not run: {skipped} records (category not in the file's <Include>, or evaluate=\"false\"); {errors_skipped} input-error records (bad parse tree, dateline) not applicable"
    );
    total
}

fn print_failures(failures: &BTreeMap<&'static str, u64>) {
    if failures.is_empty() {
        return;
    }
    println!("  failures by class:");
    for (class, n) in failures {
        println!("    {n:>5}  {class}");
    }
}

fn print_dev_row(category: &str, t: &DevTally) {
    println!(
        "  {:<10} {:>7} {:>8} {:>7} {:>6.1} {:>8} {:>7} {:>10}",
        category,
        t.records,
        t.expected,
        t.found,
        percent(t.found, t.expected),
        t.found_root,
        t.wrong,
        t.correct_records
    );
}

fn print_record_errors(
    id: &str,
    category: &str,
    doc: &Document,
    expected: &[String],
    score: &SentenceScore,
) {
    println!("--- {id} [{category}] {:?}", doc.text);
    for (gold, matched) in expected.iter().zip(&score.gold_matched) {
        println!(
            "    expected {gold}{}",
            if *matched { "" } else { "   MISSED" }
        );
    }
    if expected.is_empty() {
        println!("    expected no event");
    }
    for (event, matched) in doc.events.iter().zip(&score.produced_matched) {
        println!(
            "    produced {}{}",
            show_event(event),
            if *matched { "" } else { "   WRONG" }
        );
    }
    println!("    parse {}", show_parse(doc));
}

/// Our parse, compactly: `index:word/TAG>head:relation` per token.
fn show_parse(doc: &Document) -> String {
    let Some(tokens) = doc.tokens.as_deref() else {
        return String::new();
    };
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "{i}:{}/{}>{}:{}",
                doc.text
                    .get(t.start as usize..t.end as usize)
                    .unwrap_or("?"),
                t.tag.as_deref().unwrap_or("-"),
                t.head.map_or("-".to_string(), |h| h.to_string()),
                t.dep.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The CAMEO → PLOVER table of the PLOVER project (`CAMEO2PLOVER-2021.txt`,
/// lines `CODE: TYPE, mode, context # description`), for the gold codings.
struct PloverTable(BTreeMap<String, String>);

impl PloverTable {
    fn parse(text: &str) -> PloverTable {
        let mut map = BTreeMap::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            let kind = rest.split(',').next().unwrap_or("").trim();
            if code.bytes().all(|b| b.is_ascii_digit()) && !kind.is_empty() {
                map.entry(code.to_string())
                    .or_insert_with(|| kind.to_uppercase());
            }
        }
        PloverTable(map)
    }

    /// The type of a code, or of its nearest listed ancestor (`0431` → `043`).
    fn type_of(&self, code: &str) -> Option<&str> {
        (2..=code.len())
            .rev()
            .filter_map(|n| code.get(..n))
            .find_map(|prefix| self.0.get(prefix))
            .map(String::as_str)
    }
}

/// Micro scores of one test set.
#[derive(Debug, Default, Clone)]
struct TestTally {
    records: u64,
    /// (source country, target country, CAMEO root); `fine_equal` = same full code.
    root: Prf,
    exact_code: u64,
    /// (source country, target country, PLOVER type).
    plover: Prf,
    /// PLOVER types per sentence.
    types: Prf,
    /// (source country, target country) alone.
    dyad: Prf,
    /// Failure classes of the main key (see `score::classify_failures`).
    failures: BTreeMap<&'static str, u64>,
    /// PLOVER records with a miss: what their marked event word and gold
    /// actor phrases look like to our tagger and dictionaries.
    miss_diagnosis: BTreeMap<&'static str, u64>,
}

/// Why a PLOVER record was missed, from the coders' markup: is the first
/// marked event word a verb our verb dictionary knows, a noun (a nominal
/// event), something else; does the actor dictionary code each gold actor
/// phrase to its gold country on its own.
fn diagnose_plover_miss(
    record: &records::PloverRecord,
    doc: &Document,
    models: &Models,
    counts: &mut BTreeMap<&'static str, u64>,
) {
    let mut count = |class| *counts.entry(class).or_default() += 1;
    count("records with a missed pair");
    let first_word = record
        .event_words
        .first()
        .and_then(|w| w.split_whitespace().next())
        .map(|w| w.to_lowercase());
    let token = first_word.as_deref().and_then(|word| {
        doc.tokens.as_deref()?.iter().find(|t| {
            doc.text
                .get(t.start as usize..t.end as usize)
                .is_some_and(|s| s.to_lowercase() == word)
        })
    });
    match token {
        None => count("event word: not found among our tokens"),
        Some(t) => match t.pos.as_deref() {
            Some("NOUN") | Some("PROPN") => count("event word: a noun (nominal event)"),
            Some("VERB") | Some("AUX") => {
                let lemma = t.lemma.as_deref().unwrap_or("").to_lowercase();
                if models.verbs.as_ref().is_some_and(|v| v.knows(&lemma)) {
                    count("event word: a verb the verb dictionary knows")
                } else {
                    count("event word: a verb the verb dictionary does not know")
                }
            }
            _ => count("event word: tagged neither verb nor noun"),
        },
    }
    let Some(actors) = &models.actors else {
        return;
    };
    for actor in record.sources.iter().chain(&record.targets) {
        let words: Vec<&str> = eventwire_core::segment::tokenize(&actor.text)
            .iter()
            .filter_map(|s| actor.text.get(s.start as usize..s.end as usize))
            .collect();
        let gold = plover_gold_code(&actor.code);
        let ours = actors
            .code_phrase(&words, record.date.as_deref())
            .map(|c| country_key(Some(&c.code)));
        match ours {
            Some(code) if country3(&code) == gold => {
                count("gold actor phrase: coded to its country")
            }
            Some(_) => count("gold actor phrase: coded to another country"),
            None => count("gold actor phrase: not coded by the dictionary"),
        }
    }
}

fn print_prf(what: &str, prf: &Prf) {
    println!(
        "  {what:<44} P {:5.1}  R {:5.1}  F1 {:5.1}   (tp {}, fp {}, fn {})",
        100.0 * prf.precision(),
        100.0 * prf.recall(),
        100.0 * prf.f1(),
        prf.tp,
        prf.fp,
        prf.fn_
    );
}

fn event_key_country(event: &Event) -> (String, String) {
    let key = |actor: &Option<eventwire_core::document::EventActor>| {
        country_key(actor.as_ref().and_then(|a| a.code.as_deref()))
    };
    (key(&event.source), key(&event.target))
}

/// PETR-2 GSR: news sentences coded with the standard dictionaries.
fn gsr_report(
    file: &SentenceFile,
    table: &PloverTable,
    models: &Models,
    dump: Dump,
    clock: &mut Clock,
) -> (TestTally, gold_parse::Diagnostic) {
    let mut tally = TestTally::default();
    let mut diagnostic = gold_parse::Diagnostic::default();
    for record in file.records.iter().filter(|r| file.runs(r)) {
        let doc = code_text(&record.text, record.date.as_deref(), models, clock);
        let gold: &[Coding] = if record.no_events {
            &[]
        } else {
            &record.codings
        };
        let gold_root: Vec<Keyed> = gold.iter().map(root_key).collect();
        let ours_root = gsr_keys(&doc.events);
        let root = score_sentence(&gold_root, &ours_root);
        tally.records += 1;
        tally.root.add(root.prf);
        tally.exact_code += root.fine_equal;
        classify_failures(&gold_root, &ours_root, &root, &mut tally.failures);
        let gold_plover: Vec<Keyed> = gold
            .iter()
            .map(|c| {
                plover_key(
                    &country_key(Some(&c.source)),
                    &country_key(Some(&c.target)),
                    table.type_of(&c.event),
                )
            })
            .collect();
        let ours_plover: Vec<Keyed> = doc
            .events
            .iter()
            .map(|e| {
                let (s, t) = event_key_country(e);
                plover_key(&s, &t, e.plover.as_deref())
            })
            .collect();
        tally
            .plover
            .add(score_sentence(&gold_plover, &ours_plover).prf);
        tally.types.add(type_score(&gold_plover, &ours_plover));
        tally.dyad.add(dyad_score(&gold_root, &ours_root));
        if let (Some(conllu), Some(actors), Some(verbs)) =
            (&record.conllu, &models.actors, &models.verbs)
        {
            diagnostic.add(&doc, conllu, &gold_root, root.prf, actors, verbs, gsr_keys);
        }
        if dump == Dump::Test && (root.prf.fp > 0 || root.prf.fn_ > 0) {
            print_record_errors(
                &record.id,
                &record.category,
                &doc,
                &gold.iter().map(show_coding).collect::<Vec<_>>(),
                &root,
            );
        }
    }
    (tally, diagnostic)
}

fn gsr_keys(events: &[Event]) -> Vec<Keyed> {
    events
        .iter()
        .map(|e| {
            let (s, t) = event_key_country(e);
            Keyed {
                key: format!("{s}|{t}|{}", cameo_root(&e.cameo)),
                fine: e.cameo.clone(),
            }
        })
        .collect()
}

fn plover_key(source: &str, target: &str, kind: Option<&str>) -> Keyed {
    Keyed {
        key: format!(
            "{}|{}|{}",
            country3(source),
            country3(target),
            kind.unwrap_or("?")
        ),
        fine: kind.unwrap_or("?").to_string(),
    }
}

/// Per sentence: the set of PLOVER types given vs the set expected.
fn type_score(gold: &[Keyed], ours: &[Keyed]) -> Prf {
    let only_type = |items: &[Keyed]| {
        distinct(
            items
                .iter()
                .map(|k| Keyed {
                    key: k.fine.clone(),
                    fine: String::new(),
                })
                .collect(),
        )
    };
    score_sentence(&only_type(gold), &only_type(ours)).prf
}

/// (source, target) alone: the first two parts of a `src|tgt|…` key.
fn dyad_score(gold: &[Keyed], ours: &[Keyed]) -> Prf {
    let dyad = |items: &[Keyed]| -> Vec<Keyed> {
        items
            .iter()
            .map(|k| Keyed {
                key: k
                    .key
                    .rsplit_once('|')
                    .map_or(k.key.clone(), |(d, _)| d.to_string()),
                fine: String::new(),
            })
            .collect()
    };
    score_sentence(&dyad(gold), &dyad(ours)).prf
}

/// Gold codes with obvious misspellings in the PLOVER records (`JAP` for
/// Japan's `JPN`, `ITL` for Italy's `ITA`), read as the real codes.
fn plover_gold_code(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        other => other,
    }
}

/// PLOVER gold-standard records: PLOVER type with its actors.
fn plover_report(
    records: &[records::PloverRecord],
    models: &Models,
    dump: Dump,
    clock: &mut Clock,
) -> TestTally {
    let mut tally = TestTally::default();
    for record in records {
        let doc = code_text(&record.text, record.date.as_deref(), models, clock);
        let codes = |actors: &[records::PloverActor]| -> Vec<String> {
            actors
                .iter()
                .map(|a| country3(&country_key(Some(plover_gold_code(&a.code)))).to_string())
                .collect()
        };
        let kind = plover_2021(&record.event);
        let gold: Vec<Keyed> = plover_pairs(&codes(&record.sources), &codes(&record.targets))
            .iter()
            .map(|(s, t)| plover_key(s, t, Some(kind)))
            .collect();
        let ours: Vec<Keyed> = doc
            .events
            .iter()
            .map(|e| {
                let (s, t) = event_key_country(e);
                plover_key(&s, &t, e.plover.as_deref())
            })
            .collect();
        let scored = score_sentence(&gold, &ours);
        tally.records += 1;
        tally.plover.add(scored.prf);
        classify_failures(&gold, &ours, &scored, &mut tally.failures);
        tally.types.add(type_score(&gold, &ours));
        tally.dyad.add(dyad_score(&gold, &ours));
        if dump == Dump::Test && scored.prf.fn_ > 0 {
            diagnose_plover_miss(record, &doc, models, &mut tally.miss_diagnosis);
        }
        if dump == Dump::Test && (scored.prf.fp > 0 || scored.prf.fn_ > 0) {
            let shown: Vec<String> = gold.iter().map(|k| k.key.replace('|', " ")).collect();
            print_record_errors(
                &record.id,
                &format!("{} = {kind}", record.event),
                &doc,
                &shown,
                &scored,
            );
        }
    }
    tally
}

fn print_speed(what: &str, clock: &Clock) {
    println!(
        "  speed ({what}, one thread): whole annotate {:.0} sentences/s; find_events alone {:.0} sentences/s",
        per_second(clock.sentences, clock.annotate),
        per_second(clock.sentences, clock.find_events)
    );
}

/// Test dictionaries of a development set: (actors, verbs) with their issues printed.
fn test_dictionaries(
    dir: &Path,
    names: [&str; 4],
    label: &str,
) -> anyhow::Result<(ActorDictionary, VerbDictionary)> {
    let [actors, agents, discards, verbs] = names.map(|n| dir.join(n));
    let (actor_dictionary, issues) =
        ActorDictionary::from_petrarch(&read(&actors)?, &read(&agents)?, &read(&discards)?, label)
            .with_context(|| format!("building the {label} actor dictionary"))?;
    report_issues(&format!("{label} actors/agents/discards"), &issues);
    let (verb_dictionary, issues) = VerbDictionary::from_petrarch(&read(&verbs)?, label);
    report_issues(&format!("{label} verbs"), &issues);
    Ok((actor_dictionary, verb_dictionary))
}

/// `eventwire eval events`.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let dump = Dump::from_env();
    let started = Instant::now();
    let mut models = Models::embedded().context("loading the embedded models")?;
    println!("models loaded in {:.2} s", started.elapsed().as_secs_f64());
    let embedded_actors = models.actors.take();
    let embedded_verbs = models.verbs.take();
    let mut dev_clock = Clock::default();

    println!("\n== Development data (own test dictionaries; EVENTWIRE_EVENTS_ERRORS=dev prints the failing records)");
    // Each development set runs with its own test dictionaries.
    let dev_sets = [
        (
            "PETRARCH2 unit-test records",
            "petrarch2/validation",
            "PETR.UnitTest.records.xml",
            [
                "PETR.Validate.actors.txt",
                "PETR.Validate.agents.txt",
                "PETR.Validate.discards.txt",
                "PETR.Validate.verbs.txt",
            ],
            "PETR.Validate",
        ),
        (
            "UD-PETRARCH validation records 2.02",
            "ud-petrarch-validation",
            "PETR_Validate_records_2_02.xml",
            [
                "PETR_Validate_actors_2_02.txt",
                "PETR_Validate_agents_2_02.txt",
                "PETR_Validate_discards_2_02.txt",
                "PETR_Validate_verbs_2_02.txt",
            ],
            "PETR_Validate_2_02",
        ),
    ];
    for (name, folder, records, dictionaries, dictionary_name) in dev_sets {
        let dir = data.join(folder);
        let path = dir.join(records);
        if !path.is_file() {
            println!("  skipping the {name}: {} not found", path.display());
            continue;
        }
        let (actors, verbs) = test_dictionaries(&dir, dictionaries, dictionary_name)?;
        models.actors = Some(actors);
        models.verbs = Some(verbs);
        let file = read_sentence_file(&read(&path)?);
        let title = format!(
            "{name} ({} records, {} expected codings, {} no-event records; <Include>: {})",
            file.records.len(),
            file.records.iter().map(|r| r.codings.len()).sum::<usize>(),
            file.records.iter().filter(|r| r.no_events).count(),
            file.included.join(" ")
        );
        dev_report(&title, &file, &models, dump, &mut dev_clock);
    }
    if dev_clock.sentences > 0 {
        print_speed("development records", &dev_clock);
    }

    models.actors = embedded_actors;
    models.verbs = embedded_verbs;
    let mut test_clock = Clock::default();
    println!(
        "\n== Held-out tests (embedded dictionaries; target: precision >= 80% at recall >= 60%)"
    );
    let table_path = data.join("plover/CAMEO2PLOVER-2021.txt");
    let table = PloverTable::parse(&read(&table_path).unwrap_or_default());
    let gsr_path = data.join("ud-petrarch-validation/PETR2_GSR_validation.xml");
    if gsr_path.is_file() {
        let file = read_sentence_file(&read(&gsr_path)?);
        let (t, diagnostic) = gsr_report(&file, &table, &models, dump, &mut test_clock);
        println!(
            "\nPETR-2 GSR ({} records, {} gold codings, {} no-event records)",
            t.records,
            t.root.tp + t.root.fn_,
            file.records.iter().filter(|r| r.no_events).count()
        );
        print_prf("(source country, target country, CAMEO root)", &t.root);
        println!(
            "  {:<44} {} of {} matched ({:.1}%)",
            "same full CAMEO code among those",
            t.exact_code,
            t.root.tp,
            percent(t.exact_code, t.root.tp)
        );
        print_prf("(source country, target country, PLOVER type)", &t.plover);
        print_prf("PLOVER types per sentence", &t.types);
        print_prf("(source country, target country) alone", &t.dyad);
        diagnostic.print();
        if dump == Dump::Test {
            print_failures(&t.failures);
        }
    } else {
        println!("  skipping PETR-2 GSR: {} not found", gsr_path.display());
    }
    let plover_path = data.join("plover/PLOVER_GSR_CAMEO.json");
    if plover_path.is_file() {
        let records = read_plover_records(&read(&plover_path)?)?;
        let t = plover_report(&records, &models, dump, &mut test_clock);
        println!(
            "\nPLOVER GSR ({} records, {} gold (source, target) pairs; old type names mapped to PLOVER 2021)",
            t.records,
            t.plover.tp + t.plover.fn_
        );
        print_prf("(source country, target country, PLOVER type)", &t.plover);
        print_prf("PLOVER type per sentence", &t.types);
        print_prf("(source country, target country) alone", &t.dyad);
        if dump == Dump::Test {
            print_failures(&t.failures);
            println!("  records with a missed pair, diagnosed from the coders' markup:");
            for (class, n) in &t.miss_diagnosis {
                println!("    {n:>5}  {class}");
            }
        }
    } else {
        println!("  skipping PLOVER GSR: {} not found", plover_path.display());
    }
    wikinews::report(data, &models, dump)?;
    case2021::report(data, &models, dump)?;
    if test_clock.sentences > 0 {
        print_speed("test records", &test_clock);
    }
    let mut all = dev_clock;
    all.add(test_clock);
    if all.sentences > 0 {
        print_speed("all records", &all);
    }
    Ok(())
}
