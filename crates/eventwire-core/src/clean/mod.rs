//! Cleaning of article bodies: boilerplate lines out (each into `removed`
//! with its kind and rule), whitespace and Unicode normalised.
//!
//! The body is cut into units (paragraphs): a blank line always ends one; in
//! hard-wrapped wire copy the wrapped lines of a paragraph are joined and an
//! indented line starts the next one; elsewhere every line is a paragraph.
//! Rules then look at whole units (related links, credits, share prompts,
//! duplicates, footers at the end) and at unit tails (editor codes). Kept
//! units are joined with one blank line and put in Unicode NFC. Quotes,
//! apostrophes and dashes are never rewritten.
//!
//! Every pass is linear in the input; duplicates are found with a hash set.

mod normalize;
mod rules;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::document::Removal;
use normalize::{is_visible, push_normalized};
use rules::Hit;

/// A cleaned body and what was taken out of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub removed: Vec<Removal>,
}

/// Clean an article body (plain text, paragraphs separated by blank lines).
pub fn clean(text: &str) -> Cleaned {
    let lines = split_lines(text);
    let wire = is_hard_wrapped(&lines);
    let mut units = group_units(text, &lines, wire);
    let mut removed = Vec::new();

    // Tails first (a paragraph ending in "(T/P010/R03)" keeps its body),
    // then whole-unit rules, which do not depend on position.
    for unit in &mut units {
        strip_tails(text, unit, &mut removed);
        if unit.text.is_empty() {
            unit.kept = false;
        } else if let Some(hit) = rules::classify_unit(&unit.text) {
            remove_unit(text, unit, hit, &mut removed);
        }
    }

    // NFC before duplicate detection, so a second cleaning sees the same keys.
    for unit in units.iter_mut().filter(|unit| unit.kept) {
        if !unit.text.is_ascii() && is_nfc_quick(unit.text.chars()) != IsNormalized::Yes {
            unit.text = unit.text.nfc().collect();
        }
    }

    // Footer before and after duplicates: each can expose work for the other
    // (a doubled paragraph that only differed by its sign-off, a sign-off
    // left last by a removed repeat).
    remove_footer(text, &mut units, &mut removed);
    remove_duplicates(text, &mut units, &mut removed);
    remove_footer(text, &mut units, &mut removed);

    // Report removals in input order.
    removed.sort_by_key(|(at, _)| *at);
    let removed = removed.into_iter().map(|(_, removal)| removal).collect();

    let mut out = String::with_capacity(text.len());
    for unit in units.iter().filter(|unit| unit.kept) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&unit.text);
    }
    Cleaned { text: out, removed }
}

/// One input line: byte range without its terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// No visible character on the line.
    blank: bool,
    /// Starts with white space (a paragraph indent in wire copy).
    indented: bool,
    /// Length in bytes without trailing white space.
    width: usize,
    /// Length in bytes of the first word.
    first_word: usize,
    /// Starts with a lower-case letter.
    lower_start: bool,
}

/// Lines split at LF, CR and CRLF.
fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while start <= bytes.len() {
        let end =
            memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        lines.push(describe_line(text, start, end));
        if end >= bytes.len() {
            break;
        }
        start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    lines
}

fn describe_line(text: &str, start: usize, end: usize) -> Line {
    let line = &text[start..end];
    if line.is_ascii() {
        return describe_ascii_line(line.as_bytes(), start, end);
    }
    let content = line.trim_end();
    let body = content.trim_start();
    let blank = !body.chars().any(is_visible);
    Line {
        start,
        end,
        blank,
        indented: body.len() < content.len(),
        width: content.len(),
        first_word: body.find(char::is_whitespace).unwrap_or(body.len()),
        lower_start: body.starts_with(char::is_lowercase),
    }
}

/// [`describe_line`] for the common all-ASCII line, on bytes.
fn describe_ascii_line(line: &[u8], start: usize, end: usize) -> Line {
    let visible = |byte: &u8| (0x21..0x7F).contains(byte);
    let content_end = line
        .iter()
        .rposition(|byte| !byte.is_ascii_whitespace())
        .map_or(0, |at| at + 1);
    let body_start = line[..content_end]
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(content_end);
    let body = &line[body_start..content_end];
    Line {
        start,
        end,
        blank: !body.iter().any(visible),
        indented: body_start > 0,
        width: content_end,
        first_word: body
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(body.len()),
        lower_start: body.first().is_some_and(u8::is_ascii_lowercase),
    }
}

/// Widest line that hard-wrapped copy may have; wire services wrap near 64-80.
const MAX_WRAP_WIDTH: usize = 100;

/// Whether the body is hard-wrapped copy whose line breaks inside a paragraph
/// are not paragraph breaks. True when nearly all lines are short and most
/// unindented continuation lines start with a word that would not have fitted
/// on the line before (what a line-wrapping program does).
fn is_hard_wrapped(lines: &[Line]) -> bool {
    let mut content_lines = 0usize;
    let mut long_lines = 0usize;
    let mut width = 0usize;
    for line in lines.iter().filter(|line| !line.blank) {
        content_lines += 1;
        if line.width > MAX_WRAP_WIDTH {
            long_lines += 1;
        } else {
            width = width.max(line.width);
        }
    }
    if content_lines < 2 || long_lines * 10 > content_lines {
        return false;
    }
    // Lines are wrapped a little short of the widest one: allow an eighth.
    let slack = width / 8;
    let mut continuations = 0usize;
    let mut wrapped = 0usize;
    let mut indented_starts = 0usize;
    for pair in lines.windows(2) {
        let (line, next) = (pair[0], pair[1]);
        if line.blank || next.blank {
            continue;
        }
        if next.indented {
            indented_starts += 1;
            continue;
        }
        continuations += 1;
        // The next line's first word would not have fitted on this line, or
        // the next line goes on with a sentence (lower-case start).
        if line.width + 1 + next.first_word + slack > width || next.lower_start {
            wrapped += 1;
        }
    }
    // Paragraphs marked by an indent rather than a blank line (wire copy)
    // make wrapping likely, so less evidence is needed.
    let needed = if indented_starts > 0 { 4 } else { 2 };
    continuations > 0 && wrapped * needed >= continuations
}

/// A paragraph-to-be: its raw byte range and normalised text.
#[derive(Debug, Clone)]
struct Unit {
    raw: Range<usize>,
    text: String,
    kept: bool,
}

fn group_units(text: &str, lines: &[Line], wire: bool) -> Vec<Unit> {
    // Wire sign-offs ("REUTER", "More") stand on their own line at the end
    // but carry no indent; they must not be joined into the last paragraph.
    let mut tail_start = lines.len();
    if wire {
        let mut scratch = String::new();
        for (index, line) in lines.iter().enumerate().rev() {
            if line.blank {
                continue;
            }
            scratch.clear();
            let mut pending = false;
            push_normalized(&mut scratch, &text[line.start..line.end], &mut pending);
            if !rules::is_wire_signoff(&scratch) {
                break;
            }
            // "... Plc told\nReuters." is a wrapped sentence, not a sign-off:
            // the sign-off is in capitals, indented, or follows a blank line
            // or a full sentence.
            let after_sentence = match index.checked_sub(1).map(|before| lines[before]) {
                None => true,
                Some(previous) => {
                    previous.blank || rules::ends_sentence(&text[previous.start..previous.end])
                }
            };
            let capitals = !scratch.chars().any(char::is_lowercase);
            let stands_alone = capitals || line.indented || after_sentence;
            if !stands_alone {
                break;
            }
            tail_start = index;
        }
    }

    // Which lines make each unit, then each unit's text in one allocation.
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for (index, line) in lines.iter().enumerate() {
        if line.blank {
            open = false;
            continue;
        }
        let joins = open && wire && !line.indented && index < tail_start;
        match spans.last_mut() {
            Some(span) if joins => span.end = index + 1,
            _ => spans.push(index..index + 1),
        }
        open = true;
    }
    spans
        .into_iter()
        .map(|span| {
            let (first, last) = (lines[span.start], lines[span.end - 1]);
            let mut unit = Unit {
                raw: first.start..last.end,
                text: String::with_capacity(last.end - first.start),
                kept: true,
            };
            for line in &lines[span] {
                // A line break inside a unit is a space (never a leading one).
                push_normalized(&mut unit.text, &text[line.start..line.end], &mut true);
            }
            unit
        })
        .collect()
}

/// The raw input text behind a unit, without surrounding white space.
fn raw_text(text: &str, range: Range<usize>) -> &str {
    text[range].trim_matches(|c: char| !is_visible(c))
}

/// Removals with the input offset they came from.
type Removals = Vec<(usize, Removal)>;

fn record(removed: &mut Removals, hit: Hit, input: &str, piece: &str) {
    let at = piece.as_ptr() as usize - input.as_ptr() as usize;
    removed.push((
        at,
        Removal {
            kind: hit.kind,
            rule: hit.rule.to_string(),
            text: piece.to_string(),
        },
    ));
}

fn remove_unit(text: &str, unit: &mut Unit, hit: Hit, removed: &mut Removals) {
    unit.kept = false;
    record(removed, hit, text, raw_text(text, unit.raw.clone()));
}

/// Cut editor codes and credits off the end of a unit, repeatedly.
fn strip_tails(text: &str, unit: &mut Unit, removed: &mut Removals) {
    while let Some((cut, hit)) = rules::tail_code(&unit.text) {
        cut_tail(text, unit, cut, hit, removed);
        if unit.text.is_empty() {
            break;
        }
    }
}

/// Remove `unit.text[cut..]` and record it as it stands in the input.
fn cut_tail(text: &str, unit: &mut Unit, cut: usize, hit: Hit, removed: &mut Removals) {
    // The removed piece in the input: the same number of visible characters,
    // counted back from the end of the raw unit (normalisation only changes
    // white space and invisible characters).
    let wanted = unit.text[cut..].chars().filter(|&c| c != ' ').count();
    let raw = raw_text(text, unit.raw.clone());
    let raw_offset = raw.as_ptr() as usize - text.as_ptr() as usize;
    let mut seen = 0usize;
    let mut raw_cut = raw.len();
    for (at, c) in raw.char_indices().rev() {
        if seen == wanted {
            break;
        }
        if is_visible(c) {
            seen += 1;
            raw_cut = at;
        }
    }
    record(removed, hit, text, &raw[raw_cut..]);
    unit.text.truncate(cut);
    let kept_len = unit.text.trim_end().len();
    unit.text.truncate(kept_len);
    unit.raw.end = raw_offset + raw_cut;
    if unit.text.is_empty() {
        unit.kept = false;
    }
}

/// Drop exact repeats of earlier paragraphs that come from copy or
/// extraction errors: a paragraph repeated right after itself, or a run of
/// two or more paragraphs repeated in the same order (a doubled story).
/// A lone repeat elsewhere is kept: interviews repeat their questions, meal
/// plans and spec lists their items. Only prose counts (see
/// [`rules::is_duplicate_candidate`]).
fn remove_duplicates(text: &str, units: &mut [Unit], removed: &mut Removals) {
    let kept: Vec<usize> = (0..units.len())
        .filter(|&index| units[index].kept)
        .collect();
    // For each kept unit, the position (in `kept`) of its first occurrence.
    let mut copy_of: Vec<Option<usize>> = vec![None; kept.len()];
    // Paragraph hash -> position of its first occurrence; texts are compared
    // on a hit, so a hash collision can only miss a duplicate.
    let mut first_seen: HashMap<u64, usize, BuildPassThrough> =
        HashMap::with_capacity_and_hasher(kept.len(), BuildPassThrough::default());
    for (position, &index) in kept.iter().enumerate() {
        let unit = &units[index];
        let key = fx_hash(unit.text.as_bytes());
        match first_seen.get(&key) {
            // Checked only on a repeat, which is rare.
            Some(&first)
                if units[kept[first]].text == unit.text
                    && rules::is_duplicate_candidate(&unit.text) =>
            {
                copy_of[position] = Some(first)
            }
            Some(_) => {}
            None => {
                first_seen.insert(key, position);
            }
        }
    }
    // The last paragraph still kept, so that a triple counts as adjacent too.
    let mut last_kept: Option<usize> = None;
    for position in 0..kept.len() {
        let Some(first) = copy_of[position] else {
            last_kept = Some(position);
            continue;
        };
        let adjacent = last_kept.is_some_and(|last| last == first || copy_of[last] == Some(first));
        let run_before = position > 0 && first > 0 && copy_of[position - 1] == Some(first - 1);
        let run_after = copy_of.get(position + 1).copied().flatten() == Some(first + 1);
        if adjacent || run_before || run_after {
            remove_unit(text, &mut units[kept[position]], rules::DUPLICATE, removed);
        } else {
            last_kept = Some(position);
        }
    }
}

/// A fast non-cryptographic hash (Fx-style, eight bytes a step); duplicates
/// are confirmed by comparing texts, so its quality only affects speed.
fn fx_hash(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut chunks = bytes.chunks_exact(8);
    let mut hash = bytes.len() as u64;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = step(hash, u64::from_le_bytes(word));
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    step(hash, u64::from_le_bytes(last))
}

/// A hasher that passes a `u64` key through.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fx_hash(bytes);
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

type BuildPassThrough = BuildHasherDefault<PassThrough>;

/// Agency sign-offs and end markers, only in the run of units at the end.
fn remove_footer(text: &str, units: &mut [Unit], removed: &mut Removals) {
    for unit in units.iter_mut().rev() {
        if !unit.kept {
            continue;
        }
        if let Some(hit) = rules::classify_footer(&unit.text) {
            remove_unit(text, unit, hit, removed);
            continue;
        }
        // "... total 55.8 (33.7).        REUTER" on the last line; what is
        // left goes through the other rules again.
        let Some((cut, hit)) = rules::tail_signoff(&unit.text) else {
            break;
        };
        cut_tail(text, unit, cut, hit, removed);
        strip_tails(text, unit, removed);
        if !unit.text.is_empty() {
            match rules::classify_unit(&unit.text) {
                Some(hit) => remove_unit(text, unit, hit, removed),
                None => break,
            }
        }
    }
}
