//! Disambiguation: each mention's candidate places get a prior (population,
//! kind of place, capital, how the name is spelled) and context evidence
//! (the dateline's place and country, the countries and first-level
//! divisions the article names, "Munich, Germany" pairs); the best wins.

use super::gazetteer::{flag, Feature, Gazetteer, Record};
use crate::document::{Dateline, Place, Span};
use std::collections::HashMap;

/// A toponym and the places its name may denote.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub span: Span,
    /// (place index, name flags).
    pub rows: Vec<(u32, u8)>,
}

/// The name rows of a span's text, trying it without "the", without a
/// possessive, and without a trailing generic word ("Aleppo province").
pub(super) fn rows_for_span<'g>(gazetteer: &'g Gazetteer, span_text: &str) -> &'g [(u32, u8)] {
    let trimmed = span_text.trim();
    let rows = gazetteer.lookup(trimmed);
    if !rows.is_empty() {
        return rows;
    }
    let mut candidate = trimmed;
    for article in ["the ", "The ", "THE "] {
        if let Some(rest) = candidate.strip_prefix(article) {
            candidate = rest;
        }
    }
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = candidate.strip_suffix(suffix) {
            candidate = rest;
        }
    }
    let rows = gazetteer.lookup(candidate);
    if !rows.is_empty() {
        return rows;
    }
    for generic in [
        " province",
        " Province",
        " region",
        " Region",
        " city",
        " City",
        " state",
        " State",
        " governorate",
        " Governorate",
        " district",
        " District",
        // "Madison Twp.": the township around the town of its name.
        " Township",
        " Twp.",
        " Twp",
    ] {
        if let Some(rest) = candidate.strip_suffix(generic) {
            let rows = gazetteer.lookup(rest);
            if !rows.is_empty() {
                return rows;
            }
        }
    }
    &[]
}

/// As [`rows_for_span`], and a demonym names its country ("Syrian").
pub(super) fn rows_for_span_or_demonym(gazetteer: &Gazetteer, span_text: &str) -> Vec<(u32, u8)> {
    let mut rows = rows_for_span(gazetteer, span_text).to_vec();
    // A demonym that is also a town's name ("English", Indiana; "Canadian",
    // Texas) keeps its country among the readings: by prior the country wins
    // unless the text places the town.
    for row in demonym_rows(gazetteer, span_text) {
        if !rows.iter().any(|r| r.0 == row.0) {
            rows.push(row);
        }
    }
    rows
}

/// The continent, region, country or first-level division of a place
/// adjective or plural demonym that is not in the demonym table: "European"
/// → Europe, "Latin American" → Latin America, "Minnesotans" → Minnesota.
pub(super) fn adjective_rows(gazetteer: &Gazetteer, span_text: &str) -> Vec<(u32, u8)> {
    let trimmed = span_text.trim();
    let singular = trimmed.strip_suffix('s').unwrap_or(trimmed);
    for ending in ["n", "an"] {
        let Some(stem) = singular.strip_suffix(ending) else {
            continue;
        };
        let rows: Vec<(u32, u8)> = gazetteer
            .lookup(stem)
            .iter()
            .copied()
            .filter(|&(p, f)| {
                f & flag::PRIMARY != 0
                    && gazetteer.record(p).is_some_and(|r| {
                        matches!(
                            r.feature,
                            Feature::Region | Feature::Country | Feature::Admin1
                        )
                    })
            })
            .collect();
        if !rows.is_empty() {
            return rows;
        }
    }
    Vec::new()
}

/// The country of a demonym ("Syrians" → Syria), as name rows.
pub(super) fn demonym_rows(gazetteer: &Gazetteer, span_text: &str) -> Vec<(u32, u8)> {
    gazetteer
        .demonym_country(span_text.trim())
        .and_then(|code| {
            let b = code.as_bytes();
            gazetteer.country_index([*b.first()?, *b.get(1)?])
        })
        .map(|index| vec![(index, flag::PRIMARY)])
        .unwrap_or_default()
}

/// Prior of a small town whose population the gazetteer does not hold:
/// below any town of 15,000 people (ln 15,000 ≈ 9.6), so it wins only with
/// context (its state or country named, "Town, State", the dateline).
const SMALL_TOWN_PRIOR: f32 = 4.0;

/// Weight of a city's salience: ln(1 + its number of names). A city known
/// across languages (Geneva, Vienna) has dozens of spellings, a namesake
/// town one or two; population alone (Geneva 180,000, Geneva, Illinois
/// 21,000) underrates the difference in how often news names them.
const SALIENCE_WEIGHT: f32 = 1.5;

/// Most that evidence for a place's country (the dateline's country, other
/// mentions in it) may add: enough to pick a namesake town over a town of
/// similar size abroad, not over a capital or a much bigger, better-known
/// city ("Vienna" in a Washington-datelined story about Syria).
const COUNTRY_SUPPORT_CAP: f32 = 5.0;

/// Score of a place from what it is, before any context.
fn prior(gazetteer: &Gazetteer, place: u32, record: &Record, flags: u8) -> f32 {
    let population = (record.population as f32 + 1.0).ln();
    let base = match record.feature {
        Feature::Country => 20.0 + population / 10.0,
        Feature::Admin1 => 13.0 + population / 6.0,
        Feature::City if record.population == 0 => SMALL_TOWN_PRIOR,
        Feature::City => {
            let names = gazetteer.names_of_place(place) as f32;
            population
                + if record.capital { 2.5 } else { 0.0 }
                + SALIENCE_WEIGHT * (1.0 + names).ln()
        }
        Feature::Region => 17.0,
        // Counties: `population` holds their number of towns. A county's
        // short name ("Washington" for Washington County) rarely means it.
        Feature::Other => 9.0 + population - if flags & flag::PRIMARY == 0 { 3.0 } else { 0.0 },
    };
    base + if flags & flag::PRIMARY != 0 { 2.0 } else { 0.0 }
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().min(1.0).asin()
}

pub(super) fn best_by_prior(gazetteer: &Gazetteer, rows: &[(u32, u8)]) -> Option<u32> {
    rows.iter()
        .filter_map(|&(p, f)| Some((p, prior(gazetteer, p, gazetteer.record(p)?, f))))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(p, _)| p)
}

/// Score of the town a dateline places with its container ("LONDON, Ky."):
/// decisive, above the prior of the largest namesake (London, England,
/// about 27), since the article says which town it is from.
const DATELINE_TOWN_BONUS: f32 = 25.0;

/// Score of a town reading when the name is followed by a town's own body
/// ("Lebanon Police", "Athens City Council").
const MUNICIPAL_BONUS: f32 = 12.0;

/// Whether `after` (the text after a name) opens with a town's body or
/// people: police, mayor, council, schools, residents.
fn is_followed_by_municipal_word(after: &str) -> bool {
    // "Lebanon Police", "Lebanon's police": an optional possessive, then a space.
    let after = ["'s", "’s"]
        .iter()
        .find_map(|s| after.strip_prefix(s))
        .unwrap_or(after);
    let rest = after.trim_start();
    if !(1..=2).contains(&(after.len() - rest.len())) {
        return false;
    }
    [
        "Police",
        "police",
        "Mayor",
        "mayor",
        "City Council",
        "city council",
        "Town Council",
        "town council",
        "Fire Department",
        "fire department",
        "Township",
        "High School",
        "Public Schools",
        "residents",
        "City Hall",
        "city officials",
        "Board of Education",
        "aldermen",
    ]
    .iter()
    .any(|word| rest.starts_with(word) && !rest[word.len()..].starts_with(char::is_alphanumeric))
}

/// What the article says about where it is.
#[derive(Debug, Default)]
struct Evidence {
    dateline_country: Option<[u8; 2]>,
    dateline_point: Option<(f64, f64)>,
    /// The town a dateline with its division or country named
    /// ("LONDON, Ky.").
    dateline_town: Option<u32>,
    /// Countries of the current picks, with counts.
    countries: Vec<([u8; 2], u32)>,
    /// First-level divisions named (any reading of a mention: "Georgia"
    /// names the US state too).
    admin1s: Vec<u32>,
    /// First-level divisions holding the current picks, with counts.
    admin1_members: Vec<(u32, u32)>,
}

fn count_of<K: PartialEq + Copy>(counts: &[(K, u32)], key: K) -> u32 {
    counts.iter().find(|c| c.0 == key).map_or(0, |c| c.1)
}

fn add_count<K: PartialEq + Copy>(counts: &mut Vec<(K, u32)>, key: K) {
    match counts.iter_mut().find(|c| c.0 == key) {
        Some(c) => c.1 += 1,
        None => counts.push((key, 1)),
    }
}

/// How many of a mention's best candidates (by prior) take part in the
/// spatial support between names. Small towns share one prior, so a common
/// name ("Paris": a dozen US towns) needs many for the local one to be among
/// them.
const SUPPORT_CANDIDATES: usize = 32;
/// How many distinct names may support others (bounds the work on a huge
/// input: the support is linear in the number of names beyond this).
const SUPPORTING_NAMES: usize = 256;
/// Half the side of the box within which two towns support each other, in
/// degrees of latitude (about 150 km).
const SUPPORT_DEGREES: f32 = 1.35;
/// Score per other name with a candidate near this one, up to
/// [`MAX_SUPPORTERS`] of them ("Gainesville" near "Sherman" and "Norman":
/// Texas, not Florida). Any reading of the other name counts, so this is
/// weak: small namesakes of world cities cluster ("Vienna", "Geneva" and
/// "Moscow" all have towns in Illinois; chosen on the development parts).
const SUPPORT_BONUS: f32 = 2.5;
const MAX_SUPPORTERS: u32 = 3;
/// Score per other name whose current pick is near this one, up to
/// [`MAX_PICKED_SUPPORTERS`]: specific evidence, unlike the country, so two
/// neighbouring towns outweigh a larger namesake abroad (chosen on the
/// development parts).
const PICKED_SUPPORT_BONUS: f32 = 5.0;
const MAX_PICKED_SUPPORTERS: usize = 4;

/// Spatial support of each mention's best candidates: per distinct name
/// (mentions with the same rows share it), its top candidates and how many
/// other names have a candidate near each.
struct Support {
    /// Group (distinct name) of each mention.
    group_of: Vec<usize>,
    /// Per group: (place, number of other names near it).
    candidates: Vec<Vec<(u32, u32)>>,
}

impl Support {
    fn new(gazetteer: &Gazetteer, mentions: &[Mention]) -> Support {
        let mut groups: HashMap<(Option<u32>, usize), usize> = HashMap::new();
        let mut group_rows: Vec<&[(u32, u8)]> = Vec::new();
        let group_of: Vec<usize> = mentions
            .iter()
            .map(|m| {
                let identity = (m.rows.first().map(|r| r.0), m.rows.len());
                *groups.entry(identity).or_insert_with(|| {
                    group_rows.push(&m.rows);
                    group_rows.len() - 1
                })
            })
            .collect();
        let tops: Vec<Vec<(u32, &Record)>> = group_rows
            .iter()
            .map(|rows| {
                let mut scored: Vec<(u32, &Record, f32)> = rows
                    .iter()
                    .filter_map(|&(p, f)| {
                        let r = gazetteer.record(p)?;
                        Some((p, r, prior(gazetteer, p, r, f)))
                    })
                    .collect();
                scored.sort_by(|a, b| b.2.total_cmp(&a.2));
                scored
                    .into_iter()
                    .take(SUPPORT_CANDIDATES)
                    .map(|(p, r, _)| (p, r))
                    .collect()
            })
            .collect();
        let candidates = tops
            .iter()
            .enumerate()
            .map(|(g, own)| {
                own.iter()
                    .map(|&(place, record)| {
                        if !matches!(
                            record.feature,
                            Feature::Admin1 | Feature::City | Feature::Other
                        ) {
                            return (place, 0);
                        }
                        // Degrees of longitude shrink with the cosine of
                        // the latitude; computed once per candidate.
                        let scale = record.lat.to_radians().cos().abs();
                        let near = tops
                            .iter()
                            .take(SUPPORTING_NAMES)
                            .enumerate()
                            .filter(|&(h, other)| {
                                h != g
                                    && other
                                        .iter()
                                        .any(|&(p, r)| supports(place, record, scale, p, r))
                            })
                            .take(MAX_SUPPORTERS as usize)
                            .count() as u32;
                        (place, near)
                    })
                    .collect()
            })
            .collect();
        Support {
            group_of,
            candidates,
        }
    }

    /// Each distinct name's current pick (its first mention's), in the
    /// order the names first occur: computed once per round, so that
    /// [`Support::of_picks`] is linear in the number of names.
    fn group_picks(&self, picks: &[Option<u32>]) -> Vec<(usize, Option<u32>)> {
        let mut seen = vec![false; self.candidates.len()];
        let mut out = Vec::new();
        for (&group, &pick) in self.group_of.iter().zip(picks) {
            if !seen[group] {
                seen[group] = true;
                out.push((group, pick));
            }
        }
        out
    }

    /// How many other names (up to [`SUPPORTING_NAMES`] of them, each by its
    /// first mention's pick) have their current pick near `place`, up to
    /// [`MAX_PICKED_SUPPORTERS`].
    fn of_picks(
        &self,
        gazetteer: &Gazetteer,
        mention: usize,
        place: u32,
        record: &Record,
        group_picks: &[(usize, Option<u32>)],
    ) -> usize {
        let Some(&own) = self.group_of.get(mention) else {
            return 0;
        };
        let scale = record.lat.to_radians().cos().abs();
        let mut near = 0;
        for &(_, pick) in group_picks
            .iter()
            .filter(|(group, _)| *group != own)
            .take(SUPPORTING_NAMES)
        {
            if near >= MAX_PICKED_SUPPORTERS {
                break;
            }
            let Some((other, other_record)) =
                pick.and_then(|p| gazetteer.record(p).map(|r| (p, r)))
            else {
                continue;
            };
            if supports(place, record, scale, other, other_record) {
                near += 1;
            }
        }
        near
    }

    fn of(&self, mention: usize, place: u32) -> u32 {
        self.group_of
            .get(mention)
            .and_then(|&g| self.candidates.get(g))
            .and_then(|c| c.iter().find(|e| e.0 == place))
            .map_or(0, |e| e.1)
    }
}

/// Whether place `other` makes place `place` likelier: a town or county
/// within about 150 km of a town or county, or lying in a division.
/// `scale` is the cosine of `record`'s latitude.
fn supports(place: u32, record: &Record, scale: f32, other: u32, other_record: &Record) -> bool {
    if place == other {
        return false;
    }
    let local = |r: &Record| matches!(r.feature, Feature::City | Feature::Other);
    match record.feature {
        Feature::Admin1 => local(other_record) && other_record.admin1 == Some(place),
        Feature::City | Feature::Other if local(other_record) => {
            let dlat = (record.lat - other_record.lat).abs();
            if dlat >= SUPPORT_DEGREES {
                return false;
            }
            let mut dlon = (record.lon - other_record.lon).abs();
            if dlon > 180.0 {
                dlon = 360.0 - dlon;
            }
            dlat < SUPPORT_DEGREES && dlon * scale < SUPPORT_DEGREES
        }
        _ => false,
    }
}

/// The first-level division a place lies in (a division: itself).
fn admin1_of(gazetteer: &Gazetteer, place: u32) -> Option<u32> {
    let record = gazetteer.record(place)?;
    if record.feature == Feature::Admin1 {
        Some(place)
    } else {
        record.admin1
    }
}

/// What the dateline says of the article's place: the first part of
/// "WASHINGTON, D.C." or "LONDON, Ky." names the town, the rest, when the
/// gazetteer knows it, the division or country that holds it.
#[derive(Debug, Clone, Copy)]
pub(super) struct DatelineReading<'a> {
    /// The town as written ("LONDON").
    pub town: &'a str,
    /// The best by prior of the towns the container holds ("LONDON, Ky." is
    /// London, Kentucky, not the bigger London); else the container itself
    /// when it holds none of them; without a container, the town by prior.
    pub place: u32,
    /// Whether the container chose `place` among towns of that name.
    pub placed_by_container: bool,
}

/// Reads the dateline's place once per document (see [`DatelineReading`]).
pub(super) fn read_dateline<'a>(
    gazetteer: &Gazetteer,
    dateline: Option<&'a Dateline>,
) -> Option<DatelineReading<'a>> {
    let written = dateline?.place.as_deref()?;
    let (town, rest) = written.split_once(',').unwrap_or((written, ""));
    let town = town.trim();
    let towns = gazetteer.lookup(town);
    let containers: Vec<u32> = gazetteer
        .lookup(rest.trim())
        .iter()
        .map(|&(p, _)| p)
        .filter(|&p| {
            gazetteer
                .record(p)
                .is_some_and(|r| matches!(r.feature, Feature::Admin1 | Feature::Country))
        })
        .collect();
    let reading = |place, placed_by_container| DatelineReading {
        town,
        place,
        placed_by_container,
    };
    if containers.is_empty() {
        return best_by_prior(gazetteer, towns).map(|p| reading(p, false));
    }
    let held: Vec<(u32, u8)> = towns
        .iter()
        .copied()
        .filter(|&(p, _)| containers.iter().any(|&c| contains(gazetteer, c, p)))
        .collect();
    match best_by_prior(gazetteer, &held) {
        Some(town) => Some(reading(town, true)),
        None => containers.first().map(|&c| reading(c, false)),
    }
}

/// Whether only a comma (and spaces) stands between byte `end` and byte
/// `start` of `text`: "Munich, Germany".
pub(super) fn comma_between(text: &str, end: usize, start: usize) -> bool {
    text.get(end..start).is_some_and(|gap| gap.trim() == ",")
}

/// The chosen place (index) of each mention: first by prior, then twice by
/// prior and the evidence of the other mentions' current picks.
pub(super) fn resolve(
    gazetteer: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    dateline: Option<&DatelineReading>,
) -> Vec<Option<u32>> {
    let mut evidence = Evidence {
        dateline_town: dateline.filter(|d| d.placed_by_container).map(|d| d.place),
        ..Evidence::default()
    };
    if let Some(reading) = dateline {
        if let Some(record) = gazetteer.record(reading.place) {
            evidence.dateline_country = Some(record.country);
            if record.feature == Feature::City {
                evidence.dateline_point = Some((f64::from(record.lat), f64::from(record.lon)));
            }
        }
    }
    for mention in mentions {
        for &(place, flags) in &mention.rows {
            let is_admin1 = gazetteer
                .record(place)
                .is_some_and(|r| r.feature == Feature::Admin1);
            if is_admin1 && flags & flag::PRIMARY != 0 && !evidence.admin1s.contains(&place) {
                evidence.admin1s.push(place);
            }
        }
    }
    let mut picks: Vec<Option<u32>> = mentions
        .iter()
        .map(|m| best_by_prior(gazetteer, &m.rows))
        .collect();
    let support = Support::new(gazetteer, mentions);
    for round in 0..2 {
        evidence.countries.clear();
        evidence.admin1_members.clear();
        for place in picks.iter().flatten() {
            let Some(record) = gazetteer.record(*place) else {
                continue;
            };
            if record.country != [0, 0] {
                add_count(&mut evidence.countries, record.country);
            }
            // Divisions are counted from the second round on: by prior alone
            // "Georgia" is the country and "Gainesville" is in Florida.
            if round > 0 {
                if let Some(admin1) = admin1_of(gazetteer, *place) {
                    add_count(&mut evidence.admin1_members, admin1);
                }
            }
        }
        let group_picks = support.group_picks(&picks);
        picks = mentions
            .iter()
            .enumerate()
            .map(|(index, mention)| {
                let context = Context {
                    text,
                    mentions,
                    evidence: &evidence,
                    picks: &picks,
                    group_picks: &group_picks,
                    support: &support,
                };
                choose(gazetteer, &context, index, mention)
            })
            .collect();
    }
    picks
}

/// What one round of choosing reads.
struct Context<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    evidence: &'a Evidence,
    picks: &'a [Option<u32>],
    /// Each distinct name's current pick ([`Support::group_picks`]).
    group_picks: &'a [(usize, Option<u32>)],
    support: &'a Support,
}

/// The best-scoring place of one mention given the evidence.
fn choose(
    gazetteer: &Gazetteer,
    context: &Context,
    index: usize,
    mention: &Mention,
) -> Option<u32> {
    let Context {
        text,
        mentions,
        evidence,
        picks,
        group_picks,
        support,
    } = *context;
    let container = mentions
        .get(index + 1)
        .filter(|next| comma_between(text, mention.span.end as usize, next.span.start as usize));
    let container_of: Option<&Mention> =
        index
            .checked_sub(1)
            .and_then(|p| mentions.get(p))
            .filter(|previous| {
                comma_between(
                    text,
                    previous.span.end as usize,
                    mention.span.start as usize,
                )
            });
    let own_pick = picks
        .get(index)
        .copied()
        .flatten()
        .and_then(|p| gazetteer.record(p).map(|r| (p, r)));
    let has_primary = mention.rows.iter().any(|&(_, f)| f & flag::PRIMARY != 0);
    // A country's own name is the country, never another spelling of a
    // city ("Mexico" is not Mexico City).
    let names_country = mention.rows.iter().any(|&(p, f)| {
        f & flag::PRIMARY != 0
            && gazetteer
                .record(p)
                .is_some_and(|r| r.feature == Feature::Country)
    });
    let municipal = text
        .get(mention.span.end as usize..)
        .is_some_and(is_followed_by_municipal_word);
    let mut best: Option<(u32, f32)> = None;
    for &(place, flags) in &mention.rows {
        let Some(record) = gazetteer.record(place) else {
            continue;
        };
        if names_country && flags & flag::PRIMARY == 0 {
            continue;
        }
        let mut score = prior(gazetteer, place, record, flags);
        if let Some(next) = container {
            let holds = next
                .rows
                .iter()
                .any(|&(p, _)| contains(gazetteer, p, place));
            if holds {
                score += 12.0;
            }
        }
        if let Some(previous) = container_of {
            let held = previous
                .rows
                .iter()
                .any(|&(p, _)| contains(gazetteer, place, p));
            if held {
                score += 6.0;
            }
        }
        // Evidence for the country, capped: the dateline's country and the
        // other mentions in it (this one's own pick is no evidence for itself).
        let mut country_support = 0.0;
        if record.country != [0, 0] {
            if evidence.dateline_country == Some(record.country) {
                country_support += 3.0;
            }
            let own = own_pick.is_some_and(|(_, r)| r.country == record.country);
            let others =
                count_of(&evidence.countries, record.country).saturating_sub(u32::from(own));
            if others > 0 {
                country_support += 3.0 + (others.min(4) as f32) * 0.75;
            }
        }
        score += country_support.min(COUNTRY_SUPPORT_CAP);
        // Another spelling loses to a place of which it is the own name
        // ("Mexico" the country, not Mexico City).
        if has_primary && flags & flag::PRIMARY == 0 {
            score -= 3.0;
        }
        if let Some(admin1) = admin1_of(gazetteer, place) {
            // Its division named elsewhere ("Georgia" for Gainesville), and
            // other picks in the same division: like nearby names, specific
            // evidence that a local story is about that state (weights
            // chosen on the development parts).
            if record.feature != Feature::Admin1 && evidence.admin1s.contains(&admin1) {
                score += 5.0;
            }
            let own = own_pick.is_some_and(|(p, _)| admin1_of(gazetteer, p) == Some(admin1));
            let members = count_of(&evidence.admin1_members, admin1).saturating_sub(u32::from(own));
            score += 3.0 * members.min(3) as f32;
        }
        score += SUPPORT_BONUS * support.of(index, place).min(MAX_SUPPORTERS) as f32;
        score += PICKED_SUPPORT_BONUS
            * support.of_picks(gazetteer, index, place, record, group_picks) as f32;
        // A division named like its big city ("New York") means the city.
        if record.feature == Feature::Admin1
            && mention.rows.iter().any(|&(p, f)| {
                f & flag::PRIMARY != 0
                    && gazetteer.record(p).is_some_and(|r| {
                        r.feature == Feature::City
                            && r.population >= 1_000_000
                            && r.admin1 == Some(place)
                    })
            })
        {
            score -= 4.0;
        }
        // The town a "LONDON, Ky." dateline placed: the article's own
        // statement of which London it is.
        if evidence.dateline_town == Some(place) {
            score += DATELINE_TOWN_BONUS;
        }
        // "Lebanon Police", "Washington city council": a town's own bodies.
        if municipal && record.feature == Feature::City {
            score += MUNICIPAL_BONUS;
        }
        if let Some((lat, lon)) = evidence.dateline_point {
            if record.feature == Feature::City
                && distance_km(lat, lon, f64::from(record.lat), f64::from(record.lon)) < 150.0
            {
                score += 2.0;
            }
        }
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((place, score));
        }
    }
    best.map(|(p, _)| p)
}

/// Whether place `outer` holds place `inner` (a country its divisions and
/// towns, a division its towns).
pub(super) fn contains(gazetteer: &Gazetteer, outer: u32, inner: u32) -> bool {
    let (Some(o), Some(i)) = (gazetteer.record(outer), gazetteer.record(inner)) else {
        return false;
    };
    match o.feature {
        Feature::Country => i.country == o.country && i.feature != Feature::Country,
        Feature::Admin1 => i.admin1 == Some(outer),
        _ => false,
    }
}

/// The output record of a mention resolved to `place`.
pub(super) fn to_place(gazetteer: &Gazetteer, text: &str, span: Span, place: u32) -> Place {
    let record = gazetteer.record(place).copied().unwrap_or(Record {
        geonames_id: 0,
        lat: 0.0,
        lon: 0.0,
        population: 0,
        precision_km: 0.0,
        country: [0, 0],
        feature: Feature::Other,
        capital: false,
        admin1: None,
        name: (0, 0),
    });
    let admin1 = record
        .admin1
        .and_then(|a| gazetteer.record(a))
        .map(|a| gazetteer.name_of(a).to_string())
        .or_else(|| {
            (record.feature == Feature::Admin1).then(|| gazetteer.name_of(&record).to_string())
        });
    Place {
        text: text.get(span.range()).unwrap_or("").to_string(),
        start: span.start,
        end: span.end,
        name: gazetteer.name_of(&record).to_string(),
        country: gazetteer.country_of(&record).map(str::to_string),
        admin1,
        lat: round5(f64::from(record.lat)),
        lon: round5(f64::from(record.lon)),
        geonames_id: (record.geonames_id != 0).then_some(u64::from(record.geonames_id)),
        feature: record.feature.as_str().to_string(),
        precision_km: (f64::from(record.precision_km) * 10.0).round() / 10.0,
        within: None,
    }
}

fn round5(value: f64) -> f64 {
    (value * 100_000.0).round() / 100_000.0
}

/// Largest town a "Town, State" pair may move into the stated division: a
/// big city keeps its reading ("Gaza, Israel" is a list, not a Gaza in
/// Israel).
const UNLISTED_TOWN_MAX_POPULATION: u32 = 100_000;

/// For each mention, the division or country the text says holds it when
/// the gazetteer has no town of that name there: "Holliday, Missouri" or a
/// "HOLLIDAY, Mo." dateline when the only Holliday it lists is in Texas.
/// Such a town is placed in the stated division rather than at a namesake
/// elsewhere; the other mentions of the name that took that namesake
/// follow it.
pub(super) fn stated_containers(
    gazetteer: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    picks: &[Option<u32>],
    dateline: Option<&DatelineReading>,
) -> Vec<Option<u32>> {
    let mut containers: Vec<Option<u32>> = vec![None; mentions.len()];
    let movable = |index: usize| {
        let mention = &mentions[index];
        let names_area = mention.rows.iter().any(|&(p, f)| {
            f & flag::PRIMARY != 0
                && gazetteer.record(p).is_some_and(|r| {
                    matches!(
                        r.feature,
                        Feature::Country | Feature::Admin1 | Feature::Region
                    )
                })
        });
        let small = match picks[index].and_then(|p| gazetteer.record(p)) {
            None => true,
            Some(r) => match r.feature {
                Feature::City => r.population < UNLISTED_TOWN_MAX_POPULATION,
                Feature::Other => true,
                _ => false,
            },
        };
        let span_text = text.get(mention.span.range()).unwrap_or("");
        !names_area && small && span_text.starts_with(char::is_uppercase)
    };
    let is_area = |place: u32| {
        gazetteer
            .record(place)
            .is_some_and(|r| matches!(r.feature, Feature::Admin1 | Feature::Country))
    };
    let holds_none = |container: u32, rows: &[(u32, u8)]| {
        !rows.iter().any(|&(p, _)| contains(gazetteer, container, p))
    };
    for index in 0..mentions.len().saturating_sub(1) {
        let (mention, next) = (&mentions[index], &mentions[index + 1]);
        let after_comma = comma_between(text, mention.span.end as usize, next.span.start as usize);
        let Some(container) = picks[index + 1].filter(|&c| after_comma && is_area(c)) else {
            continue;
        };
        // "Zaire, Bundibugyo, Côte d'Ivoire": a list of areas, not a town in
        // the next one.
        let in_list = index.checked_sub(1).is_some_and(|p| {
            picks[p].is_some_and(is_area)
                && comma_between(
                    text,
                    mentions[p].span.end as usize,
                    mention.span.start as usize,
                )
        });
        // "…, Bundibugyo, Côte d'Ivoire and Sudan": the container is followed
        // by another area that does not hold it.
        let list_follows = mentions.get(index + 2).is_some_and(|after| {
            let joined = text
                .get(next.span.end as usize..after.span.start as usize)
                .is_some_and(|gap| matches!(gap.trim(), "," | "and" | ", and" | "or"));
            joined
                && picks[index + 2]
                    .is_some_and(|a| is_area(a) && !contains(gazetteer, a, container))
        });
        if in_list || list_follows {
            continue;
        }
        if movable(index) && holds_none(container, &mention.rows) {
            containers[index] = Some(container);
        }
    }
    // "HOLLIDAY, Mo.": the dateline's town is in its division.
    if let Some(reading) = dateline.filter(|d| !d.placed_by_container && is_area(d.place)) {
        for (index, mention) in mentions.iter().enumerate() {
            let same = text
                .get(mention.span.range())
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(reading.town));
            if same && movable(index) && holds_none(reading.place, &mention.rows) {
                containers[index] = Some(reading.place);
            }
        }
    }
    // The other mentions of a moved name that took the same reading.
    let moved: Vec<(String, Option<u32>, u32)> = mentions
        .iter()
        .zip(picks)
        .zip(&containers)
        .filter_map(|((m, &pick), &c)| {
            let name = text.get(m.span.range())?.trim().to_lowercase();
            Some((name, pick, c?))
        })
        .collect();
    for (index, mention) in mentions.iter().enumerate() {
        if containers[index].is_some() {
            continue;
        }
        let Some(name) = text
            .get(mention.span.range())
            .map(|t| t.trim().to_lowercase())
        else {
            continue;
        };
        if let Some(&(_, _, container)) = moved
            .iter()
            .find(|(n, pick, _)| *n == name && *pick == picks[index])
        {
            containers[index] = Some(container);
        }
    }
    containers
}

/// The readings of a place named with a direction before it ("South
/// Florida", "East Texas", "Northern Syria"): the country, division, region
/// or town of 15,000 or more after the direction word, by its own name.
pub(super) fn compass_rows(gazetteer: &Gazetteer, span_text: &str) -> Vec<(u32, u8)> {
    let trimmed = span_text.trim();
    let Some((direction, rest)) = trimmed.split_once(' ') else {
        return Vec::new();
    };
    let is_direction = super::is_direction_word(direction);
    if !is_direction || !rest.starts_with(char::is_uppercase) {
        return Vec::new();
    }
    gazetteer
        .lookup(rest)
        .iter()
        .copied()
        .filter(|&(p, f)| {
            f & flag::PRIMARY != 0
                && gazetteer.record(p).is_some_and(|r| match r.feature {
                    Feature::Country | Feature::Admin1 | Feature::Region => true,
                    Feature::City => r.population >= 15_000,
                    Feature::Other => false,
                })
        })
        .collect()
}
