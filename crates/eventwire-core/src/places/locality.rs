//! Local features the gazetteer does not hold: streets, squares, buildings,
//! rivers and neighbourhoods ("Royal Street", "Carnegie Library", "Neches
//! River"). News names them in stories about one town, so they are placed
//! at the article's focus town, with that town's extent as the precision and
//! `within` naming it; `geonames_id` stays empty, since no gazetteer entry
//! is the feature itself.

use super::gazetteer::{flag, Feature, Gazetteer, Record};
use super::resolve::{to_place, Mention};
use crate::document::{Place, Span};

/// Extra kilometres of uncertainty of a feature placed at its town's point:
/// a street is inside the town, a river or lake near it.
const LOCAL_MARGIN_KM: f64 = 10.0;

/// The kind of feature a name's head word says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LocalKind {
    /// Streets and other ways; named after people and places they are not
    /// in ("Washington Street", "Frenchmen Street").
    Way,
    /// Rivers, lakes, mountains; named after the region they cross
    /// ("Mississippi River"), so that region is no place for them.
    Natural,
    /// Buildings and grounds; often named after their town
    /// ("Shreveport Regional Airport").
    Facility,
}

/// What a name's last word (or first: "Lake Travis", "Mount Hood") says it
/// is, if it names a local feature.
pub(super) fn local_kind(name: &str) -> Option<LocalKind> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let last = words.last()?;
    let last = last.trim_end_matches([',', ';', ':', ')', '"', '”', '’', '\'']);
    if matches!(first, "Lake" | "Mount" | "Mt." | "Mt") {
        return Some(LocalKind::Natural);
    }
    if is_way_word(last) {
        return Some(LocalKind::Way);
    }
    if matches!(
        last,
        "River"
            | "Creek"
            | "Lake"
            | "Bay"
            | "Harbor"
            | "Harbour"
            | "Mountain"
            | "Mountains"
            | "Valley"
            | "Canyon"
            | "Falls"
            | "Beach"
            | "Reservoir"
            | "Bayou"
            | "Forest"
            | "Island"
            | "Islands"
            | "Dam"
    ) {
        return Some(LocalKind::Natural);
    }
    if matches!(
        last,
        "Airport"
            | "Station"
            | "Hospital"
            | "Church"
            | "Cathedral"
            | "Mosque"
            | "Synagogue"
            | "Temple"
            | "Chapel"
            | "Library"
            | "Museum"
            | "Stadium"
            | "Arena"
            | "Park"
            | "Cemetery"
            | "Courthouse"
            | "Prison"
            | "Jail"
            | "Mall"
            | "Plantation"
            | "Hotel"
            | "Inn"
            | "Palace"
            | "Castle"
            | "Tower"
            | "Building"
            | "School"
            | "High"
            | "Academy"
            | "College"
            | "University"
            | "Court"
            | "Center"
            | "Centre"
            | "Hall"
            | "Theatre"
            | "Theater"
            | "Zoo"
            | "Market"
    ) {
        return Some(LocalKind::Facility);
    }
    None
}

/// The last word of a way's name.
pub(super) fn is_way_word(word: &str) -> bool {
    matches!(
        word,
        "Street"
            | "St."
            | "Avenue"
            | "Ave."
            | "Road"
            | "Rd."
            | "Drive"
            | "Boulevard"
            | "Blvd."
            | "Lane"
            | "Parkway"
            | "Highway"
            | "Freeway"
            | "Expressway"
            | "Turnpike"
            | "Square"
            | "Plaza"
            | "Bridge"
            | "Tunnel"
            | "Canal"
    )
}

/// The town the article is about: the town it names most often, a mention
/// by the town's own name counting twice and the dateline's town four
/// times; the first named on a tie. Another spelling counts less: "Franklin"
/// may be read as a name of Columbus, Ohio, but is more often a street.
pub(super) fn focus_town(
    gazetteer: &Gazetteer,
    mentions: &[Mention],
    picks: &[Option<u32>],
    dateline_town: Option<u32>,
) -> Option<u32> {
    let named = mentions.iter().zip(picks).filter_map(|(mention, pick)| {
        let pick = (*pick)?;
        let own_name = mention
            .rows
            .iter()
            .any(|&(p, f)| p == pick && f & flag::PRIMARY != 0);
        Some((pick, if own_name { 2 } else { 1 }))
    });
    // (place, weight, first position); articles name few distinct towns.
    let mut counts: Vec<(u32, u32, usize)> = Vec::new();
    let weighted = dateline_town.map(|t| (t, 4)).into_iter().chain(named);
    for (position, (place, weight)) in weighted.enumerate() {
        if gazetteer
            .record(place)
            .is_none_or(|r| r.feature != Feature::City)
        {
            continue;
        }
        match counts.iter_mut().find(|(p, _, _)| *p == place) {
            Some(entry) => entry.1 += weight,
            None => counts.push((place, weight, position)),
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|&(place, _, _)| place)
}

/// The output record of a local feature at `span`, placed in `town`.
pub(super) fn local_place(gazetteer: &Gazetteer, text: &str, span: Span, town: u32) -> Place {
    let mut place = to_place(gazetteer, text, span, town);
    let town_name = std::mem::take(&mut place.name);
    let trimmed = place.text.trim();
    place.name = trimmed
        .strip_prefix("the ")
        .or_else(|| trimmed.strip_prefix("The "))
        .unwrap_or(trimmed)
        .to_string();
    place.geonames_id = None;
    place.feature = Feature::Other.as_str().to_string();
    place.precision_km = ((place.precision_km + LOCAL_MARGIN_KM) * 10.0).round() / 10.0;
    place.within = Some(town_name);
    place
}

/// How far from the article's town a building named after another town may
/// stand and still be taken to be in that town.
const NAMED_TOWN_KM: f64 = 150.0;

/// Whether `place` is a town within [`NAMED_TOWN_KM`] of `town`.
pub(super) fn is_town_near(gazetteer: &Gazetteer, place: u32, town: u32) -> bool {
    let (Some(a), Some(b)) = (gazetteer.record(place), gazetteer.record(town)) else {
        return false;
    };
    a.feature == Feature::City && near(a, b, NAMED_TOWN_KM)
}

fn near(a: &Record, b: &Record, km: f64) -> bool {
    super::resolve::distance_km(
        f64::from(a.lat),
        f64::from(a.lon),
        f64::from(b.lat),
        f64::from(b.lon),
    ) <= km
}

/// The output record of a town the gazetteer does not list in the division
/// or country the text places it in ("Holliday, Missouri"): named as
/// written, at the container's point and with its extent as precision.
pub(super) fn unlisted_town(
    gazetteer: &Gazetteer,
    text: &str,
    span: Span,
    container: u32,
) -> Place {
    let mut place = to_place(gazetteer, text, span, container);
    let container_name = std::mem::take(&mut place.name);
    place.name = place.text.trim().to_string();
    place.geonames_id = None;
    place.feature = Feature::City.as_str().to_string();
    place.within = Some(container_name);
    place
}

/// Plural street words that end "Bourbon and Dauphine streets".
const PLURAL_WAY_WORDS: [&str; 8] = [
    "streets",
    "avenues",
    "roads",
    "boulevards",
    "drives",
    "lanes",
    "highways",
    "parkways",
];

/// Whether the name at `start..end` is one of two streets named together
/// before a plural street word: "Bourbon" and "Dauphine" in "down Bourbon
/// and Dauphine streets", "Strickland" in "between Strickland and North
/// avenues". Such names are streets, not the towns they are named after.
pub(super) fn in_street_pair(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let is_plural_way = |word: &str| {
        let word = word.trim_end_matches(|c: char| !c.is_alphabetic());
        PLURAL_WAY_WORDS.contains(&word.to_lowercase().as_str())
    };
    let capitalised = |word: &str| word.starts_with(char::is_uppercase);
    let mut next = after.split_whitespace();
    // "Bourbon| and Dauphine streets": one or two capitalised words after "and".
    if next.next() == Some("and") {
        let words: Vec<&str> = next.take(3).collect();
        for name_words in 1..=2 {
            if words.len() > name_words
                && words[..name_words].iter().all(|w| capitalised(w))
                && is_plural_way(words[name_words])
            {
                return true;
            }
        }
    }
    // "Bourbon and |Dauphine| streets".
    let mut previous = before.split_whitespace().rev();
    previous.next() == Some("and")
        && previous.next().is_some_and(capitalised)
        && after.split_whitespace().next().is_some_and(is_plural_way)
}
