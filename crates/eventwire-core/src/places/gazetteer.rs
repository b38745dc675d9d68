//! The gazetteer file: places as fixed-width records, their names as a
//! sorted array of name keys (binary search, no hash map built at load),
//! and demonyms ("Syrian" → SY). Written by [`GazetteerSource::to_bytes`]
//! (the builder in the evaluation crate fills the source) and read by
//! [`Gazetteer::from_bytes`].

use super::names::{name_key, prefix_keys};
use crate::model::container::{ByteReader, ByteWriter, Container, ContainerBuilder, ModelError};

const FORMAT: &str = "eventwire.gazetteer/1";
const NO_ADMIN1: u32 = u32::MAX;
const RECORD_BYTES: usize = 4 + 4 + 4 + 4 + 4 + 2 + 1 + 1 + 4 + 4 + 2;

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    Country,
    Admin1,
    City,
    Region,
    Other,
}

impl Feature {
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Country => "country",
            Feature::Admin1 => "admin1",
            Feature::City => "city",
            Feature::Region => "region",
            Feature::Other => "other",
        }
    }

    fn code(self) -> u8 {
        self as u8
    }

    fn from_code(code: u8) -> Result<Feature, ModelError> {
        Ok(match code {
            0 => Feature::Country,
            1 => Feature::Admin1,
            2 => Feature::City,
            3 => Feature::Region,
            4 => Feature::Other,
            _ => return Err(ModelError::Invalid(format!("feature code {code}"))),
        })
    }
}

/// Bits of a name: how far the matcher may trust it.
pub mod flag {
    /// The place's own English name or a common English form of it: the
    /// matcher may find it in running text without a recogniser's help.
    pub const PRIMARY: u8 = 1;
    /// A short all-capitals form ("UK", "UAE"): it matches only as written.
    pub const ABBREVIATION: u8 = 2;
    /// A word that news text mostly writes in lower case ("Nice",
    /// "Reading"): a match needs a recogniser or the context to back it.
    pub const COMMON_WORD: u8 = 4;
    /// The own name of a small town (under 15,000 people, population not
    /// stored): matched only inside a recogniser's location mention, a given
    /// span, or before ", Country/State"; its prior is below any bigger town.
    pub const MINOR: u8 = 8;
}

/// One place as the builder gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcePlace {
    pub name: String,
    pub geonames_id: Option<u32>,
    /// ISO 3166-1 alpha-2; `None` for regions spanning countries.
    pub country: Option<[u8; 2]>,
    /// Index (in the source list) of the first-level division holding it.
    pub admin1: Option<u32>,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    pub feature: Feature,
    /// The country's capital (a prior for "Washington", "Amman").
    pub capital: bool,
    pub precision_km: f32,
    /// Names (including `name`) with their [`flag`] bits.
    pub names: Vec<(String, u8)>,
}

/// Everything the gazetteer file holds, before encoding.
#[derive(Debug, Clone, Default)]
pub struct GazetteerSource {
    pub places: Vec<SourcePlace>,
    /// Demonyms and adjectives with the country (ISO2) they name.
    pub demonyms: Vec<(String, [u8; 2])>,
    /// Attribution and provenance lines stored in the file.
    pub notes: Vec<String>,
}

impl GazetteerSource {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut records = ByteWriter::default();
        let mut blob = String::new();
        let mut names: Vec<(u64, u32, u8)> = Vec::new();
        let mut prefixes: Vec<u64> = Vec::new();
        for (index, place) in self.places.iter().enumerate() {
            let offset = blob.len() as u32;
            blob.push_str(&place.name);
            records.u32(place.geonames_id.unwrap_or(0));
            records.f32(place.lat);
            records.f32(place.lon);
            records.u32(place.population);
            records.f32(place.precision_km);
            let country = place.country.unwrap_or([0, 0]);
            records.u8(country[0]);
            records.u8(country[1]);
            records.u8(place.feature.code());
            records.u8(u8::from(place.capital));
            records.u32(place.admin1.unwrap_or(NO_ADMIN1));
            records.u32(offset);
            records.u16(place.name.len().min(u16::MAX as usize) as u16);
            for (name, flags) in &place.names {
                if let Some((key, _)) = name_key(name) {
                    names.push((key, index as u32, *flags));
                    prefixes.extend(prefix_keys(name));
                }
            }
        }
        names.sort_unstable();
        // One row per (key, place): the flags of duplicates are merged.
        let mut merged: Vec<(u64, u32, u8)> = Vec::with_capacity(names.len());
        for row in names {
            match merged.last_mut() {
                Some(last) if last.0 == row.0 && last.1 == row.1 => last.2 |= row.2,
                _ => merged.push(row),
            }
        }
        prefixes.sort_unstable();
        prefixes.dedup();
        let mut keys = ByteWriter::default();
        let mut rows = ByteWriter::default();
        for &(key, place, flags) in &merged {
            keys.u64(key);
            rows.u32(place);
            rows.u8(flags);
        }
        let mut prefix_bytes = ByteWriter::default();
        for &key in &prefixes {
            prefix_bytes.u64(key);
        }
        let mut demonyms: Vec<(u64, [u8; 2])> = self
            .demonyms
            .iter()
            .filter_map(|(word, country)| Some((name_key(word)?.0, *country)))
            .collect();
        demonyms.sort_unstable();
        demonyms.dedup_by_key(|d| d.0);
        let mut demonym_bytes = ByteWriter::default();
        for (key, country) in &demonyms {
            demonym_bytes.u64(*key);
            demonym_bytes.u8(country[0]);
            demonym_bytes.u8(country[1]);
        }
        let mut meta = vec![FORMAT.to_string()];
        meta.extend(self.notes.iter().cloned());
        let mut builder = ContainerBuilder::new();
        builder.add_strings("meta", &meta);
        builder.add("records", records.0);
        builder.add("record_names", blob.into_bytes());
        builder.add("name_keys", keys.0);
        builder.add("name_rows", rows.0);
        builder.add("prefixes", prefix_bytes.0);
        builder.add("demonyms", demonym_bytes.0);
        builder.to_bytes()
    }
}

/// One place of the loaded gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record {
    pub geonames_id: u32,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    pub precision_km: f32,
    pub country: [u8; 2],
    pub feature: Feature,
    pub capital: bool,
    /// Index of the first-level division holding the place.
    pub admin1: Option<u32>,
    pub(super) name: (u32, u16),
}

/// The gazetteer: places, their names, coordinates and containment.
#[derive(Debug, Default)]
pub struct Gazetteer {
    records: Vec<Record>,
    record_names: String,
    name_keys: Vec<u64>,
    /// Parallel to `name_keys`: (place index, flags).
    name_rows: Vec<(u32, u8)>,
    /// How many names each place has (its own and other spellings): how
    /// widely the place is known, a salience hint beyond population.
    name_counts: Vec<u16>,
    /// Where each top-16-bit bucket of `name_keys` starts (65,537 entries),
    /// so a look-up touches a few cache lines instead of a long binary search.
    name_buckets: Vec<u32>,
    prefixes: Vec<u64>,
    prefix_buckets: Vec<u32>,
    demonym_keys: Vec<u64>,
    demonym_countries: Vec<[u8; 2]>,
    /// Place index of each country, by its two letters (26 × 26).
    countries: Vec<u32>,
    notes: Vec<String>,
}

fn country_slot(code: [u8; 2]) -> Option<usize> {
    let a = code[0].checked_sub(b'A').filter(|&a| a < 26)?;
    let b = code[1].checked_sub(b'A').filter(|&b| b < 26)?;
    Some(a as usize * 26 + b as usize)
}

impl Gazetteer {
    /// The gazetteer built into the binary.
    pub fn embedded() -> Result<Gazetteer, ModelError> {
        Gazetteer::from_bytes(include_bytes!("../../models/gazetteer.ewm"))
    }

    /// A gazetteer from the bytes `eventwire train gazetteer` wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, ModelError> {
        let container = Container::from_bytes(bytes)?;
        let notes = container.strings("meta")?;
        if notes.first().map(String::as_str) != Some(FORMAT) {
            return Err(ModelError::Invalid(format!("not a {FORMAT} file")));
        }
        let record_names = std::str::from_utf8(container.section("record_names")?)
            .map_err(|_| ModelError::Invalid("place names are not UTF-8".into()))?
            .to_string();
        let data = container.section("records")?;
        if !data.len().is_multiple_of(RECORD_BYTES) {
            return Err(ModelError::Truncated("place records"));
        }
        let count = data.len() / RECORD_BYTES;
        let mut reader = ByteReader::new(data);
        let mut records = Vec::with_capacity(count);
        for _ in 0..count {
            let geonames_id = reader.u32("geonames id")?;
            let lat = reader.f32("latitude")?;
            let lon = reader.f32("longitude")?;
            let population = reader.u32("population")?;
            let precision_km = reader.f32("precision")?;
            let country = [reader.u8("country")?, reader.u8("country")?];
            let feature = Feature::from_code(reader.u8("feature")?)?;
            let capital = reader.u8("capital")? != 0;
            let admin1 = reader.u32("admin1")?;
            let offset = reader.u32("name offset")?;
            let len = reader.u16("name length")?;
            let name_end = offset as usize + len as usize;
            if name_end > record_names.len()
                || !record_names.is_char_boundary(offset as usize)
                || !record_names.is_char_boundary(name_end)
            {
                return Err(ModelError::Truncated("place name"));
            }
            if admin1 != NO_ADMIN1 && admin1 as usize >= count {
                return Err(ModelError::Invalid("admin1 index out of range".into()));
            }
            records.push(Record {
                geonames_id,
                lat,
                lon,
                population,
                precision_km,
                country,
                feature,
                capital,
                admin1: (admin1 != NO_ADMIN1).then_some(admin1),
                name: (offset, len),
            });
        }
        let name_keys = read_u64s(container.section("name_keys")?, "name keys")?;
        let rows = container.section("name_rows")?;
        if rows.len() != name_keys.len() * 5 {
            return Err(ModelError::Truncated("name rows"));
        }
        let name_rows: Vec<(u32, u8)> = rows
            .chunks_exact(5)
            .map(|c| (u32::from_le_bytes([c[0], c[1], c[2], c[3]]), c[4]))
            .collect();
        if name_rows.iter().any(|&(p, _)| p as usize >= count) {
            return Err(ModelError::Invalid(
                "name row points past the places".into(),
            ));
        }
        if name_keys.windows(2).any(|w| w[0] > w[1]) {
            return Err(ModelError::Invalid("name keys are not sorted".into()));
        }
        let prefixes = read_u64s(container.section("prefixes")?, "prefixes")?;
        let demonym_data = container.section("demonyms")?;
        if !demonym_data.len().is_multiple_of(10) {
            return Err(ModelError::Truncated("demonyms"));
        }
        let (demonym_keys, demonym_countries) = demonym_data
            .chunks_exact(10)
            .map(|c| {
                let mut key = [0u8; 8];
                key.copy_from_slice(&c[..8]);
                (u64::from_le_bytes(key), [c[8], c[9]])
            })
            .unzip();
        let mut countries = vec![u32::MAX; 26 * 26];
        for (index, record) in records.iter().enumerate() {
            if record.feature == Feature::Country {
                if let Some(slot) = country_slot(record.country) {
                    countries[slot] = index as u32;
                }
            }
        }
        let name_buckets = buckets(&name_keys);
        let prefix_buckets = buckets(&prefixes);
        let mut name_counts = vec![0u16; records.len()];
        for &(place, _) in &name_rows {
            if let Some(n) = name_counts.get_mut(place as usize) {
                *n = n.saturating_add(1);
            }
        }
        Ok(Gazetteer {
            records,
            record_names,
            name_keys,
            name_rows,
            name_counts,
            name_buckets,
            prefixes,
            prefix_buckets,
            demonym_keys,
            demonym_countries,
            countries,
            notes,
        })
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Number of (name, place) rows.
    pub fn name_count(&self) -> usize {
        self.name_keys.len()
    }

    /// Attribution and provenance stored in the file.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How many names (own name and other spellings) place `index` has;
    /// well-known places have many ("Geneva", "Genève", "Genf", "Ginevra").
    pub fn names_of_place(&self, index: u32) -> u32 {
        self.name_counts
            .get(index as usize)
            .map_or(0, |&n| u32::from(n))
    }

    pub fn record(&self, index: u32) -> Option<&Record> {
        self.records.get(index as usize)
    }

    /// The place's own name.
    pub fn name_of(&self, record: &Record) -> &str {
        let start = record.name.0 as usize;
        self.record_names
            .get(start..start + record.name.1 as usize)
            .unwrap_or("")
    }

    /// The place's country code as text.
    pub fn country_of<'a>(&self, record: &'a Record) -> Option<&'a str> {
        std::str::from_utf8(&record.country)
            .ok()
            .filter(|c| c.bytes().all(|b| b.is_ascii_uppercase()))
    }

    /// Index of the country with this ISO2 code.
    pub fn country_index(&self, code: [u8; 2]) -> Option<u32> {
        let slot = country_slot(code)?;
        self.countries.get(slot).copied().filter(|&i| i != u32::MAX)
    }

    /// The (place index, flags) rows of the name with this key.
    pub fn candidates(&self, key: u64) -> &[(u32, u8)] {
        let (from, to) = bucket_range(&self.name_buckets, key);
        let Some(keys) = self.name_keys.get(from..to) else {
            return &[];
        };
        let start = keys.partition_point(|&k| k < key);
        let end = start + keys[start..].partition_point(|&k| k == key);
        self.name_rows.get(from + start..from + end).unwrap_or(&[])
    }

    /// Whether some longer name starts with the words of this key.
    pub fn is_prefix(&self, key: u64) -> bool {
        let (from, to) = bucket_range(&self.prefix_buckets, key);
        self.prefixes
            .get(from..to)
            .is_some_and(|keys| keys.binary_search(&key).is_ok())
    }

    /// Places that a whole name (any spelling) may denote.
    pub fn lookup(&self, name: &str) -> &[(u32, u8)] {
        match name_key(name) {
            Some((key, _)) => self.candidates(key),
            None => &[],
        }
    }

    /// The country (ISO 3166-1 alpha-2) that a demonym or adjective names:
    /// "Syrian" → "SY", "Afghans" → "AF". For the event coder's actors.
    pub fn demonym_country(&self, word: &str) -> Option<&str> {
        let (key, _) = name_key(word)?;
        self.demonym_country_by_key(key)
    }

    pub(crate) fn demonym_country_by_key(&self, key: u64) -> Option<&str> {
        let index = self.demonym_keys.binary_search(&key).ok()?;
        let code = self.demonym_countries.get(index)?;
        std::str::from_utf8(code).ok()
    }
}

const BUCKET_BITS: u32 = 16;

/// Start offsets of each top-bits bucket of sorted keys, plus the end.
fn buckets(keys: &[u64]) -> Vec<u32> {
    let count = 1usize << BUCKET_BITS;
    let mut starts = Vec::with_capacity(count + 1);
    let mut at = 0usize;
    for bucket in 0..count as u64 {
        while at < keys.len() && keys[at] >> (64 - BUCKET_BITS) < bucket {
            at += 1;
        }
        starts.push(at as u32);
    }
    starts.push(keys.len() as u32);
    starts
}

fn bucket_range(starts: &[u32], key: u64) -> (usize, usize) {
    let bucket = (key >> (64 - BUCKET_BITS)) as usize;
    match (starts.get(bucket), starts.get(bucket + 1)) {
        (Some(&from), Some(&to)) => (from as usize, to as usize),
        _ => (0, 0),
    }
}

fn read_u64s(data: &[u8], what: &'static str) -> Result<Vec<u64>, ModelError> {
    if !data.len().is_multiple_of(8) {
        return Err(ModelError::Truncated(what));
    }
    Ok(data
        .chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect())
}
