//! Event types on real conflict news: the 1,019 English snippets of the CASE
//! 2021 shared task 2 (`case2021-glocon/case2021-task2`), each labelled with
//! one fine-grained, ACLED-style event type ("AIR_STRIKE", "ARREST",
//! "PEACE_PROTEST"). The labels name no actors, so this scores what the
//! coder's CAMEO code says happened, not who did it: a snippet is found when
//! the coder gives it an event, reported as done or claimed, whose CAMEO root
//! is one of those the label stands for. Labels with no CAMEO counterpart
//! (a change of group activity, seized weapons, crime) are not scored; the
//! disaster snippets are negatives, where a violent, protest or repression
//! event is wrong.
//!
//! The file is the task's test release; we never trained on it. It is split
//! by id parity, odd ids for development (their failures are printed with
//! `EVENTWIRE_EVENTS_ERRORS=dev`), even ids held out.

use super::score::cameo_root;
use super::wikinews::reported_as_done;
use super::{percent, Dump};
use crate::counts::analyse_jsonl_article;
use eventwire_core::document::Event;
use eventwire_core::Models;
use std::collections::BTreeMap;
use std::path::Path;

const SET: &str = "case2021-glocon/case2021-task2/test_set_final_release_with_labels.tsv";

/// The CAMEO roots an event of the label should be coded with, or `None` for a
/// label CAMEO has no code for.
fn expected_roots(label: &str) -> Option<&'static [&'static str]> {
    const VIOLENCE: &[&str] = &["18", "19", "20"];
    Some(match label {
        // Battles, explosions and remote violence, violence against civilians:
        // CAMEO 18 (assault), 19 (fight), 20 (mass violence).
        "ARMED_CLASH"
        | "GOV_REGAINS_TERIT"
        | "NON_STATE_ACTOR_OVERTAKES_TER"
        | "AIR_STRIKE"
        | "ART_MISS_ATTACK"
        | "CHEM_WEAP"
        | "SUIC_BOMB"
        | "REM_EXPLOS"
        | "GRENADE"
        | "ATTACK"
        | "SEX_VIOL"
        | "ABDUCT_DISSAP" => VIOLENCE,
        "PEACE_PROTEST" | "PROTEST_WITH_INTER" => &["14"],
        // A riot is CAMEO 145 (protest violently), or an assault by the mob.
        "VIOL_DEMONSTR" | "MOB_VIOL" => &["14", "18"],
        // Repression of a protest: 175 (violent repression), or the force itself.
        "FORCE_AGAINST_PROTEST" => &["17", "18", "19"],
        "ARREST" => &["17"],
        // Agreements, cease-fires and exchanges of prisoners: intent (03),
        // cooperation (05, 06), yielding (08).
        "AGREEMENT" => &["03", "05", "06", "08"],
        // Diplomatic pressure: disapprove, reject, threaten, reduce relations
        // (sanctions, expulsions).
        "DIPLO" => &["11", "12", "13", "16"],
        // A withdrawal (087x) or a takeover of territory without a fight (192).
        "NON_VIOL_TERRIT_TRANSFER" => &["08", "19"],
        _ => return None,
    })
}

/// Labels of snippets that report no political event.
fn is_negative(label: &str) -> bool {
    matches!(label, "NATURAL_DISASTER" | "MAN_MADE_DISASTER")
}

/// Roots that are wrong in a disaster snippet: protest, repression, violence.
fn is_conflict_root(root: &str) -> bool {
    matches!(root, "14" | "17" | "18" | "19" | "20")
}

#[derive(Debug, Default)]
struct SplitScore {
    /// Snippets of a scored label, and those given an event of its roots.
    scored: u64,
    found: u64,
    /// Events (done or claimed) in scored snippets, and those of the label's roots.
    events: u64,
    on_type: u64,
    negatives: u64,
    /// Conflict events in disaster snippets.
    negative_conflict: u64,
    by_label: BTreeMap<String, (u64, u64)>,
}

/// Score and print; returns without error when the data is absent.
pub fn report(data: &Path, models: &Models, dump: Dump) -> anyhow::Result<()> {
    let path = data.join(SET);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("\n  skipping CASE 2021: {SET} not found");
        return Ok(());
    };
    let mut scores: BTreeMap<&str, SplitScore> = BTreeMap::new();
    let mut unreadable = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut fields = line.split('\t');
        let (Some(id), Some(snippet), Some(label)) = (fields.next(), fields.next(), fields.next())
        else {
            unreadable += 1;
            continue;
        };
        let Ok(number) = id.trim().parse::<u64>() else {
            unreadable += 1;
            continue;
        };
        let label = label.trim();
        let expected = expected_roots(label);
        if expected.is_none() && !is_negative(label) {
            continue;
        }
        let split = if number % 2 == 1 { "dev" } else { "test" };
        let doc = analyse_jsonl_article(id, None, snippet, models);
        let events: Vec<&Event> = doc.events.iter().filter(|e| reported_as_done(e)).collect();
        let score = scores.entry(split).or_default();
        let wrong = match expected {
            Some(roots) => {
                let on_type = events
                    .iter()
                    .filter(|e| roots.contains(&cameo_root(&e.cameo)))
                    .count() as u64;
                score.scored += 1;
                score.found += u64::from(on_type > 0);
                score.events += events.len() as u64;
                score.on_type += on_type;
                let entry = score.by_label.entry(label.to_string()).or_default();
                entry.0 += 1;
                entry.1 += u64::from(on_type > 0);
                on_type == 0
            }
            None => {
                let conflict = events
                    .iter()
                    .filter(|e| is_conflict_root(cameo_root(&e.cameo)))
                    .count() as u64;
                score.negatives += 1;
                score.negative_conflict += conflict;
                conflict > 0
            }
        };
        let show = dump == Dump::Dev && split == "dev" || dump == Dump::Test;
        if show && wrong {
            println!("--- CASE {id} {label}: \"{snippet}\"");
            for e in &events {
                let actor = |a: &Option<eventwire_core::document::EventActor>| {
                    a.as_ref()
                        .map(|a| format!("{} [{}]", a.text, a.code.as_deref().unwrap_or("-")))
                        .unwrap_or_else(|| "-".into())
                };
                println!(
                    "    produced {} {} -> {} ({}) \"{}\"",
                    e.cameo,
                    actor(&e.source),
                    actor(&e.target),
                    e.status,
                    e.evidence
                );
            }
        }
    }
    println!("\nCASE 2021 task 2 event snippets (event type only: an event of the label's CAMEO roots, done or claimed)");
    for (split, s) in &scores {
        println!(
            "  {split:<5} {:>3} snippets: found {:>3} ({:5.1}%); events {:>3}, of the label's roots {:5.1}%;  {} disaster snippets, {} conflict events in them",
            s.scored,
            s.found,
            percent(s.found, s.scored),
            s.events,
            percent(s.on_type, s.events),
            s.negatives,
            s.negative_conflict
        );
    }
    let labels: std::collections::BTreeSet<&String> =
        scores.values().flat_map(|s| s.by_label.keys()).collect();
    println!("  {:<30} {:>12} {:>12}", "label", "dev found", "test found");
    for label in labels {
        let cell = |split: &str| {
            scores
                .get(split)
                .and_then(|s| s.by_label.get(label))
                .map(|(n, found)| format!("{found}/{n}"))
                .unwrap_or_default()
        };
        println!("  {label:<30} {:>12} {:>12}", cell("dev"), cell("test"));
    }
    if unreadable > 0 {
        println!("  {unreadable} lines without an id, snippet and label skipped");
    }
    Ok(())
}
