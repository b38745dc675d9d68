//! Names inside entity mentions, for in-article coreference: the name part
//! of a mention (titles, determiners, roles and company suffixes taken off),
//! its normalised words, its acronym, and the word lists the resolver uses.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Coarse entity class: mentions only join clusters of a compatible class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Group {
    Person,
    Org,
    /// GPE, LOC and FAC: taggers disagree between them for one place.
    Place,
    Norp,
    Misc,
}

impl Group {
    pub(super) fn of(kind: &str) -> Group {
        match kind {
            "PERSON" | "PER" => Group::Person,
            "ORG" => Group::Org,
            "GPE" | "LOC" | "FAC" => Group::Place,
            "NORP" => Group::Norp,
            _ => Group::Misc,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Unknown,
    Male,
    Female,
}

impl Gender {
    /// Combine two pieces of evidence; disagreement leaves it unknown.
    pub(super) fn merge(self, other: Gender) -> Gender {
        match (self, other) {
            (Gender::Unknown, g) | (g, Gender::Unknown) => g,
            (a, b) if a == b => a,
            _ => Gender::Unknown,
        }
    }

    pub(super) fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// One word of a mention: byte span in the document and its text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece<'a> {
    pub start: u32,
    pub end: u32,
    pub text: &'a str,
}

/// What a mention says about the name it holds.
#[derive(Debug, Clone)]
pub(super) struct Name {
    /// Lowercased words without periods, hyphenated words split: the match form.
    pub words: Vec<String>,
    /// `words` joined by spaces.
    pub key: String,
    /// Byte span of the name part in the document (canonical text source),
    /// with a company suffix if written.
    pub start: u32,
    pub end: u32,
    /// Number of name words as written (fullness, for choosing the canonical name).
    pub written_words: usize,
    /// A single word in capitals ("UN", "U.N.", "ISSG"): its dotless form.
    pub acronym_form: Option<String>,
    /// The initials of a name of two or more words ("United Nations" -> "UN").
    pub derived_acronym: Option<String>,
    /// A capitals word in parentheses inside the mention ("Air Force (USAF").
    pub paren_alias: Option<String>,
    /// Title or description written inside the mention ("Senator", "Airbus chief executive").
    pub inner_role: Option<(u32, u32)>,
    /// Gender shown by an honorific or a gendered title inside the mention.
    pub gender: Gender,
    /// The name is written in capitals (dots aside): short capital aliases need it.
    pub capitals: bool,
}

/// Lowercase connectors that may stand inside a name ("Bank of America", "bin Laden").
pub(super) fn is_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "and"
            | "for"
            | "the"
            | "de"
            | "du"
            | "da"
            | "das"
            | "dos"
            | "del"
            | "della"
            | "di"
            | "der"
            | "den"
            | "van"
            | "von"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "la"
            | "le"
            | "les"
            | "y"
            | "on"
            | "in"
            | "upon"
            | "at"
            | "&"
            | "'s"
            | "’s"
    )
}

fn is_determiner(lower: &str) -> bool {
    matches!(lower, "the" | "a" | "an")
}

/// Honorifics: not roles, but they tell the gender.
pub(super) fn honorific_gender(word: &str) -> Option<Gender> {
    let word = word.trim_end_matches('.');
    match word.to_ascii_lowercase().as_str() {
        "mr" | "sir" | "lord" | "messrs" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "madame" | "mme" | "dame" | "lady" => {
            Some(Gender::Female)
        }
        "dr" | "prof" => Some(Gender::Unknown),
        _ => None,
    }
}

/// Gender carried by a title or role word ("spokeswoman", "King").
pub(super) fn role_word_gender(lower: &str) -> Gender {
    match lower {
        "spokeswoman" | "chairwoman" | "congresswoman" | "businesswoman" | "queen" | "princess"
        | "actress" | "mother" | "wife" | "sister" | "daughter" | "widow" | "grandmother"
        | "stateswoman" | "policewoman" | "countess" | "duchess" | "empress" | "girl" | "woman" => {
            Gender::Female
        }
        "spokesman" | "chairman" | "congressman" | "businessman" | "king" | "prince" | "actor"
        | "father" | "husband" | "brother" | "son" | "widower" | "grandfather" | "statesman"
        | "policeman" | "count" | "duke" | "emperor" | "boy" | "man" | "emir" | "sheikh"
        | "pope" | "ayatollah" | "imam" | "sultan" => Gender::Male,
        _ => Gender::Unknown,
    }
}

/// Word lists built once from the constants and data files of this module.
pub(super) struct Lexicon {
    pub person_heads: HashSet<&'static str>,
    pub org_heads: HashSet<&'static str>,
    pub modifiers: HashSet<&'static str>,
    pub speech_verbs: HashSet<&'static str>,
    /// Normalised alias key -> (alias entry number, written in capitals).
    pub aliases: HashMap<String, (u32, bool)>,
    pub first_names: HashMap<&'static str, Gender>,
}

const ALIASES_TSV: &str = include_str!("aliases.tsv");
const FIRST_NAMES_TSV: &str = include_str!("coref_first_names.tsv");

/// Nouns that head a title or description of a person.
const PERSON_HEADS: &[&str] = &[
    "activist",
    "actor",
    "actress",
    "administrator",
    "admiral",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "anchor",
    "archbishop",
    "assistant",
    "attorney",
    "author",
    "ayatollah",
    "banker",
    "bishop",
    "boss",
    "brother",
    "businessman",
    "businesswoman",
    "candidate",
    "captain",
    "cardinal",
    "ceo",
    "cfo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "cleric",
    "co-founder",
    "coach",
    "colonel",
    "columnist",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "consul",
    "consultant",
    "coo",
    "coordinator",
    "correspondent",
    "councillor",
    "councilman",
    "councilor",
    "counsel",
    "counterpart",
    "cto",
    "delegate",
    "deputy",
    "diplomat",
    "director",
    "doctor",
    "economist",
    "editor",
    "emir",
    "envoy",
    "executive",
    "expert",
    "father",
    "founder",
    "general",
    "governor",
    "head",
    "imam",
    "inspector",
    "investigator",
    "journalist",
    "judge",
    "justice",
    "king",
    "lawmaker",
    "lawyer",
    "leader",
    "lieutenant",
    "major",
    "manager",
    "marshal",
    "mayor",
    "mediator",
    "mother",
    "member",
    "minister",
    "monitor",
    "negotiator",
    "nominee",
    "observer",
    "officer",
    "official",
    "owner",
    "partner",
    "player",
    "pope",
    "premier",
    "president",
    "president-elect",
    "priest",
    "prince",
    "princess",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rapporteur",
    "representative",
    "reporter",
    "researcher",
    "scientist",
    "secretary",
    "secretary-general",
    "senator",
    "sergeant",
    "sheikh",
    "sheriff",
    "singer",
    "sister",
    "soldier",
    "son",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "strategist",
    "sultan",
    "superintendent",
    "surgeon",
    "treasurer",
    "undersecretary",
    "vice-president",
    "widow",
    "wife",
    "writer",
    "husband",
    "daughter",
];

/// Nouns that head a description of an organisation.
const ORG_HEADS: &[&str] = &[
    "agency",
    "airframer",
    "airline",
    "alliance",
    "army",
    "automaker",
    "bank",
    "body",
    "broadcaster",
    "carmaker",
    "carrier",
    "chain",
    "channel",
    "charity",
    "coalition",
    "company",
    "competitor",
    "conglomerate",
    "consortium",
    "contractor",
    "corporation",
    "council",
    "developer",
    "division",
    "exchange",
    "faction",
    "firm",
    "force",
    "forces",
    "giant",
    "group",
    "insurer",
    "lender",
    "maker",
    "manufacturer",
    "militia",
    "ministry",
    "movement",
    "network",
    "newspaper",
    "operator",
    "organisation",
    "organization",
    "outfit",
    "parent",
    "party",
    "planemaker",
    "producer",
    "publisher",
    "regulator",
    "retailer",
    "rival",
    "subsidiary",
    "supplier",
    "unit",
    "watchdog",
    "website",
];

/// Words that modify a role head without a tagger ("foreign minister", "low cost airline").
const MODIFIERS: &[&str] = &[
    "acting",
    "aerospace",
    "affairs",
    "air",
    "aircraft",
    "airline",
    "armed",
    "army",
    "assistant",
    "associate",
    "aviation",
    "budget",
    "cabinet",
    "chief",
    "commercial",
    "communications",
    "cost",
    "county",
    "current",
    "defence",
    "defense",
    "deputy",
    "economic",
    "economy",
    "education",
    "energy",
    "executive",
    "federal",
    "finance",
    "financial",
    "flag",
    "foreign",
    "former",
    "founding",
    "general",
    "government",
    "health",
    "home",
    "human",
    "incoming",
    "industry",
    "intelligence",
    "interim",
    "interior",
    "international",
    "jihadist",
    "junior",
    "justice",
    "lead",
    "leading",
    "local",
    "longtime",
    "low",
    "low-cost",
    "managing",
    "media",
    "military",
    "militant",
    "national",
    "naval",
    "navy",
    "new",
    "news",
    "oil",
    "operating",
    "opposition",
    "outgoing",
    "peace",
    "police",
    "political",
    "press",
    "prime",
    "principal",
    "public",
    "rebel",
    "regional",
    "rights",
    "security",
    "senior",
    "special",
    "state",
    "then",
    "top",
    "trade",
    "veteran",
    "vice",
];

/// Verbs that introduce reported speech ("he said", "she told reporters").
const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "announced",
    "argued",
    "asked",
    "asserted",
    "cautioned",
    "claimed",
    "commented",
    "complained",
    "conceded",
    "concluded",
    "confirmed",
    "continued",
    "declared",
    "denied",
    "disclosed",
    "emphasised",
    "emphasized",
    "estimated",
    "explained",
    "insisted",
    "maintained",
    "noted",
    "notes",
    "predicted",
    "recalled",
    "reiterated",
    "remarked",
    "replied",
    "reported",
    "responded",
    "revealed",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "stressed",
    "suggested",
    "tells",
    "told",
    "tweeted",
    "underlined",
    "urged",
    "warned",
    "wrote",
    "writes",
];

impl Lexicon {
    /// The shared lexicon, parsed once on first use (immutable afterwards).
    pub(super) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut aliases = HashMap::new();
        let mut entry = 0u32;
        for line in ALIASES_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            for alias in line.split('\t').skip(1) {
                let alias = alias.trim();
                if alias.is_empty() {
                    continue;
                }
                let capitals = is_short_capitals(alias);
                // The first line naming an alias wins, so the table order decides clashes.
                aliases
                    .entry(normalise_key(alias))
                    .or_insert((entry, capitals));
            }
            entry += 1;
        }
        let mut first_names = HashMap::new();
        for line in FIRST_NAMES_TSV.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(name), Some(gender)) = (fields.next(), fields.next()) else {
                continue;
            };
            let gender = match gender.trim() {
                "M" => Gender::Male,
                "F" => Gender::Female,
                _ => continue,
            };
            first_names.insert(name.trim(), gender);
        }
        Lexicon {
            person_heads: PERSON_HEADS.iter().copied().collect(),
            org_heads: ORG_HEADS.iter().copied().collect(),
            modifiers: MODIFIERS.iter().copied().collect(),
            speech_verbs: SPEECH_VERBS.iter().copied().collect(),
            aliases,
            first_names,
        }
    }

    /// Is `lower` the head noun of a role for this class of entity?
    pub(super) fn is_head(&self, lower: &str, group: Group) -> bool {
        match group {
            Group::Person => self.person_heads.contains(lower),
            Group::Org => self.org_heads.contains(lower),
            _ => false,
        }
    }

    /// A title word inside a person mention ("Senator", "President"): a role, not a name.
    pub(super) fn is_person_title(&self, lower: &str) -> bool {
        let lower = lower.trim_end_matches('.');
        self.person_heads.contains(lower)
            || matches!(
                lower,
                "gen"
                    | "sen"
                    | "rep"
                    | "gov"
                    | "col"
                    | "lt"
                    | "capt"
                    | "sgt"
                    | "maj"
                    | "adm"
                    | "cmdr"
                    | "supt"
                    | "insp"
                    | "rev"
                    | "fr"
                    | "pres"
            )
    }

    /// The alias entry a name belongs to, honouring the capitals rule.
    pub(super) fn alias_entry(&self, name: &Name) -> Option<u32> {
        let (entry, capitals) = *self.aliases.get(&name.key)?;
        (!capitals || name.capitals).then_some(entry)
    }
}

/// A name of up to four letters written in capitals (dots aside): "US", "U.N.", "IS".
fn is_short_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| *c != '.').collect();
    !letters.is_empty()
        && letters.len() <= 4
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The match form of a name: lowercase, no periods, hyphens and spaces as one
/// separator, typographic apostrophes made plain, a leading "the" dropped.
pub(super) fn normalise_key(text: &str) -> String {
    let words = normalise_words(text.split_whitespace());
    let skip = usize::from(words.len() > 1 && words[0] == "the");
    words[skip..].join(" ")
}

fn normalise_words<'a>(pieces: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut words = Vec::new();
    for piece in pieces {
        let cleaned: String = piece
            .chars()
            .filter(|c| *c != '.')
            .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        for part in cleaned.split('-') {
            if !part.is_empty() {
                words.push(part.to_string());
            }
        }
    }
    words
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

fn is_punct(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| !c.is_alphanumeric())
}

fn is_possessive(text: &str) -> bool {
    matches!(text, "'s" | "’s" | "'" | "’" | "s'" | "'S")
}

/// A single word of 2-6 capitals or digits (with at least two capitals), dots aside.
pub(super) fn acronym_form(text: &str) -> Option<String> {
    let dotless: String = text.chars().filter(|c| *c != '.').collect();
    let n = dotless.chars().count();
    let capitals = dotless.chars().filter(|c| c.is_ascii_uppercase()).count();
    let ok = (2..=6).contains(&n)
        && capitals >= 2
        && dotless
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ok.then_some(dotless)
}

/// Score of a comma-separated part of a mention as the name part: many
/// capitalised words, few lowercase words, no role heads.
fn name_score(pieces: &[Piece], lexicon: &Lexicon) -> i32 {
    let mut score = 0;
    for piece in pieces {
        let lower = piece.text.to_lowercase();
        if lexicon.person_heads.contains(lower.as_str())
            || lexicon.org_heads.contains(lower.as_str())
        {
            score -= 3;
        } else if starts_upper(piece.text) {
            score += 1;
        } else if !is_connector(&lower) {
            score -= 1;
        }
    }
    score
}

/// Analyse the words of one mention of class `group`. `pieces` are the tokens
/// of the mention, in order; the result always has at least one word when
/// `pieces` holds a word.
pub(super) fn analyse(pieces: &[Piece], group: Group, lexicon: &Lexicon) -> Name {
    // "United States Air Force ( USAF": the name stops at the parenthesis, the
    // capitals inside become an alias.
    let mut name_part = pieces;
    let mut paren_alias = None;
    if let Some(open) = pieces.iter().position(|p| p.text == "(") {
        let inside: Vec<&Piece> = pieces[open + 1..]
            .iter()
            .take_while(|p| p.text != ")")
            .collect();
        if let [only] = inside.as_slice() {
            paren_alias = acronym_form(only.text);
        }
        if open > 0 {
            name_part = &pieces[..open];
        }
    }
    // "Joe Leonard, Chairman of AirTran": choose the part that looks like the name.
    let mut role_parts: Vec<(u32, u32)> = Vec::new();
    if name_part.iter().any(|p| p.text == ",") {
        let parts: Vec<&[Piece]> = name_part
            .split(|p| p.text == ",")
            .filter(|part| !part.is_empty())
            .collect();
        // Only when another part is a description (it has a role head); a
        // list inside a name ("Maintenance, Repair and Overhaul") stays whole.
        let described = |part: &[Piece]| {
            part.iter().any(|p| {
                let lower = p.text.to_lowercase();
                lexicon.is_head(&lower, Group::Person) || lexicon.is_head(&lower, Group::Org)
            })
        };
        let best = (0..parts.len())
            .max_by_key(|&i| (name_score(parts[i], lexicon), std::cmp::Reverse(i)))
            .filter(|&best| (0..parts.len()).any(|i| i != best && described(parts[i])));
        if let Some(best) = best {
            for (i, part) in parts.iter().enumerate() {
                if i != best {
                    if let (Some(first), Some(last)) = (part.first(), part.last()) {
                        role_parts.push((first.start, last.end));
                    }
                }
            }
            name_part = parts[best];
        }
    }
    // Quotes, brackets and possessive endings around the name.
    let mut lo = 0;
    let mut hi = name_part.len();
    while lo < hi
        && (is_punct(name_part[lo].text) || is_determiner(&name_part[lo].text.to_lowercase()))
    {
        lo += 1;
    }
    while hi > lo && (is_punct(name_part[hi - 1].text) || is_possessive(name_part[hi - 1].text)) {
        hi -= 1;
    }
    if lo == hi {
        lo = 0;
        hi = name_part.len();
    }
    let core = &name_part[lo..hi];

    // Titles, roles and descriptions before the name: everything up to the
    // last word that cannot be part of a name.
    let mut gender = Gender::Unknown;
    let mut name_from = 0;
    for (i, piece) in core.iter().enumerate() {
        let lower = piece.text.to_lowercase();
        let not_name = if is_punct(piece.text) {
            // Hyphens and apostrophes split off by the tokenizer ("al - Assad").
            false
        } else if let Some(g) = honorific_gender(piece.text) {
            gender = gender.merge(g);
            true
        } else if group == Group::Person && lexicon.is_person_title(&lower) {
            gender = gender.merge(role_word_gender(&lower));
            true
        } else {
            // "iTunes", "eBay": a capital inside makes a name word too.
            !piece.text.chars().any(char::is_uppercase)
                && !is_connector(&lower)
                && !piece.text.starts_with(|c: char| c.is_ascii_digit())
                && !lower.starts_with("al-")
                && !lower.starts_with("el-")
        };
        if not_name && i + 1 < core.len() {
            name_from = i + 1;
        }
    }
    // A role is the description part without honorifics and determiners.
    let mut inner_role = None;
    if name_from > 0 && matches!(group, Group::Person | Group::Org) {
        let prefix = &core[..name_from];
        let first = prefix.iter().position(|p| {
            honorific_gender(p.text).is_none() && !is_determiner(&p.text.to_lowercase())
        });
        if let Some(first) = first {
            let has_head = prefix[first..].iter().any(|p| {
                let lower = p.text.to_lowercase();
                lexicon.is_head(lower.trim_end_matches('.'), group)
                    || (group == Group::Person && lexicon.is_person_title(&lower))
            });
            if has_head {
                inner_role = Some((prefix[first].start, prefix[name_from - 1].end));
            }
        }
    }
    if inner_role.is_none() {
        inner_role = role_parts.into_iter().next();
    }
    let mut name = &core[name_from..];
    // Leading connectors left by the cut ("of X") and company suffixes.
    while name.len() > 1
        && is_connector(&name[0].text.to_lowercase())
        && !starts_upper(name[0].text)
        && name[0].text != "de"
        && name[0].text != "al"
        && name[0].text != "bin"
    {
        name = &name[1..];
    }
    if name.is_empty() {
        name = core;
    }
    // The written name keeps a company suffix ("Apple Inc."), the match form does not.
    let written = name;
    if matches!(group, Group::Org | Group::Misc) {
        while name.len() > 1 && is_company_suffix(name[name.len() - 1].text) {
            name = &name[..name.len() - 1];
        }
    }
    let words = normalise_words(
        name.iter()
            .map(|p| p.text)
            .filter(|t| !is_possessive(t) && !is_punct(t)),
    );
    let key = words.join(" ");
    let (start, end) = match (written.first(), written.last()) {
        (Some(first), Some(last)) => (first.start, last.end),
        _ => (0, 0),
    };
    let acronym = if let [only] = name {
        acronym_form(only.text)
    } else {
        None
    };
    let capitals = name.iter().all(|p| {
        p.text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    });
    Name {
        written_words: name.iter().filter(|p| !is_punct(p.text)).count(),
        derived_acronym: derive_acronym(name),
        words,
        key,
        start,
        end,
        acronym_form: acronym,
        paren_alias,
        inner_role,
        gender,
        capitals,
    }
}

fn is_company_suffix(text: &str) -> bool {
    let dotless: String = text.chars().filter(|c| *c != '.' && *c != ',').collect();
    matches!(
        dotless.to_ascii_lowercase().as_str(),
        "inc"
            | "corp"
            | "corporation"
            | "co"
            | "ltd"
            | "limited"
            | "plc"
            | "llc"
            | "nv"
            | "ag"
            | "sa"
            | "gmbh"
            | "spa"
            | "bv"
    )
}

/// Initials of the capitalised words of a name of two or more words; a word
/// in capitals gives all its letters ("UN Security Council" -> "UNSC").
fn derive_acronym(name: &[Piece]) -> Option<String> {
    if name.len() < 2 {
        return None;
    }
    let mut acronym = String::new();
    for piece in name {
        if let Some(form) = acronym_form(piece.text) {
            acronym.push_str(&form);
        } else if let Some(c) = piece.text.chars().next().filter(|c| c.is_uppercase()) {
            acronym.extend(c.to_uppercase());
        }
    }
    (acronym.chars().count() >= 2).then_some(acronym)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<Piece<'_>> {
        let mut out = Vec::new();
        let mut offset = 0;
        for word in text.split(' ') {
            out.push(Piece {
                start: offset as u32,
                end: (offset + word.len()) as u32,
                text: word,
            });
            offset += word.len() + 1;
        }
        out
    }

    #[test]
    fn titles_and_descriptions_leave_the_name() {
        let lexicon = Lexicon::get();
        let text = "JSA Research defence analyst Paul Nesbit";
        let name = analyse(&pieces(text), Group::Person, lexicon);
        assert_eq!(name.key, "paul nesbit");
        let (s, e) = name.inner_role.unwrap();
        assert_eq!(
            &text[s as usize..e as usize],
            "JSA Research defence analyst"
        );
        let text = "Mrs Sandy Angers";
        let name = analyse(&pieces(text), Group::Person, lexicon);
        assert_eq!(name.key, "sandy angers");
        assert_eq!(name.gender, Gender::Female);
        assert!(name.inner_role.is_none());
        let text = "the United States Air Force ( USAF";
        let name = analyse(&pieces(text), Group::Org, lexicon);
        assert_eq!(name.key, "united states air force");
        assert_eq!(name.derived_acronym.as_deref(), Some("USAF"));
        assert_eq!(name.paren_alias.as_deref(), Some("USAF"));
        let name = analyse(&pieces("Bank of America Corp."), Group::Org, lexicon);
        assert_eq!(name.key, "bank of america");
        let name = analyse(&pieces("U.N."), Group::Org, lexicon);
        assert_eq!(name.acronym_form.as_deref(), Some("UN"));
        assert_eq!(name.key, "un");
    }

    #[test]
    fn alias_table_parses_and_honours_capitals() {
        let lexicon = Lexicon::get();
        assert!(lexicon.aliases.len() > 200);
        let daesh = lexicon.aliases["daesh"].0;
        assert_eq!(lexicon.aliases["islamic state"].0, daesh);
        assert_eq!(lexicon.aliases["isil"].0, daesh);
        let is = analyse(&pieces("IS"), Group::Org, lexicon);
        assert_eq!(lexicon.alias_entry(&is), Some(daesh));
        let lower_is = analyse(&pieces("is"), Group::Org, lexicon);
        assert_eq!(lexicon.alias_entry(&lower_is), None);
        assert_eq!(lexicon.first_names.get("John"), Some(&Gender::Male));
    }
}
