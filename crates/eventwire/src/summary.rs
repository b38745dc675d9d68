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
    write_entities(out, doc)?;
    write_times(out, doc)?;
    write_places(out, doc)?;
    write_quotes(out, doc)?;
    write_counts(out, doc)?;
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

/// Per entity: mentions, index of the first, canonical name, role.
type EntityLine<'d> = (usize, usize, &'d str, Option<&'d str>);

/// Longest list of entities shown per type.
const ENTITIES_SHOWN: usize = 8;

/// One line per entity type: each entity once, by its canonical name, most
/// mentioned first, with its role when one was found.
fn write_entities(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let mut by_entity: BTreeMap<(&str, u32), EntityLine> = BTreeMap::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if matches!(e.text.as_str(), "he" | "He" | "she" | "She") {
            continue;
        }
        let cluster = e.cluster.unwrap_or(u32::MAX - i as u32);
        let name = e.canonical.as_deref().unwrap_or(&e.text);
        let entry = by_entity
            .entry((e.kind.as_str(), cluster))
            .or_insert((0, i, name, None));
        entry.0 += 1;
        if entry.3.is_none() {
            entry.3 = e.role.as_deref();
        }
    }
    let mut by_type: BTreeMap<&str, Vec<EntityLine>> = BTreeMap::new();
    for ((kind, _), entity) in by_entity {
        by_type.entry(kind).or_default().push(entity);
    }
    for (kind, mut entities) in by_type {
        entities.sort_by_key(|&(n, first, _, _)| (std::cmp::Reverse(n), first));
        let shown: Vec<String> = entities
            .iter()
            .take(ENTITIES_SHOWN)
            .map(|&(n, _, name, role)| {
                let mut s = name.to_string();
                if let Some(role) = role {
                    s.push_str(&format!(" ({role})"));
                }
                if n > 1 {
                    s.push_str(&format!(" ×{n}"));
                }
                s
            })
            .collect();
        let more = entities.len().saturating_sub(ENTITIES_SHOWN);
        let tail = if more > 0 {
            format!(", … {more} more")
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:<10} {}{tail}",
            kind.to_lowercase(),
            shown.join(", ")
        )?;
    }
    Ok(())
}

/// Longest list of time expressions or places shown.
const LAYER_SHOWN: usize = 10;

/// Writes `label` and the items, each once in order of first mention, with a
/// count of the rest past [`LAYER_SHOWN`].
fn write_list(out: &mut impl Write, label: &str, items: Vec<String>) -> io::Result<()> {
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<String> = items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect();
    if unique.is_empty() {
        return Ok(());
    }
    let more = unique.len().saturating_sub(LAYER_SHOWN);
    let shown = unique[..unique.len().min(LAYER_SHOWN)].join(", ");
    if more > 0 {
        writeln!(out, "  {label:<10} {shown}, … {more} more")
    } else {
        writeln!(out, "  {label:<10} {shown}")
    }
}

/// Time expressions with the calendar value each resolved to.
fn write_times(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let items = doc
        .times
        .iter()
        .map(|t| match &t.value {
            Some(value) => format!("{} = {value}", t.text),
            None => t.text.clone(),
        })
        .collect();
    write_list(out, "times", items)
}

/// Places with country and coordinates.
fn write_places(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let items = doc
        .places
        .iter()
        .map(|p| {
            let country = p.country.as_deref().unwrap_or("?");
            format!("{} ({country} {:.2},{:.2})", p.name, p.lat, p.lon)
        })
        .collect();
    write_list(out, "places", items)
}

/// Who is quoted, each speaker once with the number of quotations.
fn write_quotes(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let mut speakers: Vec<(&str, usize)> = Vec::new();
    for quote in &doc.quotes {
        let speaker = quote.speaker.as_deref().unwrap_or("unknown speaker");
        match speakers.iter_mut().find(|(s, _)| *s == speaker) {
            Some((_, n)) => *n += 1,
            None => speakers.push((speaker, 1)),
        }
    }
    let items = speakers
        .iter()
        .map(|&(speaker, n)| match n {
            1 => speaker.to_string(),
            n => format!("{speaker} ×{n}"),
        })
        .collect();
    write_list(out, "quotes", items)
}

/// Counts with their qualifier, object, source and period.
fn write_counts(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let items = doc
        .counts
        .iter()
        .map(|c| {
            let mut s = c.kind.clone();
            if let Some(qualifier) = &c.qualifier {
                s.push_str(&format!(" {qualifier}"));
            }
            s.push_str(&format!(" {}", c.number));
            if let Some(object) = &c.object {
                s.push_str(&format!(" {object}"));
            }
            if let Some(since) = &c.since {
                s.push_str(&format!(" since {since}"));
            }
            if let Some(source) = &c.source {
                s.push_str(&format!(" (per {source})"));
            }
            s
        })
        .collect();
    write_list(out, "counts", items)
}
