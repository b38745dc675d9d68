//! Readers for the event gold sets: PETRARCH-style `<Sentence>` records
//! (the PETRARCH2 unit tests, the UD-PETRARCH validation records and the
//! PETR-2 GSR) and the PLOVER gold-standard records (JSON).
//!
//! The PETRARCH files are not well-formed XML (bare `#` comment lines,
//! self-closing `<Sentence …/>` openers followed by their content and a
//! `</Sentence>`, attributes quoted with `'` or spaced around `=`), so the
//! reader cuts records at `<Sentence` and reads the pieces leniently.

use crate::xml::unescape;
use anyhow::Context;
use serde_json::Value;

/// The "no actor" code of PETRARCH's codings (no target, or a code whose
/// country part is unknown, as in `---GOV`).
pub const NO_ACTOR: &str = "---";

/// One expected coding: source → target, CAMEO event code, as the file gives
/// them (`---` for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub source: String,
    pub target: String,
    pub event: String,
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRecord {
    pub id: String,
    /// YYYY-MM-DD, from the record's `date="YYYYMMDD"`.
    pub date: Option<String>,
    pub category: String,
    /// `evaluate="false"` (or `valid="false"`) marks records the file's
    /// authors bypass; absent means evaluated.
    pub evaluate: bool,
    pub codings: Vec<Coding>,
    /// `<EventCoding noevents="True">`: the sentence must give no event.
    pub no_events: bool,
    /// `<EventCoding error="…">`: the record tests the coder's input checks
    /// (`storydiscard`, `dateline`, `bad_input_parse`).
    pub error: Option<String>,
    /// The `<Text>`, entities decoded, line breaks of the file's wrapping
    /// turned into spaces.
    pub text: String,
    /// The `<Parse>` content when it is CoNLL-U (the UD files); `None` for
    /// the Penn-Treebank parses of the PETRARCH2 unit tests.
    pub conllu: Option<String>,
    /// `<Config option=… value=…>` settings in force for this record (they
    /// carry over from record to record, as PETRARCH reads them).
    pub config: Vec<(String, String)>,
}

/// The records of a PETRARCH validation file and the categories its
/// `<Include>` line says are run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceFile {
    pub records: Vec<SentenceRecord>,
    /// Upper-cased words of `<Include>`; empty when the file has none.
    pub included: Vec<String>,
}

impl SentenceFile {
    /// Whether the file's own settings run this record: its category is
    /// included (or there is no `<Include>`) and it is not bypassed.
    pub fn runs(&self, record: &SentenceRecord) -> bool {
        record.evaluate
            && (self.included.is_empty()
                || self
                    .included
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(&record.category)))
    }
}

/// `text` without its `<!-- … -->` comments (an unclosed one runs to the end).
pub fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open + 4..].find("-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in a tag's text: `name="v"`, `name='v'`,
/// with optional spaces around `=`; entities decoded.
pub fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = tag.get(from..)?.find(name) {
        let at = from + found;
        from = at + name.len();
        // Whole attribute names only (`code` must not match `eventcode`).
        let before_ok = tag[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '<');
        let rest = tag[from..].trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let inner = &value[1..];
        let end = inner.find(quote)?;
        return Some(unescape(&inner[..end]));
    }
    None
}

/// The content between `<name>` (or `<name …>`) and `</name>` in `chunk`.
fn element<'a>(chunk: &'a str, name: &str) -> Option<&'a str> {
    let open = chunk.find(&format!("<{name}"))?;
    let after_open = &chunk[open..];
    let content_start = after_open.find('>')? + 1;
    let content = &after_open[content_start..];
    let close = content.find(&format!("</{name}>"))?;
    Some(&content[..close])
}

/// `YYYYMMDD` → `YYYY-MM-DD`; anything else → `None`.
fn iso_date(compact: &str) -> Option<String> {
    let d = compact.trim();
    (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

/// Read a PETRARCH validation file.
pub fn read_sentence_file(xml: &str) -> SentenceFile {
    let text = strip_comments(xml);
    let included = element(&text, "Include")
        .map(|s| s.split_whitespace().map(str::to_uppercase).collect())
        .unwrap_or_default();
    let mut records = Vec::new();
    let mut config: Vec<(String, String)> = Vec::new();
    let mut pieces = text.split("<Sentence ");
    // Configs before the first record apply to it too.
    if let Some(preamble) = pieces.next() {
        read_configs(preamble, &mut config);
    }
    for piece in pieces {
        let Some(end) = piece.find("</Sentence>") else {
            continue;
        };
        let body = &piece[..end];
        let head = &body[..body.find('>').unwrap_or(body.len())];
        let mut codings = Vec::new();
        let mut no_events = false;
        let mut error = None;
        for coding in body.split("<EventCoding").skip(1) {
            let tag = &coding[..coding.find('>').unwrap_or(coding.len())];
            if let Some(value) = attribute(tag, "noevents") {
                no_events |= value.eq_ignore_ascii_case("true");
            } else if let Some(value) = attribute(tag, "error") {
                error = Some(value);
            } else if let Some(event) = attribute(tag, "eventcode") {
                let code = |name| {
                    attribute(tag, name)
                        .map(|c| c.trim().to_string())
                        .filter(|c| !c.is_empty())
                        .unwrap_or_else(|| NO_ACTOR.to_string())
                };
                codings.push(Coding {
                    source: code("sourcecode"),
                    target: code("targetcode"),
                    event: event.trim().to_string(),
                });
            }
        }
        let parse = element(body, "Parse").unwrap_or("");
        let conllu = parse
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
            .then(|| parse.trim().to_string());
        let mut raw_text = element(body, "Text").unwrap_or("").to_string();
        // One GSR record has an empty <Text>; its words are only in the parse.
        if raw_text.trim().is_empty() {
            if let Some(parse) = &conllu {
                raw_text = text_of_conllu(parse);
            }
        }
        let flag = |name| attribute(head, name).map(|v| !v.eq_ignore_ascii_case("false"));
        records.push(SentenceRecord {
            id: attribute(head, "id").unwrap_or_default(),
            date: attribute(head, "date").and_then(|d| iso_date(&d)),
            category: attribute(head, "category").unwrap_or_default(),
            evaluate: flag("evaluate").or(flag("valid")).unwrap_or(true),
            codings,
            no_events,
            error,
            text: unescape(&raw_text.split_whitespace().collect::<Vec<_>>().join(" ")),
            conllu,
            config: config.clone(),
        });
        // Configs after this record's end apply from the next one on.
        read_configs(&piece[end..], &mut config);
    }
    SentenceFile { records, included }
}

fn read_configs(text: &str, config: &mut Vec<(String, String)>) {
    for tag in text.split("<Config").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let (Some(option), Some(value)) = (attribute(tag, "option"), attribute(tag, "value")) {
            config.retain(|(o, _)| *o != option);
            config.push((option, value));
        }
    }
}

/// One actor of a PLOVER record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverActor {
    pub text: String,
    /// Three-letter country (or `IGO`, `NGO`, `IMG`) code.
    pub code: String,
    pub sector: Option<String>,
}

/// One PLOVER gold-standard record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverRecord {
    pub id: String,
    pub date: Option<String>,
    /// The PLOVER type as the file gives it (older names, e.g. `DEMAND`).
    pub event: String,
    pub sources: Vec<PloverActor>,
    pub targets: Vec<PloverActor>,
    pub text: String,
    /// The event words the coders marked (`(EVT: agreed)` in `textInfo.markup`).
    pub event_words: Vec<String>,
}

/// The `(EVT: …)` spans of a PLOVER markup string.
pub fn marked_event_words(markup: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = markup;
    while let Some(at) = rest.find("(EVT:") {
        let after = &rest[at + 5..];
        let end = after.find(')').unwrap_or(after.len());
        let words = after[..end].trim();
        if !words.is_empty() {
            out.push(words.to_string());
        }
        rest = &after[end..];
    }
    out
}

/// Read the PLOVER gold-standard JSON array; `DOCUMENT` entries (file
/// documentation) are skipped. A `source`/`target` that is null, an empty
/// string or a string (the file has a few) counts as no actor.
pub fn read_plover_records(json: &str) -> anyhow::Result<Vec<PloverRecord>> {
    let value: Value = serde_json::from_str(json).context("PLOVER records are not JSON")?;
    let items = value
        .as_array()
        .context("PLOVER records: expected a JSON array")?;
    let actors = |v: Option<&Value>| -> Vec<PloverActor> {
        v.and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|a| {
                        let code = a.get("code")?.as_str()?.trim();
                        (!code.is_empty()).then(|| PloverActor {
                            text: a
                                .get("actorText")
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string(),
                            code: code.to_uppercase(),
                            sector: a
                                .get("sector")
                                .and_then(Value::as_str)
                                .map(str::to_string)
                                .filter(|s| !s.is_empty()),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = |name| item.get(name).and_then(Value::as_str);
        let event = field("event").unwrap_or("").trim().to_uppercase();
        if event == "DOCUMENT" {
            continue;
        }
        let text = field("text")
            .with_context(|| format!("PLOVER record {i} has no text"))?
            .to_string();
        out.push(PloverRecord {
            id: field("id").unwrap_or("").to_string(),
            date: field("date").map(str::to_string),
            event,
            sources: actors(item.get("source")),
            targets: actors(item.get("target")),
            text,
            event_words: item
                .get("textInfo")
                .and_then(|info| info.get("markup"))
                .and_then(Value::as_str)
                .map(marked_event_words)
                .unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The sentence a CoNLL-U parse is of: its word forms, separated by a space
/// unless the word says `SpaceAfter=No`.
pub fn text_of_conllu(parse: &str) -> String {
    let mut out = String::new();
    for line in parse.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 10 || !fields[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        out.push_str(fields[1]);
        if !fields[9].contains("SpaceAfter=No") {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// One CoNLL-U word: form, lemma, UPOS, XPOS, head (1-based, 0 = root), relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub head: usize,
    pub deprel: String,
}

/// The words of a CoNLL-U parse (multi-word token lines and empty nodes skipped).
pub fn read_conllu(parse: &str) -> Vec<ConlluWord> {
    parse
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() < 8 || !fields[0].bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(ConlluWord {
                form: fields[1].to_string(),
                lemma: fields[2].to_string(),
                upos: fields[3].to_string(),
                xpos: fields[4].to_string(),
                head: fields[6].parse().ok()?,
                deprel: fields[7].to_string(),
            })
        })
        .collect()
}
