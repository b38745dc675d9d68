//! Load time of the embedded gazetteer and speed of the places stage alone
//! (no recogniser mentions: gazetteer matching on capitalised words), one
//! thread, over the BBC News articles of the data folder.
//!
//! `cargo run --release -p eventwire-eval --example gazetteer_speed [N]`
//! (N: print the places of the first N articles).

use anyhow::Context;
use eventwire_core::places::{find_places, Gazetteer, PlaceContext};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let show: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let started = Instant::now();
    let gazetteer = Gazetteer::embedded().context("loading the embedded gazetteer")?;
    let load = started.elapsed();
    println!(
        "gazetteer: {} places, {} names, loaded in {:.1} ms",
        gazetteer.len(),
        gazetteer.name_count(),
        load.as_secs_f64() * 1e3
    );
    let Some(data) = eventwire_eval::data_dir() else {
        eprintln!("skipping the speed run: no data folder");
        return Ok(());
    };
    let path = data.join("bbc-news/bbc-news-2225.jsonl");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut articles = Vec::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).context("parsing an article")?;
        if let Some(body) = value.get("text").and_then(|t| t.as_str()) {
            articles.push(body.to_string());
        }
    }
    for article in articles.iter().take(show) {
        let context = PlaceContext {
            text: article,
            sentences: &[],
            tokens: &[],
            entities: &[],
            dateline: None,
        };
        for place in find_places(&context, &gazetteer) {
            println!(
                "  {:<24} {:<24} {} {:<8} {:>8.1} km",
                place.text,
                place.name,
                place.country.as_deref().unwrap_or("--"),
                place.feature,
                place.precision_km
            );
        }
        println!("--");
    }
    let bytes: usize = articles.iter().map(String::len).sum();
    let started = Instant::now();
    let mut found = 0;
    for round in 0..3 {
        for article in &articles {
            let context = PlaceContext {
                text: article,
                sentences: &[],
                tokens: &[],
                entities: &[],
                dateline: None,
            };
            let places = find_places(&context, &gazetteer);
            if round == 0 {
                found += places.len();
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64() / 3.0;
    println!(
        "places stage alone: {} articles ({:.1} MB), {} places, {:.0} articles/s, {:.1} MB/s, one thread",
        articles.len(),
        bytes as f64 / 1e6,
        found,
        articles.len() as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    );
    Ok(())
}
