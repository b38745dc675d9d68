//! The readable summary of an analysed article (without `--json`).

use eventwire_core::document::{Event, EventActor, RemovalKind, SourceRelation};
use eventwire_core::events::cameo;
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
    write_events(out, doc)?;
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

/// Places with country and coordinates; a local feature with its town.
fn write_places(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let items = doc
        .places
        .iter()
        .map(|p| {
            let country = p.country.as_deref().unwrap_or("?");
            match &p.within {
                Some(town) => format!("{} (in {town}, {country})", p.name),
                None => format!("{} ({country} {:.2},{:.2})", p.name, p.lat, p.lon),
            }
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

/// Longest timeline shown.
const EVENTS_SHOWN: usize = 20;

/// The article's events as a timeline, one line each, earliest first:
/// `2016-02-03  USA ⇄ RUS  041 Discuss by telephone  (Kerry, Lavrov; per Kirby)`.
/// A pair of events that mirror each other (A→B and B→A, same code and date) is
/// one line with ⇄. A date in parentheses is the article's own date, used when
/// the text gives none for the event.
fn write_events(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let lines = timeline(&doc.events);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "  events")?;
    for line in lines.iter().take(EVENTS_SHOWN) {
        writeln!(out, "    {line}")?;
    }
    if lines.len() > EVENTS_SHOWN {
        writeln!(out, "    … {} more", lines.len() - EVENTS_SHOWN)?;
    }
    Ok(())
}

fn timeline(events: &[Event]) -> Vec<String> {
    let code = |actor: &Option<EventActor>| -> String {
        actor
            .as_ref()
            .and_then(|a| a.code.clone())
            .unwrap_or_else(|| "—".to_string())
    };
    let mut order: Vec<usize> = (0..events.len()).collect();
    // Undated events last; otherwise by date, then text order.
    order.sort_by(|&a, &b| {
        let key = |e: &Event| (e.date.is_none(), e.date.clone(), e.start);
        key(&events[a]).cmp(&key(&events[b]))
    });
    let mut used = vec![false; events.len()];
    let mut lines = Vec::new();
    for &i in &order {
        if used[i] {
            continue;
        }
        used[i] = true;
        let event = &events[i];
        let (source, target) = (code(&event.source), code(&event.target));
        let mirror = order.iter().copied().find(|&j| {
            !used[j]
                && events[j].cameo == event.cameo
                && events[j].date == event.date
                && code(&events[j].source) == target
                && code(&events[j].target) == source
        });
        let mut names: Vec<&str> = Vec::new();
        for actor in [&event.source, &event.target].into_iter().flatten() {
            if !names.contains(&actor.text.as_str()) {
                names.push(&actor.text);
            }
        }
        let arrow = match mirror {
            Some(j) => {
                used[j] = true;
                "⇄"
            }
            None => "→",
        };
        let dyad = match &event.target {
            Some(_) => format!("{source} {arrow} {target}"),
            None => source,
        };
        let date = match (&event.date, event.date_source.as_deref()) {
            (Some(date), Some("reporting")) => format!("({date})"),
            (Some(date), _) => date.clone(),
            (None, _) => "undated".to_string(),
        };
        let name = cameo::describe(&event.cameo).map_or("", |info| info.name);
        let mut line = format!("{date:<12}  {dyad}  {} {name}", event.cameo);
        if event.status != "asserted" {
            line.push_str(&format!(" [{}]", event.status));
        }
        if let Some(place) = &event.place {
            line.push_str(&format!(" in {}", place.name));
        }
        let mut who = names.join(", ");
        if let Some(by) = &event.reported_by {
            if !who.is_empty() {
                who.push_str("; ");
            }
            who.push_str(&format!("per {by}"));
        }
        if !who.is_empty() {
            line.push_str(&format!("  ({who})"));
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(text: &str, code: &str) -> Option<EventActor> {
        Some(EventActor {
            text: text.to_string(),
            code: Some(code.to_string()),
            cluster: None,
            start: 0,
            end: 0,
        })
    }

    fn event(source: &str, target: &str, date: Option<&str>, start: u32) -> Event {
        Event {
            source: actor(source, &source.to_uppercase()[..3]),
            target: actor(target, &target.to_uppercase()[..3]),
            cameo: "041".to_string(),
            plover: None,
            mode: None,
            quad_class: 1,
            goldstein: 1.0,
            status: "asserted".to_string(),
            date: date.map(str::to_string),
            date_source: Some("text".to_string()),
            place: None,
            reported_by: Some("Kirby".to_string()),
            sentence: 0,
            evidence: String::new(),
            start,
            end: start + 1,
            mentions: 1,
        }
    }

    #[test]
    fn mirrored_events_share_one_line_and_dates_order_the_timeline() {
        let events = vec![
            event("Usa", "Rus", Some("2016-02-03"), 10),
            event("Rus", "Usa", Some("2016-02-03"), 10),
            event("Gbr", "Fra", Some("2015-09"), 50),
            event("Fra", "Gbr", None, 60),
        ];
        let lines = timeline(&events);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].starts_with("2015-09"), "{lines:?}");
        assert!(lines[1].contains("USA ⇄ RUS  041"), "{lines:?}");
        assert!(lines[1].ends_with("(Usa, Rus; per Kirby)"), "{lines:?}");
        assert!(lines[2].starts_with("undated"), "{lines:?}");
        assert!(lines[2].contains("FRA → GBR"), "{lines:?}");
    }
}
