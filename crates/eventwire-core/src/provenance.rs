//! Provenance: who published an article and whom it relays.
//!
//! The publisher is the dateline agency ("(MINA)"), else the site name from
//! the page metadata. Relayed sources are news outlets the text credits:
//! "MINA reported, quoting Anadolu Agency", "according to the IRNA news
//! agency", "the Tasnim news agency reported", and agency credits closing a
//! paragraph ("(AA)"). Being quoted by an outlet ("told Reuters") is not a
//! relay and is left out.

use std::sync::LazyLock;

use memchr::memmem;

use crate::document::{Dateline, Source, SourceRelation};

/// A news agency: its usual short name, its full name, and other names.
struct Agency {
    short: &'static str,
    full: &'static str,
    aliases: &'static [&'static str],
}

const fn agency(
    short: &'static str,
    full: &'static str,
    aliases: &'static [&'static str],
) -> Agency {
    Agency {
        short,
        full,
        aliases,
    }
}

/// Wire services and national news agencies that newswires cite. Short names
/// of two to five capitals match only as written; longer names match
/// regardless of case.
const AGENCIES: &[Agency] = &[
    agency("Reuters", "Reuters", &["Thomson Reuters", "Reuter"]),
    agency("AP", "Associated Press", &["The Associated Press"]),
    agency("AFP", "Agence France-Presse", &["Agence France Presse"]),
    agency(
        "AA",
        "Anadolu Agency",
        &["Anadolu", "Anadolu Ajansi", "Anadolu News Agency"],
    ),
    agency("Xinhua", "Xinhua News Agency", &["New China News Agency"]),
    agency("TASS", "TASS", &["ITAR-TASS"]),
    agency("RIA", "RIA Novosti", &["RIA-Novosti"]),
    agency("Interfax", "Interfax", &[]),
    agency("Sputnik", "Sputnik", &[]),
    agency("IRNA", "Islamic Republic News Agency", &[]),
    agency(
        "ISNA",
        "Iranian Students' News Agency",
        &["Iranian Students News Agency"],
    ),
    agency("Tasnim", "Tasnim News Agency", &[]),
    agency("Fars", "Fars News Agency", &[]),
    agency("Mehr", "Mehr News Agency", &[]),
    agency("KCNA", "Korean Central News Agency", &[]),
    agency("Yonhap", "Yonhap News Agency", &[]),
    agency("Kyodo", "Kyodo News", &[]),
    agency("Jiji", "Jiji Press", &[]),
    agency("CNA", "Central News Agency", &[]),
    agency("PTI", "Press Trust of India", &[]),
    agency("ANI", "Asian News International", &[]),
    agency("IANS", "Indo-Asian News Service", &[]),
    agency("UNI", "United News of India", &[]),
    agency("UPI", "United Press International", &[]),
    agency(
        "dpa",
        "Deutsche Presse-Agentur",
        &["DPA", "Deutsche Presse Agentur"],
    ),
    agency("EFE", "Agencia EFE", &[]),
    agency("ANSA", "Agenzia Nazionale Stampa Associata", &[]),
    agency("AGI", "Agenzia Giornalistica Italia", &[]),
    agency("Lusa", "Agência Lusa", &["Agencia Lusa"]),
    agency("Belga", "Belga", &[]),
    agency("ANP", "Algemeen Nederlands Persbureau", &[]),
    agency("APA", "Austria Presse Agentur", &[]),
    agency("CTK", "Czech News Agency", &[]),
    agency("PAP", "Polish Press Agency", &[]),
    agency("MTI", "Hungarian News Agency", &[]),
    agency("BTA", "Bulgarian News Agency", &[]),
    agency("Tanjug", "Tanjug", &[]),
    agency("Ukrinform", "Ukrinform", &[]),
    agency("UNIAN", "UNIAN", &[]),
    agency("BelTA", "Belarusian Telegraph Agency", &[]),
    agency(
        "MINA",
        "Mi'raj Islamic News Agency",
        &["Mi'raj News Agency", "MINA News Agency"],
    ),
    agency("SANA", "Syrian Arab News Agency", &[]),
    agency("WAM", "Emirates News Agency", &[]),
    agency("SPA", "Saudi Press Agency", &[]),
    agency("QNA", "Qatar News Agency", &[]),
    agency("KUNA", "Kuwait News Agency", &[]),
    agency("BNA", "Bahrain News Agency", &[]),
    agency("ONA", "Oman News Agency", &[]),
    agency("MENA", "Middle East News Agency", &[]),
    agency("Petra", "Jordan News Agency", &[]),
    agency("NNA", "National News Agency", &[]),
    agency("INA", "Iraqi News Agency", &[]),
    agency("WAFA", "Palestinian News and Info Agency", &["Wafa"]),
    agency("Ma'an", "Ma'an News Agency", &[]),
    agency("SUNA", "Sudan News Agency", &[]),
    agency("Saba", "Saba News Agency", &[]),
    agency("MAP", "Maghreb Arabe Presse", &[]),
    agency("APS", "Algeria Press Service", &[]),
    agency("TAP", "Tunis Afrique Presse", &[]),
    agency("Bernama", "Bernama", &[]),
    agency("Antara", "Antara", &["Antara News Agency"]),
    agency("PNA", "Philippine News Agency", &[]),
    agency("VNA", "Vietnam News Agency", &[]),
    agency("APP", "Associated Press of Pakistan", &[]),
    agency("BSS", "Bangladesh Sangbad Sangstha", &[]),
    agency("AAP", "Australian Associated Press", &[]),
    agency("CP", "Canadian Press", &["The Canadian Press"]),
    agency("NAN", "News Agency of Nigeria", &[]),
    agency("KNA", "Kenya News Agency", &[]),
    agency("ENA", "Ethiopian News Agency", &[]),
    agency("PANA", "Panapress", &["Pan-African News Agency"]),
    agency(
        "DHA",
        "Demiroren News Agency",
        &["Doğan News Agency", "Dogan News Agency"],
    ),
    agency("IHA", "Ihlas News Agency", &[]),
    agency("Bloomberg", "Bloomberg", &["Bloomberg News"]),
    agency("CNN", "Cable News Network", &[]),
    agency("BBC", "British Broadcasting Corporation", &["BBC News"]),
    agency("NHK", "Japan Broadcasting Corporation", &[]),
    agency("Al Jazeera", "Al Jazeera", &["Aljazeera"]),
    agency("Al Arabiya", "Al Arabiya", &[]),
    agency(
        "PRNewswire",
        "PR Newswire",
        &["PRNewswire-FirstCall", "PRNewswire-USNewswire"],
    ),
    agency("Business Wire", "Business Wire", &["BUSINESS WIRE"]),
    agency("GLOBE NEWSWIRE", "GlobeNewswire", &["Globe Newswire"]),
    agency("CNW", "Canada Newswire", &["CNW Group"]),
    agency("Dow Jones", "Dow Jones Newswires", &[]),
];

/// Straight apostrophes and single spaces, so "Mi’raj" matches "Mi'raj".
/// Borrows when there is nothing to change, the usual case.
fn fold(name: &str) -> std::borrow::Cow<'_, str> {
    let curly = |c: char| matches!(c, '’' | '‘' | 'ʼ' | '`');
    let plain = !name.contains(curly)
        && !name.contains("  ")
        && !name.contains(|c: char| c.is_whitespace() && c != ' ');
    if plain {
        return std::borrow::Cow::Borrowed(name);
    }
    let straight: String = name
        .chars()
        .map(|c| if curly(c) { '\'' } else { c })
        .collect();
    std::borrow::Cow::Owned(straight.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether a short name must match exactly as written: "AP" but not "Ap",
/// "dpa" but not "Dpa".
fn is_code(name: &str) -> bool {
    name.len() <= 5 && !name.chars().skip(1).any(char::is_lowercase)
        || name.chars().all(char::is_lowercase)
}

/// Longest name in the agency table; longer text is no agency name.
const MAX_AGENCY_NAME_BYTES: usize = 40;

fn agency_index(name: &str) -> Option<usize> {
    let name = name.trim();
    if name.is_empty() || name.len() > 2 * MAX_AGENCY_NAME_BYTES {
        return None;
    }
    let name = fold(name);
    // The table is written with straight apostrophes and single spaces.
    AGENCIES.iter().position(|agency| {
        std::iter::once(agency.short)
            .chain(std::iter::once(agency.full))
            .chain(agency.aliases.iter().copied())
            .any(|known| {
                // Both comparisons need equal lengths; checking that first
                // skips most names cheaply.
                if known.len() != name.len() {
                    false
                } else if is_code(known) {
                    known == name
                } else {
                    known.eq_ignore_ascii_case(&name)
                }
            })
    })
}

/// Whether `name` is a known news agency, by short name ("AA", "dpa") or
/// full name ("Anadolu Agency").
pub fn is_known_agency(name: &str) -> bool {
    agency_index(name).is_some()
}

/// The full name of a known agency ("AA" -> "Anadolu Agency").
pub fn agency_full_name(name: &str) -> Option<&'static str> {
    agency_index(name).map(|index| AGENCIES[index].full)
}

/// Key under which two names of one source count as the same.
fn source_key(name: &str) -> String {
    if let Some(index) = agency_index(name) {
        return format!("#{index}");
    }
    let folded = fold(name.trim()).to_lowercase();
    let trimmed = folded
        .trim_start_matches("the ")
        .trim_end_matches(" news agency")
        .trim_end_matches(" agency");
    if let Some(index) = agency_index(trimmed) {
        return format!("#{index}");
    }
    trimmed.to_string()
}

/// Last words that make a name an outlet rather than a person or office.
const OUTLET_WORDS: &[&str] = &[
    "Agency",
    "News",
    "Press",
    "Presse",
    "Service",
    "Times",
    "Post",
    "Television",
    "TV",
    "Radio",
    "Herald",
    "Journal",
    "Gazette",
    "Daily",
    "Tribune",
    "Network",
    "Channel",
    "Broadcasting",
    "Newswire",
    "Newswires",
    "Telegraph",
    "Guardian",
    "Observer",
    "Express",
    "Chronicle",
    "Agencia",
    "Agenzia",
];

/// Whether a credited name is a news outlet: a known agency, or a name
/// ending in an outlet word ("Tasnim News Agency", "Al Arabiya TV").
fn is_outlet(name: &str) -> bool {
    is_known_agency(name)
        || name
            .split_whitespace()
            .last()
            .is_some_and(|last| OUTLET_WORDS.contains(&last))
}

/// Relay cues, lowercase: those a name follows ("quoting Anadolu Agency")
/// and those a name precedes ("the Tasnim news agency reported").
const LEADING_CUES: [&str; 4] = ["quoting ", "according to ", "reported by ", "citing "];
const TRAILING_CUES: [&str; 4] = [" news agency", " reported", " quoted", " cited"];

/// Searchers for the cues, built once: building one costs about as much as
/// searching a short article.
static CUE_FINDERS: LazyLock<[[memmem::Finder<'static>; 4]; 2]> =
    LazyLock::new(|| [LEADING_CUES, TRAILING_CUES].map(|cues| cues.map(memmem::Finder::new)));

/// Sources of an article: the publisher (dateline agency, site name) and
/// those it relays ("X reported, quoting Y", "according to Y news agency").
pub fn find_sources(
    text: &str,
    dateline: Option<&Dateline>,
    site_name: Option<&str>,
) -> Vec<Source> {
    let mut sources = Sources::default();
    let publisher = dateline
        .and_then(|d| d.agency.as_deref())
        .or(site_name)
        .map(str::trim)
        .filter(|name| !name.is_empty());
    if let Some(name) = publisher {
        sources.add(name, SourceRelation::Publisher);
    }
    // Credits are collected with their positions and added in text order.
    let mut credits: Vec<(usize, Credit)> = Vec::new();
    // ASCII lowercasing keeps byte offsets, so matches index `text` directly.
    let lower = text.to_ascii_lowercase();
    let [leading_cues, trailing_cues] = &*CUE_FINDERS;
    for finder in leading_cues {
        let cue = finder.needle();
        // No cue overlaps itself, so these are the matches `match_indices`
        // would give, found by a vectorised search.
        for at in finder.find_iter(lower.as_bytes()) {
            if at > 0 && lower.as_bytes()[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            if let Some(name) = name_after(text, at + cue.len()) {
                credits.push((at, Credit::IfOutlet(name)));
            }
        }
    }
    for finder in trailing_cues {
        let cue = finder.needle();
        for at in finder.find_iter(lower.as_bytes()) {
            let after = at + cue.len();
            if lower
                .as_bytes()
                .get(after)
                .is_some_and(u8::is_ascii_alphanumeric)
            {
                continue;
            }
            // "the French news agency AFP", "Russian News Agency Interfax",
            // "Italian news agency Apcom": the name may follow the cue.
            let before = name_before(text, at);
            // "told Reuters news agency", "told the French news agency AFP":
            // the outlet interviewed someone; it relays nothing.
            let phrase_start = before.as_ref().map_or(at + 1, |(start, _)| *start);
            if is_interviewer(text, phrase_start) {
                continue;
            }
            let named_after = if cue == b" news agency"
                && text.get(after..).is_some_and(|r| r.starts_with(' '))
            {
                name_after(text, after + 1)
            } else {
                None
            };
            if let Some(named) = named_after.as_ref().filter(|n| is_known_agency(n)) {
                credits.push((after + 1, Credit::Agency(named.clone())));
                continue;
            }
            let lowercase_cue = text[at + 1..after].starts_with('n');
            let described = match &before {
                Some((_, n)) => !is_known_agency(n) && looks_like_demonym(n),
                None => true,
            };
            if lowercase_cue && described {
                if let Some(named) = named_after {
                    credits.push((after + 1, Credit::Agency(named)));
                }
                continue;
            }
            let Some((name_start, name)) = before else {
                continue;
            };
            let credit = if cue == b" news agency" {
                // "Mi’raj Islamic News Agency" is the name; in "the Tasnim
                // news agency" the name is the part before, unless that is a
                // nationality ("the Italian news agency").
                let written = &text[at + 1..after];
                if written.starts_with('N') {
                    Credit::Agency(format!("{name} {written}"))
                } else {
                    Credit::Agency(name)
                }
            } else {
                Credit::IfOutlet(name)
            };
            credits.push((name_start, credit));
        }
    }
    // A closing credit ends in ")", so only lines holding one are looked at.
    let bytes = text.as_bytes();
    let mut line_end = 0;
    for close in memchr::memchr_iter(b')', bytes) {
        if close < line_end {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..close]).map_or(0, |i| i + 1);
        line_end = memchr::memchr(b'\n', &bytes[close..]).map_or(text.len(), |i| close + i + 1);
        // Both ends sit next to ASCII bytes, so they are char boundaries.
        let Some(credit) = text.get(line_start..line_end).and_then(closing_credit) else {
            continue;
        };
        for part in credit.split('/') {
            let part = part.trim();
            if is_known_agency(part) {
                credits.push((line_end, Credit::Agency(part.to_string())));
            }
        }
    }
    credits.sort_by_key(|(at, _)| *at);
    for (_, credit) in credits {
        match credit {
            Credit::IfOutlet(name) => sources.add_relayed(&name),
            Credit::Agency(name) => sources.add(&name, SourceRelation::Quoted),
        }
    }
    sources.list
}

/// A name the text credits, before it is checked.
enum Credit {
    /// Named by a relay cue; kept when it is an outlet.
    IfOutlet(String),
    /// Named as an agency ("the Tasnim news agency", "(AA)").
    Agency(String),
}

#[derive(Default)]
struct Sources {
    list: Vec<Source>,
    keys: Vec<String>,
}

impl Sources {
    fn add(&mut self, name: &str, relation: SourceRelation) {
        // A name seen before needs no key: repeats are common in long texts.
        if self.list.iter().any(|source| source.name == name) {
            return;
        }
        let key = source_key(name);
        if key.is_empty() || self.keys.contains(&key) {
            return;
        }
        self.keys.push(key);
        self.list.push(Source {
            name: name.to_string(),
            relation,
        });
    }

    /// A name credited by a relay cue: kept when it is an outlet.
    fn add_relayed(&mut self, name: &str) {
        if is_outlet(name) {
            self.add(name, SourceRelation::Quoted);
        }
    }
}

/// Whether the words before byte `start` make what follows the one spoken
/// to ("told the ...", "in an interview with ...", "spoke to ...").
fn is_interviewer(text: &str, start: usize) -> bool {
    const LOOK_BACK: usize = 48;
    let Some(head) = text.get(..start) else {
        return false;
    };
    let mut from = start.saturating_sub(LOOK_BACK);
    while !head.is_char_boundary(from) {
        from += 1;
    }
    let mut words = head[from..]
        .split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "state-run" | "official"));
    let nearest = words.next().unwrap_or_default();
    let next = words.next().unwrap_or_default();
    matches!(nearest.as_str(), "told" | "tell" | "tells" | "telling")
        || (nearest == "with" && next == "interview")
        || (nearest == "to"
            && matches!(
                next.as_str(),
                "spoke" | "speaking" | "talking" | "talked" | "said"
            ))
}

/// Nationality adjectives ("French", "Iranian", "Chinese", "Iraqi"), which
/// describe an agency rather than name it.
fn looks_like_demonym(name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    ["an", "ese", "ish", "ch", "i", "ic", "ek", "ai"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Leading words of a credited name that are not part of it.
fn is_skippable_lead(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "state"
            | "state-run"
            | "state-owned"
            | "official"
            | "semi-official"
            | "semiofficial"
            | "government-run"
            | "pro-government"
            | "independent"
            | "private"
            | "privately-owned"
    )
}

/// Lowercase words allowed inside a name ("Press Trust of India").
fn is_name_connector(word: &str) -> bool {
    matches!(word, "of" | "de" | "du" | "la" | "al" | "for" | "and" | "&")
}

fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Characters a name word is made of.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '&')
}

/// The capitalised name starting at byte `at` ("Anadolu Agency", "the
/// IRNA news agency" -> "IRNA"); a possessive owner is dropped ("Turkey's
/// Anadolu Agency" -> "Anadolu Agency").
fn name_after(text: &str, at: usize) -> Option<String> {
    const MAX_WORDS: usize = 7;
    let rest = text.get(at..)?;
    let mut words: Vec<&str> = Vec::new();
    let mut seen_lead = 0;
    for raw in rest.split([' ', '\u{a0}']).take(MAX_WORDS + 4) {
        let (raw, line_ends) = match raw.find('\n') {
            Some(i) => (&raw[..i], true),
            None => (raw, false),
        };
        let word = raw.trim_end_matches(|c: char| !is_name_char(c) || c == '.');
        let ends_phrase = line_ends || word.len() != raw.len();
        if words.is_empty() && is_skippable_lead(word) && seen_lead < 3 {
            seen_lead += 1;
            continue;
        }
        if word.is_empty() || word.starts_with(|c: char| !is_name_char(c)) {
            break;
        }
        if is_name_word(word) || (!words.is_empty() && is_name_connector(word)) {
            if word.ends_with("'s") || word.ends_with("’s") {
                words.clear();
            } else {
                words.push(word);
            }
        } else if word == "news" && !words.is_empty() {
            // "the IRNA news agency": the name is the part before.
            break;
        } else {
            break;
        }
        if ends_phrase || words.len() >= MAX_WORDS {
            break;
        }
    }
    while words.last().is_some_and(|w| is_name_connector(w)) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The capitalised name ending just before byte `at` ("Tasnim" in "the
/// Tasnim news agency reported"; "MINA" in "(MINA) reported").
fn name_before(text: &str, at: usize) -> Option<(usize, String)> {
    const MAX_WORDS: usize = 6;
    const LOOK_BACK: usize = 120;
    let head = text.get(..at)?;
    let mut from = at.saturating_sub(LOOK_BACK);
    while !head.is_char_boundary(from) {
        from += 1;
    }
    if let Some(newline) = head[from..].rfind('\n') {
        from += newline + 1;
    }
    let window = &head[from..];
    // Words with their offsets in `window`, any whitespace between them.
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut token_start = None;
    for (i, c) in window.char_indices() {
        match (c.is_whitespace(), token_start) {
            (true, Some(start)) => {
                tokens.push((start, &window[start..i]));
                token_start = None;
            }
            (false, None) => token_start = Some(i),
            _ => {}
        }
    }
    if let Some(start) = token_start {
        tokens.push((start, &window[start..]));
    }
    let mut words: Vec<(usize, &str)> = Vec::new();
    for &(offset, raw) in tokens.iter().rev() {
        if let Some(code) = raw.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
            // "Mi’raj Islamic News Agency (MINA) reported"
            if words.is_empty() && is_name_word(code) {
                return Some((from + offset + 1, code.to_string()));
            }
            break;
        }
        if raw.ends_with([',', '.', ';', ':', '"', '”', ')']) {
            break;
        }
        if is_name_word(raw) || (!words.is_empty() && is_name_connector(raw)) {
            words.push((offset, raw));
        } else {
            break;
        }
        if words.len() >= MAX_WORDS {
            break;
        }
    }
    while words.last().is_some_and(|(_, w)| is_name_connector(w)) {
        words.pop();
    }
    words.reverse();
    // A sentence-initial "The" is not part of the name.
    if words.first().is_some_and(|(_, w)| *w == "The") {
        words.remove(0);
    }
    let start = from + words.first()?.0;
    let name = words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
    Some((start, name))
}

/// The agency credit closing a paragraph: "... the ministry said. (AA)".
fn closing_credit(line: &str) -> Option<&str> {
    const MAX_CREDIT_BYTES: usize = 30;
    let trimmed = line.trim_end().trim_end_matches('.');
    let inner_end = trimmed.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let inner = &inner_end[open + 1..];
    (inner.len() <= MAX_CREDIT_BYTES && !inner.is_empty()).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_table_is_written_plainly() {
        for agency in AGENCIES {
            for name in [agency.short, agency.full].iter().chain(agency.aliases) {
                assert_eq!(
                    fold(name),
                    *name,
                    "write {name:?} with straight apostrophes and single spaces"
                );
                assert!(name.len() <= MAX_AGENCY_NAME_BYTES, "{name}");
                assert_eq!(
                    agency_index(name).map(|i| AGENCIES[i].short),
                    Some(agency.short),
                    "{name}"
                );
            }
        }
    }
}
