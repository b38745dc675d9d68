//! The readable summary of an analysed article (without `--json`).

use eventwire_core::document::{RemovalKind, SourceRelation};
use eventwire_core::Document;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Longest excerpt of the opening sentence shown.
const EXCERPT_CHARS: usize = 160;

pub fn write_summary(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let input = &doc.input;
    let mut location = input.path.clone();
    if let Some(record) = input.record {
        location.push_str(&format!(" #{record}"));
    }
    writeln!(
        out,
        "{location}  [{}]  id {}",
        input.format.as_str(),
        doc.id
    )?;
    if let Some(url) = &input.url {
        writeln!(out, "  url        {url}")?;
    }
    if let Some(title) = &doc.title {
        writeln!(out, "  title      {title}")?;
    }
    writeln!(
        out,
        "  published  {}",
        doc.published.as_deref().unwrap_or("unknown")
    )?;
    if let Some(dateline) = &doc.dateline {
        let parts: Vec<&str> = [
            dateline.place.as_deref(),
            dateline.date.as_deref(),
            dateline.agency.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        write!(out, "  dateline   {}", parts.join(" · "))?;
        for calendar in &dateline.calendars {
            write!(out, "  ({} {})", calendar.calendar, calendar.text)?;
        }
        writeln!(out)?;
    }
    if !doc.sources.is_empty() {
        let sources: Vec<String> = doc
            .sources
            .iter()
            .map(|s| match s.relation {
                SourceRelation::Publisher => format!("{} (publisher)", s.name),
                SourceRelation::Quoted => format!("{} (relayed)", s.name),
            })
            .collect();
        writeln!(out, "  sources    {}", sources.join(", "))?;
    }
    let words = doc.text.split_whitespace().count();
    writeln!(
        out,
        "  text       {} words, {} sentences",
        words,
        doc.sentences.len()
    )?;
    if !doc.removed.is_empty() {
        let mut kinds: BTreeMap<RemovalKind, usize> = BTreeMap::new();
        for removal in &doc.removed {
            *kinds.entry(removal.kind).or_default() += 1;
        }
        let kinds: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{} {n}", k.as_str()))
            .collect();
        writeln!(out, "  removed    {}", kinds.join(", "))?;
    }
    for warning in &doc.warnings {
        writeln!(out, "  warning    {warning}")?;
    }
    // The opening sentence of the story itself, past a date line standing alone.
    let dateline_end = doc.dateline.as_ref().map_or(0, |d| d.end);
    let opening = doc
        .sentences
        .iter()
        .find(|s| s.end > dateline_end)
        .or(doc.sentences.first());
    if let Some(first) = opening {
        let sentence = doc.span_text(*first);
        let mut excerpt: String = sentence.chars().take(EXCERPT_CHARS).collect();
        if excerpt.len() < sentence.len() {
            excerpt.push('…');
        }
        writeln!(out, "  opening    {excerpt}")?;
    }
    writeln!(out)
}
