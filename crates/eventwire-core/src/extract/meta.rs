//! Page metadata: title, publication date, site name and canonical URL from
//! `<meta>`, `<link rel=canonical>`, `<time datetime>` and JSON-LD.

use super::entities::decode;
use super::html::attrs;
use serde_json::Value;

/// Metadata candidates gathered while the page streams by; the best of each
/// is chosen in [`MetaCollector::finish`].
#[derive(Debug, Default)]
pub struct MetaCollector {
    og_title: Option<String>,
    meta_title: Option<String>,
    html_title: Option<String>,
    ld_headline: Option<String>,
    first_h1: Option<String>,
    /// Date from a `<meta>` tag, with the rank of the tag (lower is better).
    meta_date: Option<(u8, String)>,
    ld_date: Option<String>,
    time_date: Option<String>,
    og_site_name: Option<String>,
    ld_publisher: Option<String>,
    application_name: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
}

/// What the metadata says about the page.
#[derive(Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
}

/// `<meta>` names and properties that give the publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "publish-date",
    "publishdate",
    "publish_date",
    "pubdate",
    "date",
    "og:published_time",
    "article:published",
    "cxenseparse:recs:publishtime",
];

fn clean_value(raw: &str) -> Option<String> {
    let decoded = decode(raw);
    let collapsed: String = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

impl MetaCollector {
    /// A `<meta>` tag's raw attributes.
    pub fn on_meta(&mut self, raw_attrs: &str) {
        let mut key = None;
        let mut content = None;
        for (name, value) in attrs(raw_attrs) {
            if name.eq_ignore_ascii_case("property")
                || name.eq_ignore_ascii_case("name")
                || name.eq_ignore_ascii_case("itemprop")
            {
                key.get_or_insert(value);
            } else if name.eq_ignore_ascii_case("content") {
                content = Some(value);
            }
        }
        let (Some(key), Some(content)) = (key, content) else {
            return;
        };
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "og:title" => set_once(&mut self.og_title, clean_value(content)),
            "twitter:title" | "title" | "headline" => {
                set_once(&mut self.meta_title, clean_value(content))
            }
            "og:site_name" => set_once(&mut self.og_site_name, clean_value(content)),
            "application-name" => set_once(&mut self.application_name, clean_value(content)),
            "og:url" => set_once(&mut self.og_url, clean_value(content)),
            "parsely-page" => {
                // A JSON object with `pub_date` and `title`.
                if let Ok(value) = serde_json::from_str::<Value>(&decode(content)) {
                    if let Some(date) = value.get("pub_date").and_then(Value::as_str) {
                        self.offer_meta_date(5, date);
                    }
                }
            }
            _ => {
                if let Some(rank) = DATE_KEYS.iter().position(|k| *k == key) {
                    self.offer_meta_date(rank as u8, content);
                }
            }
        }
    }

    fn offer_meta_date(&mut self, rank: u8, raw: &str) {
        let Some(date) = iso_date(&decode(raw)) else {
            return;
        };
        match &self.meta_date {
            Some((best, _)) if *best <= rank => {}
            _ => self.meta_date = Some((rank, date)),
        }
    }

    /// A `<link>` tag's raw attributes.
    pub fn on_link(&mut self, raw_attrs: &str) {
        let mut is_canonical = false;
        let mut href = None;
        for (name, value) in attrs(raw_attrs) {
            if name.eq_ignore_ascii_case("rel") {
                is_canonical = value
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("canonical"));
            } else if name.eq_ignore_ascii_case("href") {
                href = Some(value);
            }
        }
        if is_canonical {
            set_once(&mut self.canonical, href.and_then(clean_value));
        }
    }

    /// A `<time>` tag's raw attributes; the first parsable `datetime` counts.
    pub fn on_time(&mut self, raw_attrs: &str) {
        if self.time_date.is_some() {
            return;
        }
        if let Some((_, value)) = attrs(raw_attrs).find(|(n, _)| n.eq_ignore_ascii_case("datetime"))
        {
            self.time_date = iso_date(&decode(value));
        }
    }

    /// The text of the document's `<title>`.
    pub fn on_title(&mut self, raw_text: &str) {
        set_once(&mut self.html_title, clean_value(raw_text));
    }

    /// The text of the first `<h1>`.
    pub fn on_h1(&mut self, text: &str) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            set_once(&mut self.first_h1, Some(text));
        }
    }

    pub fn has_h1(&self) -> bool {
        self.first_h1.is_some()
    }

    /// The content of a `<script type="application/ld+json">`.
    pub fn on_json_ld(&mut self, raw: &str) {
        // Pages often put raw line breaks inside JSON strings; they are not
        // valid JSON but carry no meaning, so they become spaces.
        let sanitized: String = raw
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let Ok(value) = serde_json::from_str::<Value>(sanitized.trim()) else {
            return;
        };
        self.walk_json_ld(&value, 0);
    }

    fn walk_json_ld(&mut self, value: &Value, depth: usize) {
        if depth > 6 {
            return;
        }
        match value {
            Value::Array(items) => {
                for item in items {
                    self.walk_json_ld(item, depth + 1);
                }
            }
            Value::Object(object) => {
                if let Some(graph) = object.get("@graph") {
                    self.walk_json_ld(graph, depth + 1);
                }
                let is_article = object.get("@type").is_some_and(|kind| {
                    let names: Vec<&str> = match kind {
                        Value::String(name) => vec![name.as_str()],
                        Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
                        _ => Vec::new(),
                    };
                    names.iter().any(|name| {
                        name.contains("Article") || name.contains("Posting") || *name == "Report"
                    })
                });
                if is_article || self.ld_date.is_none() {
                    if let Some(date) = object
                        .get("datePublished")
                        .or_else(|| object.get("dateCreated"))
                        .and_then(Value::as_str)
                        .and_then(|raw| iso_date(&decode(raw)))
                    {
                        if is_article || self.ld_date.is_none() {
                            self.ld_date = Some(date);
                        }
                    }
                }
                if is_article {
                    if let Some(headline) = object.get("headline").and_then(Value::as_str) {
                        set_once(&mut self.ld_headline, clean_value(headline));
                    }
                }
                if let Some(publisher) = object.get("publisher") {
                    let name = match publisher {
                        Value::Object(p) => p.get("name").and_then(Value::as_str),
                        Value::Array(ps) => ps
                            .first()
                            .and_then(|p| p.get("name"))
                            .and_then(Value::as_str),
                        Value::String(name) => Some(name.as_str()),
                        _ => None,
                    };
                    set_once(&mut self.ld_publisher, name.and_then(clean_value));
                }
            }
            _ => {}
        }
    }

    pub fn finish(self) -> Metadata {
        let title = self.og_title.or(self.ld_headline).or(self.meta_title).or(
            match (self.first_h1, self.html_title) {
                // The first `<h1>` is the headline when `<title>` repeats it
                // (with the site name); otherwise it is often a section name.
                (Some(h1), Some(title)) if title.contains(h1.as_str()) => Some(h1),
                (_, Some(title)) => Some(strip_site_suffix(&title)),
                (h1, None) => h1,
            },
        );
        let url = self
            .canonical
            .filter(|u| is_absolute_url(u))
            .or(self.og_url.filter(|u| is_absolute_url(u)));
        Metadata {
            title,
            published: self
                .meta_date
                .map(|(_, date)| date)
                .or(self.ld_date)
                .or(self.time_date),
            site_name: self
                .og_site_name
                .or(self.ld_publisher)
                .or(self.application_name),
            url,
        }
    }
}

fn set_once(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn is_absolute_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `"Headline | Site"` → `"Headline"`: the longest part around a separator.
fn strip_site_suffix(title: &str) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if title.contains(separator) {
            if let Some(longest) = title.split(separator).max_by_key(|part| part.len()) {
                return longest.trim().to_string();
            }
        }
    }
    title.to_string()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Normalise a date string to ISO: `YYYY-MM-DD`, plus `THH:MM[:SS]` and the
/// zone when the input is ISO with a time. `None` if it is not a date.
pub fn iso_date(raw: &str) -> Option<String> {
    let text = raw.trim();
    let bytes = text.as_bytes();
    let digits_at = |from: usize, count: usize| {
        bytes.len() >= from + count && bytes[from..from + count].iter().all(u8::is_ascii_digit)
    };
    let number = |from: usize, count: usize| -> u32 {
        bytes[from..from + count]
            .iter()
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
    if digits_at(0, 4)
        && digits_at(5, 2)
        && digits_at(8, 2)
        && matches!(bytes[4], b'-' | b'/' | b'.')
        && bytes[7] == bytes[4]
    {
        let (year, month, day) = (number(0, 4), number(5, 2), number(8, 2));
        let mut out = ymd(year, month, day)?;
        // Time part: `T` or space, HH:MM, optional :SS, fraction, zone.
        if bytes.len() >= 16
            && matches!(bytes[10], b'T' | b' ')
            && digits_at(11, 2)
            && bytes[13] == b':'
            && digits_at(14, 2)
        {
            out.push('T');
            out.push_str(&text[11..16]);
            let mut at = 16;
            if bytes.get(at) == Some(&b':') && digits_at(at + 1, 2) {
                out.push_str(&text[at..at + 3]);
                at += 3;
            }
            if bytes.get(at) == Some(&b'.') {
                at += 1;
                while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                    at += 1;
                }
            }
            match bytes.get(at) {
                Some(b'Z') => out.push('Z'),
                Some(b'+' | b'-') if digits_at(at + 1, 2) => {
                    out.push_str(&text[at..at + 3]);
                    let minutes = if bytes.get(at + 3) == Some(&b':') {
                        at + 4
                    } else {
                        at + 3
                    };
                    out.push(':');
                    if digits_at(minutes, 2) {
                        out.push_str(&text[minutes..minutes + 2]);
                    } else {
                        out.push_str("00");
                    }
                }
                _ => {}
            }
        }
        return Some(out);
    }
    // YYYYMMDD
    if digits_at(0, 8) && !digits_at(8, 1) {
        return ymd(number(0, 4), number(4, 2), number(6, 2));
    }
    // Month names: "Nov 19, 2019", "19 November 2019", "Tue, 19 Nov 2019 10:00 GMT".
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let month = words.iter().find_map(|word| {
        let lower = word.to_ascii_lowercase();
        (lower.len() >= 3)
            .then(|| MONTHS.iter().position(|m| lower.starts_with(m)))
            .flatten()
    })?;
    let year = words
        .iter()
        .filter(|w| w.len() == 4)
        .find_map(|w| w.parse::<u32>().ok())?;
    let day = words
        .iter()
        .filter(|w| w.len() <= 2)
        .find_map(|w| w.parse::<u32>().ok())?;
    ymd(year, month as u32 + 1, day)
}

fn ymd(year: u32, month: u32, day: u32) -> Option<String> {
    ((1800..=2200).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_in_common_shapes() {
        assert_eq!(iso_date("2019-11-19").as_deref(), Some("2019-11-19"));
        assert_eq!(
            iso_date("2019-11-19T05:00:00.000Z").as_deref(),
            Some("2019-11-19T05:00:00Z")
        );
        assert_eq!(
            iso_date("2019-11-19T05:00:00-0500").as_deref(),
            Some("2019-11-19T05:00:00-05:00")
        );
        assert_eq!(iso_date("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("Nov. 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(
            iso_date("Tue, 19 Nov 2019 10:00:00 GMT").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(iso_date("yesterday"), None);
        assert_eq!(iso_date("2019-13-45"), None);
        assert_eq!(iso_date("2019-1"), None);
    }

    #[test]
    fn title_suffix_is_stripped() {
        assert_eq!(
            strip_site_suffix("Big news today | The Daily"),
            "Big news today"
        );
    }
}
