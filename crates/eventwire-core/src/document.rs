//! The analysed document (`eventwire.document/1`): one cleaned text plus
//! stand-off annotation layers whose spans are byte offsets into that text.
//!
//! The JSON shape is the contract in `document-v1`: every field is always
//! present, a stage that found nothing gives `[]` or `null`.

use serde::{Deserialize, Serialize};

/// Schema identifier written into every document.
pub const SCHEMA: &str = "eventwire.document/1";

/// A byte range `[start, end)` into [`Document::text`], on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The covered text. Panics if the span is out of bounds, as slicing does.
    pub fn text(self, text: &str) -> &str {
        &text[self.range()]
    }
}

/// Input format of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Html,
    Jsonl,
    Warc,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub path: String,
    pub format: Format,
    pub url: Option<String>,
    /// 1-based record number inside a JSON Lines or WARC file.
    pub record: Option<u64>,
    /// The container's own id of the article (JSON Lines `id`, `WARC-Record-ID`).
    pub source_id: Option<String>,
    /// When the page was fetched (`WARC-Date`), not when it was published.
    pub fetched: Option<String>,
}

impl Input {
    /// A plain-text article known only by its path (or any name): no URL,
    /// record, container id or fetch date. What evals and tests hand the pipeline.
    pub fn text(path: impl Into<String>) -> Input {
        Input {
            path: path.into(),
            format: Format::Txt,
            url: None,
            record: None,
            source_id: None,
            fetched: None,
        }
    }
}

/// A date written in a calendar other than the Gregorian, converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDate {
    pub calendar: String,
    pub text: String,
    /// Gregorian ISO date the text converts to.
    pub date: Option<String>,
}

/// The opening line of a wire story: "LONDON, Feb 7 (Reuters) -".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    pub text: String,
    /// Where the dateline stands in `text`.
    pub start: u32,
    pub end: u32,
    pub place: Option<String>,
    /// Gregorian ISO date (`YYYY-MM-DD`, or `--MM-DD` style partial when the year is missing).
    pub date: Option<String>,
    pub calendars: Vec<CalendarDate>,
    pub agency: Option<String>,
}

/// How a source stands to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceRelation {
    /// Published the article (dateline agency, site name).
    Publisher,
    /// Relayed by the publisher ("quoting Anadolu Agency", "(AA)" credits).
    Quoted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub relation: SourceRelation,
}

/// Why cleaning dropped a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovalKind {
    RelatedLink,
    DuplicateLine,
    PhotoCredit,
    EditorCode,
    Footer,
    Navigation,
    Other,
}

impl RemovalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalKind::RelatedLink => "related-link",
            RemovalKind::DuplicateLine => "duplicate-line",
            RemovalKind::PhotoCredit => "photo-credit",
            RemovalKind::EditorCode => "editor-code",
            RemovalKind::Footer => "footer",
            RemovalKind::Navigation => "navigation",
            RemovalKind::Other => "other",
        }
    }
}

/// A piece of text that cleaning removed, so nothing is lost silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub kind: RemovalKind,
    /// Name of the rule that fired (stable identifier, for per-rule reports).
    pub rule: String,
    pub text: String,
}

/// One token. The tagger fills `pos` (Universal POS), `tag` (Penn Treebank)
/// and `lemma`; the parser fills `head` (index of the head token in the
/// document's token list; the root of a sentence points at itself) and `dep`
/// (Universal Dependencies relation, `root` for the root).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub pos: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    pub lemma: Option<String>,
    pub head: Option<u32>,
    pub dep: Option<String>,
}

impl Token {
    /// A token over `span` with no annotation yet (the segmenter's output).
    pub fn bare(span: Span) -> Token {
        Token {
            start: span.start,
            end: span.end,
            pos: None,
            tag: None,
            lemma: None,
            head: None,
            dep: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub start: u32,
    pub end: u32,
    pub canonical: Option<String>,
    pub cluster: Option<u32>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpression {
    pub text: String,
    pub start: u32,
    pub end: u32,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: Option<String>,
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geonames_id: Option<u64>,
    pub feature: String,
    pub precision_km: f64,
    /// For a street, building, river or other local feature the gazetteer
    /// does not hold: the town it is placed in (its point and extent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_cluster: Option<u32>,
    pub cue: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub kind: String,
    pub number: u64,
    pub qualifier: Option<String>,
    pub object: Option<String>,
    pub source: Option<String>,
    pub since: Option<String>,
    pub text: String,
    pub start: u32,
    pub end: u32,
}

/// One coded political event: who did what to whom, when, where, per whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Who acted; `None` when the text names no codable actor.
    pub source: Option<EventActor>,
    /// To whom; `None` for events without a target.
    pub target: Option<EventActor>,
    /// CAMEO 2.0 event code ("041", "195", "1711").
    pub cameo: String,
    /// PLOVER event type ("CONSULT", "ASSAULT") and mode, from the CAMEO→PLOVER table.
    pub plover: Option<String>,
    pub mode: Option<String>,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein conflict–cooperation weight of the CAMEO code, −10 to +10.
    pub goldstein: f32,
    /// asserted | negated | future | hypothetical | claimed
    pub status: String,
    /// TIMEX3 value of when it happened; `None` if unknown.
    pub date: Option<String>,
    /// Where `date` came from: "text" (a time expression linked to the event) or
    /// "reporting" (the article's own date, used when the text gives none).
    pub date_source: Option<String>,
    pub place: Option<EventPlace>,
    /// Whose claim this is, when the article attributes it (canonical name).
    pub reported_by: Option<String>,
    /// Index into `sentences` of the (first) mention.
    pub sentence: u32,
    /// The text of the clause or phrase the event was read from.
    pub evidence: String,
    pub start: u32,
    pub end: u32,
    /// How many mentions in the article were merged into this event (≥ 1).
    pub mentions: u32,
}

/// One side of an event. A compound actor ("Kerry and Lavrov") gives one
/// event per member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    pub text: String,
    /// CAMEO-style actor code ("RUS", "USAGOV", "IGOUNO"); `None` when uncoded.
    pub code: Option<String>,
    /// Coreference cluster of the entity, when the actor is a named entity.
    pub cluster: Option<u32>,
    pub start: u32,
    pub end: u32,
}

/// Where an event happened: the place linked to it, as in `places`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub start: u32,
    pub end: u32,
}

/// The analysed article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    pub id: String,
    pub input: Input,
    pub title: Option<String>,
    pub published: Option<String>,
    pub dateline: Option<Dateline>,
    pub sources: Vec<Source>,
    pub text: String,
    pub removed: Vec<Removal>,
    pub sentences: Vec<Span>,
    /// Serialized only when asked for (`--tokens`); see [`Document::without_tokens`].
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tokens: Option<Vec<Token>>,
    pub entities: Vec<Entity>,
    pub times: Vec<TimeExpression>,
    pub places: Vec<Place>,
    pub quotes: Vec<Quote>,
    pub counts: Vec<Count>,
    pub events: Vec<Event>,
    pub warnings: Vec<String>,
}

impl Document {
    /// An empty document over `text`, with every layer empty.
    pub fn new(input: Input, text: String) -> Document {
        Document {
            schema: SCHEMA.to_string(),
            id: text_id(&text),
            input,
            title: None,
            published: None,
            dateline: None,
            sources: Vec::new(),
            text,
            removed: Vec::new(),
            sentences: Vec::new(),
            tokens: None,
            entities: Vec::new(),
            times: Vec::new(),
            places: Vec::new(),
            quotes: Vec::new(),
            counts: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Text of a span of this document.
    pub fn span_text(&self, span: Span) -> &str {
        span.text(&self.text)
    }
}

/// Stable id of a cleaned text: first 16 hex digits of its SHA-256.
pub fn text_id(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    let mut id = String::with_capacity(16);
    for byte in &digest[..8] {
        id.push_str(&format!("{byte:02x}"));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_stable_prefix_of_sha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223...
        assert_eq!(text_id("abc"), "ba7816bf8f01cfea");
    }

    #[test]
    fn empty_layers_serialize_as_empty_lists() {
        let input = Input::text("a.txt");
        let doc = Document::new(input, "Hello.".into());
        let json = serde_json::to_value(&doc).unwrap();
        for layer in [
            "entities", "times", "places", "quotes", "counts", "events", "sources",
        ] {
            assert_eq!(json[layer], serde_json::json!([]), "{layer}");
        }
        assert!(json["dateline"].is_null());
        assert!(json.get("tokens").is_none());
        assert_eq!(json["schema"], SCHEMA);
    }
}
